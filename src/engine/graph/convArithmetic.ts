/**
 * Output-size arithmetic for convolutions and pooling, following TF.js's rules exactly
 * (tfjs-layers conv_utils: convOutputLength and deconvLength), plus the classic notes' exact-division check.
 */
import type { ConvPadding, Pair, PoolPadding, Shape } from '../layers/primitives';

/** The × sign (U+00D7) between sizes: [28, 28, 8] → '28×28×8'. */
export function formatShape(s: Shape): string {
  return s.join('×');
}

/** Kernel extent once dilation spreads its taps: F + (F − 1)·(D − 1). */
export const dilatedSize = (f: number, d: number): number => f + (f - 1) * (d - 1);

/** Explicit padding amount P (0 for 'valid' and 'same'). */
export const explicitPadding = (p: ConvPadding): number => (typeof p === 'object' ? p.explicit : 0);

/**
 * TF.js output length along one axis. 'same': ceil(W / S). 'valid': ceil((W − Fd + 1) / S), which equals
 * floor((W − Fd) / S) + 1. Explicit padding P is a zero border first, then valid: W + 2P.
 */
export function convOutputLength(w: number, f: number, padding: ConvPadding, s: number, d = 1): number {
  const fd = dilatedSize(f, d);
  if (padding === 'same') return Math.floor((w + s - 1) / s);
  const padded = w + 2 * explicitPadding(padding);
  return Math.floor((padded - fd + 1 + s - 1) / s);
}

/** TF.js transposed-convolution length: same → W·S; valid → W·S + max(F − S, 0). */
export function deconvLength(w: number, s: number, f: number, padding: PoolPadding): number {
  return padding === 'same' ? w * s : w * s + Math.max(f - s, 0);
}

/** The notes' formula (W − F + 2P)/S + 1 without rounding (valid / explicit padding only). */
export function exactConvLength(w: number, f: number, p: number, s: number): number {
  return (w - f + 2 * p) / s + 1;
}

const num = (x: number): string => (Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000));

/** One axis of a conv/pool formula with the numbers filled in, e.g. '(28 − 5 + 2·2) / 1 + 1 = 28'. */
export function convAxisFormula(w: number, f: number, padding: ConvPadding, s: number, d = 1): string {
  const out = convOutputLength(w, f, padding, s, d);
  if (padding === 'same') return `ceil(${w} / ${s}) = ${out}`;
  const fd = dilatedSize(f, d);
  const p = explicitPadding(padding);
  const exact = exactConvLength(w, fd, p, s);
  const pad = p > 0 ? ` + 2·${p}` : '';
  const kernel = d > 1 ? `${fd}` : `${f}`;
  const body = `(${w} − ${kernel}${pad}) / ${s} + 1 = ${num(exact)}`;
  const tail = Number.isInteger(exact) ? '' : ` → ${out} (TF.js rounds down)`;
  const dil = d > 1 ? ` (dilated kernel ${f} + ${f - 1}·${d - 1} = ${fd})` : '';
  return body + tail + dil;
}

export function deconvAxisFormula(w: number, f: number, padding: PoolPadding, s: number): string {
  const out = deconvLength(w, s, f, padding);
  return padding === 'same' ? `${w}·${s} = ${out}` : `${w}·${s} + max(${f} − ${s}, 0) = ${out}`;
}

/** Joins per-axis formulas: one line when both axes read the same, else 'H: …' and 'W: …' lines. */
export function twoAxes(h: string, w: string): string {
  return h === w ? h : `H: ${h}\nW: ${w}`;
}

export interface FractionalAxis {
  readonly axis: 'height' | 'width';
  readonly input: number;
  /** Kernel extent after dilation. */
  readonly kernel: number;
  readonly padding: number;
  readonly stride: number;
  /** The unrounded (W − F + 2P)/S + 1. */
  readonly exact: number;
}

/**
 * Axes where (W − F + 2P)/S + 1 is not a whole number with valid or explicit padding. TF.js still floors it
 * (the last rows/columns are silently ignored), so validation reports it as a warning.
 */
export function fractionalAxes(
  input: Shape,
  kernel: Pair,
  stride: Pair,
  padding: ConvPadding,
  dilation: Pair = [1, 1],
): FractionalAxis[] {
  if (padding === 'same' || input.length !== 3) return [];
  const p = explicitPadding(padding);
  const result: FractionalAxis[] = [];
  for (const i of [0, 1] as const) {
    const fd = dilatedSize(kernel[i], dilation[i]);
    const exact = exactConvLength(input[i] ?? 0, fd, p, stride[i]);
    if (!Number.isInteger(exact) && exact > 0) {
      result.push({
        axis: i === 0 ? 'height' : 'width',
        input: input[i] ?? 0,
        kernel: fd,
        padding: p,
        stride: stride[i],
        exact,
      });
    }
  }
  return result;
}

/** A human-readable line for a fractional axis: '(7 − 4)/2 + 1 = 2.5'. */
export function fractionalText(a: FractionalAxis): string {
  const pad = a.padding > 0 ? ` + 2·${a.padding}` : '';
  return `(${a.input} − ${a.kernel}${pad})/${a.stride} + 1 = ${num(a.exact)}`;
}
