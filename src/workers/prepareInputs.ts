/**
 * The preparation worker's first step: the files the page sent (PrepareItem[]) → one entry per image with its class,
 * zips expanded (fflate, in the worker), and the files that cannot be used, by name with the reason. Nothing is decoded
 * here. Dot files and __MACOSX are left out silently: nobody chose them.
 */
import { unzipSync } from 'fflate';
import {
  classFromFolderPath,
  isHiddenPath,
  isImageFile,
  isZipFile,
  mimeFromName,
  NO_CLASS,
  NOT_AN_IMAGE,
  zipClasses,
} from '../engine/data/prepareSet';
import type { SkippedFile } from '../engine/data/userDataset';
import type { PrepareItem } from './userDatasets/types';

/** One image to decode: where it came from (a path, "pets.zip/cats/1.png"), its class and its bytes. */
export interface PrepareEntry {
  readonly name: string;
  readonly label: string;
  readonly file: Blob;
}

export interface ExpandedItems {
  readonly entries: readonly PrepareEntry[];
  readonly skipped: readonly SkippedFile[];
  /** A sentence that stops the job (a zip without folders). */
  readonly error: string | null;
}

const slashes = (path: string): string => path.replace(/\\/g, '/');

async function expandZip(
  item: PrepareItem,
  entries: PrepareEntry[],
  skipped: SkippedFile[],
): Promise<string | null> {
  let files: Record<string, Uint8Array>;
  try {
    const bytes = new Uint8Array(await item.file.arrayBuffer());
    files = unzipSync(bytes, {
      filter: (f) => {
        const path = slashes(f.name);
        if (path.endsWith('/') || isHiddenPath(path)) return false;
        if (isImageFile(path, '')) return true;
        skipped.push({ name: `${item.name}/${path}`, reason: NOT_AN_IMAGE });
        return false;
      },
    });
  } catch (e) {
    skipped.push({
      name: item.name,
      reason: `could not be read as a zip (${e instanceof Error ? e.message : 'broken'})`,
    });
    return null;
  }
  const paths = Object.keys(files).map(slashes);
  const bodies = Object.values(files);
  let classes: readonly (string | null)[];
  if (item.label !== null) classes = paths.map(() => item.label);
  else {
    const named = zipClasses(paths);
    if ('message' in named) return paths.length > 0 ? `${item.name}: ${named.message}` : null;
    classes = named.classes;
  }
  paths.forEach((path, i) => {
    const name = `${item.name}/${path}`;
    const label = classes[i] ?? null;
    const body = bodies[i];
    if (label === null || body === undefined) skipped.push({ name, reason: NO_CLASS });
    else
      entries.push({
        name,
        label,
        file: new Blob([body as Uint8Array<ArrayBuffer>], { type: mimeFromName(path) }),
      });
  });
  return null;
}

/**
 * Every item → image entries. A file's class is its item's label, or for a label of null the folder below the picked
 * one ("root/cats/x.png" → "cats"); a zip's entries take the zip's label, or their own folder (prepareSet.zipClasses).
 */
export async function expandItems(items: readonly PrepareItem[]): Promise<ExpandedItems> {
  const entries: PrepareEntry[] = [];
  const skipped: SkippedFile[] = [];
  for (const item of items) {
    const name = slashes(item.name);
    if (isHiddenPath(name)) continue;
    if (isZipFile(name, item.file.type)) {
      const error = await expandZip({ ...item, name }, entries, skipped);
      if (error) return { entries, skipped, error };
      continue;
    }
    if (!isImageFile(name, item.file.type)) {
      skipped.push({ name, reason: NOT_AN_IMAGE });
      continue;
    }
    const label = item.label ?? classFromFolderPath(name);
    if (label === null || label.trim() === '') skipped.push({ name, reason: NO_CLASS });
    else entries.push({ name, label, file: item.file });
  }
  return { entries, skipped, error: null };
}
