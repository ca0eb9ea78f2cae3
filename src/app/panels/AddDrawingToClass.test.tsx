// @vitest-environment jsdom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { findClass } from '../data/staging';
import { useStagingStore } from '../data/stagingStore';
import { mount, unmount, type Mounted } from '../testing/mount';
import { AddDrawingToClass } from './AddDrawingToClass';
import { getDrawnImage, setDrawnImage } from './drawnImage';

let m: Mounted;
let onAdded: Mock<() => void>;
const field = (): HTMLInputElement => m.host.querySelector('input')!;
const add = (): void =>
  act(() => [...m.host.querySelectorAll('button')].find((b) => b.textContent === 'Add to class')!.click());
function type(value: string): void {
  act(() => {
    const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    set.call(field(), value);
    field().dispatchEvent(new Event('input', { bubbles: true }));
  });
}
// What the pad's clear does (DrawPanel passes it as onAdded).
const clearPad = (): void => setDrawnImage(null);

beforeEach(() => {
  useStagingStore.getState().reset();
  setDrawnImage(null);
  onAdded = vi.fn(clearPad);
  m = mount();
  act(() => m.root.render(createElement(AddDrawingToClass, { onAdded })));
});
afterEach(() => unmount(m));

describe('AddDrawingToClass', () => {
  it('adds the drawing as one grey PNG of the typed class, counts it and clears the pad', async () => {
    const label = m.host.querySelector('label')!;
    expect(label.textContent).toBe('Class for drawings');
    expect(label.htmlFor).toBe(field().id);
    act(() => setDrawnImage(new Uint8Array(784).fill(255)));
    type('  seven ');
    add();
    const seven = findClass(useStagingStore.getState().staging, 'seven')!;
    expect(seven.items).toHaveLength(1);
    expect(seven.items[0]!.name).toBe('drawing 1');
    expect(seven.items[0]!.label).toBe('seven');
    expect(seven.items[0]!.file.type).toBe('image/png');
    const bytes = new Uint8Array(await seven.items[0]!.file.arrayBuffer());
    expect(
      [...bytes.subarray(12, 24)]
        .map((b) => String.fromCharCode(b))
        .join('')
        .slice(0, 4),
    ).toBe('IHDR');
    expect(new DataView(bytes.buffer).getUint32(16)).toBe(28);
    expect(useStagingStore.getState().staging.classes.map((c) => c.name)).toEqual(['seven']);
    expect(onAdded).toHaveBeenCalledTimes(1);
    expect(getDrawnImage()).toBeNull();
    expect(m.host.textContent).toContain('1 image in “seven”');
    act(() => setDrawnImage(new Uint8Array(784).fill(9)));
    add();
    expect(findClass(useStagingStore.getState().staging, 'seven')!.items.map((i) => i.name)).toEqual([
      'drawing 1',
      'drawing 2',
    ]);
    expect(m.host.textContent).toContain('2 images in “seven”');
  });

  it('without a drawing or a class name adds nothing and says why', () => {
    type('seven');
    add();
    expect(m.host.textContent).toContain('Draw something first.');
    act(() => setDrawnImage(new Uint8Array(784).fill(1)));
    type('');
    add();
    expect(m.host.textContent).toContain('Type a class name first');
    expect(useStagingStore.getState().staging.classes).toEqual([]);
    expect(onAdded).not.toHaveBeenCalled();
    expect(getDrawnImage()).not.toBeNull();
  });
});
