import { describe, expect, it } from 'vitest';
import { buildLut, divergingIndex, divergingLut, greysLut, viridisLut } from './colormap';

describe('colour lookup tables', () => {
  it('has 256 opaque entries and a packed view over the same bytes', () => {
    const lut = greysLut();
    expect(lut.rgba.length).toBe(1024);
    expect(lut.packed.length).toBe(256);
    for (let i = 0; i < 256; i++) expect(lut.rgba[i * 4 + 3]).toBe(255);
    expect(lut.packed.buffer).toBe(lut.rgba.buffer);
  });
  it('greys run black → white', () => {
    const { rgba } = greysLut();
    expect(rgba[0]).toBeLessThan(10);
    expect(rgba[255 * 4]).toBeGreaterThan(245);
    for (let i = 1; i < 256; i++) expect(rgba[i * 4]!).toBeGreaterThanOrEqual(rgba[(i - 1) * 4]!);
  });
  it('diverging: negative is blue, zero near white, positive is red', () => {
    const { rgba } = divergingLut();
    const px = (i: number) => [rgba[i * 4]!, rgba[i * 4 + 1]!, rgba[i * 4 + 2]!] as const;
    const [r0, , b0] = px(0);
    expect(b0).toBeGreaterThan(r0);
    const [r1, , b1] = px(255);
    expect(r1).toBeGreaterThan(b1);
    const mid = px(divergingIndex(0, 1));
    expect(Math.min(...mid)).toBeGreaterThan(230);
  });
  it('maps values to indices centred on zero and clamps', () => {
    expect(divergingIndex(-1, 1)).toBe(0);
    expect(divergingIndex(1, 1)).toBe(255);
    expect(divergingIndex(5, 1)).toBe(255);
    expect(divergingIndex(-0.5, 1)).toBe(64);
    expect(divergingIndex(NaN, 1)).toBe(128);
    expect(divergingIndex(0.3, 0)).toBe(128);
  });
  it('builds from any interpolator and caches the shared tables', () => {
    const red = buildLut(() => 'rgb(255, 0, 0)');
    expect([...red.rgba.slice(0, 4)]).toEqual([255, 0, 0, 255]);
    expect(red.css(3)).toBe('rgb(255, 0, 0)');
    expect(viridisLut()).toBe(viridisLut());
  });
});
