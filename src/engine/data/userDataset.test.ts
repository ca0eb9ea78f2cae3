import { describe, expect, it } from 'vitest';
import { DEFAULT_PREPARE, toDataset, type UserDatasetData, type UserDatasetMeta } from './userDataset';
import { isDatasetId, isUserDatasetId } from './types';

const meta: UserDatasetMeta = {
  id: 'user-abc',
  name: 'shapes',
  createdAt: 1,
  shape: [1, 2, 1],
  classNames: ['a', 'b'],
  perClass: { train: [1, 1], test: [1, 0] },
  counts: { train: 2, test: 1 },
  bytes: 9,
  options: DEFAULT_PREPARE,
  skipped: [],
};
const data: UserDatasetData = {
  id: 'user-abc',
  count: 3,
  images: Uint8Array.from([1, 2, 3, 4, 5, 6]),
  labels: Uint8Array.from([0, 1, 0]),
  split: Uint8Array.from([0, 1, 0]),
  names: ['a/1.png', 'b/1.png', 'a/2.png'],
};

describe('toDataset', () => {
  it('splits the images by their flag, keeping order and labels', () => {
    const d = toDataset(meta, data);
    expect(d.train.count).toBe(2);
    expect(Array.from(d.train.images)).toEqual([1, 2, 5, 6]);
    expect(Array.from(d.train.labels)).toEqual([0, 0]);
    expect(Array.from(d.test.images)).toEqual([3, 4]);
    expect(Array.from(d.test.labels)).toEqual([1]);
    expect(d.shape).toEqual([1, 2, 1]);
  });
  it('refuses pixels that do not match the shape', () => {
    expect(() => toDataset(meta, { ...data, images: new Uint8Array(5) })).toThrow(/5 bytes/);
  });
});

describe('dataset ids', () => {
  it('accept the shipped ids and user-… ids only', () => {
    expect(isDatasetId('mnist')).toBe(true);
    expect(isDatasetId('user-1a2b')).toBe(true);
    expect(isUserDatasetId('mnist')).toBe(false);
    for (const bad of ['user-', 'user-A B', 'cifar', 42, null, `user-${'x'.repeat(65)}`])
      expect(isDatasetId(bad)).toBe(false);
  });
});
