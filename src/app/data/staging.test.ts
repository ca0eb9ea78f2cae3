import { describe, expect, it } from 'vitest';
import {
  addClass,
  addFolder,
  addToClass,
  defaultDatasetName,
  emptyStaging,
  removeClass,
  removeItem,
  renameClass,
  stagedBytes,
  stagingCounts,
  stagingProblem,
  toPrepareItems,
  type Source,
} from './staging';
import { describeAdd, listNames } from './stagingMessages';

const blob = (bytes = 3, type = ''): Blob => new Blob([new Uint8Array(bytes)], { type });
const file = (name: string, bytes = 3, type = ''): Source => ({ file: blob(bytes, type), name });
const inFolder = (path: string, bytes = 3): Source => ({
  file: blob(bytes),
  name: path.slice(path.lastIndexOf('/') + 1),
  path,
});
const labels = (s: ReturnType<typeof toPrepareItems>) => s.map((i) => [i.name, i.label]);

describe('staging: files into a named class', () => {
  it('puts picked files into the class named, counts images apart from other files, and zips as their own items', () => {
    const r = addToClass(emptyStaging, '  cats ', [
      file('1.png'),
      file('2.jpg'),
      file('notes.txt'),
      file('pets.zip'),
      file('.DS_Store'),
    ]);
    expect(labels(toPrepareItems(r.staging))).toEqual([
      ['1.png', 'cats'],
      ['2.jpg', 'cats'],
      ['notes.txt', 'cats'],
      ['pets.zip', null],
    ]);
    expect(r.added).toEqual([['cats', 2]]);
    expect(r.zips).toBe(1);
    expect(r.notImages).toEqual(['notes.txt']);
    expect(stagingCounts(r.staging)).toEqual({
      classes: [{ name: 'cats', images: 2, others: 1 }],
      images: 2,
      zips: 1,
      files: 4,
    });
  });

  it('adds to an existing class, skips the same file (name and size) twice, and without a class name adds no images', () => {
    const first = addToClass(emptyStaging, 'cats', [file('1.png', 3)]).staging;
    const again = addToClass(first, 'cats', [file('1.png', 3), file('1.png', 4), file('2.png')]);
    expect(again.duplicates).toBe(1);
    expect(stagingCounts(again.staging).classes).toEqual([{ name: 'cats', images: 3, others: 0 }]);
    const none = addToClass(again.staging, ' ', [file('3.png'), file('set.zip')]);
    expect(none.needClass).toBe(1);
    expect(none.zips).toBe(1);
    expect(stagingCounts(none.staging).images).toBe(3);
    // The staging passed in is never changed.
    expect(stagingCounts(first).images).toBe(1);
  });

  it('adds, renames (merging onto an existing name) and removes classes and items', () => {
    let s = addClass(emptyStaging, 'camera');
    s = addClass(s, 'camera');
    expect(s.classes).toEqual([{ name: 'camera', items: [] }]);
    s = addToClass(s, 'dogs', [file('d1.png'), file('d2.png')]).staging;
    s = addToClass(s, 'cats', [file('c1.png'), file('d1.png')]).staging;
    s = renameClass(s, 'dogs', 'hounds');
    expect(s.classes.map((c) => c.name)).toEqual(['camera', 'hounds', 'cats']);
    expect(s.classes[1]?.items.map((i) => i.label)).toEqual(['hounds', 'hounds']);
    s = renameClass(s, 'hounds', 'cats');
    expect(s.classes.map((c) => c.name)).toEqual(['camera', 'cats']);
    // d1.png (same name and size) is in cats once.
    expect(s.classes[1]?.items.map((i) => [i.name, i.label])).toEqual([
      ['c1.png', 'cats'],
      ['d1.png', 'cats'],
      ['d2.png', 'cats'],
    ]);
    expect(renameClass(s, 'cats', '  ')).toBe(s);
    s = removeItem(s, { class: 'cats' }, 0);
    expect(s.classes[1]?.items.map((i) => i.name)).toEqual(['d1.png', 'd2.png']);
    s = removeClass(s, 'camera');
    expect(s.classes.map((c) => c.name)).toEqual(['cats']);
    s = addToClass(s, 'x', [file('a.zip'), file('b.zip')]).staging;
    expect(removeItem(s, 'zips', 0).zips.map((z) => z.name)).toEqual(['b.zip']);
  });
});

describe('staging: a folder pick', () => {
  it('groups the files by the sub-folder below the picked one; files beside the class folders are loose', () => {
    const r = addFolder(
      emptyStaging,
      [
        inFolder('pets/cats/1.png'),
        inFolder('pets/cats/2024/2.png'),
        inFolder('pets/dogs/1.png'),
        inFolder('pets/readme.txt'),
        inFolder('pets/cover.png'),
        inFolder('pets/dogs/.DS_Store'),
        inFolder('pets/more.zip'),
      ],
      'ignored',
    );
    expect(labels(toPrepareItems(r.staging))).toEqual([
      ['pets/cats/1.png', 'cats'],
      ['pets/cats/2024/2.png', 'cats'],
      ['pets/dogs/1.png', 'dogs'],
      ['pets/more.zip', null],
      ['pets/readme.txt', null],
      ['pets/cover.png', null],
    ]);
    expect(r.added).toEqual([
      ['cats', 2],
      ['dogs', 1],
    ]);
    expect(r.loose).toEqual(['pets/readme.txt', 'pets/cover.png']);
    expect(describeAdd(r)).toBe(
      'Added 2 images to “cats” and 1 to “dogs”. Added 1 zip file: its folders become the classes when the ' +
        'dataset is made. 2 files lie beside the class folders, not in one, and will be skipped: ' +
        'pets/readme.txt and pets/cover.png.',
    );
  });

  it('a folder without sub-folders is one class: the Class name when given, else the folder’s name', () => {
    const cats = addFolder(emptyStaging, [inFolder('cats/1.png'), inFolder('cats/2.png')], '').staging;
    expect(stagingCounts(cats).classes).toEqual([{ name: 'cats', images: 2, others: 0 }]);
    const named = addFolder(cats, [inFolder('IMG/1.png')], 'dogs').staging;
    expect(stagingCounts(named).classes.map((c) => [c.name, c.images])).toEqual([
      ['cats', 2],
      ['dogs', 1],
    ]);
    expect(stagingProblem(named)).toBeNull();
  });
});

describe('staging: what can be made', () => {
  it('says why not: nothing, no images, one class; a zip leaves it to the worker', () => {
    expect(stagingProblem(emptyStaging)).toMatch(/no images yet/);
    const txt = addToClass(emptyStaging, 'a', [file('a.txt')]).staging;
    expect(stagingProblem(txt)).toMatch(/None of the chosen files is an image/);
    const one = addToClass(emptyStaging, 'cats', [file('1.png'), file('2.png')]).staging;
    expect(stagingProblem(one)).toBe(
      'A classifier needs at least two classes: all 2 images are in "cats". Add images of another class ' +
        '(a folder per class, or one drop per class).',
    );
    expect(stagingProblem(addToClass(one, '', [file('more.zip')]).staging)).toBeNull();
    // An empty class (a camera class before its first frame) does not count as a second class.
    expect(stagingProblem(addClass(one, 'dogs'))).toMatch(/at least two classes/);
  });

  it('estimates the bytes, and names the dataset after its classes', () => {
    let s = addToClass(emptyStaging, 'cats', [file('ab.png'), file('x.txt')]).staging;
    s = addToClass(s, 'dogs', [file('cd.png')]).staging;
    // 2 images × (28·28·1 + label + split) + the names as UTF-16 (6 + 5 + 6 characters).
    expect(stagedBytes(s, 28, 'grey')).toBe(2 * (784 + 2) + 2 * 17);
    expect(stagedBytes(s, 32, 'rgb')).toBe(2 * (3072 + 2) + 2 * 17);
    expect(defaultDatasetName(s)).toBe('cats and dogs');
    s = addToClass(s, 'owls', [file('o.png')]).staging;
    s = addToClass(s, 'bats', [file('b.png')]).staging;
    expect(defaultDatasetName(s)).toBe('cats, dogs, owls and 1 more');
    expect(defaultDatasetName(emptyStaging)).toBe('My images');
    expect(defaultDatasetName(addToClass(emptyStaging, '', [file('Pets.ZIP')]).staging)).toBe('Pets');
  });

  it('describes an add in words', () => {
    const r = addToClass(emptyStaging, '', [file('a.png'), file('b.png')]);
    expect(describeAdd(r)).toBe('Type a class name first (for example “cats”): 2 files were not added.');
    const t = addToClass(emptyStaging, 'c', [file('a.png'), file('n.txt')]);
    expect(describeAdd(t)).toBe('Added 1 image to “c”. 1 file is not an image and will be skipped: n.txt.');
    expect(describeAdd(addToClass(emptyStaging, 'c', []))).toBe('Nothing was added: there were no files.');
    expect(listNames(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
});
