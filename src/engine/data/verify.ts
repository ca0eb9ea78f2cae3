/**
 * Checks a downloaded dataset file against its manifest entry (size, sha256) and decodes it (gzip) — pure functions
 * over bytes, so they are tested without a network. Uses only Web APIs present in browsers, workers and Node 20:
 * crypto.subtle.digest and DecompressionStream.
 */
import { DatasetError, type DatasetFileEntry } from './types';

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Throws DatasetError 'truncated' (fewer bytes than listed) or 'corrupt' (more bytes, or another sha256).
 * `label` names the file in errors, e.g. 'mnist/train-images.bin.gzip'.
 */
export async function verifyFile(
  entry: DatasetFileEntry,
  bytes: Uint8Array<ArrayBuffer>,
  label = entry.name,
): Promise<void> {
  if (bytes.length < entry.bytes) {
    throw new DatasetError(
      'truncated',
      label,
      `${label} is truncated: expected ${entry.bytes} bytes, got ${bytes.length}`,
    );
  }
  if (bytes.length > entry.bytes) {
    throw new DatasetError(
      'corrupt',
      label,
      `${label} is too long: expected ${entry.bytes} bytes, got ${bytes.length}`,
    );
  }
  const actual = await sha256Hex(bytes);
  if (actual !== entry.sha256) {
    throw new DatasetError(
      'corrupt',
      label,
      `${label} is corrupt: sha256 ${actual} does not match the manifest's ${entry.sha256}`,
    );
  }
}

/** Returns the file's raw contents: gunzipped when the entry says so; checks the raw size. */
export async function decodeFile(
  entry: DatasetFileEntry,
  bytes: Uint8Array<ArrayBuffer>,
  label = entry.name,
): Promise<Uint8Array> {
  let raw: Uint8Array;
  if (entry.compression === 'gzip') {
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      raw = new Uint8Array(await new Response(stream).arrayBuffer());
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new DatasetError('corrupt', label, `${label} could not be decompressed (gzip): ${why}`);
    }
  } else {
    raw = bytes;
  }
  if (raw.length !== entry.rawBytes) {
    throw new DatasetError(
      'countMismatch',
      label,
      `${label} holds ${raw.length} bytes after decoding, the manifest says ${entry.rawBytes}`,
    );
  }
  return raw;
}
