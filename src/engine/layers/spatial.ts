/** Receptive-field arithmetic shared by the windowed layer modules (conv, pool, transposed conv). */
import { dilatedSize } from '../graph/convArithmetic';
import type { AxisStep, Field } from './module';
import type { Pair, PoolPadding } from './primitives';

/** TF.js 'same' padding puts the smaller half before: floor(max((out − 1)·s + k − in, 0) / 2). */
export function samePadBefore(inSize: number, extent: number, stride: number): number {
  const out = Math.ceil(inSize / stride);
  return Math.floor(Math.max((out - 1) * stride + extent - inSize, 0) / 2);
}

/** The receptive field after a window of `kernel` taps (spread by `dilation`) moved by `stride`. */
export function windowField(
  f: Field | null,
  kernel: Pair,
  stride: Pair,
  dilation: Pair = [1, 1],
): Field | null {
  if (!f) return null;
  const ext = [dilatedSize(kernel[0], dilation[0]), dilatedSize(kernel[1], dilation[1])] as const;
  return {
    rf: [f.rf[0] + (ext[0] - 1) * f.jump[0], f.rf[1] + (ext[1] - 1) * f.jump[1]],
    jump: [f.jump[0] * stride[0], f.jump[1] * stride[1]],
  };
}

/** The steps of a pooling window (no dilation; 'same' pads like TF.js, 'valid' not at all). */
export function poolSteps(
  pool: Pair,
  stride: Pair,
  padding: PoolPadding,
  [ih, iw]: readonly [number, number],
): readonly [AxisStep, AxisStep] {
  const pad = (inSize: number, e: number, s: number): number =>
    padding === 'same' ? samePadBefore(inSize, e, s) : 0;
  return [
    { extent: pool[0], stride: stride[0], padBefore: pad(ih, pool[0], stride[0]), inSize: ih },
    { extent: pool[1], stride: stride[1], padBefore: pad(iw, pool[1], stride[1]), inSize: iw },
  ];
}
