import type { Locator } from '@playwright/test';

/** A cheap hash of a canvas's pixels plus whether any pixel differs from the first (not one flat colour). */
export async function canvasState(canvas: Locator): Promise<{ hash: string; nonBlank: boolean }> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const g = c.getContext('2d');
    if (!g || c.width === 0 || c.height === 0) return { hash: '', nonBlank: false };
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    const first = d[0]! | (d[1]! << 8) | (d[2]! << 16) | (d[3]! << 24);
    let varied = false;
    for (let i = 0; i < d.length; i += 4) {
      const px = d[i]! | (d[i + 1]! << 8) | (d[i + 2]! << 16) | (d[i + 3]! << 24);
      if (px !== first) varied = true;
      h = Math.imul(h ^ px, 16777619);
    }
    return { hash: `${c.width}x${c.height}:${h >>> 0}`, nonBlank: varied };
  });
}
