/**
 * What was dropped onto the "Your images" region, as staging Sources. Folders are read through
 * DataTransferItem.webkitGetAsEntry (every browser we support has it); without it only the files come through.
 *
 * One folder dropped alone is read like a folder pick ("pets/cats/1.png": class cats). Folders dropped together
 * (or with files) are each a class ("cats/1.png", "dogs/1.png"): they are put under one virtual folder, so files
 * dropped beside them lie beside the class folders. The entries must be taken from the event at once (the list empties after it);
 * reading them is async.
 */
import type { Source } from './staging';

/** The parts of FileSystemEntry we use (fakes in tests). */
export interface EntryLike {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  /** "/pets/cats/1.png" */
  readonly fullPath: string;
  file?(ok: (f: File) => void, fail?: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (es: EntryLike[]) => void, fail?: (e: unknown) => void): void };
}

export interface DroppedSources {
  /** 'folder' when a folder was among the things dropped: the sources carry paths (staging.addFolder). */
  readonly kind: 'folder' | 'files';
  readonly sources: readonly Source[];
  /** Folders that could not be read (their names), to tell the user. */
  readonly unreadable: readonly string[];
}

/** The virtual folder several dropped folders are put under. */
export const DROP_ROOT = 'dropped';

/** The entries of a drop, taken synchronously; null when the browser gives none (then use dataTransfer.files). */
export function takeEntries(dt: DataTransfer): EntryLike[] | null {
  const items = dt.items as DataTransferItemList | undefined;
  if (!items || items.length === 0) return null;
  const first = items[0];
  if (!first || typeof first.webkitGetAsEntry !== 'function') return null;
  const entries: EntryLike[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item?.kind !== 'file') continue;
    const e = item.webkitGetAsEntry() as EntryLike | null;
    if (e) entries.push(e);
  }
  return entries;
}

const readFile = (e: EntryLike): Promise<File> =>
  new Promise((resolve, reject) => {
    if (!e.file) reject(new Error('not a file'));
    else e.file(resolve, reject);
  });

/** Every entry of a directory: readEntries answers in batches until an empty one. */
async function readAll(dir: EntryLike): Promise<EntryLike[]> {
  const reader = dir.createReader?.();
  if (!reader) return [];
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const relative = (fullPath: string): string => fullPath.replace(/^\/+/, '');

async function walk(entry: EntryLike, prefix: string, out: Source[], unreadable: string[]): Promise<void> {
  const path = prefix + relative(entry.fullPath || entry.name);
  if (entry.isFile) {
    try {
      const file = await readFile(entry);
      out.push({ file, name: file.name || entry.name, path });
    } catch {
      unreadable.push(path);
    }
    return;
  }
  if (!entry.isDirectory) return;
  let children: EntryLike[];
  try {
    children = await readAll(entry);
  } catch {
    unreadable.push(path);
    return;
  }
  for (const c of children) await walk(c, prefix, out, unreadable);
}

/** Reads the dropped entries: files with their paths, folders recursively. */
export async function readDropped(entries: readonly EntryLike[]): Promise<DroppedSources> {
  const folders = entries.filter((e) => e.isDirectory).length;
  // One folder alone is read like a folder pick; with anything beside it, each dropped folder is a class.
  const prefix = folders > 0 && entries.length > 1 ? `${DROP_ROOT}/` : '';
  const sources: Source[] = [];
  const unreadable: string[] = [];
  for (const e of entries) {
    if (folders > 0) await walk(e, prefix, sources, unreadable);
    else
      try {
        const file = await readFile(e);
        sources.push({ file, name: file.name || e.name });
      } catch {
        unreadable.push(e.name);
      }
  }
  return { kind: folders > 0 ? 'folder' : 'files', sources, unreadable };
}
