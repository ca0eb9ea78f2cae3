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

  it('scans 2 MB of brackets in a few milliseconds', () => {
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
    // A few ms each on a quiet machine (best of 3); the bounds leave room for a loaded 2-core one.
    expect(best).toBeLessThan(50);
    expect(bestFlat).toBeLessThan(100);
  });
});
