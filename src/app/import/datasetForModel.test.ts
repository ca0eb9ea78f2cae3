import { describe, expect, it } from 'vitest';
import type { UserDatasetMeta } from '../../engine/data/userDataset';
import { datasetForModel } from './datasetForModel';

const own = (id: string, shape: [number, number, number]) =>
  ({ id, name: id, shape, classNames: ['a', 'b'] }) as unknown as UserDatasetMeta;
const users = [own('user-grey', [28, 28, 1]), own('user-rgb', [32, 32, 3])];

describe('datasetForModel', () => {
  it('keeps the chosen dataset when its images fit', () => {
    expect(datasetForModel([28, 28, 1], 'fashion-mnist', users)).toBe('fashion-mnist');
    expect(datasetForModel([32, 32, 3], 'user-rgb', users)).toBe('user-rgb');
  });

  it('else takes the first that fits: MNIST for 28×28×1, the user dataset of that shape otherwise', () => {
    expect(datasetForModel([28, 28, 1], 'user-rgb', users)).toBe('mnist');
    expect(datasetForModel([32, 32, 3], 'mnist', users)).toBe('user-rgb');
  });

  it('none when no dataset has images of that shape', () => {
    expect(datasetForModel([64, 64, 3], 'mnist', users)).toBeNull();
  });
});
