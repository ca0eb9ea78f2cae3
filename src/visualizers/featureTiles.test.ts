// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFeatureTiles } from './featureTiles';
import { greysLut } from './colormap';
import { captureCanvases, nextFrame } from './testCanvas';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const grey = (v: number) => Array.from(greysLut().rgba.subarray(v * 4, v * 4 + 4));

describe('createFeatureTiles', () => {
  it('draws each picture on its own canvas with its own label and note under it', async () => {
    const cap = captureCanvases();
    const host = document.createElement('div');
    const r = createFeatureTiles(host, { scale: 3, label: 'Pictures' });
    r.update({
      count: 3,
      h: 1,
      w: 2,
      channels: 1,
      pixels: Uint8Array.from([0, 10, 255, 255, 40, 50]),
      labels: ['filter 1', 'filter 2', 'filter 3'],
      notes: [null, 'flat white: responds most to a uniform bright patch', null],
    });
    await nextFrame();
    expect(host.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Pictures');
    const figures = [...host.querySelectorAll('figure')];
    expect(figures).toHaveLength(3);
    const canvases = figures.map((f) => f.querySelector('canvas') as HTMLCanvasElement);
    expect(cap.rgbaAt(canvases[0]!, 1, 0)).toEqual(grey(10));
    expect(cap.rgbaAt(canvases[1]!, 0, 0)).toEqual(grey(255));
    expect(cap.rgbaAt(canvases[2]!, 1, 0)).toEqual(grey(50));
    expect(canvases[0]!.style.width).toBe('6px');
    expect(figures[1]!.querySelector('figcaption')?.textContent).toBe(
      'filter 2flat white: responds most to a uniform bright patch',
    );
    expect(canvases[1]!.getAttribute('aria-label')).toBe(
      'filter 2: flat white: responds most to a uniform bright patch',
    );
    expect(figures[0]!.querySelector('.viz-tile__note')?.hasAttribute('hidden')).toBe(true);
    // Fewer pictures: the extra figures go.
    r.update({ count: 1, h: 1, w: 2, channels: 1, pixels: Uint8Array.from([1, 2]), labels: ['start'] });
    await nextFrame();
    expect(host.querySelectorAll('figure')).toHaveLength(1);
    expect(host.textContent).toBe('start');
    r.destroy();
    expect(host.childElementCount).toBe(0);
  });
});
