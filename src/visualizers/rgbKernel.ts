/**
 * A first-layer filter of a colour model as a colour picture (the classic AlexNet figure): its weights on the red,
 * green and blue input channels become the R, G and B of each tap, scaled symmetric around zero per filter, so grey
 * (128) is 0, a full channel is the filter's largest positive weight and a dark one its most negative.
 */
import { valueIndex, type KernelData } from './kernelLayout';

/** Filter `f`'s taps as kh×kw×3 RGB bytes (row-major, channel-last); all grey when every weight is 0 or not finite. */
export function rgbFilterImage(k: KernelData, f: number): Uint8Array {
  const n = k.kh * k.kw;
  let absMax = 0;
  for (let ky = 0; ky < k.kh; ky++)
    for (let kx = 0; kx < k.kw; kx++)
      for (let c = 0; c < 3; c++) {
        const a = Math.abs(k.values[valueIndex(k, ky, kx, c, f)]!);
        if (a > absMax && Number.isFinite(a)) absMax = a;
      }
  const out = new Uint8Array(n * 3).fill(128);
  if (absMax === 0) return out;
  for (let ky = 0; ky < k.kh; ky++)
    for (let kx = 0; kx < k.kw; kx++)
      for (let c = 0; c < 3; c++) {
        const v = k.values[valueIndex(k, ky, kx, c, f)]!;
        const t = Number.isFinite(v) ? Math.max(-1, Math.min(1, v / absMax)) : 0;
        out[(ky * k.kw + kx) * 3 + c] = Math.round(127.5 + 127.5 * t);
      }
  return out;
}
