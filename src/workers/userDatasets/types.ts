/**
 * Contracts of the user-dataset pipeline (issue 14): the IndexedDB store both the page and the workers use, and the
 * preparation worker's messages. Types only.
 *
 *   page (Image files / Image folder / drop / zip / camera / draw pad)
 *     → prepare.worker.ts: decode (createImageBitmap), resize (fit / crop / pad), grey or RGB, stratified split
 *     → store.ts (IndexedDB 'cnn-playground-datasets') → the page lists it in "Dataset"
 *     → training.worker.ts loads it by id (toDataset) like a shipped dataset.
 */
import type { UserDatasetId } from '../../engine/data/types';
import type {
  PrepareOptions,
  SkippedFile,
  UserDatasetData,
  UserDatasetMeta,
} from '../../engine/data/userDataset';

/** Why the store refused: no IndexedDB (private mode), out of quota (with the bytes asked for), or another error. */
export type DatasetStoreErrorCode = 'unavailable' | 'quota' | 'notFound' | 'failed';

export interface UserDatasetStore {
  list(): Promise<UserDatasetMeta[]>;
  get(id: UserDatasetId): Promise<{ meta: UserDatasetMeta; data: UserDatasetData } | null>;
  /** Writes both parts in one transaction; a quota error names the bytes needed. */
  put(meta: UserDatasetMeta, data: UserDatasetData): Promise<void>;
  rename(id: UserDatasetId, name: string): Promise<UserDatasetMeta>;
  remove(id: UserDatasetId): Promise<void>;
  /** Drops single images (indices into the data), recounting the classes; returns the new metadata. */
  removeImages(id: UserDatasetId, indices: readonly number[]): Promise<UserDatasetMeta>;
  /** The origin's usage and quota in bytes (navigator.storage.estimate), null when the browser does not say. */
  estimate(): Promise<{ usage: number; quota: number } | null>;
}

/** One input to prepare: a file (or a zip, expanded in the worker) and the class it belongs to. */
export interface PrepareItem {
  readonly file: Blob;
  /** Path or file name, for messages and the gallery. */
  readonly name: string;
  /**
   * The class name. For a zip, null: each entry's class is its first folder inside the zip. For a folder pick, the
   * page passes the sub-folder name of each file.
   */
  readonly label: string | null;
}

export type ToPrepare =
  | {
      readonly type: 'prepare';
      readonly job: number;
      readonly name: string;
      readonly items: readonly PrepareItem[];
      readonly options: PrepareOptions;
    }
  | { readonly type: 'cancel'; readonly job: number };

export type FromPrepare =
  | {
      readonly type: 'progress';
      readonly job: number;
      /** Files looked at so far, of `total` (a zip counts its entries once expanded). */
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly type: 'done';
      readonly job: number;
      /** Already written to the store. */
      readonly meta: UserDatasetMeta;
      /** Things to tell the user that do not stop it ("class cats has only 3 images"). */
      readonly warnings: readonly string[];
    }
  | {
      readonly type: 'failed';
      readonly job: number;
      /** A sentence for the user ("A classifier needs at least two classes: …", "Not enough space: … needs 12 MB"). */
      readonly message: string;
      readonly skipped: readonly SkippedFile[];
    }
  | { readonly type: 'cancelled'; readonly job: number };
