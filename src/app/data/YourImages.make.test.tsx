// @vitest-environment jsdom
/** "Your images": gathering images per class, Make dataset with progress and Cancel, and what the user is told. */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOT_AN_IMAGE } from '../../engine/data/prepareSet';
import { makeUserDataset } from '../../workers/userDatasets/testing';
import { fieldNamed, typeText, pressKey } from '../fields/typeInto';
import { useAppStore } from '../store';
import { useStagingStore } from './stagingStore';
import { unmount } from '../testing/mount';
import {
  button,
  chooseFiles,
  click,
  fileAt,
  mountYourImages,
  settle,
  type OwnImagesRig,
} from '../testing/ownImages';

let rig: OwnImagesRig;
const initial = useAppStore.getState();
const host = () => rig.m.host;
const region = () => host().querySelector<HTMLElement>('[role="region"][aria-label="Your images"]')!;
const field = (name: string) => fieldNamed(host(), name) as HTMLInputElement;
const said = () => host().querySelector('.own__said')?.textContent ?? '';
const alerts = () => [...host().querySelectorAll('[role="alert"]')].map((a) => a.textContent);
const classes = () =>
  [...host().querySelectorAll('[aria-label="Classes to make"] li')].map((li) =>
    [li.querySelector('input')?.value ?? '', li.querySelector('span')?.textContent ?? ''].join(': '),
  );
const png = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });

async function open(r: OwnImagesRig): Promise<void> {
  rig = r;
  click(button(host(), 'Your images…'));
  await settle();
}

/** cats from two picked files (and a stray .txt), dogs from a folder pick. */
function gatherCatsAndDogs(): void {
  typeText(field('Class name'), 'cats');
  chooseFiles(field('Image files'), [png('a.png'), png('b.png'), new File(['hi'], 'notes.txt')]);
  chooseFiles(field('Image folder'), [fileAt('pets/dogs/1.png'), fileAt('pets/dogs/2.png')]);
}

beforeEach(() => {
  useAppStore.setState({ dataset: 'mnist', userDatasets: [], userDatasetsError: null, seed: 7 });
  useStagingStore.getState().reset();
});
afterEach(() => {
  unmount(rig.m);
  useAppStore.setState(initial, true);
});

describe('Your images: making a dataset', () => {
  it('opens as a region in a dialog from the button beside Dataset, with the privacy sentence', async () => {
    await open(mountYourImages());
    expect(host().querySelector('dialog')?.open).toBe(true);
    expect(region().textContent).toContain('Your images never leave this browser');
    click(button(host(), 'Close'));
    expect(host().querySelector('dialog')?.open).toBe(false);
  });

  it('gathers classes from picks, makes the dataset with progress, and chooses it in Dataset', async () => {
    await open(mountYourImages());
    gatherCatsAndDogs();
    expect(said()).toBe('Added 2 images to “dogs”.');
    expect(classes()).toEqual(['cats: 2 images (+ 1 other file, skipped)', 'dogs: 2 images']);
    typeText(field('Image size'), '32');
    typeText(field('Colour'), 'rgb');
    act(() => host().querySelector<HTMLInputElement>('input[type="radio"][value="crop"]')!.click());
    const share = field('Test share');
    typeText(share, '25');
    pressKey(share, 'Enter');
    typeText(field('Dataset name'), 'Pets');
    click(button(host(), 'Make dataset'));

    const job = rig.jobs[0]!;
    expect(job.name).toBe('Pets');
    expect(job.options).toEqual({ size: 32, colour: 'rgb', mode: 'crop', testFraction: 0.25, seed: 7 });
    expect(job.items.map((i) => [i.name, i.label])).toEqual([
      ['a.png', 'cats'],
      ['b.png', 'cats'],
      ['notes.txt', 'cats'],
      ['pets/dogs/1.png', 'dogs'],
      ['pets/dogs/2.png', 'dogs'],
    ]);
    // While it runs: the progress in files, Cancel, and no second Make dataset; the inputs wait.
    job.progress(2, 5);
    expect(region().textContent).toContain('Files 2 / 5');
    expect(host().querySelector('progress[aria-label="Preparing images"]')?.getAttribute('value')).toBe('2');
    expect(() => button(host(), 'Make dataset')).toThrow();
    expect(field('Image files').closest('fieldset')?.disabled).toBe(true);

    const base = makeUserDataset({ id: 'user-pets', classes: 2, count: 4, shape: [32, 32, 3] }).meta;
    const meta = {
      ...base,
      name: 'Pets',
      classNames: ['cats', 'dogs'],
      perClass: { train: [1, 2], test: [1, 0] },
      counts: { train: 3, test: 1 },
      skipped: [{ name: 'notes.txt', reason: NOT_AN_IMAGE }],
    };
    await job.answer({ type: 'done', meta, warnings: ['Class "dogs" has only 2 images; 5 or more help.'] });
    await settle();
    const s = useAppStore.getState();
    expect(s.dataset).toBe('user-pets');
    expect(s.userDatasets.map((m) => m.name)).toEqual(['Pets']);
    const text = region().textContent ?? '';
    expect(text).toContain('Made “Pets”: 4 images of 32×32×3 in 2 classes. It is now the chosen Dataset');
    const rows = [...host().querySelectorAll('.own__counts tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual(['cats11', 'dogs20']);
    expect(text).toContain('Class "dogs" has only 2 images');
    expect(host().querySelector('[aria-label="Skipped files"]')?.textContent).toBe(
      `notes.txt: ${NOT_AN_IMAGE}`,
    );
    // The staging is emptied (and the sentence about the last add goes); the dataset is listed as the chosen one.
    expect(classes()).toEqual([]);
    expect(said()).toBe('');
    expect(host().querySelector('[aria-label="Your datasets"] li[aria-label="Pets"]')?.textContent).toContain(
      'chosen',
    );
  });

  it('a closed region has no fields (their labels stay the page’s), and a job goes on while it is closed', async () => {
    await open(mountYourImages());
    gatherCatsAndDogs();
    click(button(host(), 'Make dataset'));
    rig.jobs[0]!.progress(1, 5);
    click(button(host(), 'Close'));
    expect(host().querySelectorAll('label, input, select')).toHaveLength(0);
    rig.jobs[0]!.progress(3, 5);
    click(button(host(), 'Your images…'));
    expect(region().textContent).toContain('Files 3 / 5');
    expect(button(host(), 'Cancel')).toBeTruthy();
  });

  it('Cancel stops the job; nothing is saved and the images stay', async () => {
    await open(mountYourImages());
    gatherCatsAndDogs();
    click(button(host(), 'Make dataset'));
    click(button(host(), 'Cancel'));
    await settle();
    expect(rig.jobs[0]?.cancelled).toBe(true);
    expect(region().textContent).toContain('Cancelled: nothing was saved.');
    expect(classes()).toHaveLength(2);
    expect(useAppStore.getState().dataset).toBe('mnist');
  });

  it('says in words why it cannot start: no images, one class, not enough space; nothing is sent', async () => {
    await open(mountYourImages({ estimate: { usage: 999_000, quota: 1_000_000 } }));
    click(button(host(), 'Make dataset'));
    expect(alerts()).toEqual([expect.stringContaining('There are no images yet')]);
    typeText(field('Class name'), 'cats');
    chooseFiles(field('Image files'), [png('a.png'), png('b.png')]);
    click(button(host(), 'Make dataset'));
    expect(alerts()).toEqual([
      'A classifier needs at least two classes: all 2 images are in "cats". Add images of another class ' +
        '(a folder per class, or one drop per class).',
    ]);
    typeText(field('Class name'), 'dogs');
    chooseFiles(field('Image files'), [png('c.png')]);
    click(button(host(), 'Make dataset'));
    expect(alerts()).toEqual([
      expect.stringMatching(
        /^Not enough space in this browser for these images: they need about 0\.1 MB .* about 0\.1 MB are free\./,
      ),
    ]);
    expect(rig.jobs).toHaveLength(0);
  });

  it('asks for a class name before adding loose files', async () => {
    await open(mountYourImages());
    chooseFiles(field('Image files'), [png('a.png')]);
    expect(said()).toBe('Type a class name first (for example “cats”): 1 file was not added.');
    expect(classes()).toEqual([]);
  });

  it('shows the worker’s failure with every skipped file by name', async () => {
    await open(mountYourImages());
    gatherCatsAndDogs();
    click(button(host(), 'Make dataset'));
    await rig.jobs[0]!.answer({
      type: 'failed',
      message: 'A classifier needs at least two classes: none of the files is an image it can use.',
      skipped: [
        { name: 'a.png', reason: 'could not be decoded' },
        { name: 'notes.txt', reason: NOT_AN_IMAGE },
      ],
    });
    expect(alerts()).toEqual([
      'A classifier needs at least two classes: none of the files is an image it can use.',
    ]);
    expect([...host().querySelectorAll('[aria-label="Skipped files"] li')].map((l) => l.textContent)).toEqual(
      ['a.png: could not be decoded', `notes.txt: ${NOT_AN_IMAGE}`],
    );
    expect(classes()).toHaveLength(2);
  });

  it('without IndexedDB it says why, and Make dataset is off', async () => {
    const reason =
      'Your own datasets cannot be kept in this browser: this browser offers no IndexedDB storage.';
    await open(mountYourImages({ openStore: () => Promise.reject(new Error(reason)) }));
    expect(alerts()).toContain(reason);
    expect(button(host(), 'Make dataset').disabled).toBe(true);
  });

  it('reads a drop: folders dropped together are classes, and says what happened', async () => {
    await open(mountYourImages());
    const entry = (path: string) => ({
      isFile: true,
      isDirectory: false,
      name: path.slice(path.lastIndexOf('/') + 1),
      fullPath: `/${path}`,
      file: (ok: (f: File) => void) => ok(png(path.slice(path.lastIndexOf('/') + 1))),
    });
    const dir = (name: string, files: string[]) => {
      let given = false;
      return {
        isFile: false,
        isDirectory: true,
        name,
        fullPath: `/${name}`,
        createReader: () => ({
          readEntries: (ok: (es: unknown[]) => void) => {
            ok(given ? [] : files.map((f) => entry(`${name}/${f}`)));
            given = true;
          },
        }),
      };
    };
    const entries = [dir('cats', ['1.png', '2.png']), dir('dogs', ['1.png'])];
    const dataTransfer = {
      types: ['Files'],
      files: [],
      items: entries.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e })),
    };
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: dataTransfer });
    act(() => {
      region().dispatchEvent(drop);
    });
    await settle();
    expect(drop.defaultPrevented).toBe(true);
    expect(said()).toBe('Dropped 2 folders. Added 2 images to “cats” and 1 to “dogs”.');
    expect(classes()).toEqual(['cats: 2 images', 'dogs: 1 image']);
  });
});
