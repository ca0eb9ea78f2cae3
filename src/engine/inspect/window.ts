/**
 * Where one output cell of a windowed layer (convolution, pooling) reads its input: the output size and the padding
 * before the first row/column along an axis, as TF.js computes them, and the input row (or column) of every tap.
 * TF.js 'same' padding pads (out − 1)·S + F − W in total and puts the smaller half first, so with stride 2 on an even
 * size the extra row or column goes after (bottom/right), never before.
 */
import { convOutputLength, dilatedSize } from '../graph/convArithmetic';
import { samePadBefore } from '../layers/spatial';
import type { ConvPadding } from '../layers/primitives';

/** A layer's input or output for one example, channel-last: values[(y·w + x)·c + channel]. */
export interface FloatMap {
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly values: Float32Array;
}

export interface AxisWindow {
  readonly outSize: number;
  /** Zero rows (or columns) TF.js adds before the input. */
  readonly padBefore: number;
  /** …and after it (for 'same': the larger half). */
  readonly padAfter: number;
}

/** Output size and padding along one axis of input size `inSize`, kernel `k`, stride `s`, dilation `d`. */
export function axisWindow(
  inSize: number,
  k: number,
  s: number,
  d: number,
  padding: ConvPadding,
): AxisWindow {
  const extent = dilatedSize(k, d);
  const outSize = convOutputLength(inSize, k, padding, s, d);
  if (padding === 'same') {
    const before = samePadBefore(inSize, extent, s);
    const total = Math.max((outSize - 1) * s + extent - inSize, 0);
    return { outSize, padBefore: before, padAfter: total - before };
  }
  const p = padding === 'valid' ? 0 : padding.explicit;
  return { outSize, padBefore: p, padAfter: p };
}

/** Input coordinate of each of the `k` taps of output position `o` (negative or ≥ the input size: a padded cell). */
export function tapCoords(o: number, axis: AxisWindow, k: number, s: number, d: number): Int32Array {
  const taps = new Int32Array(k);
  for (let t = 0; t < k; t++) taps[t] = o * s - axis.padBefore + t * d;
  return taps;
}

/** Whether input coordinate `i` lies in an axis of `size` cells (else it is padding). */
export const inside = (i: number, size: number): boolean => i >= 0 && i < size;

/**
 * The output position whose window covers input coordinate `i` along an axis, the one centred nearest to it where
 * windows overlap; null when none does (a stride larger than the window skips some inputs, 'valid' drops the edge).
 */
export function coveringOutput(i: number, axis: AxisWindow, k: number, s: number, d: number): number | null {
  if (axis.outSize <= 0) return null;
  const ext = dilatedSize(k, d);
  const centre = Math.round((i + axis.padBefore - (ext - 1) / 2) / s);
  const covers = (o: number): boolean => {
    const first = o * s - axis.padBefore;
    return i >= first && i <= first + ext - 1;
  };
  for (const o of [centre, centre - 1, centre + 1].map((o) => Math.max(0, Math.min(axis.outSize - 1, o))))
    if (covers(o)) return o;
  return null;
}
