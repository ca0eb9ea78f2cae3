/**
 * The Keras activation layers → the playground's Activation node: Activation (by function name), ReLU (plain, or
 * with a negative slope as Leaky ReLU), LeakyReLU (alpha in Keras 2 and TF.js, negative_slope in Keras 3), Softmax.
 */
import type { ActivationFn, ActivationLayer } from '../graph/types';
import { activationName, isWhy, oneAxis, readFused, readNumber } from './kerasValues';

type Config = Readonly<Record<string, unknown>>;
export type ActivationMapped =
  | { readonly kind: 'layer'; readonly spec: ActivationLayer }
  | { readonly kind: 'unsupported'; readonly why: string };

export const act = (fn: ActivationFn, alpha = 0.2): ActivationMapped => ({
  kind: 'layer',
  spec: { kind: 'activation', fn, alpha },
});

export function activation(c: Config): ActivationMapped {
  const name = activationName(c['activation']);
  if (name === 'leaky_relu') return act('leakyRelu', 0.2);
  const fused = readFused(c['activation']);
  return isWhy(fused) ? { kind: 'unsupported', why: fused.why } : act(fused.value);
}

export function relu(c: Config): ActivationMapped {
  const max = c['max_value'];
  if (max !== undefined && max !== null)
    return { kind: 'unsupported', why: `it caps values at ${String(max)}` };
  if (typeof c['threshold'] === 'number' && c['threshold'] !== 0)
    return { kind: 'unsupported', why: `its threshold is ${c['threshold']}` };
  const slope = c['negative_slope'];
  if (typeof slope === 'number' && slope > 0) return act('leakyRelu', slope);
  return act('relu');
}

export function leakyRelu(c: Config): ActivationMapped {
  // Keras 2 and TF.js call the slope alpha (default 0.3); Keras 3 negative_slope (same default).
  const slope = readNumber(c['negative_slope'] ?? c['alpha'], 'slope', 0.3);
  return isWhy(slope) ? { kind: 'unsupported', why: slope.why } : act('leakyRelu', slope.value);
}

export const softmax = (c: Config): ActivationMapped => {
  const axis = oneAxis(c['axis']);
  return axis === -1
    ? act('softmax')
    : { kind: 'unsupported', why: `it works along axis ${JSON.stringify(c['axis'])}, not the last` };
};
