/**
 * What one layer kind is: the contract every module in src/engine/layers/ fulfils, and the registry (registry.ts)
 * maps kind → module. Everything the playground knows about a kind lives in its module: the spec and defaults, the
 * inspector's field descriptors (which the parser also reads by), shape inference, its checks and fixes, the
 * receptive-field step, the node's summary text, compilation to TF.js and the Keras export line.
 *
 * Layer modules import only leaf modules (primitives, convArithmetic, issueCodes, the helpers in this folder), never
 * the graph types or the registry, so the graph types can be derived from the registry without an import circle.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { GraphIssueCode } from '../graph/issueCodes';
import type { ActivationFn, Initializer, Shape } from './primitives';

export type LayerCategory =
  'input' | 'conv' | 'pool' | 'dense' | 'shape' | 'regularize' | 'activation' | 'merge';

/** The allowed range of a typed number; the inspector and the file parser both check by it. */
export interface NumberRule {
  readonly min: number;
  readonly max: number;
  /** Whether min itself is allowed (default true; a learning rate of 0 is not). */
  readonly inclusiveMin?: boolean;
  /** Whether max itself is allowed (default true). */
  readonly inclusiveMax?: boolean;
  readonly integer: boolean;
}

export interface Option<T extends string = string> {
  readonly value: T;
  readonly label: string;
}

type Key<S> = Exclude<keyof S, 'kind'> & string;

interface FieldBase<S> {
  readonly key: Key<S>;
  /** The field's label: its accessible name in the inspector. */
  readonly label: string;
  /** One plain sentence for the field's tooltip. */
  readonly help: string;
  /** Shown only when this holds (e.g. Alpha only for Leaky ReLU); always parsed. */
  readonly shown?: (spec: S) => boolean;
}

/** One setting of a layer, as the inspector shows it and the parser reads it. */
export type FieldSpec<S> = FieldBase<S> &
  (
    | { readonly type: 'number'; readonly rule: NumberRule; readonly unit?: string }
    | { readonly type: 'pair'; readonly rule: NumberRule; readonly unit?: string }
    | {
        readonly type: 'select';
        readonly options: readonly Option[];
        /** An optional field may be missing from a file; the inspector then shows this value. */
        readonly optionalDefault?: string;
      }
    | { readonly type: 'check' }
    | { readonly type: 'shape' }
    | { readonly type: 'convPadding' }
  );

/** The result of inferring one layer: output shape, parameter counts, multiply-adds and the formulas shown. */
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

/** Receptive field and jump per axis (height, width), in input pixels. */
export interface Field {
  readonly rf: readonly [number, number];
  readonly jump: readonly [number, number];
}

/** One spatial step along one axis: output o reads input [o·stride − padBefore, … + extent − 1]. */
export interface AxisStep {
  readonly extent: number;
  readonly stride: number;
  readonly padBefore: number;
  /** Input length along this axis (for clipping). */
  readonly inSize: number;
}

/** A fix a layer proposes for its own node; validation adds the node id. */
export type LayerFix<S> =
  | { readonly kind: 'setParams'; readonly label: string; readonly patch: Partial<S> }
  | { readonly kind: 'setFrozen'; readonly label: string; readonly frozen: boolean }
  | { readonly kind: 'removeNode'; readonly label: string }
  /** Insert a Flatten between this node and its input. */
  | { readonly kind: 'flattenInput'; readonly label: string };

export interface LayerIssue<S> {
  readonly code: GraphIssueCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly fixes: readonly LayerFix<S>[];
}

export interface CheckContext {
  /** The single input's shape, or null (no input, several, or not inferred). */
  readonly input: Shape | null;
  readonly frozen: boolean;
  /** The dataset's image shape. */
  readonly imageShape: Shape;
}

/** What a node shows on its face (see the editor's LayerNode). */
export interface NodeFace {
  readonly title: string;
  readonly activation: string;
  readonly detail: string;
}

export type SymbolicTensor = tfjs.SymbolicTensor;

/**
 * What compile.ts hands a layer module: TF.js itself (so no layer module imports TF.js at run time and the page can
 * use the registry without loading it), the node's name, inputs and seeded initializers.
 */
export interface CompileContext {
  readonly tf: typeof tfjs;
  readonly name: string;
  readonly trainable: boolean;
  readonly inputs: readonly SymbolicTensor[];
  /** The next seeded initializer of this kind. */
  init(kind: Initializer): ReturnType<typeof tfjs.initializers.zeros>;
  /** The next seed of the graph's stream (e.g. for dropout masks). */
  nextSeed(): number;
  /** Applies a layer to the node's single input (throws when it has several). */
  applyOne(layer: tfjs.layers.Layer, x?: SymbolicTensor): SymbolicTensor;
  /** Applies a layer to all the node's inputs (merges). */
  applyAll(layer: tfjs.layers.Layer): SymbolicTensor;
}

/** The Keras export of one layer: its constructor call, and lines to run before it (e.g. explicit padding). */
export interface KerasContext {
  /** The layer's name keyword, e.g. "name='conv2d_1'". */
  readonly name: string;
  readonly id: string;
  /** The Python variable of the node's output and of its input (or input list). */
  readonly variable: string;
  readonly input: string;
}

export interface LayerModule<S extends { readonly kind: string }> {
  readonly kind: S['kind'];
  readonly title: string;
  readonly short: string;
  readonly explanation: string;
  readonly formula?: string;
  readonly category: LayerCategory;
  readonly defaults: S;
  /** Inputs it takes: none (Input), exactly one, or two or more (merges). */
  readonly arity: 'none' | 'one' | 'many';
  /** Node ids are '<idPrefix>_<n>', e.g. 'conv2d_1', 'max_pool_2'. */
  readonly idPrefix: string;
  /** The node's size in the editor: full, wide (long names) or compact (weight-free layers). */
  readonly form: 'full' | 'wide' | 'compact';
  readonly fields: readonly FieldSpec<S>[];
  /** The activation it applies (fused or its own), or null. Used by dead-ReLU, softmax and sigmoid checks. */
  activation(spec: S): ActivationFn | null;
  /** Shape inference, given inputs of the right count (the registry checks arity first). */
  infer(spec: S, inputs: readonly Shape[]): LayerResult;
  /** The receptive field after this layer, from its inputs' (null: the layer leaves the image layout). */
  field(spec: S, inputs: readonly (Field | null)[]): Field | null;
  /** The spatial step (height, width) an output pixel reads through; 'pass' for element-wise layers. */
  spatialStep(spec: S, inSize: readonly [number, number]): readonly [AxisStep, AxisStep] | 'pass' | null;
  /** Its own checks (beyond shape errors) and their fixes. */
  check(spec: S, ctx: CheckContext): readonly LayerIssue<S>[];
  /** Fixes for its shape error, given the input shape. */
  errorFixes(spec: S, input: Shape | null): readonly LayerFix<S>[];
  /** The one-line summary of its settings, e.g. '5×5 /1 same · 8 filters · ReLU'. */
  summary(spec: S): string;
  /** Title (default the kind's title), activation and detail for the node's face. */
  face(spec: S, title: string): NodeFace;
  /** Which of its weights the Kernels panel draws: a conv kernel in HWIO, one stored HWOI, or none. */
  readonly kernels: 'hwio' | 'hwoi' | null;
  /** Whether Activation maps shows its output. */
  readonly featureMaps: boolean;
  /** Output shape = input shape, value by value or position by position (activation, dropout, normalization):
   * output checks look through it to the layer that sets the size. */
  readonly elementWise: boolean;
  /** Passes its values on unchanged, only rearranged (reshape, flatten; dropout at test time): checks of the
   * output's range (e.g. "ends in a sigmoid") look through it. */
  readonly keepsValues: boolean;
  /** A normalization layer (the divergence report suggests one when a network has none). */
  readonly normalization: boolean;
  /** Builds and applies its TF.js layer(s). */
  compile(spec: S, ctx: CompileContext): SymbolicTensor;
  /** The Keras layer constructor call (without its application) and any lines before it. */
  keras(
    spec: S,
    ctx: KerasContext,
  ): { readonly before: readonly string[]; readonly call: string; readonly input: string };
}
