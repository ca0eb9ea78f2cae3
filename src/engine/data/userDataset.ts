/**
 * A dataset the user made from their own images (files, a folder, a zip, the camera, the draw pad). Plain data:
 * the metadata the page lists and validates against, and the pixels the training worker trains on. Both live in this
 * browser's IndexedDB only (workers/userDatasets/store.ts); nothing is ever sent over the network.
 *
 * All images of a dataset have one shape (they are resized when prepared). Every image keeps its class, whether it
 * is in the training or the test split, and the name it came with (a file path, "camera 12"), so a gallery can show
 * and remove single images and the split can be redone without preparing again.
 */
import type { Dataset, UserDatasetId } from './types';

/** How a picture of another aspect ratio is made square: squeezed whole (fit), cut (crop) or bordered (pad). */
export type ResizeMode = 'fit' | 'crop' | 'pad';
export type ColourMode = 'grey' | 'rgb';
export const IMAGE_SIZES = [28, 32, 64] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export interface PrepareOptions {
  readonly size: ImageSize;
  readonly mode: ResizeMode;
  readonly colour: ColourMode;
  /** Share of each class that goes to the test split, 0..0.5 (default 0.2). */
  readonly testFraction: number;
  /** Seeds the stratified split. */
  readonly seed: number;
}

export const DEFAULT_PREPARE: PrepareOptions = {
  size: 28,
  mode: 'fit',
  colour: 'grey',
  testFraction: 0.2,
  seed: 1,
};

/** A file that was not used, and why ("not an image", "could not be decoded: …"). */
export interface SkippedFile {
  readonly name: string;
  readonly reason: string;
}

export interface UserDatasetMeta {
  readonly id: UserDatasetId;
  /** Editable; shown in the Dataset select. */
  readonly name: string;
  readonly createdAt: number;
  /** [height, width, channels], channels 1 (grey) or 3 (RGB). */
  readonly shape: readonly [number, number, number];
  readonly classNames: readonly string[];
  /** Images per class in each split, indexed like classNames. */
  readonly perClass: { readonly train: readonly number[]; readonly test: readonly number[] };
  readonly counts: { readonly train: number; readonly test: number };
  /** Bytes the pixels take in IndexedDB (images + labels + split + names, roughly). */
  readonly bytes: number;
  readonly options: PrepareOptions;
  /** Files left out when it was made, with the reason. */
  readonly skipped: readonly SkippedFile[];
  /**
   * Counts the writes of the pixels (put, removeImages); the store sets it, whatever the caller passes. The training
   * worker keeps a loaded dataset under id + createdAt + revision, so a changed dataset is loaded afresh.
   */
  readonly revision?: number;
}

/** The pixels: `count` images of H×W×C uint8 (row-major, channel-last), one class and one split flag per image. */
export interface UserDatasetData {
  readonly id: UserDatasetId;
  readonly count: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  /** 0 = train, 1 = test. */
  readonly split: Uint8Array;
  /** Where each image came from (file path, "camera 12", "drawing 3"). */
  readonly names: readonly string[];
}

/** Bytes the dataset's arrays and names take (names as UTF-16), roughly what IndexedDB keeps (meta.bytes). */
export function userDatasetBytes(
  data: Pick<UserDatasetData, 'images' | 'labels' | 'split' | 'names'>,
): number {
  let names = 0;
  for (const n of data.names) names += n.length * 2;
  return data.images.byteLength + data.labels.byteLength + data.split.byteLength + names;
}

/** The training worker's view of a user dataset: the two splits as contiguous arrays. */
export function toDataset(meta: UserDatasetMeta, data: UserDatasetData): Dataset {
  const [h, w, c] = meta.shape;
  const size = h * w * c;
  if (data.images.length !== data.count * size)
    throw new Error(
      `${meta.name}: ${data.images.length} bytes of pixels for ${data.count} images of ${h}×${w}×${c}`,
    );
  const part = (flag: number) => {
    let n = 0;
    for (let i = 0; i < data.count; i++) if (data.split[i] === flag) n++;
    const images = new Uint8Array(n * size);
    const labels = new Uint8Array(n);
    for (let i = 0, j = 0; i < data.count; i++) {
      if (data.split[i] !== flag) continue;
      images.set(data.images.subarray(i * size, (i + 1) * size), j * size);
      labels[j] = data.labels[i] ?? 0;
      j++;
    }
    return { images, labels, count: n };
  };
  return { id: meta.id, shape: meta.shape, classNames: meta.classNames, train: part(0), test: part(1) };
}
