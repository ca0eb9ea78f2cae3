/**
 * Turns a drawing into an MNIST-like digit: crop to the ink's bounding box, scale so the longer side is 20 px
 * (keeping the aspect ratio, area-averaged), then place it in 28×28 so that its centre of mass is at the centre.
 */
export const MNIST_SIZE = 28;
const BOX = 20;

export function centreLikeMnist(pixels: ArrayLike<number>, w: number, h: number): Uint8Array {
  const out = new Uint8Array(MNIST_SIZE * MNIST_SIZE);
  let bx0 = w;
  let by0 = h;
  let bx1 = -1;
  let by1 = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (pixels[y * w + x]! > 0) {
        if (x < bx0) bx0 = x;
        if (x > bx1) bx1 = x;
        if (y < by0) by0 = y;
        if (y > by1) by1 = y;
      }
  if (bx1 < 0) return out;
  const bw = bx1 - bx0 + 1;
  const bh = by1 - by0 + 1;
  const scale = BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.min(BOX, Math.round(bw * scale)));
  const th = Math.max(1, Math.min(BOX, Math.round(bh * scale)));
  // Area average: each target pixel is the mean of the source pixels that land in it; nearest when upscaling.
  const sum = new Float64Array(tw * th);
  const cnt = new Float64Array(tw * th);
  for (let y = by0; y <= by1; y++) {
    const ty = Math.min(th - 1, Math.floor(((y - by0) * th) / bh));
    for (let x = bx0; x <= bx1; x++) {
      const tx = Math.min(tw - 1, Math.floor(((x - bx0) * tw) / bw));
      sum[ty * tw + tx]! += pixels[y * w + x]!;
      cnt[ty * tw + tx]! += 1;
    }
  }
  const small = new Float64Array(tw * th);
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let ty = 0; ty < th; ty++)
    for (let tx = 0; tx < tw; tx++) {
      const i = ty * tw + tx;
      let v: number;
      if (cnt[i]! > 0) v = sum[i]! / cnt[i]!;
      else {
        const sx = bx0 + Math.min(bw - 1, Math.floor(((tx + 0.5) * bw) / tw));
        const sy = by0 + Math.min(bh - 1, Math.floor(((ty + 0.5) * bh) / th));
        v = pixels[sy * w + sx]!;
      }
      small[i] = v;
      mass += v;
      mx += v * (tx + 0.5);
      my += v * (ty + 0.5);
    }
  const cx = mass > 0 ? mx / mass : tw / 2;
  const cy = mass > 0 ? my / mass : th / 2;
  const ox = Math.round(MNIST_SIZE / 2 - cx);
  const oy = Math.round(MNIST_SIZE / 2 - cy);
  for (let ty = 0; ty < th; ty++)
    for (let tx = 0; tx < tw; tx++) {
      const X = tx + ox;
      const Y = ty + oy;
      if (X < 0 || Y < 0 || X >= MNIST_SIZE || Y >= MNIST_SIZE) continue;
      out[Y * MNIST_SIZE + X] = Math.round(Math.min(255, Math.max(0, small[ty * tw + tx]!)));
    }
  return out;
}
