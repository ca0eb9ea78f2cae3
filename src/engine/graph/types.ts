/**
 * The layer graph: the model of a network that the editor edits, the inspector explains and the worker trains.
 * Pure data, JSON-serializable, versioned. See docs/graph-format.md.
 */

declare const nodeIdBrand: unique symbol;
export type NodeId = string & { readonly [nodeIdBrand]: 'NodeId' };
export const asNodeId = (s: string): NodeId => s as NodeId;

export const GRAPH_VERSION = 1 as const;

/** A pair (height, width). Square kernels are written [F, F]. */
export type Pair = readonly [number, number];
/** A tensor shape without the batch dimension, e.g. [28, 28, 8] or [10]. */
export type Shape = readonly number[];

/** Activations a Conv2D / Dense / Conv2DTranspose can apply directly. */
export type FusedActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'elu';
/** Activations an Activation node can apply (adds Leaky ReLU with its alpha). */
export type ActivationFn = FusedActivation | 'leakyRelu';

export type Initializer = 'heNormal' | 'heUniform' | 'glorotUniform' | 'glorotNormal' | 'zeros';

/** 'valid' (P = 0), 'same' (output = ceil(W / S)), or an explicit symmetric zero padding P. */
export type ConvPadding = 'valid' | 'same' | { readonly explicit: number };
export type PoolPadding = 'valid' | 'same';

export interface InputLayer {
  readonly kind: 'input';
  /** 'dataset' images (e.g. [28, 28, 1]) or a 'latent' vector z for generators (e.g. [64]). */
  readonly source: 'dataset' | 'latent';
  readonly shape: Shape;
  /** For latent inputs: the distribution z is drawn from. */
  readonly distribution?: 'normal' | 'uniform';
}
export interface Conv2DLayer {
  readonly kind: 'conv2d';
  readonly filters: number;
  readonly kernel: Pair;
  readonly stride: Pair;
  readonly padding: ConvPadding;
  readonly dilation: Pair;
  readonly activation: FusedActivation;
  readonly useBias: boolean;
  readonly initializer: Initializer;
}
export interface Conv2DTransposeLayer {
  readonly kind: 'conv2dTranspose';
  readonly filters: number;
  readonly kernel: Pair;
  readonly stride: Pair;
  readonly padding: PoolPadding;
  readonly activation: FusedActivation;
  readonly useBias: boolean;
  readonly initializer: Initializer;
}
export interface PoolLayer {
  readonly kind: 'maxPool2d' | 'avgPool2d';
  readonly pool: Pair;
  readonly stride: Pair;
  readonly padding: PoolPadding;
}
export interface GlobalAvgPoolLayer {
  readonly kind: 'globalAvgPool';
}
export interface DenseLayer {
  readonly kind: 'dense';
  readonly units: number;
  readonly activation: FusedActivation;
  readonly useBias: boolean;
  readonly initializer: Initializer;
}
export interface FlattenLayer {
  readonly kind: 'flatten';
}
export interface ReshapeLayer {
  readonly kind: 'reshape';
  readonly shape: Shape;
}
export interface DropoutLayer {
  readonly kind: 'dropout';
  readonly rate: number;
}
export interface BatchNormLayer {
  readonly kind: 'batchNorm';
  readonly momentum: number;
  readonly epsilon: number;
}
export interface ActivationLayer {
  readonly kind: 'activation';
  readonly fn: ActivationFn;
  /** Slope for negative inputs, used by Leaky ReLU only. */
  readonly alpha: number;
}
export interface UpSampling2DLayer {
  readonly kind: 'upSampling2d';
  readonly size: Pair;
}
export interface MergeLayer {
  readonly kind: 'add' | 'concatenate';
}

export type LayerSpec =
  | InputLayer
  | Conv2DLayer
  | Conv2DTransposeLayer
  | PoolLayer
  | GlobalAvgPoolLayer
  | DenseLayer
  | FlattenLayer
  | ReshapeLayer
  | DropoutLayer
  | BatchNormLayer
  | ActivationLayer
  | UpSampling2DLayer
  | MergeLayer;

export type LayerKind = LayerSpec['kind'];

export interface GraphNode {
  readonly id: NodeId;
  readonly layer: LayerSpec;
  /** Editor position (pixels in flow coordinates). */
  readonly position: { readonly x: number; readonly y: number };
  /** Frozen layers keep their weights (transfer learning). */
  readonly frozen: boolean;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: NodeId;
  readonly target: NodeId;
}

export type ModelRole = 'classifier' | 'autoencoder' | 'generator' | 'discriminator';

export interface Graph {
  readonly version: typeof GRAPH_VERSION;
  readonly role: ModelRole;
  readonly nodes: readonly GraphNode[];
  /** Edge order matters for Concatenate: inputs are taken in edge order. */
  readonly edges: readonly GraphEdge[];
}

export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
