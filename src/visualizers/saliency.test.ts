// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  composeSaliency,
  createSaliency,
  formatValue,
  GAP,
  MAX_ALPHA,
  rebase,
  saliencyLut,
  scaleRange,
  type SaliencyData,
} from './saliency';
import { captureCanvases, nextFrame } from './testCanvas';

const data = (patch: Partial<SaliencyData> = {}): SaliencyData => ({
  h: 2,
  w: 2,
  image: Uint8Array.from([10, 20, 30, 40]),
  channels: 1,
  map: Uint8Array.from([0, 255, 128, 0]),
  min: 0,
  max: 0.5,
  unit: '|∂ logit / ∂ pixel|',
  ...patch,
});

const px = (f: ReturnType<typeof composeSaliency>, x: number, y: number) =>
  Array.from(f.bytes.subarray((y * f.width + x) * 4, (y * f.width + x) * 4 + 4));

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('composeSaliency', () => {
  it('draws the image on the left and the map over it on the right, the image showing where the map is 0', () => {
    const f = composeSaliency(data());
    expect([f.width, f.height]).toEqual([4 + GAP, 2]);
    expect(px(f, 1, 0)).toEqual([20, 20, 20, 255]);
    expect(px(f, 2 + GAP, 0)).toEqual([10, 10, 10, 255]); // map 0: the image
    const top = saliencyLut().rgba;
    const blend = (img: number, k: number) =>
      Math.round((1 - MAX_ALPHA) * img + MAX_ALPHA * (top[255 * 4 + k] as number));
    expect(px(f, 3 + GAP, 0)).toEqual([blend(20, 0), blend(20, 1), blend(20, 2), 255]);
    expect(px(f, 2, 0)).toEqual([0, 0, 0, 0]); // the gap
  });

  it('keeps the colours of an RGB image', () => {
    const f = composeSaliency(
      data({ channels: 3, image: Uint8Array.from([200, 0, 0, 0, 200, 0, 0, 0, 200, 9, 9, 9]) }),
    );
    expect(px(f, 0, 0)).toEqual([200, 0, 0, 255]);
    expect(px(f, 0, 1)).toEqual([0, 0, 200, 255]);
    expect(px(f, 2 + GAP + 1, 1)).toEqual([9, 9, 9, 255]);
  });
});

describe('formatValue', () => {
  it('writes small and large values as powers of ten, never as e-notation', () => {
    expect(formatValue(0)).toBe('0');
    expect(formatValue(0.5)).toBe('0.500');
    expect(formatValue(0.00012)).toBe('1.20 × 10⁻⁴');
    expect(formatValue(7.39e-5)).toBe('7.39 × 10⁻⁵');
    expect(formatValue(12345)).toBe('1.23 × 10⁴');
    expect(formatValue(Number.NaN)).toBe('—');
  });
});

describe('the scale of a magnitude map', () => {
  it('starts at 0 for a magnitude, and keeps min..max for a signed map', () => {
    expect(scaleRange({ min: 7.39e-5, max: 0.02, fromZero: true })).toEqual({ lo: 0, hi: 0.02 });
    expect(scaleRange({ min: -0.1, max: 0.2 })).toEqual({ lo: -0.1, hi: 0.2 });
  });

  it('re-bases the colours on 0: the map’s smallest value is not painted as the bottom of the scale', () => {
    // Quantised from 0.1..0.2: v = 0 stands for 0.1, which is half way up a 0..0.2 scale.
    const idx = rebase({ min: 0.1, max: 0.2, fromZero: true });
    expect(idx[0]).toBe(128);
    expect(idx[255]).toBe(255);
    expect(Array.from(rebase({ min: 0.1, max: 0.2 }).subarray(0, 3))).toEqual([0, 1, 2]);
    const f = composeSaliency(
      data({ map: Uint8Array.from([0, 0, 0, 0]), min: 0.1, max: 0.2, fromZero: true }),
    );
    expect(px(f, 2 + GAP, 0)).not.toEqual([10, 10, 10, 255]); // coloured half way, not left as the bare image
  });
});

describe('createSaliency', () => {
  it('puts the picture on its canvas and writes the honest range on the scale', async () => {
    const cap = captureCanvases();
    const host = document.createElement('div');
    const r = createSaliency(host);
    r.update(data({ min: 0.001, max: 0.25 }));
    await nextFrame();
    const canvas = host.querySelector('canvas');
    if (!canvas) throw new Error('no canvas');
    expect(cap.rgbaAt(canvas, 1, 1)).toEqual([40, 40, 40, 255]);
    expect(host.textContent).toContain('0.00100');
    expect(host.textContent).toContain('0.250');
    expect(host.textContent).toContain('|∂ logit / ∂ pixel|');
    r.update(data({ min: 7.39e-5, max: 0.0123, fromZero: true }));
    await nextFrame();
    expect(host.querySelector('.viz-legend-min')?.textContent).toBe('0');
    expect(host.querySelector('.viz-legend-max')?.textContent).toBe('0.0123');
    expect(host.textContent).not.toMatch(/e-\d/);
    r.destroy();
    expect(host.querySelector('canvas')).toBeNull();
  });
});
