/**
 * Per-layer shape inference: the output shape, parameter counts and multiply-adds of one layer given its input
 * shapes. Rules follow TF.js layers exactly (see convArithmetic.ts); graph traversal lives in shapes.ts.
 */
import type { GraphIssueCode } from './issues';
import type { LayerSpec, Shape } from './types';
import { assertNever } from './types';
import {
  convAxisFormula,
  convOutputLength,
  deconvAxisFormula,
  deconvLength,
  dilatedSize,
  formatShape,
  twoAxes,
} from './convArithmetic';

export interface LayerResult {
  readonly output: Shape | null;
  readonly params: number;
  readonly trainableParams: number;
  readonly macs: number;
  readonly formula: string | null;
  readonly paramFormula: string | null;
  readonly error: string | null;
  readonly errorCode: GraphIssueCode | null;
}

const product = (s: Shape): number => s.reduce((a, b) => a * b, 1);

const fail = (errorCode: GraphIssueCode, error: string): LayerResult => ({
  output: null,
  params: 0,
  trainableParams: 0,
  macs: 0,
  formula: null,
  paramFormula: null,
  error,
  errorCode,
});

const plain = (output: Shape, formula: string | null = null): LayerResult => ({
  output,
  params: 0,
  trainableParams: 0,
  macs: 0,
  formula,
  paramFormula: null,
  error: null,
  errorCode: null,
});

function checkPositive(output: Shape, formula: string | null, what: string): LayerResult | null {
  if (output.every((d) => Number.isInteger(d) && d > 0)) return null;
  return {
    ...fail(
      'nonPositiveSize',
      `${what} gives an output of ${formatShape(output)}: a size is zero or negative.`,
    ),
    formula,
  };
}

function needsSpatial(title: string, input: Shape): LayerResult {
  return fail(
    'needsSpatial',
    `${title} needs a height×width×channels input, but gets ${formatShape(input)}.`,
  );
}

/** Expected number of inputs per kind: exactly 0, exactly 1, or at least 2 (merges). */
export function arityOf(kind: LayerSpec['kind']): 'none' | 'one' | 'many' {
  if (kind === 'input') return 'none';
  return kind === 'add' || kind === 'concatenate' ? 'many' : 'one';
}

type InputOrMerge = LayerSpec & { kind: 'input' | 'add' | 'concatenate' };

function inferSingle(layer: Exclude<LayerSpec, InputOrMerge>, x: Shape): LayerResult {
  switch (layer.kind) {
    case 'conv2d': {
      if (x.length !== 3) return needsSpatial('Conv2D', x);
      const [h, w, c] = x as [number, number, number];
      const [fh, fw] = layer.kernel;
      const out = [
        convOutputLength(h, fh, layer.padding, layer.stride[0], layer.dilation[0]),
        convOutputLength(w, fw, layer.padding, layer.stride[1], layer.dilation[1]),
        layer.filters,
      ];
      const formula = twoAxes(
        convAxisFormula(h, fh, layer.padding, layer.stride[0], layer.dilation[0]),
        convAxisFormula(w, fw, layer.padding, layer.stride[1], layer.dilation[1]),
      );
      const bad = checkPositive(
        out,
        formula,
        `Kernel ${dilatedSize(fh, layer.dilation[0])}×${dilatedSize(fw, layer.dilation[1])} on ${h}×${w}`,
      );
      if (bad) return bad;
      const weights = fh * fw * c * layer.filters;
      const bias = layer.useBias ? layer.filters : 0;
      const params = weights + bias;
      return {
        output: out,
        params,
        trainableParams: params,
        macs: product(out) * fh * fw * c,
        formula,
        paramFormula: `(${fh}·${fw}·${c})·${layer.filters}${bias ? ` + ${bias}` : ''} = ${params}`,
        error: null,
        errorCode: null,
      };
    }
    case 'conv2dTranspose': {
      if (x.length !== 3) return needsSpatial('Conv2DTranspose', x);
      const [h, w, c] = x as [number, number, number];
      const [fh, fw] = layer.kernel;
      const out = [
        deconvLength(h, layer.stride[0], fh, layer.padding),
        deconvLength(w, layer.stride[1], fw, layer.padding),
        layer.filters,
      ];
      const formula = twoAxes(
        deconvAxisFormula(h, fh, layer.padding, layer.stride[0]),
        deconvAxisFormula(w, fw, layer.padding, layer.stride[1]),
      );
      const weights = fh * fw * layer.filters * c;
      const bias = layer.useBias ? layer.filters : 0;
      const params = weights + bias;
      return {
        output: out,
        params,
        trainableParams: params,
        macs: h * w * c * fh * fw * layer.filters,
        formula,
        paramFormula: `(${fh}·${fw}·${layer.filters})·${c}${bias ? ` + ${bias}` : ''} = ${params}`,
        error: null,
        errorCode: null,
      };
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const title = layer.kind === 'maxPool2d' ? 'MaxPool2D' : 'AvgPool2D';
      if (x.length !== 3) return needsSpatial(title, x);
      const [h, w, c] = x as [number, number, number];
      const [fh, fw] = layer.pool;
      const out = [
        convOutputLength(h, fh, layer.padding, layer.stride[0]),
        convOutputLength(w, fw, layer.padding, layer.stride[1]),
        c,
      ];
      const formula = twoAxes(
        convAxisFormula(h, fh, layer.padding, layer.stride[0]),
        convAxisFormula(w, fw, layer.padding, layer.stride[1]),
      );
      return checkPositive(out, formula, `Pool ${fh}×${fw} on ${h}×${w}`) ?? plain(out, formula);
    }
    case 'globalAvgPool':
      if (x.length !== 3) return needsSpatial('GlobalAveragePool', x);
      return plain([x[2] as number]);
    case 'upSampling2d': {
      if (x.length !== 3) return needsSpatial('UpSampling2D', x);
      const [h, w, c] = x as [number, number, number];
      const [sh, sw] = layer.size;
      return plain([h * sh, w * sw, c], twoAxes(`${h}·${sh} = ${h * sh}`, `${w}·${sw} = ${w * sw}`));
    }
    case 'dense': {
      if (x.length < 1) return fail('needsSpatial', 'Dense needs an input with at least one axis.');
      // TF.js applies Dense to the last axis; validation separately flags Dense on a 3-D tensor.
      const inDim = x[x.length - 1] as number;
      const out = [...x.slice(0, -1), layer.units];
      const bias = layer.useBias ? layer.units : 0;
      const params = inDim * layer.units + bias;
      return {
        output: out,
        params,
        trainableParams: params,
        macs: product(x) * layer.units,
        formula: null,
        paramFormula: `${inDim}·${layer.units}${bias ? ` + ${bias}` : ''} = ${params}`,
        error: null,
        errorCode: null,
      };
    }
    case 'flatten':
      if (x.length < 2)
        return fail(
          'needsSpatial',
          `Flatten needs a tensor with at least 2 axes; ${formatShape(x)} is already flat.`,
        );
      return plain([product(x)], `${x.join('·')} = ${product(x)}`);
    case 'reshape': {
      const a = product(x);
      const b = product(layer.shape);
      if (a !== b) {
        return fail(
          'reshapeMismatch',
          `Reshape to ${formatShape(layer.shape)} needs ${b} values, but the input ${formatShape(x)} has ${a}.`,
        );
      }
      return plain([...layer.shape], `${x.join('·')} = ${layer.shape.join('·')} = ${a}`);
    }
    case 'batchNorm': {
      const c = x[x.length - 1];
      if (c === undefined)
        return fail('needsSpatial', 'BatchNormalization needs an input with at least one axis.');
      return {
        ...plain([...x]),
        params: 4 * c,
        trainableParams: 2 * c,
        macs: product(x),
        paramFormula: `4·${c} = ${4 * c} (γ, β trainable: ${2 * c}; moving mean and variance: ${2 * c})`,
      };
    }
    case 'dropout':
    case 'activation':
      return plain([...x]);
    default:
      return assertNever(layer);
  }
}

function inferMerge(kind: 'add' | 'concatenate', xs: readonly Shape[]): LayerResult {
  const title = kind === 'add' ? 'Add' : 'Concatenate';
  const listed = xs.map(formatShape).join(', ');
  const first = xs[0] as Shape;
  if (kind === 'add') {
    const same = xs.every((s) => s.length === first.length && s.every((d, i) => d === first[i]));
    if (!same) return fail('shapeMismatch', `Add needs inputs of the same shape, but gets ${listed}.`);
    return plain([...first]);
  }
  const rank = first.length;
  const ok = xs.every((s) => s.length === rank && s.slice(0, -1).every((d, i) => d === first[i]));
  if (!ok || rank === 0) {
    return fail(
      'shapeMismatch',
      `${title} joins along the last axis; all other sizes must match, but gets ${listed}.`,
    );
  }
  const last = xs.reduce((sum, s) => sum + (s[rank - 1] as number), 0);
  return plain([...first.slice(0, -1), last], xs.map((s) => s[rank - 1]).join(' + ') + ` = ${last}`);
}

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
  const arity = arityOf(layer.kind);
  if (layer.kind === 'input') {
    if (inputs.length > 0) return fail('badArity', 'An Input block cannot have incoming connections.');
    const bad = checkPositive(layer.shape, null, 'Input shape');
    return bad ?? plain([...layer.shape]);
  }
  if (layer.kind === 'add' || layer.kind === 'concatenate') {
    if (inputs.length < 2) {
      return fail(
        'badArity',
        `${layer.kind === 'add' ? 'Add' : 'Concatenate'} needs at least 2 inputs, but has ${inputs.length}.`,
      );
    }
    return inferMerge(layer.kind, inputs);
  }
  if (arity === 'one' && inputs.length !== 1) {
    return fail('badArity', `This layer takes exactly 1 input, but has ${inputs.length}.`);
  }
  return inferSingle(layer as Exclude<LayerSpec, InputOrMerge>, inputs[0] as Shape);
}
