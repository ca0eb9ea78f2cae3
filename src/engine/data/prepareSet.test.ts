import { describe, expect, it } from 'vitest';
import {
  buildUserDataset,
  checkClasses,
  classFromFolderPath,
  isHiddenPath,
  isImageFile,
  isZipFile,
  mimeFromName,
  newUserDatasetId,
  stratifiedSplit,
  testCount,
  zipClasses,
} from './prepareSet';
import { mulberry32 } from './random';
import { isUserDatasetId } from './types';
import { DEFAULT_PREPARE } from './userDataset';

describe('which files are images', () => {
  it('goes by the MIME type, else the extension', () => {
    expect(isImageFile('a.png', 'image/png')).toBe(true);
    expect(isImageFile('cats/A.JPG', '')).toBe(true);
    expect(isImageFile('photo', 'image/jpeg')).toBe(true);
    expect(isImageFile('x.webp', 'application/octet-stream')).toBe(true);
    expect(isImageFile('notes.txt', 'text/plain')).toBe(false);
    expect(isImageFile('logo.svg', 'image/svg+xml')).toBe(false);
    expect(isImageFile('scan.png', 'image/tiff')).toBe(false); // the browser knows better than the name
    expect(isImageFile('README', '')).toBe(false);
    expect(mimeFromName('set/cats/a.jpeg')).toBe('image/jpeg');
    expect(mimeFromName('a.txt')).toBe('');
  });
  it('knows a zip and the files nobody chose', () => {
    expect(isZipFile('pets.ZIP', '')).toBe(true);
    expect(isZipFile('pets', 'application/zip')).toBe(true);
    expect(isZipFile('pets.png', 'image/png')).toBe(false);
    expect(isHiddenPath('root/cats/.DS_Store')).toBe(true);
    expect(isHiddenPath('__MACOSX/cats/._a.png')).toBe(true);
    expect(isHiddenPath('root/cats/a.png')).toBe(false);
  });
});

describe('class names from paths', () => {
  it('a folder pick: the folder below the picked one', () => {
    expect(classFromFolderPath('root/cats/x.png')).toBe('cats');
    expect(classFromFolderPath('root/cats/2024/x.png')).toBe('cats');
    expect(classFromFolderPath('root/x.png')).toBeNull();
    expect(classFromFolderPath('x.png')).toBeNull();
  });
  it('a zip: the first folder, or the second under one top folder', () => {
    expect(zipClasses(['cats/x.png', 'dogs/y.png', 'dogs/z.png'])).toEqual({
      classes: ['cats', 'dogs', 'dogs'],
    });
    expect(zipClasses(['set/cats/x.png', 'set/dogs/y.png'])).toEqual({ classes: ['cats', 'dogs'] });
    expect(zipClasses(['set/cats/x.png', 'set/y.png'])).toEqual({ classes: ['cats', null] });
    // one top folder with images only: it is the one class (the two-class rule then says so)
    expect(zipClasses(['cats/x.png', 'cats/y.png'])).toEqual({ classes: ['cats', 'cats'] });
    expect(zipClasses(['cats/x.png', 'y.png'])).toEqual({ classes: ['cats', null] });
  });
  it('a zip with no folders gets a message', () => {
    const r = zipClasses(['x.png', 'y.png']);
    expect('message' in r && r.message).toMatch(/^The zip has no folders/);
    expect('message' in zipClasses([])).toBe(true);
  });
});

describe('checkClasses', () => {
  it('needs two classes', () => {
    expect(checkClasses(new Map([['cats', 12]])).error).toBe(
      'A classifier needs at least two classes: all 12 images are in "cats". Add images of another class (a folder per class, or one drop per class).',
    );
    expect(
      checkClasses(
        new Map([
          ['cats', 3],
          ['dogs', 0],
        ]),
      ).error,
    ).toMatch(/^A classifier needs at least two classes: all 3 images are in "cats"/);
    expect(checkClasses(new Map()).error).toMatch(/^A classifier needs at least two classes: none/);
  });
  it('warns about classes with fewer than 5 images', () => {
    const r = checkClasses(
      new Map([
        ['cats', 5],
        ['dogs', 4],
        ['owl', 1],
      ]),
    );
    expect(r.error).toBeNull();
    expect(r.warnings).toEqual([
      'Class "dogs" has only 4 images; 5 or more give the network something to learn and a fairer test.',
      'Class "owl" has only 1 image; 5 or more give the network something to learn and a fairer test.',
    ]);
  });
  it('refuses more classes than a uint8 label holds', () => {
    const many = new Map(Array.from({ length: 257 }, (_, i) => [`c${i}`, 5] as const));
    expect(checkClasses(many).error).toMatch(/at most 256 classes/);
  });
});

describe('stratified split', () => {
  it('test images per class: round(fraction·n), at least 1 from 2 images, never all', () => {
    expect([1, 2, 3, 4, 5, 10, 12, 200].map((n) => testCount(n, 0.2))).toEqual([0, 1, 1, 1, 1, 2, 2, 40]);
    expect([2, 3, 9].map((n) => testCount(n, 0.5))).toEqual([1, 2, 5]);
    expect(testCount(10, 0)).toBe(0);
  });
  const labels = Uint8Array.from([...Array<number>(200).fill(0), ...Array<number>(13).fill(1), 2, 2, 3]);
  it('gives each class its own count', () => {
    const split = stratifiedSplit(labels, 4, 0.2, 7);
    const tests = [0, 1, 2, 3].map((c) => labels.filter((l, i) => l === c && split[i] === 1).length);
    expect(tests).toEqual([40, 3, 1, 0]);
  });
  it('is the same for a seed and differs between seeds', () => {
    const a = stratifiedSplit(labels, 4, 0.2, 7);
    expect(stratifiedSplit(labels, 4, 0.2, 7)).toEqual(a);
    expect(stratifiedSplit(labels, 4, 0.2, 8)).not.toEqual(a);
    // not simply the first or last images of a class
    const firstClass = Array.from(a.subarray(0, 200));
    expect(firstClass.slice(0, 40)).not.toEqual(Array<number>(40).fill(1));
    expect(firstClass.slice(160)).not.toEqual(Array<number>(40).fill(1));
  });
});

describe('buildUserDataset', () => {
  const options = { ...DEFAULT_PREPARE, size: 28 as const, testFraction: 0.25, seed: 3 };
  const classOf = ['10', '2', '2', '10', '2', '2', '10', '10'];
  const set = {
    id: 'user-test' as const,
    name: 'Mine',
    createdAt: 5,
    options,
    images: Uint8Array.from({ length: classOf.length * 784 }, (_, i) => Math.floor(i / 784)),
    classOf,
    names: classOf.map((c, i) => `${c}/${i}.png`),
    skipped: [{ name: 'notes.txt', reason: 'not an image' }],
  };
  it('sorts the classes (numbers by value), labels the images and counts each split', () => {
    const { meta, data } = buildUserDataset(set);
    expect(meta.classNames).toEqual(['2', '10']);
    expect(Array.from(data.labels)).toEqual([1, 0, 0, 1, 0, 0, 1, 1]);
    expect(meta.perClass).toEqual({ train: [3, 3], test: [1, 1] });
    expect(meta.counts).toEqual({ train: 6, test: 2 });
    expect(meta.shape).toEqual([28, 28, 1]);
    expect(meta.bytes).toBe(8 * 784 + 8 + 8 + 2 * set.names.join('').length);
    expect(meta.skipped).toEqual(set.skipped);
    expect(data.images).toBe(set.images);
    expect(data.count).toBe(8);
    expect(Array.from(data.split).filter((s) => s === 1)).toHaveLength(2);
  });
  it('RGB images are 28×28×3', () => {
    const rgb = {
      ...set,
      options: { ...options, colour: 'rgb' as const },
      images: new Uint8Array(8 * 784 * 3),
    };
    expect(buildUserDataset(rgb).meta.shape).toEqual([28, 28, 3]);
    expect(() => buildUserDataset({ ...rgb, images: new Uint8Array(8 * 784) })).toThrow(/bytes/);
  });
});

describe('newUserDatasetId', () => {
  it('is a valid user id, and differs between draws', () => {
    const rng = mulberry32(1);
    const a = newUserDatasetId(rng);
    expect(isUserDatasetId(a)).toBe(true);
    expect(a).toMatch(/^user-[a-z0-9]{12}$/);
    expect(newUserDatasetId(rng)).not.toBe(a);
  });
});
