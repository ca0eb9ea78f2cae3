/**
 * The images the user has gathered for a new dataset, before "Make dataset" sends them to the preparation worker
 * (issue 14). Pure data and functions, no DOM: every source adds to it the same way — picked files and drops go to
 * one named class, a folder pick is split by its sub-folders, a zip is one item whose classes the worker reads from
 * its folders, and camera frames or drawn digits are added to a class like files (`addToClass`).
 *
 * Nothing is decoded here. Non-images stay in (the worker names them in the result as skipped, with the reason) but
 * are not counted as images; dot files (.DS_Store) and __MACOSX are left out silently, as the worker does.
 */
import { checkClasses, isHiddenPath, isImageFile, isZipFile } from '../../engine/data/prepareSet';
import type { ColourMode, ImageSize } from '../../engine/data/userDataset';
import type { PrepareItem } from '../../workers/userDatasets/types';

export interface StagedClass {
  readonly name: string;
  /** Every item's label is `name`. */
  readonly items: readonly PrepareItem[];
}

export interface Staging {
  /** In the order they were added (the worker sorts the names). */
  readonly classes: readonly StagedClass[];
  /** Zips: label null, each entry's class is its folder inside the zip. */
  readonly zips: readonly PrepareItem[];
  /** Files of a folder pick that lie outside its class folders: label null, the worker skips them by name. */
  readonly loose: readonly PrepareItem[];
}

/** A file or a captured image, before it has a class. `path` is a folder pick's webkitRelativePath. */
export interface Source {
  readonly file: Blob;
  readonly name: string;
  readonly path?: string;
}

/** What one add did, for the sentence the user hears (stagingMessages.ts). */
export interface AddResult {
  readonly staging: Staging;
  /** Images added, per class name, in the order the classes first got one. */
  readonly added: readonly (readonly [string, number])[];
  readonly zips: number;
  /** Files that are not images (kept, and skipped by the worker by name). */
  readonly notImages: readonly string[];
  /** Files already in the same class (same name and size): not added again. */
  readonly duplicates: number;
  /** Files directly in a picked folder that has class sub-folders: kept without a class, skipped by name. */
  readonly loose: readonly string[];
  /** Images that were not added because no class name was given. */
  readonly needClass: number;
}

export const emptyStaging: Staging = { classes: [], zips: [], loose: [] };

const clean = (name: string): string => name.trim().replace(/\s+/g, ' ');
const slashes = (path: string): string => path.replace(/\\/g, '/');
const key = (item: Pick<PrepareItem, 'name' | 'file'>): string => `${item.name}\u0000${item.file.size}`;

/** A File (or a folder pick's File, with its webkitRelativePath) as a Source. */
export function fileSource(file: File, path?: string): Source {
  const rel = path ?? (file as File & { webkitRelativePath?: string }).webkitRelativePath ?? '';
  return rel ? { file, name: file.name, path: rel } : { file, name: file.name };
}

export function findClass(s: Staging, name: string): StagedClass | undefined {
  const n = clean(name);
  return s.classes.find((c) => c.name === n);
}

/** Adds an empty class (a camera or draw pad target before its first image); no change when it exists or is blank. */
export function addClass(s: Staging, name: string): Staging {
  const n = clean(name);
  if (n === '' || findClass(s, n)) return s;
  return { ...s, classes: [...s.classes, { name: n, items: [] }] };
}

export function removeClass(s: Staging, name: string): Staging {
  const n = clean(name);
  return { ...s, classes: s.classes.filter((c) => c.name !== n) };
}

/** Renames a class; renaming onto another class's name merges the two (same-name-and-size files once). */
export function renameClass(s: Staging, from: string, to: string): Staging {
  const a = clean(from);
  const b = clean(to);
  const source = findClass(s, a);
  if (!source || b === '' || a === b) return s;
  const moved = source.items.map((it) => ({ ...it, label: b }));
  const target = findClass(s, b);
  if (!target) return { ...s, classes: s.classes.map((c) => (c.name === a ? { name: b, items: moved } : c)) };
  const seen = new Set(target.items.map(key));
  const merged = [...target.items, ...moved.filter((it) => !seen.has(key(it)))];
  return {
    ...s,
    classes: s.classes
      .filter((c) => c.name !== a)
      .map((c) => (c.name === b ? { name: b, items: merged } : c)),
  };
}

/** Takes one item out of a class, a zip or the loose files (by its position there). */
export function removeItem(s: Staging, where: { class: string } | 'zips' | 'loose', index: number): Staging {
  const drop = <T>(xs: readonly T[]): T[] => xs.filter((_, i) => i !== index);
  if (where === 'zips') return { ...s, zips: drop(s.zips) };
  if (where === 'loose') return { ...s, loose: drop(s.loose) };
  const n = clean(where.class);
  return { ...s, classes: s.classes.map((c) => (c.name === n ? { ...c, items: drop(c.items) } : c)) };
}

interface Builder {
  classes: Map<string, PrepareItem[]>;
  seen: Map<string, Set<string>>;
  zips: PrepareItem[];
  loose: PrepareItem[];
  added: Map<string, number>;
  notImages: string[];
  looseNames: string[];
  duplicates: number;
  needClass: number;
}

function builder(s: Staging): Builder {
  return {
    classes: new Map(s.classes.map((c) => [c.name, [...c.items]])),
    seen: new Map(s.classes.map((c) => [c.name, new Set(c.items.map(key))])),
    zips: [...s.zips],
    loose: [...s.loose],
    added: new Map(),
    notImages: [],
    looseNames: [],
    duplicates: 0,
    needClass: 0,
  };
}

function put(b: Builder, label: string, item: Omit<PrepareItem, 'label'>): void {
  let items = b.classes.get(label);
  let seen = b.seen.get(label);
  if (!items || !seen) {
    items = [];
    seen = new Set();
    b.classes.set(label, items);
    b.seen.set(label, seen);
  }
  const k = key(item);
  if (seen.has(k)) {
    b.duplicates++;
    return;
  }
  seen.add(k);
  items.push({ ...item, label });
  if (isImageFile(item.name, item.file.type)) b.added.set(label, (b.added.get(label) ?? 0) + 1);
  else b.notImages.push(item.name);
}

function putZip(b: Builder, item: Omit<PrepareItem, 'label'>): void {
  if (b.zips.some((z) => key(z) === key(item))) b.duplicates++;
  else b.zips.push({ ...item, label: null });
}

function finish(b: Builder, before: Staging): AddResult {
  return {
    staging: {
      classes: [...b.classes].map(([name, items]) => ({ name, items })),
      zips: b.zips,
      loose: b.loose,
    },
    added: [...b.added],
    zips: b.zips.length - before.zips.length,
    notImages: b.notImages,
    duplicates: b.duplicates,
    loose: b.looseNames,
    needClass: b.needClass,
  };
}

/**
 * Files (a pick of "Image files", a drop of files, camera frames, drawings) into the class `className`; zips among
 * them become zip items whatever the name. Without a class name, images are not added (`needClass` counts them).
 */
export function addToClass(s: Staging, className: string, sources: readonly Source[]): AddResult {
  const b = builder(s);
  const label = clean(className);
  for (const src of sources) {
    const name = slashes(src.path || src.name);
    if (isHiddenPath(name)) continue;
    const item = { file: src.file, name };
    if (isZipFile(name, src.file.type)) putZip(b, item);
    else if (label === '') b.needClass++;
    else put(b, label, item);
  }
  return finish(b, s);
}

/**
 * A folder pick (or a dropped folder): each file's class is the sub-folder below the picked folder it lies in
 * ("pets/cats/1.png" → cats, deeper folders too). When the picked folder has no sub-folders, all its files are one
 * class: `className` when given, else the folder's own name. Files beside class folders have no class (kept loose,
 * skipped by name); zips anywhere become zip items.
 */
export function addFolder(s: Staging, sources: readonly Source[], className: string): AddResult {
  const b = builder(s);
  const parts = sources.map((src) =>
    slashes(src.path || src.name)
      .split('/')
      .filter(Boolean),
  );
  const hasClassFolders = parts.some((p) => p.length >= 3);
  const fallback = clean(className);
  sources.forEach((src, i) => {
    const p = parts[i] ?? [];
    const name = p.join('/') || src.name;
    if (isHiddenPath(name)) return;
    const item = { file: src.file, name };
    if (isZipFile(name, src.file.type)) return putZip(b, item);
    if (p.length >= 3) return put(b, clean(p[1] ?? ''), item);
    if (p.length === 2 && !hasClassFolders) return put(b, fallback || clean(p[0] ?? ''), item);
    if (p.length === 2) {
      b.loose.push({ ...item, label: null });
      b.looseNames.push(name);
      return;
    }
    if (fallback === '') b.needClass++;
    else put(b, fallback, item);
  });
  return finish(b, s);
}

export interface ClassCount {
  readonly name: string;
  readonly images: number;
  /** Files in the class that are not images (they will be skipped). */
  readonly others: number;
}

export interface StagingCounts {
  readonly classes: readonly ClassCount[];
  /** Images in named classes (zips not counted: they are opened in the worker). */
  readonly images: number;
  readonly zips: number;
  /** Everything that would be sent. */
  readonly files: number;
}

export function stagingCounts(s: Staging): StagingCounts {
  const classes = s.classes.map((c) => {
    const images = c.items.filter((it) => isImageFile(it.name, it.file.type)).length;
    return { name: c.name, images, others: c.items.length - images };
  });
  const images = classes.reduce((a, c) => a + c.images, 0);
  const files = s.classes.reduce((a, c) => a + c.items.length, 0) + s.zips.length + s.loose.length;
  return { classes, images, zips: s.zips.length, files };
}

/** What "Make dataset" sends: the classes' items, then the zips, then the loose files. */
export function toPrepareItems(s: Staging): PrepareItem[] {
  return [...s.classes.flatMap((c) => c.items), ...s.zips, ...s.loose];
}

/**
 * Why "Make dataset" cannot start yet, in words; null when it can (with a zip the classes are only known once the
 * worker opens it, which then says what is wrong).
 */
export function stagingProblem(s: Staging): string | null {
  const counts = stagingCounts(s);
  if (counts.files === 0)
    return 'There are no images yet: choose image files or a folder, or drop them here, one class at a time.';
  if (counts.zips > 0) return null;
  if (counts.images === 0)
    return 'None of the chosen files is an image the playground can read (PNG, JPEG, WebP, GIF or BMP).';
  return checkClasses(new Map(counts.classes.map((c) => [c.name, c.images]))).error;
}

/** Roughly the bytes the staged images will take in IndexedDB once prepared (zips are not counted). */
export function stagedBytes(s: Staging, size: ImageSize, colour: ColourMode): number {
  const counts = stagingCounts(s);
  const names = s.classes.reduce((a, c) => a + c.items.reduce((n, it) => n + it.name.length * 2, 0), 0);
  return counts.images * (size * size * (colour === 'rgb' ? 3 : 1) + 2) + names;
}

/** A name for the dataset when the user gives none: its classes ("cats and dogs", "a, b, c and 2 more"). */
export function defaultDatasetName(s: Staging): string {
  const names = s.classes.filter((c) => c.items.length > 0).map((c) => c.name);
  if (names.length === 0) return s.zips[0]?.name.replace(/\.zip$/i, '') ?? 'My images';
  if (names.length <= 3)
    return names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
