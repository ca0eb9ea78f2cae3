import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSeed } from './seeds';

describe('deriveSeed', () => {
  it('is never 0 (TF.js reads 0 as unseeded), is deterministic and separates streams', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(1_000_000), (base, stream) => {
        const s = deriveSeed(base, stream);
        expect(s).not.toBe(0);
        expect(Number.isInteger(s) && s > 0 && s < 2 ** 32).toBe(true);
        expect(deriveSeed(base, stream)).toBe(s);
      }),
    );
    const seen = new Set(Array.from({ length: 1000 }, (_, i) => deriveSeed(0, i)));
    expect(seen.size).toBe(1000);
  });
});
