import { beforeEach, describe, expect, it } from 'vitest';
import { addClass, findClass } from './staging';
import { addGenerated, nextItemName, selectClassSize, useStagingStore } from './stagingStore';

const png = (n: number): Blob => new Blob([new Uint8Array(n)], { type: 'image/png' });

beforeEach(() => useStagingStore.getState().reset());

describe('staging store', () => {
  it('adds generated images under numbered names and says what it did', () => {
    addGenerated('cats', 'drawing', png(3));
    addGenerated('cats', 'drawing', png(3));
    addGenerated('dogs', 'drawing', png(3));
    const s = useStagingStore.getState();
    expect(findClass(s.staging, 'cats')!.items.map((i) => [i.name, i.label])).toEqual([
      ['drawing 1', 'cats'],
      ['drawing 2', 'cats'],
    ]);
    expect(selectClassSize('dogs')(s)).toBe(1);
    expect(selectClassSize('birds')(s)).toBe(0);
    expect(s.message).toBe('Added 1 image to “dogs”.');
  });
  it('numbers after the highest name used, so a removed one is not reused', () => {
    let s = addClass(useStagingStore.getState().staging, 'cats');
    useStagingStore.getState().setStaging(s);
    useStagingStore.getState().add('cats', [
      { file: png(1), name: 'camera 1' },
      { file: png(1), name: 'camera 7' },
      { file: png(1), name: 'camera x' },
    ]);
    s = useStagingStore.getState().staging;
    expect(nextItemName(s, 'cats', 'camera')).toBe('camera 8');
    expect(nextItemName(s, 'cats', 'drawing')).toBe('drawing 1');
    expect(nextItemName(s, 'none', 'camera')).toBe('camera 1');
  });
});
