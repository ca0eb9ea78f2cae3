/**
 * The set side of preparing a user dataset (issue 14): which files are images, which class each belongs to (from
 * folder and zip paths), the checks the user hears about, the stratified split, and the finished
 * UserDatasetMeta / UserDatasetData. Pure; the preparation worker (workers/prepareJob.ts) drives it.
 */
import { mulberry32, shuffleInPlace } from './random';
import type { UserDatasetId } from './types';
import {
  userDatasetBytes,
  type PrepareOptions,
  type SkippedFile,
  type UserDatasetData,
  type UserDatasetMeta,
} from './userDataset';

/** What createImageBitmap decodes in every browser we support (GIF: its first frame). */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
};
const IMAGE_MIMES = new Set([...Object.values(IMAGE_TYPES), 'image/x-ms-bmp', 'image/pjpeg']);
export const NOT_AN_IMAGE = 'not an image (PNG, JPEG, WebP, GIF or BMP)';
export const NO_CLASS = 'not in a class folder';
/** Labels are uint8. */
export const MAX_CLASSES = 256;
/** Fewer images than this in a class gets a warning. */
export const FEW_IMAGES = 5;

const extension = (name: string): string => {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
};

/** The image MIME type a file name's extension stands for ('' when none): zip entries come without one. */
export const mimeFromName = (name: string): string => IMAGE_TYPES[extension(name)] ?? '';

/** An image we can decode, by its MIME type or, when the browser gives none or a generic one, its extension. */
export function isImageFile(name: string, mime: string): boolean {
  const type = mime.toLowerCase();
  if (IMAGE_MIMES.has(type)) return true;
  if (type.startsWith('image/')) return false; // SVG, HEIC, TIFF…: the browser says what it is, and we cannot use it
  return mimeFromName(name) !== '';
}

export const isZipFile = (name: string, mime: string): boolean =>
  extension(name) === 'zip' || mime === 'application/zip' || mime === 'application/x-zip-compressed';

/** Files a system adds that nobody chose: dot files (.DS_Store) and macOS's __MACOSX folder. Left out silently. */
export const isHiddenPath = (path: string): boolean =>
  path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');

const segments = (path: string): string[] => path.split('/').filter((p) => p !== '');

/**
 * The class of a file from a folder pick: the folder just below the picked one ("root/cats/x.png" → "cats", and
 * "root/cats/2024/x.png" → "cats" too); null for a file directly in the picked folder or with no folder at all.
 */
export function classFromFolderPath(path: string): string | null {
  const parts = segments(path);
  return parts.length >= 3 ? (parts[1] ?? null) : null;
}

/**
 * The class of each zip entry: its first folder ("cats/x.png" → "cats"). When every entry lies under one top folder
 * that has sub-folders ("set/cats/x.png", "set/dogs/y.png"), that folder is the set's, not a class, and is skipped.
 * An entry outside any folder has no class (null). A zip with no folders at all gets a message instead.
 */
export function zipClasses(
  paths: readonly string[],
): { readonly classes: readonly (string | null)[] } | { readonly message: string } {
  const parts = paths.map(segments);
  const top = parts[0]?.[0];
  const oneTop =
    top !== undefined &&
    parts.every((p) => p.length >= 2 && p[0] === top) &&
    parts.some((p) => p.length >= 3);
  const rest = oneTop ? parts.map((p) => p.slice(1)) : parts;
  if (!rest.some((p) => p.length >= 2))
    return {
      message:
        'The zip has no folders, so its images have no classes: put each class in a folder of its own ' +
        '(cats/1.png, dogs/1.png) and zip those folders.',
    };
  return { classes: rest.map((p) => (p.length >= 2 ? (p[0] ?? null) : null)) };
}

const quote = (name: string): string => `"${name}"`;
const plural = (n: number, one: string): string => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

/**
 * The rules a set of images must meet before it is a dataset (images per class name): an error sentence when it
 * cannot be one, and warnings that do not stop it.
 */
export function checkClasses(perClass: ReadonlyMap<string, number>): {
  readonly error: string | null;
  readonly warnings: readonly string[];
} {
  const classes = [...perClass].filter(([, n]) => n > 0);
  if (classes.length === 0)
    return {
      error: 'A classifier needs at least two classes: none of the files is an image it can use.',
      warnings: [],
    };
  if (classes.length === 1) {
    const [name, n] = classes[0] ?? ['', 0];
    return {
      error:
        `A classifier needs at least two classes: all ${plural(n, 'image')} are in ${quote(name)}. ` +
        'Add images of another class (a folder per class, or one drop per class).',
      warnings: [],
    };
  }
  if (classes.length > MAX_CLASSES)
    return {
      error: `A dataset can have at most ${MAX_CLASSES} classes; these images are in ${classes.length}.`,
      warnings: [],
    };
  const warnings = classes
    .filter(([, n]) => n < FEW_IMAGES)
    .map(
      ([name, n]) =>
        `Class ${quote(name)} has only ${plural(n, 'image')}; ${FEW_IMAGES} or more give the network something to learn and a fairer test.`,
    );
  return { error: null, warnings };
}

/** How many of a class's n images go to the test split: round(fraction·n), at least 1 when n ≥ 2, at most n − 1. */
export function testCount(n: number, testFraction: number): number {
  if (n < 2 || testFraction <= 0) return 0;
  return Math.min(n - 1, Math.max(1, Math.round(testFraction * n)));
}

/**
 * A stratified split (0 = train, 1 = test per image): each class's own images shuffled with the seed and the first
 * testCount of them put in the test split. The same labels and seed always give the same split. A fraction of 0 puts
 * everything in training.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  classes: number,
  testFraction: number,
  seed: number,
): Uint8Array {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i] ?? 0]?.push(i);
  const rng = mulberry32(seed);
  const split = new Uint8Array(labels.length);
  for (const indices of byClass) {
    shuffleInPlace(indices, rng);
    const t = testCount(indices.length, testFraction);
    for (let k = 0; k < t; k++) split[indices[k] ?? 0] = 1;
  }
  return split;
}

/** Class names in a stable order: alphabetical, numbers by value ("2" before "10"). */
export const sortClassNames = (names: Iterable<string>): string[] =>
  [...new Set(names)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

export interface PreparedSet {
  readonly id: UserDatasetId;
  readonly name: string;
  readonly createdAt: number;
  readonly options: PrepareOptions;
  /** count × imageBytes(size, colour) bytes, one image after another. */
  readonly images: Uint8Array;
  /** Per image: its class name and where it came from. */
  readonly classOf: readonly string[];
  readonly names: readonly string[];
  readonly skipped: readonly SkippedFile[];
}

/** Bytes a dataset takes in IndexedDB, roughly: the arrays plus the names as UTF-16 (as the store counts them). */

/** The finished dataset: classes sorted, labels, the seeded stratified split, counts per class, bytes. */
export function buildUserDataset(set: PreparedSet): { meta: UserDatasetMeta; data: UserDatasetData } {
  const count = set.classOf.length;
  const { size, colour } = set.options;
  const channels = colour === 'rgb' ? 3 : 1;
  if (set.images.length !== count * size * size * channels || set.names.length !== count)
    throw new Error(
      `buildUserDataset: ${set.images.length} bytes and ${set.names.length} names for ${count} images`,
    );
  const classNames = sortClassNames(set.classOf);
  const index = new Map(classNames.map((n, i) => [n, i]));
  const labels = Uint8Array.from(set.classOf, (n) => index.get(n) ?? 0);
  const split = stratifiedSplit(labels, classNames.length, set.options.testFraction, set.options.seed);
  const train = new Array<number>(classNames.length).fill(0);
  const test = new Array<number>(classNames.length).fill(0);
  for (let i = 0; i < count; i++) {
    const part = split[i] === 1 ? test : train;
    const l = labels[i] ?? 0;
    part[l] = (part[l] ?? 0) + 1;
  }
  const data: UserDatasetData = { id: set.id, count, images: set.images, labels, split, names: set.names };
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  const meta: UserDatasetMeta = {
    id: set.id,
    name: set.name,
    createdAt: set.createdAt,
    shape: [size, size, channels],
    classNames,
    perClass: { train, test },
    counts: { train: sum(train), test: sum(test) },
    bytes: userDatasetBytes(data),
    options: set.options,
    skipped: set.skipped,
  };
  return { meta, data };
}

/** A new dataset id: `user-` and 12 lowercase base-36 characters from `random` (crypto in the worker). */
export function newUserDatasetId(random: () => number = Math.random): UserDatasetId {
  let s = '';
  while (s.length < 12) s += Math.floor(random() * 36).toString(36);
  return `user-${s}`;
}
