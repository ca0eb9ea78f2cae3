/**
 * The feature-visualization probe's request and result (probes/featureVis.ts): one chunk of gradient ascent on input
 * images. The page sends the state it got back with the next chunk until `done` reaches `total`, so each probe call is
 * short while training. Plain data, no TF.js.
 */
import type { NodeId } from '../../graph/types';
import type { SampleRef } from './types';

export type FeatureVisParam = 'pixels' | 'spectral';

export type FeatureVisTarget =
  /** Each image maximises the mean activation of one filter (channel) of a layer. */
  | { readonly mode: 'filters'; readonly node: NodeId; readonly units: readonly number[] }
  /** Each image maximises one class score (the logit before the softmax). */
  | { readonly mode: 'classes'; readonly units: readonly number[] }
  /** One image, starting from the sample, amplifies everything the layer responds to (Inceptionism). */
  | { readonly mode: 'dream'; readonly node: NodeId; readonly sample: SampleRef; readonly octaves: number };

export interface FeatureVisRegularisers {
  readonly jitter: boolean;
  readonly blur: boolean;
  readonly decay: boolean;
}

export interface FeatureVisRequest {
  readonly kind: 'featureVis';
  /** Chosen by the page; echoed so it can tell the chunks of its current job from those of an abandoned one. */
  readonly job: number;
  readonly target: FeatureVisTarget;
  readonly param: FeatureVisParam;
  readonly regularisers: FeatureVisRegularisers;
  /** The state returned by the previous chunk, or null to start. */
  readonly state: Float32Array | null;
  /** Iterations done so far, and how many this chunk does. */
  readonly done: number;
  readonly iterations: number;
}

export interface FeatureVisResult {
  readonly kind: 'featureVis';
  readonly step: number;
  readonly job: number;
  readonly done: number;
  readonly total: number;
  /** Images of h×w×channels (channel-last), one per unit (one for a dream). */
  readonly count: number;
  readonly h: number;
  readonly w: number;
  readonly channels: number;
  /** Send back with the next chunk (its layout depends on the parameterisation and octave). */
  readonly state: Float32Array;
  /** Shape of `state`, [n, h, w, c]. */
  readonly stateShape: readonly [number, number, number, number];
  /**
   * The images as 0..255: each stretched to its own range (filters, classes), or as they are (a dream, and any image
   * whose values span less than FLAT_SPREAD: stretching that would blow a uniform picture up into noise or, for a
   * uniform one, paint white as black).
   */
  readonly pixels: Uint8Array;
  /** Per image, in 0..1 pixel units before quantising: the largest minus the smallest value, and the mean. */
  readonly spread: Float32Array;
  readonly mean: Float32Array;
  /**
   * Filters followed by a ReLU: per image, whether the filter fires anywhere on it (ReLU output above 0 somewhere).
   * A filter that fires nowhere is dead there: its picture was shaped only by the small pre-activation leak. Absent
   * for classes and dreams.
   */
  readonly fires?: readonly boolean[];
  /** A dream: the image it started from, h×w×channels 0..255, to show beside the dream. */
  readonly start?: Uint8Array;
  /** The objective per image after this chunk: mean activation, class score, or the layer's mean square. */
  readonly values: Float32Array;
  /** Milliseconds this chunk took in the worker. */
  readonly ms: number;
}
