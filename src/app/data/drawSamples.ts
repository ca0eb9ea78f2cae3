/**
 * Draws a strip of samples side by side with one putImageData (the canvas is scaled with CSS): grey images
 * (channels 1) or colour ones (channels 3, RGB interleaved), each h×w×channels, channel-last as in the dataset.
 */
export function drawSampleStrip(
  canvas: HTMLCanvasElement,
  pixels: Uint8Array,
  count: number,
  h = 28,
  w = 28,
  channels = 1,
): void {
  const size = h * w * channels;
  const n = Math.min(count, Math.floor(pixels.length / size));
  if (n <= 0) return;
  canvas.width = n * w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(n * w, h);
  const rgb = channels === 3;
  for (let k = 0; k < n; k++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = k * size + (y * w + x) * channels;
        const r = pixels[i] ?? 0;
        const o = (y * n * w + k * w + x) * 4;
        img.data[o] = r;
        img.data[o + 1] = rgb ? (pixels[i + 1] ?? 0) : r;
        img.data[o + 2] = rgb ? (pixels[i + 2] ?? 0) : r;
        img.data[o + 3] = 255;
      }
    }
  }
  ctx.putImageData(img, 0, 0);
}
