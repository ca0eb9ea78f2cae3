/**
 * One unit of a Dense layer: every input times its weight, the inputs that contribute most (by size, either sign),
 * the sum of all contributions, the bias and the activation.
 */
import type { FusedActivation } from '../layers/primitives';
import { applyActivation, softmaxAt } from './activationFn';

export interface DenseIO {
  readonly input: Float32Array;
  /** Layout [in, units] as TF.js stores it. */
  readonly weights: Float32Array;
  readonly bias: Float32Array | null;
  readonly units: number;
  readonly activation: FusedActivation;
}

export interface Contribution {
  /** Input index (a flattened h×w×c tensor counts channel-last). */
  readonly index: number;
  readonly value: number;
  readonly weight: number;
  readonly product: number;
}

export interface DenseUnit {
  readonly unit: number;
  readonly inputs: number;
  /** The `top` largest |value × weight|, largest first. */
  readonly top: readonly Contribution[];
  /** The sum of all the other contributions. */
  readonly rest: number;
  readonly sum: number;
  readonly bias: number;
  readonly pre: number;
  readonly activation: FusedActivation;
  readonly out: number;
}

function preActivation(io: DenseIO, unit: number): number {
  let s = io.bias?.[unit] ?? 0;
  for (let i = 0; i < io.input.length; i++)
    s += (io.input[i] as number) * (io.weights[i * io.units + unit] as number);
  return s;
}

export function denseUnit(io: DenseIO, unit: number, top = 8): DenseUnit | null {
  if (unit < 0 || unit >= io.units) return null;
  const n = io.input.length;
  const all: Contribution[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const value = io.input[i] as number;
    const weight = io.weights[i * io.units + unit] as number;
    const product = value * weight;
    sum += product;
    all.push({ index: i, value, weight, product });
  }
  all.sort((a, b) => Math.abs(b.product) - Math.abs(a.product) || a.index - b.index);
  const picked = all.slice(0, Math.max(0, top));
  const rest = sum - picked.reduce((a, c) => a + c.product, 0);
  const bias = io.bias?.[unit] ?? 0;
  const pre = sum + bias;
  const out =
    io.activation === 'softmax'
      ? softmaxAt(
          Array.from({ length: io.units }, (_, u) => (u === unit ? pre : preActivation(io, u))),
          unit,
        )
      : applyActivation(io.activation, pre);
  return { unit, inputs: n, top: picked, rest, sum, bias, pre, activation: io.activation, out };
}
