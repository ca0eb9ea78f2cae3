/**
 * The value types every layer kind is built from (sizes, paddings, activations, initializers) and their option
 * lists. A leaf module: it imports nothing, so layer modules, shape arithmetic and the graph types can all use it.
 */

declare const nodeIdBrand: unique symbol;
export type NodeId = string & { readonly [nodeIdBrand]: 'NodeId' };
export const asNodeId = (s: string): NodeId => s as NodeId;

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

export const FUSED_ACTIVATIONS: readonly FusedActivation[] = [
  'linear',
  'relu',
  'sigmoid',
  'tanh',
  'softmax',
  'elu',
];
/** Largest size accepted for any single dimension, kernel, filter count or unit count. */
export const MAX_SIZE = 65_536;
