import { describe, expect, it } from 'vitest';
import { centreLikeMnist } from './centreLikeMnist';

function bbox(p: Uint8Array): { x0: number; x1: number; y0: number; y1: number } {
  let x0 = 99,
    x1 = -1,
    y0 = 99,
    y1 = -1;
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++)
      if (p[y * 28 + x]! > 0) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  return { x0, x1, y0, y1 };
}
function centre(p: Uint8Array): { x: number; y: number } {
  let m = 0,
    sx = 0,
    sy = 0;
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++) {
      const v = p[y * 28 + x]!;
      m += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  return { x: sx / m, y: sy / m };
}

describe('centreLikeMnist', () => {
  it('blank stays blank', () => {
    expect(centreLikeMnist(new Uint8Array(280 * 280), 280, 280).every((v) => v === 0)).toBe(true);
  });
  it('a tall stroke in a corner becomes 20 px tall, aspect kept, mass centred', () => {
    const w = 280,
      h = 280;
    const src = new Uint8Array(w * h);
    for (let y = 10; y < 110; y++) for (let x = 200; x < 225; x++) src[y * w + x] = 255; // 100 tall, 25 wide
    const out = centreLikeMnist(src, w, h);
    const b = bbox(out);
    expect(b.y1 - b.y0 + 1).toBe(20);
    expect(b.x1 - b.x0 + 1).toBe(5);
    const c = centre(out);
    expect(Math.abs(c.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c.y - 14)).toBeLessThanOrEqual(0.5);
  });
  it('a tiny dot is scaled up to 20 px', () => {
    const src = new Uint8Array(100);
    src[5 * 10 + 5] = 200;
    src[5 * 10 + 6] = 200;
    const out = centreLikeMnist(src, 10, 10);
    const b = bbox(out);
    expect(b.x1 - b.x0 + 1).toBe(20);
    expect(b.y1 - b.y0 + 1).toBe(10);
    expect(Math.max(...out)).toBe(200);
  });
  it('centre of mass, not box centre: an L shape shifts toward its heavy side', () => {
    const w = 100;
    const src = new Uint8Array(w * w);
    for (let y = 0; y < 100; y++) for (let x = 0; x < 20; x++) src[y * w + x] = 255;
    for (let y = 80; y < 100; y++) for (let x = 0; x < 100; x++) src[y * w + x] = 255;
    const c = centre(centreLikeMnist(src, w, w));
    expect(Math.abs(c.x - 14)).toBeLessThanOrEqual(0.6);
    expect(Math.abs(c.y - 14)).toBeLessThanOrEqual(0.6);
  });
});
