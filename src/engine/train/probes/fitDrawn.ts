/**
 * Fitting a drawn image to the dataset's images. The draw pad makes a 28×28 grey picture (white strokes on black, centred
 * like MNIST); a dataset of another size or with 3 channels gets it resized (bilinear, pixel centres aligned, as
 * tf.image.resizeBilinear with halfPixelCenters) to its h×w and, for RGB, the grey value copied into R, G and B: white
 * strokes on black in colour too. Pure typed-array work, so it is tested without TF.js.
 */

/** Resizes a grey h0×w0 image to h×w by bilinear interpolation between pixel centres (edges clamped). */
export function resizeGrey(src: Uint8Array, h0: number, w0: number, h: number, w: number): Uint8Array {
  if (src.length !== h0 * w0) throw new Error(`resizeGrey: ${src.length} pixels for ${h0}×${w0}`);
  if (h === h0 && w === w0) return src.slice();
  const out = new Uint8Array(h * w);
  const sy = h0 / h;
  const sx = w0 / w;
  for (let y = 0; y < h; y++) {
    const fy = Math.min(h0 - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(h0 - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(w0 - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(w0 - 1, x0 + 1);
      const tx = fx - x0;
      const top = src[y0 * w0 + x0]! * (1 - tx) + src[y0 * w0 + x1]! * tx;
      const bottom = src[y1 * w0 + x0]! * (1 - tx) + src[y1 * w0 + x1]! * tx;
      out[y * w + x] = Math.round(top * (1 - ty) + bottom * ty);
    }
  }
  return out;
}

/**
 * A drawn image as h×w×c uint8 (channel-last): pixels already of that size are used as they are (e.g. a generated
 * image); a square grey image (the draw pad's 28×28) is resized and replicated to c channels. Anything else throws.
 */
export function fitDrawn(pixels: Uint8Array, shape: readonly [number, number, number]): Uint8Array {
  const [h, w, c] = shape;
  if (pixels.length === h * w * c) return pixels;
  const side = Math.round(Math.sqrt(pixels.length));
  if (side === 0 || side * side !== pixels.length)
    throw new Error(
      `probe: drawn image has ${pixels.length} pixels, expected ${h * w * c} or a square grey image`,
    );
  const grey = resizeGrey(pixels, side, side, h, w);
  if (c === 1) return grey;
  const out = new Uint8Array(h * w * c);
  for (let p = 0; p < h * w; p++) out.fill(grey[p]!, p * c, (p + 1) * c);
  return out;
}
