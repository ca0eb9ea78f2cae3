/**
 * The layer graph: the model of a network that the editor edits, the inspector explains and the worker trains.
 * Pure data, JSON-serializable, versioned. See docs/graph-format.md.
 */

export type {
  ActivationFn,
  ConvPadding,
  FusedActivation,
  Initializer,
  NodeId,
  Pair,
  PoolPadding,
  Shape,
} from '../layers/primitives';
export { asNodeId } from '../layers/primitives';
import type { NodeId } from '../layers/primitives';
import type { LayerSpec } from '../layers/registry';

export const GRAPH_VERSION = 1 as const;

// Each layer kind's spec lives in its module (src/engine/layers/<kind>.ts); the union is derived from the registry.
export type { LayerSpec, LayerKind, SpecOf } from '../layers/registry';
export type { InputLayer } from '../layers/input';
export type { Conv2DLayer } from '../layers/conv2d';
export type { Conv2DTransposeLayer } from '../layers/conv2dTranspose';
export type { MaxPool2DLayer } from '../layers/maxPool2d';
export type { AvgPool2DLayer } from '../layers/avgPool2d';
export type { GlobalAvgPoolLayer } from '../layers/globalAvgPool';
export type { DenseLayer } from '../layers/dense';
export type { FlattenLayer } from '../layers/flatten';
export type { ReshapeLayer } from '../layers/reshape';
export type { DropoutLayer } from '../layers/dropout';
export type { BatchNormLayer } from '../layers/batchNorm';
export type { LayerNormLayer } from '../layers/layerNorm';
export type { ActivationLayer } from '../layers/activation';
export type { UpSampling2DLayer } from '../layers/upSampling2d';
export type { AddLayer } from '../layers/add';
export type { ConcatenateLayer } from '../layers/concatenate';
import type { MaxPool2DLayer } from '../layers/maxPool2d';
import type { AvgPool2DLayer } from '../layers/avgPool2d';
export type PoolLayer = MaxPool2DLayer | AvgPool2DLayer;

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
