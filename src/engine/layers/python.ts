/** Python literals for the code export. */
import type { FusedActivation, Initializer, Pair } from './primitives';

/** A Python string literal (single quotes), safe for any text. */
export const pyStr = (s: string): string =>
  `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
export const pyNum = (n: number): string => String(n);
export const pyBool = (b: boolean): string => (b ? 'True' : 'False');
export const tuple = (xs: readonly number[]): string =>
  xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`;
export const pyPair = (p: Pair): string => tuple(p);

export function kwargs(parts: readonly (string | null)[]): string {
  return parts.filter((p): p is string => p !== null).join(', ');
}

export const pyActivation = (a: FusedActivation): string => `activation=${pyStr(a)}`;

export const KERAS_INITIALIZERS: { readonly [I in Initializer]: string } = {
  heNormal: 'he_normal',
  heUniform: 'he_uniform',
  glorotUniform: 'glorot_uniform',
  glorotNormal: 'glorot_normal',
  zeros: 'zeros',
};

/** use_bias and kernel_initializer keywords of a weighted layer. */
export const pyWeights = (l: { readonly useBias: boolean; readonly initializer: Initializer }): string[] => [
  `use_bias=${pyBool(l.useBias)}`,
  `kernel_initializer=${pyStr(KERAS_INITIALIZERS[l.initializer])}`,
];

/** A Keras export without lines before it, applied to the node's input. */
export const call = (c: string, input: string) => ({ before: [] as readonly string[], call: c, input });
