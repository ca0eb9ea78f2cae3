/** Building blocks of the layer modules' shape inference. */
import type { GraphIssueCode } from '../graph/issueCodes';
import { formatShape } from '../graph/convArithmetic';
import type { Field, LayerResult } from './module';
import type { Shape } from './primitives';

export const product = (s: Shape): number => s.reduce((a, b) => a * b, 1);

export const fail = (errorCode: GraphIssueCode, error: string): LayerResult => ({
  output: null,
  params: 0,
  trainableParams: 0,
  macs: 0,
  formula: null,
  paramFormula: null,
  error,
  errorCode,
});

/** A result without weights. */
export const plain = (output: Shape, formula: string | null = null): LayerResult => ({
  output,
  params: 0,
  trainableParams: 0,
  macs: 0,
  formula,
  paramFormula: null,
  error: null,
  errorCode: null,
});

/** A result with weights (all trainable unless told). */
export function weighted(
  output: Shape,
  params: number,
  macs: number,
  formula: string | null,
  paramFormula: string,
  trainableParams = params,
): LayerResult {
  return { output, params, trainableParams, macs, formula, paramFormula, error: null, errorCode: null };
}

export function checkPositive(output: Shape, formula: string | null, what: string): LayerResult | null {
  if (output.every((d) => Number.isInteger(d) && d > 0)) return null;
  return {
    ...fail(
      'nonPositiveSize',
      `${what} gives an output of ${formatShape(output)}: a size is zero or negative.`,
    ),
    formula,
  };
}

export function needsSpatial(title: string, input: Shape): LayerResult {
  return fail(
    'needsSpatial',
    `${title} needs a height×width×channels input, but gets ${formatShape(input)}.`,
  );
}

/** The single input of a one-input layer (the registry has checked the count). */
export const only = (inputs: readonly Shape[]): Shape => inputs[0] as Shape;

/** For layers that do not change the receptive field (element-wise). */
export const sameField = (_spec: unknown, inputs: readonly (Field | null)[]): Field | null =>
  inputs[0] ?? null;
/** For layers after which receptive fields are no longer tracked (dense, flatten, …). */
export const noField = (): Field | null => null;
