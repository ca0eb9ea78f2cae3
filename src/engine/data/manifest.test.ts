import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest } from './manifest';
import { DatasetError } from './types';

function valid(): Record<string, unknown> {
  const file = (name: string, role: string) => ({
    name,
    bytes: 10,
    sha256: 'a'.repeat(64),
    role,
    compression: 'none',
    rawBytes: 10,
  });
  return {
    name: 'fashion-mnist',
    title: 'T',
    version: 1,
    shape: [28, 28, 1],
    classNames: ['a', 'b'],
    counts: { train: 10, test: 10 },
    files: [
      file('a.bin', 'trainImages'),
      file('b.bin', 'trainLabels'),
      file('c.bin', 'testImages'),
      file('d.bin', 'testLabels'),
    ],
    source: 's',
    license: 'l',
    notes: 'n',
    generator: { recipe: 1 },
  };
}

function fieldOf(json: unknown): string {
  try {
    parseManifest(json, 'x/manifest.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError);
    expect(e).toBeInstanceOf(DatasetError);
    expect((e as DatasetError).code).toBe('badManifest');
    expect((e as DatasetError).file).toBe('x/manifest.json');
    return (e as ManifestError).field;
  }
  return 'no error';
}

describe('parseManifest', () => {
  it('accepts a valid manifest and ignores extra fields', () => {
    const m = parseManifest(valid(), 'x/manifest.json', 'fashion-mnist');
    expect(m.name).toBe('fashion-mnist');
    expect(m.files.map((f) => f.role)).toEqual(['trainImages', 'trainLabels', 'testImages', 'testLabels']);
    expect('generator' in m).toBe(false);
  });

  const cases: [string, (m: Record<string, unknown>) => void, string][] = [
    ['unknown name', (m) => void (m['name'] = 'cifar'), 'name'],
    ['version 2', (m) => void (m['version'] = 2), 'version'],
    ['short shape', (m) => void (m['shape'] = [28, 28]), 'shape'],
    ['zero dimension', (m) => void (m['shape'] = [28, 0, 1]), 'shape[1]'],
    ['one class', (m) => void (m['classNames'] = ['a']), 'classNames'],
    ['empty class name', (m) => void (m['classNames'] = ['a', '']), 'classNames[1]'],
    ['negative count', (m) => void ((m['counts'] as Record<string, unknown>)['test'] = -1), 'counts.test'],
    ['path in a file name', (m) => void (file(m, 2)['name'] = '../x.bin'), 'files[2].name'],
    ['fractional bytes', (m) => void (file(m, 0)['bytes'] = 1.5), 'files[0].bytes'],
    ['upper-case sha', (m) => void (file(m, 3)['sha256'] = 'A'.repeat(64)), 'files[3].sha256'],
    ['unknown role', (m) => void (file(m, 1)['role'] = 'images'), 'files[1].role'],
    ['unknown compression', (m) => void (file(m, 1)['compression'] = 'br'), 'files[1].compression'],
    ['raw size of an uncompressed file', (m) => void (file(m, 0)['rawBytes'] = 11), 'files[0].rawBytes'],
    ['role twice', (m) => void (file(m, 1)['role'] = 'trainImages'), 'files'],
    ['no license', (m) => void delete m['license'], 'license'],
  ];
  for (const [what, edit, field] of cases) {
    it(`names the field for: ${what}`, () => {
      const m = valid();
      edit(m);
      expect(fieldOf(m)).toBe(field);
    });
  }

  it('names the root when the JSON is not an object', () => {
    expect(fieldOf([])).toBe('(root)');
    expect(fieldOf(null)).toBe('(root)');
  });

  it('rejects a manifest of another dataset when an id is expected', () => {
    expect(() => parseManifest(valid(), 'm', 'mnist')).toThrow(/name is 'fashion-mnist', expected 'mnist'/);
  });
});

function file(m: Record<string, unknown>, i: number): Record<string, unknown> {
  return (m['files'] as Record<string, unknown>[])[i]!;
}
