import { describe, expect, it } from 'vitest';
import { nestsDeeper } from './jsonDepth';

describe('nestsDeeper', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestsDeeper('[[[1]]]', 3)).toBe(false);
    expect(nestsDeeper('[[[[1]]]]', 3)).toBe(true);
    expect(nestsDeeper('{"a":{"b":{"c":{}}}}', 3)).toBe(true);
    expect(nestsDeeper('["[[[[[[", "\\"[[[["]', 2)).toBe(false);
    expect(nestsDeeper('[1],[2],[3],[4]', 1)).toBe(false);
  });

  it('scans 2 MB faster than JSON.parse reads it, and stops at once when too deep', () => {
    const text = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      expect(nestsDeeper(text)).toBe(true);
      best = Math.min(best, performance.now() - t0);
    }
    const flat = '[' + '0,'.repeat(1_000_000) + '0]';
    let bestFlat = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      expect(nestsDeeper(flat)).toBe(false);
      bestFlat = Math.min(bestFlat, performance.now() - t0);
    }
    // Against JSON.parse of the same text, measured in the same moment (best of 3 each), so a loaded machine slows
    // both: a scan in one pass costs about what parsing does (a few ms here when quiet), never a multiple of it, and a
    // deep text stops it at once.
    let bestParse = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      JSON.parse(flat);
      bestParse = Math.min(bestParse, performance.now() - t0);
    }
    expect(bestFlat).toBeLessThan(2 * bestParse);
    expect(best).toBeLessThan(bestFlat);
  });
});
