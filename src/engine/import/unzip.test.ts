import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unzip } from './unzip';

const enc = new TextEncoder();
const big = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 7) % 251);

describe('unzip', () => {
  it('reads stored and deflated entries, folders included, with a comment after the directory', () => {
    const files = {
      'a/model.json': enc.encode('{"x": 1}'.repeat(100)),
      'a/weights.bin': big,
      'a/': new Uint8Array(),
    };
    for (const level of [0, 6] as const) {
      const zip = zipSync(files, { level, comment: 'made by a test' });
      const out = unzip(zip);
      expect(Object.keys(out).sort()).toEqual(['a/', 'a/model.json', 'a/weights.bin']);
      expect(out['a/weights.bin']).toEqual(big);
      expect(new TextDecoder().decode(out['a/model.json'])).toBe('{"x": 1}'.repeat(100));
    }
  });

  it('refuses what is not a zip, or a cut one', () => {
    expect(() => unzip(enc.encode('not a zip at all, just some text that is long enough'))).toThrow();
    const zip = zipSync({ 'w.bin': big });
    expect(() => unzip(zip.subarray(0, zip.length - 30))).toThrow();
  });
});
