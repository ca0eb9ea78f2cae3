/** Datasets the app ships. 'procedural' is generated in code from a seed. */
export type BuiltinDatasetId = 'mnist' | 'fashion-mnist' | 'procedural';
export const BUILTIN_DATASET_IDS: readonly BuiltinDatasetId[] = ['mnist', 'fashion-mnist', 'procedural'];

/** A dataset the user made from their own images, kept in this browser's IndexedDB (see userDataset.ts). */
export type UserDatasetId = `user-${string}`;

/** Any dataset: shipped, or made by the user. */
export type DatasetId = BuiltinDatasetId | UserDatasetId;

const USER_ID = /^user-[a-z0-9-]{1,64}$/;
export const isUserDatasetId = (x: unknown): x is UserDatasetId => typeof x === 'string' && USER_ID.test(x);
export const isBuiltinDatasetId = (x: unknown): x is BuiltinDatasetId =>
  typeof x === 'string' && (BUILTIN_DATASET_IDS as readonly string[]).includes(x);
/** Whether `x` is a well-formed dataset id (a user id may still name a dataset this browser does not have). */
export const isDatasetId = (x: unknown): x is DatasetId => isBuiltinDatasetId(x) || isUserDatasetId(x);

export interface DatasetFileEntry {
  /** File name inside public/datasets/<name>/ */
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
  /** What the file holds. */
  readonly role: 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';
  /** 'gzip' when the file is gzip-compressed, else 'none'. */
  readonly compression: 'gzip' | 'none';
  /** Size after decompression. */
  readonly rawBytes: number;
}

export interface DatasetManifest {
  readonly name: BuiltinDatasetId;
  readonly title: string;
  readonly version: 1;
  readonly shape: readonly [number, number, number];
  readonly classNames: readonly string[];
  readonly counts: { readonly train: number; readonly test: number };
  readonly files: readonly DatasetFileEntry[];
  readonly source: string;
  readonly license: string;
  readonly notes: string;
}

/** A decoded dataset: uint8 pixels (0..255, row-major H×W×C per image) and uint8 labels. */
export interface Dataset {
  readonly id: DatasetId;
  readonly shape: readonly [number, number, number];
  readonly classNames: readonly string[];
  readonly train: { readonly images: Uint8Array; readonly labels: Uint8Array; readonly count: number };
  readonly test: { readonly images: Uint8Array; readonly labels: Uint8Array; readonly count: number };
}

export type DataErrorCode = 'missing' | 'truncated' | 'corrupt' | 'badManifest' | 'countMismatch' | 'network';

export class DatasetError extends Error {
  constructor(
    readonly code: DataErrorCode,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}

export interface LoadProgress {
  readonly file: string;
  readonly loadedBytes: number;
  readonly totalBytes: number;
}
