import { describe, expect, it } from 'vitest';
import { asNodeId } from '../engine/graph/types';
import { valueIndex } from './kernelLayout';
import { rgbFilterImage } from './rgbKernel';

const layer = (fill: (ky: number, kx: number, c: number, f: number) => number) => {
  const k = { node: asNodeId('c1'), kh: 2, kw: 2, inChannels: 3, filters: 2 };
  const values = new Float32Array(2 * 2 * 3 * 2);
  for (let ky = 0; ky < 2; ky++)
    for (let kx = 0; kx < 2; kx++)
      for (let c = 0; c < 3; c++)
        for (let f = 0; f < 2; f++) values[valueIndex(k, ky, kx, c, f)] = fill(ky, kx, c, f);
  return { ...k, values };
};

describe('rgbFilterImage', () => {
  it('maps each filter symmetric around zero on its own scale: +max → 255, 0 → 128, −max → 0', () => {
    // Filter 0: red +2 on tap (0,0), green −2 on tap (1,1); filter 1 a hundred times smaller, same picture.
    const k = layer((ky, kx, c, f) => {
      const v = ky === 0 && kx === 0 && c === 0 ? 2 : ky === 1 && kx === 1 && c === 1 ? -2 : 0;
      return f === 0 ? v : v / 100;
    });
    const a = rgbFilterImage(k, 0);
    expect([...a]).toEqual([255, 128, 128, 128, 128, 128, 128, 128, 128, 128, 0, 128]);
    expect([...rgbFilterImage(k, 1)]).toEqual([...a]);
  });

  it('is grey for an all-zero filter and ignores non-finite weights', () => {
    expect([
      ...rgbFilterImage(
        layer(() => 0),
        0,
      ),
    ]).toEqual(new Array(12).fill(128));
    const k = layer((ky, kx, c) => (c === 2 && ky === 0 && kx === 0 ? Number.NaN : c === 2 ? 1 : 0));
    const img = rgbFilterImage(k, 0);
    expect(img[2]).toBe(128);
    expect(img[5]).toBe(255);
  });
});
