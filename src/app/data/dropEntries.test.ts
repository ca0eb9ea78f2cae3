import { describe, expect, it } from 'vitest';
import { DROP_ROOT, readDropped, type EntryLike } from './dropEntries';
import { addFolder, emptyStaging, stagingCounts } from './staging';

const fileEntry = (fullPath: string, broken = false): EntryLike => {
  const name = fullPath.slice(fullPath.lastIndexOf('/') + 1);
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (ok, fail) => (broken ? fail?.(new Error('gone')) : ok(new File([new Uint8Array(2)], name))),
  };
};

/** A directory whose reader answers in batches of two, then an empty batch (as browsers do, in hundreds). */
const dirEntry = (fullPath: string, children: EntryLike[], broken = false): EntryLike => ({
  isFile: false,
  isDirectory: true,
  name: fullPath.slice(fullPath.lastIndexOf('/') + 1),
  fullPath,
  createReader: () => {
    let at = 0;
    return {
      readEntries: (ok, fail) => {
        if (broken) return fail?.(new Error('denied'));
        const batch = children.slice(at, at + 2);
        at += 2;
        ok(batch);
      },
    };
  },
});

describe('dropped entries', () => {
  it('reads one dropped folder like a folder pick, all batches, deep folders too', async () => {
    const pets = dirEntry('/pets', [
      dirEntry('/pets/cats', [
        fileEntry('/pets/cats/1.png'),
        fileEntry('/pets/cats/2.png'),
        fileEntry('/pets/cats/3.png'),
      ]),
      dirEntry('/pets/dogs', [dirEntry('/pets/dogs/old', [fileEntry('/pets/dogs/old/1.png')])]),
      fileEntry('/pets/notes.txt'),
    ]);
    const r = await readDropped([pets]);
    expect(r.kind).toBe('folder');
    expect(r.sources.map((s) => s.path)).toEqual([
      'pets/cats/1.png',
      'pets/cats/2.png',
      'pets/cats/3.png',
      'pets/dogs/old/1.png',
      'pets/notes.txt',
    ]);
    const counts = stagingCounts(addFolder(emptyStaging, r.sources, '').staging);
    expect(counts.classes.map((c) => [c.name, c.images])).toEqual([
      ['cats', 3],
      ['dogs', 1],
    ]);
  });

  it('folders dropped together are each a class; files beside them have none', async () => {
    const r = await readDropped([
      dirEntry('/cats', [fileEntry('/cats/1.png')]),
      dirEntry('/dogs', [fileEntry('/dogs/1.png')]),
      fileEntry('/stray.png'),
    ]);
    expect(r.sources.map((s) => s.path)).toEqual([
      `${DROP_ROOT}/cats/1.png`,
      `${DROP_ROOT}/dogs/1.png`,
      `${DROP_ROOT}/stray.png`,
    ]);
    const added = addFolder(emptyStaging, r.sources, 'ignored');
    expect(added.added).toEqual([
      ['cats', 1],
      ['dogs', 1],
    ]);
    expect(added.loose).toEqual([`${DROP_ROOT}/stray.png`]);
  });

  it('dropped files come without paths; what cannot be read is named', async () => {
    const files = await readDropped([fileEntry('/a.png'), fileEntry('/b.png', true)]);
    expect(files.kind).toBe('files');
    expect(files.sources.map((s) => [s.name, s.path])).toEqual([['a.png', undefined]]);
    expect(files.unreadable).toEqual(['b.png']);
    const dir = await readDropped([dirEntry('/locked', [], true)]);
    expect(dir.unreadable).toEqual(['locked']);
  });
});
