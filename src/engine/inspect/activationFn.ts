/** The element-wise activation functions as TF.js computes them, on plain numbers (softmax needs the whole vector). */
import type { ActivationFn } from '../layers/primitives';
import { assertNever } from '../assertNever';

/** f(x) for an element-wise function; softmax is not element-wise, see `softmaxAt`. `alpha`: Leaky ReLU's slope. */
export function applyActivation(fn: Exclude<ActivationFn, 'softmax'>, x: number, alpha = 0.2): number {
  switch (fn) {
    case 'linear':
      return x;
    case 'relu':
      return x > 0 ? x : 0;
    case 'leakyRelu':
      return x > 0 ? x : alpha * x;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'elu':
      return x > 0 ? x : Math.exp(x) - 1;
    default:
      return assertNever(fn);
  }
}

/** softmax(values)[i], computed stably (the largest value subtracted first). */
export function softmaxAt(values: ArrayLike<number>, i: number): number {
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) max = Math.max(max, values[k] as number);
  let total = 0;
  for (let k = 0; k < values.length; k++) total += Math.exp((values[k] as number) - max);
  return Math.exp((values[i] as number) - max) / total;
}

/** A plain-English name for the function, as the region prints it. */
export function activationName(fn: ActivationFn): string {
  switch (fn) {
    case 'linear':
      return 'linear (none)';
    case 'relu':
      return 'ReLU';
    case 'leakyRelu':
      return 'Leaky ReLU';
    case 'sigmoid':
      return 'sigmoid';
    case 'tanh':
      return 'tanh';
    case 'elu':
      return 'ELU';
    case 'softmax':
      return 'softmax';
    default:
      return assertNever(fn);
  }
}
