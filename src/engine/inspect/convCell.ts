/**
 * One output cell of a Conv2D, computed the long way: the input window over all channels (zeros where it hangs over
 * the padding), the filter's trained weights, their element-wise products, the sum, the bias and the activation.
 * The same numbers TF.js's conv2d gives at that cell (convCell.test.ts checks it for valid/same, strides 1 and 2).
 */
import type { ConvPadding, FusedActivation, Pair } from '../layers/primitives';
import { applyActivation, softmaxAt } from './activationFn';
import { axisWindow, inside, tapCoords, type AxisWindow, type FloatMap } from './window';

export interface ConvIO {
  readonly input: FloatMap;
  /** Layout [kh, kw, in, out] as TF.js stores it. */
  readonly weights: Float32Array;
  readonly bias: Float32Array | null;
  readonly filters: number;
  readonly kernel: Pair;
  readonly stride: Pair;
  readonly dilation: Pair;
  readonly padding: ConvPadding;
  readonly activation: FusedActivation;
}

export interface ConvCell {
  readonly filter: number;
  readonly oy: number;
  readonly ox: number;
  readonly kh: number;
  readonly kw: number;
  readonly c: number;
  /** Input row of each kernel row, input column of each kernel column (outside the input: padding). */
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  /** kh·kw flags: 1 where the tap falls on the zero padding. */
  readonly padded: Uint8Array;
  /** Layout [ky][kx][channel], kh·kw·c each. The window is 0 on padded taps. */
  readonly window: Float32Array;
  readonly weights: Float32Array;
  readonly products: Float32Array;
  readonly sum: number;
  readonly bias: number;
  /** sum + bias. */
  readonly pre: number;
  readonly activation: FusedActivation;
  /** activation(pre): the layer's output at the cell. */
  readonly out: number;
}

/** Output height and width and the padding of each axis. */
export function convAxes(io: ConvIO): readonly [AxisWindow, AxisWindow] {
  return [
    axisWindow(io.input.h, io.kernel[0], io.stride[0], io.dilation[0], io.padding),
    axisWindow(io.input.w, io.kernel[1], io.stride[1], io.dilation[1], io.padding),
  ];
}

function preActivation(io: ConvIO, rows: Int32Array, cols: Int32Array, filter: number): number {
  const { h, w, c, values } = io.input;
  let s = io.bias?.[filter] ?? 0;
  for (let ky = 0; ky < rows.length; ky++) {
    const iy = rows[ky] as number;
    if (!inside(iy, h)) continue;
    for (let kx = 0; kx < cols.length; kx++) {
      const ix = cols[kx] as number;
      if (!inside(ix, w)) continue;
      for (let ch = 0; ch < c; ch++)
        s +=
          (values[(iy * w + ix) * c + ch] as number) *
          (io.weights[((ky * cols.length + kx) * c + ch) * io.filters + filter] as number);
    }
  }
  return s;
}

/** The cell (filter, oy, ox) step by step, or null when it is outside the output. */
export function convCell(io: ConvIO, filter: number, oy: number, ox: number): ConvCell | null {
  const [ay, ax] = convAxes(io);
  if (!inside(oy, ay.outSize) || !inside(ox, ax.outSize) || !inside(filter, io.filters)) return null;
  const [kh, kw] = io.kernel;
  const { h, w, c, values } = io.input;
  const rows = tapCoords(oy, ay, kh, io.stride[0], io.dilation[0]);
  const cols = tapCoords(ox, ax, kw, io.stride[1], io.dilation[1]);
  const n = kh * kw * c;
  const window = new Float32Array(n);
  const weights = new Float32Array(n);
  const products = new Float32Array(n);
  const padded = new Uint8Array(kh * kw);
  let sum = 0;
  for (let ky = 0; ky < kh; ky++) {
    for (let kx = 0; kx < kw; kx++) {
      const iy = rows[ky] as number;
      const ix = cols[kx] as number;
      const pad = !inside(iy, h) || !inside(ix, w);
      padded[ky * kw + kx] = pad ? 1 : 0;
      for (let ch = 0; ch < c; ch++) {
        const k = (ky * kw + kx) * c + ch;
        const v = pad ? 0 : (values[(iy * w + ix) * c + ch] as number);
        const wt = io.weights[k * io.filters + filter] as number;
        window[k] = v;
        weights[k] = wt;
        products[k] = v * wt;
        sum += v * wt;
      }
    }
  }
  const bias = io.bias?.[filter] ?? 0;
  const pre = sum + bias;
  let out: number;
  if (io.activation === 'softmax') {
    // TF.js's softmax runs over the last axis: this cell's values of every filter.
    const all = Array.from({ length: io.filters }, (_, f) =>
      f === filter ? pre : preActivation(io, rows, cols, f),
    );
    out = softmaxAt(all, filter);
  } else out = applyActivation(io.activation, pre);
  return {
    filter,
    oy,
    ox,
    kh,
    kw,
    c,
    rows,
    cols,
    padded,
    window,
    weights,
    products,
    sum,
    bias,
    pre,
    activation: io.activation,
    out,
  };
}
