/**
 * A small slice of the MNIST the app prepared (public/datasets/mnist), written twice for the exported code to read:
 * as MNIST's IDX files (train images gzipped, the rest plain) and in the playground's own format (manifest.json +
 * headerless .bin.gzip files). For `npm run check:export` only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

interface ManifestFile {
  readonly name: string;
  readonly role: 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';
  readonly compression: 'gzip' | 'none';
}

const PIXELS = 28 * 28;

function idx(dims: readonly number[], data: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(0x0800 + dims.length, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(data)]);
}

/** Writes `<dir>/idx` and `<dir>/app` with the first `train` and `test` examples; returns both folders. */
export function writeMnistSlice(dir: string, train: number, test: number): { idx: string; app: string } {
  const src = join(process.cwd(), 'public', 'datasets', 'mnist');
  if (!existsSync(join(src, 'manifest.json')))
    throw new Error(`${src}/manifest.json is missing: run \`npm run datasets\` first`);
  const manifest = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8')) as {
    files: ManifestFile[];
  };
  const part = (role: ManifestFile['role'], count: number, size: number): Uint8Array => {
    const f = manifest.files.find((x) => x.role === role);
    if (!f) throw new Error(`MNIST manifest lists no ${role}`);
    const raw = readFileSync(join(src, f.name));
    return new Uint8Array(f.compression === 'gzip' ? gunzipSync(raw) : raw).subarray(0, count * size);
  };
  const parts = {
    trainImages: part('trainImages', train, PIXELS),
    trainLabels: part('trainLabels', train, 1),
    testImages: part('testImages', test, PIXELS),
    testLabels: part('testLabels', test, 1),
  };
  const idxDir = join(dir, 'idx');
  const appDir = join(dir, 'app');
  mkdirSync(idxDir, { recursive: true });
  mkdirSync(appDir, { recursive: true });
  writeFileSync(
    join(idxDir, 'train-images-idx3-ubyte.gz'),
    gzipSync(idx([train, 28, 28], parts.trainImages)),
  );
  writeFileSync(join(idxDir, 'train-labels-idx1-ubyte'), idx([train], parts.trainLabels));
  writeFileSync(join(idxDir, 't10k-images-idx3-ubyte'), idx([test, 28, 28], parts.testImages));
  writeFileSync(join(idxDir, 't10k-labels-idx1-ubyte'), idx([test], parts.testLabels));
  const files = (Object.keys(parts) as ManifestFile['role'][]).map((role) => {
    const name = `${role.replace(/[A-Z]/, (c) => `-${c.toLowerCase()}`)}.bin.gzip`;
    writeFileSync(join(appDir, name), gzipSync(parts[role]));
    return { name, role, compression: 'gzip' };
  });
  writeFileSync(
    join(appDir, 'manifest.json'),
    JSON.stringify({ name: 'mnist', shape: [28, 28, 1], counts: { train, test }, files }),
  );
  return { idx: idxDir, app: appDir };
}
