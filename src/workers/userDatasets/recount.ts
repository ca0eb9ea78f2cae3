/**
 * Plain arithmetic on a user dataset: the bytes it takes, and what is left (pixels and counts) once some images are
 * removed. The store uses it inside its transaction; the preparation worker may use userDatasetBytes for meta.bytes.
 */
import { userDatasetBytes, type UserDatasetData, type UserDatasetMeta } from '../../engine/data/userDataset';

export { userDatasetBytes } from '../../engine/data/userDataset';

/** Images per class in each split, and the totals, counted from the data. */
export function countPerClass(
  classes: number,
  data: Pick<UserDatasetData, 'count' | 'labels' | 'split'>,
): Pick<UserDatasetMeta, 'perClass' | 'counts'> {
  const train = new Array<number>(classes).fill(0);
  const test = new Array<number>(classes).fill(0);
  for (let i = 0; i < data.count; i++) {
    const label = data.labels[i] ?? 0;
    if (label >= classes)
      throw new RangeError(`image ${i} has label ${label}, but there are ${classes} classes`);
    const part = data.split[i] === 1 ? test : train;
    part[label] = (part[label] ?? 0) + 1;
  }
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  return { perClass: { train, test }, counts: { train: sum(train), test: sum(test) } };
}

/**
 * The dataset without the images at `indices` (into the data; repeats count once), with perClass, counts and bytes
 * recounted. An index outside the data is a programmer error.
 */
export function withoutImages(
  meta: UserDatasetMeta,
  data: UserDatasetData,
  indices: readonly number[],
): { meta: UserDatasetMeta; data: UserDatasetData } {
  const drop = new Set<number>();
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= data.count)
      throw new RangeError(`image ${i} is not in ${meta.name} (${data.count} images)`);
    drop.add(i);
  }
  const [h, w, c] = meta.shape;
  const size = h * w * c;
  const count = data.count - drop.size;
  const images = new Uint8Array(count * size);
  const labels = new Uint8Array(count);
  const split = new Uint8Array(count);
  const names: string[] = [];
  for (let i = 0, j = 0; i < data.count; i++) {
    if (drop.has(i)) continue;
    images.set(data.images.subarray(i * size, (i + 1) * size), j * size);
    labels[j] = data.labels[i] ?? 0;
    split[j] = data.split[i] ?? 0;
    names.push(data.names[i] ?? '');
    j++;
  }
  const next: UserDatasetData = { id: data.id, count, images, labels, split, names };
  return {
    meta: { ...meta, ...countPerClass(meta.classNames.length, next), bytes: userDatasetBytes(next) },
    data: next,
  };
}
