/** The saliency probe's request and result (probes/saliency.ts, engine/inspect/saliency.ts). Plain data, no TF.js. */
import type { NodeId } from '../../graph/types';
import type { SaliencyMethod } from '../../inspect/saliencyMethod';
import type { MapStack, SampleRef } from './types';

/**
 * A saliency map of `sample` for class `classIndex` (null: the predicted class); `layer` is the conv node for
 * Grad-CAM (null: the last conv).
 */
export interface SaliencyRequest {
  readonly kind: 'saliency';
  readonly sample: SampleRef;
  readonly method: SaliencyMethod;
  readonly classIndex: number | null;
  readonly layer: NodeId | null;
}

export interface SaliencyResult {
  readonly kind: 'saliency';
  readonly step: number;
  readonly method: SaliencyMethod;
  /** The Grad-CAM layer used (null for the gradient methods). */
  readonly layer: NodeId | null;
  /** The class asked for (null: the prediction), the class explained, and the model's prediction. */
  readonly requested: number | null;
  readonly classIndex: number;
  readonly predicted: number;
  /** One name per model output. */
  readonly classNames: readonly string[];
  /** What was differentiated: the pre-softmax logit, or the log-probability when the model hides its logits. */
  readonly score: 'logit' | 'logProbability';
  /** The image, h×w×channels uint8 (0..255 as in the dataset). */
  readonly image: Uint8Array;
  readonly channels: number;
  /** The map (h×w, one map, values ≥ 0) quantised, with its raw min and max. */
  readonly map: MapStack;
  /** Worker time of the map, ms. */
  readonly ms: number;
}
