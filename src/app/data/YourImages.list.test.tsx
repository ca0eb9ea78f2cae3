// @vitest-environment jsdom
/** "Your images": the user's datasets (rename, delete, export zip, storage) and a class's gallery. */
import { unzipSync } from 'fflate';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserDatasetId } from '../../engine/data/types';
import { makeUserDataset } from '../../workers/userDatasets/testing';
import { typeText } from '../fields/typeInto';
import { useAppStore } from '../store';
import { unmount } from '../testing/mount';
import { button, click, mountYourImages, settle, type OwnImagesRig } from '../testing/ownImages';
import { imageRgba } from './exportZip';
import { PAGE_SIZE } from './Gallery';
import { useStagingStore } from './stagingStore';

let rig: OwnImagesRig;
const initial = useAppStore.getState();
const host = () => rig.m.host;
const item = (name: string) =>
  host().querySelector<HTMLElement>(`[aria-label="Your datasets"] li[aria-label="${name}"]`);
const text = () => host().textContent ?? '';

async function withDatasets(
  list: { id: UserDatasetId; name: string; count?: number; classes?: number }[],
  estimate: { usage: number; quota: number } | null = null,
): Promise<void> {
  rig = mountYourImages({ estimate });
  for (const d of list) {
    const { meta, data } = makeUserDataset({ ...d, createdAt: list.indexOf(d) + 1 });
    await rig.store.put(meta, data);
  }
  act(() => useAppStore.getState().setUserDatasets([...rig.store.entries.values()].map((e) => e.meta)));
  click(button(host(), 'Your images…'));
  await settle();
}

beforeEach(() => {
  useAppStore.setState({ dataset: 'mnist', userDatasets: [], userDatasetsError: null, status: 'idle' });
  useStagingStore.getState().reset();
});
afterEach(() => {
  unmount(rig.m);
  useAppStore.setState(initial, true);
  vi.restoreAllMocks();
});

describe('Your datasets', () => {
  it('lists each with shape, classes, images and size, the storage used and allowed, and that images stay here', async () => {
    await withDatasets([{ id: 'user-a', name: 'Leaves', count: 10 }], {
      usage: 3 * 1_048_576,
      quota: 2_000 * 1_048_576,
    });
    expect(item('Leaves')?.textContent).toContain(
      '2×2×1 · 2 classes (c0, c1) · 10 images (8 train · 2 test) · 0.1 MB',
    );
    expect(text()).toContain('This page uses 3.0 MB of the about 2,000 MB this browser allows it.');
    expect(text()).toContain('Your images never leave this browser');
    click(button(host(), 'Use Leaves'));
    expect(useAppStore.getState().dataset).toBe('user-a');
    expect(button(host(), 'Use Leaves').disabled).toBe(true);
  });

  it('renames in the store and in Dataset', async () => {
    await withDatasets([{ id: 'user-a', name: 'Leaves' }]);
    click(button(host(), 'Rename Leaves'));
    const input = host().querySelector<HTMLInputElement>('input[aria-label="New name"]')!;
    typeText(input, 'Autumn leaves');
    click(button(host(), 'Save'));
    await settle();
    expect(rig.store.entries.get('user-a')?.meta.name).toBe('Autumn leaves');
    expect(useAppStore.getState().userDatasets[0]?.name).toBe('Autumn leaves');
    expect(item('Autumn leaves')).not.toBeNull();
  });

  it('deletes only after a confirmation; deleting the chosen one goes back to MNIST', async () => {
    await withDatasets([
      { id: 'user-a', name: 'Leaves' },
      { id: 'user-b', name: 'Pets' },
    ]);
    act(() => useAppStore.getState().setDataset('user-b'));
    click(button(host(), 'Delete Pets'));
    expect(item('Pets')?.textContent).toContain('Delete “Pets” and its 10 images from this browser?');
    click(button(host(), 'Keep it'));
    expect(rig.store.entries.has('user-b')).toBe(true);
    click(button(host(), 'Delete Pets'));
    click(button(host(), 'Delete for good'));
    await settle();
    expect(rig.store.entries.has('user-b')).toBe(false);
    expect(useAppStore.getState().dataset).toBe('mnist');
    expect(item('Pets')).toBeNull();
    expect(text()).toContain('Deleted “Pets”. The Dataset is MNIST again.');
  });

  it('exports a zip with one folder per class and a PNG per image', async () => {
    await withDatasets([{ id: 'user-a', name: 'Leaves: big', count: 5 }]);
    click(button(host(), 'Export zip of Leaves: big'));
    await settle();
    expect(rig.download).toHaveBeenCalledTimes(1);
    const [name, bytes, type] = rig.download.mock.calls[0]!;
    expect([name, type]).toEqual(['Leaves_ big.zip', 'application/zip']);
    const files = unzipSync(bytes as Uint8Array);
    expect(Object.keys(files).sort()).toEqual(['c0/0.png', 'c0/2.png', 'c0/4.png', 'c1/1.png', 'c1/3.png']);
    // The fake encoder writes width, height and the first red byte: image 3 starts with 3 * 7 = 21.
    expect([...files['c1/3.png']!]).toEqual([2, 2, 21]);
  });

  it('says when the store refuses', async () => {
    await withDatasets([{ id: 'user-a', name: 'Leaves' }]);
    rig.store.rename = () => Promise.reject(new Error('The new name could not be saved: UnknownError.'));
    click(button(host(), 'Rename Leaves'));
    typeText(host().querySelector<HTMLInputElement>('input[aria-label="New name"]')!, 'x');
    click(button(host(), 'Save'));
    await settle();
    expect(host().querySelector('[role="alert"]')?.textContent).toBe(
      'The new name could not be saved: UnknownError.',
    );
  });
});

describe('the gallery', () => {
  it('shows a class a page at a time, draws the pixels, and removes the selected images from the store', async () => {
    const drawn: Uint8ClampedArray[] = [];
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
      this: HTMLCanvasElement,
    ) {
      const { width, height } = this;
      return {
        createImageData: (w: number, h: number) => ({
          width: w,
          height: h,
          data: new Uint8ClampedArray(w * h * 4),
        }),
        putImageData: (img: ImageData) => drawn.push(new Uint8ClampedArray(img.data)),
        canvas: { width, height },
      };
    } as unknown as HTMLCanvasElement['getContext']);
    // 130 images, 65 per class: two pages of c0.
    await withDatasets([{ id: 'user-a', name: 'Leaves', count: 130 }]);
    act(() => useAppStore.getState().setDataset('user-a'));
    click(button(host(), 'Show images of Leaves'));
    await settle();
    const boxes = () => [...host().querySelectorAll<HTMLInputElement>('.own__thumbs input[type="checkbox"]')];
    expect(text()).toContain('Page 1 of 2');
    expect(boxes()).toHaveLength(PAGE_SIZE);
    expect(drawn[0]).toEqual(imageRgba(rig.store.entries.get('user-a')!.data, [2, 2, 1], 0));
    expect(boxes()[4]?.closest('label')?.textContent).toBe('8.png');
    // Class c0 holds images 0, 2, 4, …; image 4 is in the test split (makeUserDataset: i % 5 === 4).
    expect(boxes()[2]?.closest('label')?.textContent).toBe('4.png (test)');
    click(button(host(), 'Next page'));
    expect(text()).toContain('Page 2 of 2');
    expect(boxes()).toHaveLength(65 - PAGE_SIZE);
    click(button(host(), 'Previous page'));

    const removeImages = vi.spyOn(rig.store, 'removeImages');
    act(() => boxes()[0]!.click());
    act(() => boxes()[1]!.click());
    click(button(host(), 'Remove 2 selected'));
    await settle();
    expect(removeImages).toHaveBeenCalledWith('user-a', [0, 2]);
    const meta = useAppStore.getState().userDatasets[0]!;
    expect(meta.counts.train + meta.counts.test).toBe(128);
    expect(rig.controller.prepare).toHaveBeenCalledTimes(1);
    expect(text()).toContain('Removed 2 images.');
    await settle();
    expect(boxes()[0]?.closest('label')?.textContent).toBe('4.png (test)');
    expect(button(host(), 'Remove 0 selected').disabled).toBe(true);
  });

  it('keeps at least two classes', async () => {
    await withDatasets([{ id: 'user-a', name: 'Tiny', count: 4 }]);
    click(button(host(), 'Show images of Tiny'));
    await settle();
    click(button(host(), 'Select this page'));
    click(button(host(), 'Remove 2 selected'));
    expect(host().querySelector('[role="alert"]')?.textContent).toBe(
      'A classifier needs images in at least two classes: these images cannot all go.',
    );
    expect(rig.store.entries.get('user-a')?.data.count).toBe(4);
  });
});
