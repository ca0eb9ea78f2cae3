import { describe, expect, it } from 'vitest';
import { outlineTile } from './imageGrid';

describe('outlineTile', () => {
  it('draws a 1 px ring just inside the tile and nothing else', () => {
    const width = 6;
    const dst = new Uint32Array(width * 5);
    outlineTile(dst, width, { x: 1, y: 1 }, 4, 3, 7);
    const rows = Array.from({ length: 5 }, (_, y) =>
      [...dst.subarray(y * width, (y + 1) * width)].map((v) => (v ? '#' : '.')).join(''),
    );
    expect(rows).toEqual(['......', '.####.', '.#..#.', '.####.', '......']);
  });
});
