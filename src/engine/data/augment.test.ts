import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AUGMENT,
  applyParams,
  augmentActive,
  augmentBatch,
  drawParams,
  type AugmentParams,
} from './augment';
import { mulberry32 } from './random';

const NONE: AugmentParams = {
  dx: 0,
  dy: 0,
  flip: false,
  angle: 0,
  scale: 1,
  brightness: 0,
  contrast: 1,
  gains: [1],
};

/** A 4×4 grey image with one bright pixel at (x, y). */
function dot(x: number, y: number, w = 4, h = 4): Float32Array {
  const a = new Float32Array(w * h);
  a[y * w + x] = 1;
  return a;
}
const where = (a: ArrayLike<number>, w = 4): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = 0; i < a.length; i++) if ((a[i] as number) > 0.5) out.push([i % w, Math.floor(i / w)]);
  return out;
};

describe('applyParams: known pixels', () => {
  it('a shift of +1 moves a pixel one to the right (and +1 down); what comes in is black', () => {
    const dst = new Float32Array(16);
    applyParams(dot(1, 1), dst, [4, 4, 1], { ...NONE, dx: 1 }, {});
    expect(where(dst)).toEqual([[2, 1]]);
    applyParams(dot(1, 1), dst, [4, 4, 1], { ...NONE, dy: 1 }, {});
    expect(where(dst)).toEqual([[1, 2]]);
    const full = new Float32Array(16).fill(1);
    applyParams(full, dst, [4, 4, 1], { ...NONE, dx: 1 }, {});
    expect([dst[0], dst[4], dst[1]]).toEqual([0, 0, 1]);
    applyParams(full, dst, [4, 4, 1], { ...NONE, dx: 1 }, { fill: 'edge' });
    expect(dst[0]).toBe(1);
  });

  it('flip mirrors left-right, in place too', () => {
    const img = dot(0, 2);
    applyParams(img, img, [4, 4, 1], { ...NONE, flip: true });
    expect(where(img)).toEqual([[3, 2]]);
  });

  it('rotating by 90° turns a pixel about the centre; zoom 2 pushes it outward', () => {
    const dst = new Float32Array(16);
    // Centre (1.5, 1.5); (3, 1) is (+1.5, −0.5) from it; a quarter turn (clockwise on screen) takes it to
    // (+0.5, +1.5) → (2, 3).
    applyParams(dot(3, 1), dst, [4, 4, 1], { ...NONE, angle: Math.PI / 2 });
    expect(where(dst)).toEqual([[2, 3]]);
    const big = new Float32Array(25);
    applyParams(dot(3, 2, 5, 5), big, [5, 5, 1], { ...NONE, scale: 2 });
    // (3, 2) is +1 from the centre (2, 2); zoom 2 puts it at +2 → (4, 2).
    expect(where(big, 5)).toEqual([[4, 2]]);
  });

  it('jitter: contrast about mid-grey, brightness, per-channel gain on RGB; uint8 rounds and clamps', () => {
    const grey = Uint8Array.from([0, 128, 255, 200]);
    const out = new Uint8Array(4);
    applyParams(grey, out, [2, 2, 1], { ...NONE, contrast: 2 });
    expect(Array.from(out)).toEqual([0, 129, 255, 255]);
    applyParams(grey, out, [2, 2, 1], { ...NONE, brightness: 0.1 });
    expect(Array.from(out)).toEqual([26, 154, 255, 226]);
    const rgb = Uint8Array.from([100, 100, 100]);
    const o3 = new Uint8Array(3);
    applyParams(rgb, o3, [1, 1, 3], { ...NONE, gains: [1.5, 1, 0.5] });
    expect(Array.from(o3)).toEqual([150, 100, 50]);
  });
});

describe('augment settings', () => {
  it('all off: the image is unchanged bit for bit and no random numbers are used', () => {
    expect(augmentActive(DEFAULT_AUGMENT)).toBe(false);
    const img = Float32Array.from({ length: 48 }, (_, i) => Math.sin(i) * 0.5 + 0.5);
    const copy = Float32Array.from(img);
    let calls = 0;
    const rng = mulberry32(3);
    augmentBatch(img, 4, [2, 2, 3], DEFAULT_AUGMENT, () => (calls++, rng()));
    expect(img).toEqual(copy);
    expect(calls).toBe(0);
    const dst = new Float32Array(48);
    applyParams(img, dst, [4, 4, 3], drawParams(DEFAULT_AUGMENT, rng, 3));
    expect(dst).toEqual(copy);
  });

  it('draws within the maxima; flip about half the time', () => {
    const rng = mulberry32(11);
    let flips = 0;
    for (let i = 0; i < 400; i++) {
      const p = drawParams({ shift: 2, flip: true, rotate: 10, zoom: 0.2, jitter: 0.4 }, rng, 3);
      expect(Math.abs(p.dx)).toBeLessThanOrEqual(2);
      expect(Number.isInteger(p.dx) && Number.isInteger(p.dy)).toBe(true);
      expect(Math.abs(p.angle)).toBeLessThanOrEqual((10 * Math.PI) / 180);
      expect(Math.abs(p.scale - 1)).toBeLessThanOrEqual(0.2);
      expect(Math.abs(p.contrast - 1)).toBeLessThanOrEqual(0.4);
      expect(p.gains).toHaveLength(3);
      if (p.flip) flips++;
    }
    expect(flips).toBeGreaterThan(150);
    expect(flips).toBeLessThan(250);
  });

  it('the same seed gives the same batch; another seed a different one; images differ within a batch', () => {
    const s = { shift: 3, flip: true, rotate: 15, zoom: 0.1, jitter: 0.2 };
    const base = Float32Array.from({ length: 8 * 64 }, (_, i) => ((i * 37) % 64) / 64);
    const a = Float32Array.from(base);
    const b = Float32Array.from(base);
    const c = Float32Array.from(base);
    augmentBatch(a, 8, [8, 8, 1], s, mulberry32(5));
    augmentBatch(b, 8, [8, 8, 1], s, mulberry32(5));
    augmentBatch(c, 8, [8, 8, 1], s, mulberry32(6));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).not.toEqual(base);
    for (const v of a) expect(v >= 0 && v <= 1).toBe(true);
  });
});
