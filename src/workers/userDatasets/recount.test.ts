import { describe, expect, it } from 'vitest';
import { countPerClass, userDatasetBytes, withoutImages } from './recount';
import { makeUserDataset } from './testing';

describe('countPerClass', () => {
  it('counts each class in each split', () => {
    const labels = Uint8Array.from([0, 1, 2, 1, 1, 0]);
    const split = Uint8Array.from([0, 0, 1, 1, 0, 0]);
    expect(countPerClass(3, { count: 6, labels, split })).toEqual({
      perClass: { train: [2, 2, 0], test: [0, 1, 1] },
      counts: { train: 4, test: 2 },
    });
  });
  it('refuses a label past the classes', () => {
    expect(() =>
      countPerClass(2, { count: 1, labels: Uint8Array.from([2]), split: new Uint8Array(1) }),
    ).toThrow(/label 2/);
  });
});

describe('userDatasetBytes', () => {
  it('adds the arrays and the names as UTF-16', () => {
    const names = ['ab', 'cde'];
    expect(
      userDatasetBytes({
        images: new Uint8Array(8),
        labels: new Uint8Array(2),
        split: new Uint8Array(2),
        names,
      }),
    ).toBe(8 + 2 + 2 + 10);
  });
});

describe('withoutImages', () => {
  it('drops the images, keeping the others in order with their pixels, labels, split and names', () => {
    // 10 images of 2×2×1, classes alternate, images 4 and 9 are in the test split.
    const { meta, data } = makeUserDataset();
    expect(meta.perClass).toEqual({ train: [4, 4], test: [1, 1] });
    const left = withoutImages(meta, data, [1, 4, 4, 6]);
    expect(left.data.count).toBe(7);
    expect(left.data.names).toEqual([
      'c0/0.png',
      'c0/2.png',
      'c1/3.png',
      'c1/5.png',
      'c1/7.png',
      'c0/8.png',
      'c1/9.png',
    ]);
    expect(Array.from(left.data.labels)).toEqual([0, 0, 1, 1, 1, 0, 1]);
    expect(Array.from(left.data.split)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    // image 3's pixels are 21, 22, 23, 24
    expect(Array.from(left.data.images.subarray(8, 12))).toEqual([21, 22, 23, 24]);
    expect(left.meta.perClass).toEqual({ train: [3, 3], test: [0, 1] });
    expect(left.meta.counts).toEqual({ train: 6, test: 1 });
    expect(left.meta.bytes).toBe(userDatasetBytes(left.data));
    expect(left.meta.bytes).toBeLessThan(meta.bytes);
    expect(left.meta.name).toBe(meta.name);
  });
  it('refuses an index outside the data', () => {
    const { meta, data } = makeUserDataset();
    expect(() => withoutImages(meta, data, [10])).toThrow(RangeError);
    expect(() => withoutImages(meta, data, [-1])).toThrow(RangeError);
  });
});
