/** The RBM panels' probe (filters, dreams) and what it returns. Plain data with typed arrays, no TF.js. */

/**
 * RBM runs: the weights of each hidden unit as a picture, and the dream chain advanced by `dreamSteps` Gibbs steps
 * (restarted from random pixels first when `restart` is set).
 */
export interface RbmProbeRequest {
  readonly kind: 'rbm';
  readonly dreamSteps: number;
  readonly restart?: boolean;
}

export interface RbmProbeResult {
  readonly kind: 'rbm';
  readonly step: number;
  readonly h: number;
  readonly w: number;
  readonly channels: number;
  /** Hidden units; `filters` holds one h×w×channels picture each, 128 = weight 0, scaled by the unit's largest |w|. */
  readonly hidden: number;
  readonly filters: Uint8Array;
  /** The largest |w| over all filters (for the legend). */
  readonly maxAbs: number;
  /** `dreams` free-running chains, each h×w×channels (the visible units' means), uint8. */
  readonly dreams: number;
  readonly dreamPixels: Uint8Array;
  /** Gibbs steps the dream chain has taken since it (re)started. */
  readonly dreamStep: number;
}
