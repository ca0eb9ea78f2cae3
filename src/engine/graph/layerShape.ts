/**
 * Per-layer shape inference: the output shape, parameter counts and multiply-adds of one layer given its input
 * shapes. Each kind's rule lives in its module (src/engine/layers/<kind>.ts, following TF.js exactly; see
 * convArithmetic.ts); this file checks the input count and the size limit. Graph traversal lives in shapes.ts.
 */
import type { LayerResult } from '../layers/module';
import { fail } from '../layers/inferHelpers';
import { moduleOf } from '../layers/registry';
import { assertNever } from '../assertNever';
import type { LayerSpec, Shape } from './types';
import { formatShape } from './convArithmetic';

export type { LayerResult } from '../layers/module';

/** Largest size any axis may reach; beyond it numbers stop being exact and no browser could hold the tensor. */
export const MAX_DIM = 2 ** 31;

/** Infers one layer from the shapes of its inputs (in edge order). */
export function inferLayer(layer: LayerSpec, inputs: readonly Shape[]): LayerResult {
  const r = inferUnchecked(layer, inputs);
  if (r.output && r.output.some((d) => d > MAX_DIM)) {
    return {
      ...fail('nonPositiveSize', `The output ${formatShape(r.output)} is too large to compute.`),
      formula: r.formula,
    };
  }
  return r;
}

function inferUnchecked(layer: LayerSpec, inputs: readonly Shape[]): LayerResult {
  const m = moduleOf(layer);
  switch (m.arity) {
    case 'none':
      if (inputs.length > 0) return fail('badArity', `An ${m.title} block cannot have incoming connections.`);
      break;
    case 'many':
      if (inputs.length < 2)
        return fail('badArity', `${m.title} needs at least 2 inputs, but has ${inputs.length}.`);
      break;
    case 'one':
      if (inputs.length !== 1)
        return fail('badArity', `This layer takes exactly 1 input, but has ${inputs.length}.`);
      break;
    default:
      return assertNever(m.arity);
  }
  return m.infer(layer, inputs);
}
