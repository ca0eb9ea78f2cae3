/** Draws a strip of grey 28×28 samples side by side with one putImageData (the canvas is scaled with CSS). */
export function drawSampleStrip(
  canvas: HTMLCanvasElement,
  pixels: Uint8Array,
  count: number,
  h = 28,
  w = 28,
): void {
  const size = h * w;
  const n = Math.min(count, Math.floor(pixels.length / size));
  if (n <= 0) return;
  canvas.width = n * w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(n * w, h);
  for (let k = 0; k < n; k++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = pixels[k * size + y * w + x] ?? 0;
        const o = (y * n * w + k * w + x) * 4;
        img.data[o] = v;
        img.data[o + 1] = v;
        img.data[o + 2] = v;
        img.data[o + 3] = 255;
      }
    }
  }
  ctx.putImageData(img, 0, 0);
}
