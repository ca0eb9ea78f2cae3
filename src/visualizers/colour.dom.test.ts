// @vitest-environment jsdom
/**
 * Colour in the renderers, read from the pixels they put: first-layer kernels of a colour model as RGB pictures, the
 * RGB input thumbnail of the activation maps, and grids of 32×32 colour images.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asNodeId } from '../engine/graph/types';
import { createActivationMaps } from './activationMaps';
import { createImageGrid } from './imageGrid';
import { createKernelGrid } from './kernelGrid';
import { cellOrigin, layoutKernels, RGB_ROW, valueIndex, type KernelData } from './kernelLayout';
import { captureCanvases, nextFrame } from './testCanvas';

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const host = (): HTMLDivElement => document.body.appendChild(document.createElement('div'));

/** A 3×3 layer on RGB input, 2 filters: filter 0 only red (+), filter 1 only blue (−). */
function rgbLayer(): KernelData {
  const k = { node: asNodeId('conv1'), kh: 3, kw: 3, inChannels: 3, filters: 2, rgbInput: true };
  const values = new Float32Array(3 * 3 * 3 * 2);
  for (let ky = 0; ky < 3; ky++)
    for (let kx = 0; kx < 3; kx++) {
      values[valueIndex(k, ky, kx, 0, 0)] = 0.5;
      values[valueIndex(k, ky, kx, 2, 1)] = -0.25;
    }
  return { ...k, values };
}

describe('kernel grid of a colour model', () => {
  it('draws a red-only filter red and a negative blue-only filter olive (no blue) in the RGB row, above the channel rows', async () => {
    const cap = captureCanvases();
    const h = host();
    const grid = createKernelGrid(h);
    const layer = rgbLayer();
    grid.update({ gradients: false, layers: [layer] });
    await nextFrame();
    const canvas = h.querySelector('canvas[aria-label="Kernel grid"]') as HTMLCanvasElement;
    const b = layoutKernels([layer]).blocks[0]!;
    expect(b.colourRow).toBe(1);
    const at = (c: number, f: number) => {
      const o = cellOrigin(b, c, f);
      return cap.rgbaAt(canvas, o.x + b.scale, o.y + b.scale);
    };
    // Scaled per filter around grey: +max → 255, 0 → 128, −max → 0.
    expect(at(RGB_ROW, 0)).toEqual([255, 128, 128, 255]);
    expect(at(RGB_ROW, 1)).toEqual([128, 128, 0, 255]);
    // The channel rows stay blue–white–red: filter 0's red channel is (dark) red, its green channel near white.
    const [r, g, bl] = at(0, 0)!;
    expect(r).toBeGreaterThan(2 * Math.max(g!, bl!));
    // Zero weights are the scale's middle (near white); filter 1's blue channel is blue.
    expect(at(1, 0)).toEqual(at(0, 1));
    expect(
      at(1, 0)!
        .slice(0, 3)
        .every((v) => v > 230),
    ).toBe(true);
    const [br, , bb] = at(2, 1)!;
    expect(bb).toBeGreaterThan(br! + 60);
    expect(h.textContent).toContain('top row RGB');
    grid.destroy();
  });

  it('draws no colour row for a layer whose 3 input channels are not an image', () => {
    const plain = { ...rgbLayer(), rgbInput: false };
    expect(layoutKernels([plain]).blocks[0]!.colourRow).toBe(0);
    expect(layoutKernels([plain]).height).toBeLessThan(layoutKernels([rgbLayer()]).height);
  });
});

describe('activation maps of a colour input', () => {
  it('draws the RGB input thumbnail in its colours, 32×32 at 4×', async () => {
    const cap = captureCanvases();
    const h = host();
    const maps = createActivationMaps(h);
    const rgb = new Uint8Array(32 * 32 * 3);
    for (let p = 0; p < 32 * 32; p++) {
      const left = p % 32 < 16;
      rgb.set(left ? [250, 20, 10] : [15, 40, 230], 3 * p);
    }
    const data = new Uint8Array(32 * 32 * 3).fill(99); // per-channel maps, each its own range
    maps.update({
      input: { node: asNodeId('input'), h: 32, w: 32, count: 3, data, rgb },
      layers: [{ node: asNodeId('conv1'), h: 16, w: 16, count: 1, data: new Uint8Array(256) }],
    });
    await nextFrame();
    const canvas = h.querySelector('canvas[aria-label="Input image"]') as HTMLCanvasElement;
    expect(canvas.width).toBe(128);
    expect(cap.rgbaAt(canvas, 0, 0)).toEqual([250, 20, 10, 255]);
    expect(cap.rgbaAt(canvas, 127, 127)).toEqual([15, 40, 230, 255]);
    // Without RGB bytes (a grey model) the thumbnail is the first map, grey.
    maps.update({
      input: { node: asNodeId('input'), h: 28, w: 28, count: 1, data: new Uint8Array(784).fill(200) },
      layers: [],
    });
    await nextFrame();
    const grey = cap.rgbaAt(canvas, 5, 5)!;
    expect(canvas.width).toBe(112);
    expect(grey[0]).toBe(grey[1]);
    expect(grey[1]).toBe(grey[2]);
    maps.destroy();
  });
});

describe('image grid of colour images', () => {
  it('draws 32×32×3 images as 32×32 colour cells', async () => {
    const cap = captureCanvases();
    const h = host();
    const grid = createImageGrid(h);
    const px = 32 * 32 * 3;
    const pixels = new Uint8Array(4 * px);
    const colours = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [200, 100, 50],
    ];
    colours.forEach((c, m) => {
      for (let p = 0; p < 32 * 32; p++) pixels.set(c, m * px + 3 * p);
    });
    grid.update({ count: 4, h: 32, w: 32, channels: 3, pixels, cols: 2 });
    await nextFrame();
    const canvas = h.querySelector('canvas') as HTMLCanvasElement;
    expect([canvas.width, canvas.height]).toEqual([2 * 32 + 1, 2 * 32 + 1]);
    expect(cap.rgbaAt(canvas, 0, 0)).toEqual([255, 0, 0, 255]);
    expect(cap.rgbaAt(canvas, 31, 31)).toEqual([255, 0, 0, 255]);
    expect(cap.rgbaAt(canvas, 32, 0)).toEqual([0, 0, 0, 0]); // the 1-px gap
    expect(cap.rgbaAt(canvas, 33, 0)).toEqual([0, 255, 0, 255]);
    expect(cap.rgbaAt(canvas, 0, 33)).toEqual([0, 0, 255, 255]);
    expect(cap.rgbaAt(canvas, 64, 64)).toEqual([200, 100, 50, 255]);
    grid.destroy();
  });
});
