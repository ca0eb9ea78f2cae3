/** Datasets known to the app. 'procedural' is generated in code from a seed. */
export type DatasetId = 'mnist' | 'fashion-mnist' | 'procedural';
export const DATASET_IDS: readonly DatasetId[] = ['mnist', 'fashion-mnist', 'procedural'];

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
  readonly name: DatasetId;
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
