/** Short texts for settings, shared by node summaries, node faces and the inspector's options. */
import type { ActivationFn, ConvPadding, Pair } from './primitives';

/** '5×5' (or '3×5' for a non-square pair). */
export function pairText(p: Pair): string {
  return `${p[0]}×${p[1]}`;
}

/** '/2' for a square stride, '/2×1' otherwise. */
export function strideText(s: Pair): string {
  return s[0] === s[1] ? `/${s[0]}` : `/${pairText(s)}`;
}

export function paddingText(p: ConvPadding): string {
  return typeof p === 'string' ? p : `pad ${p.explicit}`;
}

const ACTIVATION_TEXT: { readonly [A in ActivationFn]: string } = {
  linear: 'linear',
  relu: 'ReLU',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  elu: 'ELU',
  leakyRelu: 'Leaky ReLU',
};

export function activationText(a: ActivationFn): string {
  return ACTIVATION_TEXT[a];
}

/** A fused activation on a node's face: nothing for linear. */
export const fusedText = (a: ActivationFn): string => (a === 'linear' ? '' : activationText(a));

/** The dilation part of a summary: '' for 1×1, ' dil 2×2' otherwise. */
export const dilationText = (d: Pair): string => (d[0] === 1 && d[1] === 1 ? '' : ` dil ${pairText(d)}`);
