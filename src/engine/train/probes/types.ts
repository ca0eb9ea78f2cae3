/**
 * What a probe asks of a trained model and what it returns (src/engine/train/probes/runProbe.ts). Plain data with
 * typed arrays, no TF.js: the app and the visualizers may import it.
 */
import type { NodeId } from '../../graph/types';
import type { AugmentSettings } from '../../data/augment';
import type { FeatureVisRequest, FeatureVisResult } from './featureVisTypes';
export type {
  FeatureVisParam,
  FeatureVisRegularisers,
  FeatureVisRequest,
  FeatureVisResult,
  FeatureVisTarget,
} from './featureVisTypes';
import type { SaliencyRequest, SaliencyResult } from './saliencyTypes';
import type { InspectableLayer } from '../../inspect/inspectable';
import type { RbmProbeRequest, RbmProbeResult } from '../../rbm/rbmProbeTypes';
export type { RbmProbeRequest, RbmProbeResult } from '../../rbm/rbmProbeTypes';

export type ProbeRequest =
  | { readonly kind: 'kernels'; readonly gradients: boolean }
  | { readonly kind: 'activations'; readonly sample: SampleRef }
  | { readonly kind: 'pooling'; readonly node: NodeId; readonly sample: SampleRef }
  | { readonly kind: 'deadRelu' }
  | { readonly kind: 'health' }
  /** `limit`: at most this many validation examples (the worker caps it on slow backends to keep probes cheap). */
  | { readonly kind: 'confusion'; readonly limit?: number }
  | { readonly kind: 'predict'; readonly sample: SampleRef }
  | { readonly kind: 'samples'; readonly split: 'train' | 'test'; readonly indices: readonly number[] }
  /**
   * What the network sees of training image `index`: the original and `count` (default 8) augmented copies, drawn
   * with `augment` (the page's current settings; the run's when absent) from `seed` (the step when absent).
   */
  | {
      readonly kind: 'augmentPreview';
      readonly index: number;
      readonly count?: number;
      readonly augment?: AugmentSettings;
      readonly seed?: number;
    }
  /** Autoencoders: the first `count` test images (noisy when the run adds noise) and the model's reconstructions. */
  | { readonly kind: 'reconstruct'; readonly count: number }
  /** GAN runs: the fixed-noise grid, and optionally a slerp path between two of its cells (indices into the grid). */
  | {
      readonly kind: 'ganSamples';
      readonly interpolate?: { readonly a: number; readonly b: number; readonly steps: number };
    }
  /**
   * A run's end-of-run picture for the experiment lab: the first kernel layer (at most `maxFilters` filters) and the
   * activation maps of test image `index` (at most `maxMaps` per layer, `maxLayers` layers).
   */
  | {
      readonly kind: 'snapshot';
      readonly index: number;
      readonly maxFilters: number;
      readonly maxMaps: number;
      readonly maxLayers: number;
    }
  /**
   * Classifiers: an adversarial example of the sample by `method` (FGSM, or PGD with `steps` steps, default 10) at
   * `epsilon` (0..1 pixel units), and the smallest ε up to 0.3 that flips its prediction, by FGSM and by PGD.
   */
  | {
      readonly kind: 'adversarial';
      readonly sample: SampleRef;
      readonly method: 'fgsm' | 'pgd';
      readonly epsilon: number;
      readonly steps?: number;
    }
  /** Classifiers: the smallest ε up to 0.3 that flips the sample's prediction, by FGSM and by PGD. */
  | { readonly kind: 'adversarialSearch'; readonly sample: SampleRef }
  /** One conv, pooling or dense layer's float input and output for the sample, with its weights (probes/layerIO.ts). */
  | { readonly kind: 'layerIO'; readonly node: NodeId; readonly sample: SampleRef }
  /** One chunk of feature visualization or of a dream (probes/featureVis.ts, featureVisTypes.ts). */
  | FeatureVisRequest
  /** Classifiers: a saliency map (gradient, SmoothGrad or Grad-CAM) of the sample (probes/saliencyTypes.ts). */
  | SaliencyRequest
  /** RBM runs: the filters and the dream chain (rbm/rbmProbeTypes.ts). */
  | RbmProbeRequest;

/**
 * A test-set image by index, or a user-drawn image: uint8 in the dataset's h×w×c, or a square grey picture (the draw
 * pad's 28×28, already centred and scaled) that the probe resizes to h×w and copies into each of the c channels
 * (probes/fitDrawn.ts), so a drawing works on 32×32 or 64×64 and on colour datasets.
 */
export type SampleRef =
  { readonly from: 'test'; readonly index: number } | { readonly from: 'drawn'; readonly pixels: Uint8Array };

/** Quantised picture stack: `count` maps of h×w, uint8, each normalised to 0..255 with its own range. */
export interface MapStack {
  readonly node: NodeId;
  readonly h: number;
  readonly w: number;
  readonly count: number;
  readonly data: Uint8Array;
  /** Per-map min and max of the raw values, so the legend is honest. */
  readonly min: Float32Array;
  readonly max: Float32Array;
  /**
   * Set on the input stack of a colour model (C = 3): the image as h×w×3 interleaved RGB bytes, 0..255 as in the
   * dataset (one scale for the three channels, unlike `data`), so the panels draw it in colour.
   */
  readonly rgb?: Uint8Array;
}

export interface KernelSet {
  readonly node: NodeId;
  readonly kh: number;
  readonly kw: number;
  readonly inChannels: number;
  readonly filters: number;
  /** Raw float weights (or gradients), layout [kh, kw, in, out] as TF.js stores them. */
  readonly values: Float32Array;
  /** GAN runs: the network the layer belongs to (node ids of the two networks may coincide). */
  readonly network?: GanNetwork;
  /** The layer reads a colour image (its 3 input channels are red, green, blue): drawn as one RGB picture per filter. */
  readonly rgbInput?: boolean;
}

export type GanNetwork = 'generator' | 'discriminator';

export interface LayerHealth {
  readonly node: NodeId;
  readonly weightNorm: number;
  readonly gradNorm: number;
  readonly updateRatio: number;
  readonly nonFinite: boolean;
}

export type ProbeResult =
  | {
      readonly kind: 'kernels';
      readonly gradients: boolean;
      readonly step: number;
      readonly layers: readonly KernelSet[];
    }
  | {
      readonly kind: 'activations';
      readonly step: number;
      readonly input: MapStack;
      readonly layers: readonly MapStack[];
      /**
       * GAN runs: `input`/`layers` are the discriminator's maps of the real image; these are its maps of a generated
       * one, G(z) for cell `index` of the fixed-noise grid.
       */
      readonly fake?: {
        readonly index: number;
        readonly input: MapStack;
        readonly layers: readonly MapStack[];
      };
    }
  | {
      readonly kind: 'pooling';
      readonly step: number;
      readonly node: NodeId;
      readonly input: MapStack;
      readonly output: MapStack;
      /** For max pooling: per output cell, the flat index (y * w + x) into its input map of the winning cell. */
      readonly argmax: Int32Array | null;
    }
  | {
      readonly kind: 'deadRelu';
      readonly step: number;
      readonly layers: readonly {
        readonly node: NodeId;
        readonly deadFraction: number;
        readonly zeroFraction: number;
      }[];
    }
  | { readonly kind: 'health'; readonly step: number; readonly layers: readonly LayerHealth[] }
  | {
      readonly kind: 'confusion';
      readonly step: number;
      readonly classes: number;
      /** Row = true class, column = predicted; counts. */
      readonly matrix: Int32Array;
      /** Up to 16 test indices per cell, -1 padded: layout [true][pred][16]. */
      readonly examples: Int32Array;
    }
  | {
      readonly kind: 'predict';
      readonly step: number;
      readonly probabilities: Float32Array;
      readonly label: number | null;
    }
  | {
      readonly kind: 'samples';
      readonly split: 'train' | 'test';
      readonly indices: readonly number[];
      readonly labels: Uint8Array;
      /** The examples' images one after another, each h×w×channels (channel-last, as in the dataset). */
      readonly pixels: Uint8Array;
      readonly h: number;
      readonly w: number;
      readonly channels: number;
    }
  | {
      readonly kind: 'augmentPreview';
      readonly step: number;
      readonly index: number;
      /** 1 + copies images one after another, the original first; each h×w×channels uint8 (channel-last). */
      readonly count: number;
      readonly pixels: Uint8Array;
      readonly h: number;
      readonly w: number;
      readonly channels: number;
    }
  | {
      readonly kind: 'reconstruct';
      readonly step: number;
      readonly count: number;
      readonly h: number;
      readonly w: number;
      /** 1 for grey images, 3 for colour (RGB, interleaved). */
      readonly channels: number;
      /** What the model was given (with noise for denoising runs), and its outputs; uint8, count×h×w×channels each. */
      readonly inputs: Uint8Array;
      readonly outputs: Uint8Array;
    }
  | {
      readonly kind: 'ganSamples';
      readonly step: number;
      /** `count` images of h×w×channels (channel-last), uint8, the fixed-noise grid in row-major order. */
      readonly count: number;
      readonly h: number;
      readonly w: number;
      /** 1 for grey images, 3 for colour (a generator ending in 3 channels). */
      readonly channels: number;
      readonly pixels: Uint8Array;
      /** `interpolationSteps` images along slerp(z_a, z_b), or null. */
      readonly interpolation: Uint8Array | null;
      readonly interpolationSteps: number;
      /** Diversity of the grid: mean pairwise L2 distance between samples divided by that of real images (≈1 healthy, ≪1 collapse). */
      readonly diversity: number;
    }
  | {
      readonly kind: 'snapshot';
      readonly step: number;
      readonly index: number;
      readonly kernels: KernelSet | null;
      readonly input: MapStack;
      readonly layers: readonly MapStack[];
    }
  | AdversarialResult
  | AdversarialSearchResult
  | LayerIOResult
  | FeatureVisResult
  | SaliencyResult
  | RbmProbeResult;

/** An adversarial example of one sample (probes/adversarial.ts). Images are h×w×channels, channel-last. */
export interface AdversarialResult {
  readonly kind: 'adversarial';
  readonly step: number;
  readonly method: 'fgsm' | 'pgd';
  readonly epsilon: number;
  /** PGD's steps and step size (0 and ε for FGSM). */
  readonly steps: number;
  readonly alpha: number;
  readonly h: number;
  readonly w: number;
  readonly channels: number;
  /** The image and the attacked image, uint8 0..255. */
  readonly original: Uint8Array;
  readonly perturbed: Uint8Array;
  /** Attacked minus original in 0..1 pixel units (within ±ε). */
  readonly perturbation: Float32Array;
  /** Class probabilities of the image and of the attacked image. */
  readonly before: Float32Array;
  readonly after: Float32Array;
  /** The test image's label (null for a drawing); the class whose loss the attack raises (the label, else the prediction). */
  readonly label: number | null;
  readonly target: number;
  /** Worker time of the attack, ms. */
  readonly ms: number;
}

/** A layer's input and output for one sample, channel-last floats, and its weights (probes/layerIO.ts). */
export interface LayerIOResult {
  readonly kind: 'layerIO';
  readonly step: number;
  readonly node: NodeId;
  /** The layer as the run built it (kernel, stride, padding, dilation, activation…). */
  readonly spec: InspectableLayer;
  readonly input: { readonly shape: readonly number[]; readonly values: Float32Array };
  /** After the layer's own (fused) activation. */
  readonly output: { readonly shape: readonly number[]; readonly values: Float32Array };
  /** Conv: [kh, kw, in, out]; dense: [in, units]; null for pooling. */
  readonly weights: Float32Array | null;
  readonly bias: Float32Array | null;
  /** Worker time of the probe. */
  readonly ms: number;
}

/** The smallest ε up to `searchMax` that changes the sample's top class (`clean`), and the class it becomes, per method. */
export interface AdversarialSearchResult {
  readonly kind: 'adversarialSearch';
  readonly step: number;
  readonly clean: number;
  readonly searchMax: number;
  /** Null when no ε up to `searchMax` flips it. */
  readonly fgsmFlip: { readonly epsilon: number; readonly to: number } | null;
  readonly pgdFlip: { readonly epsilon: number; readonly to: number } | null;
  /** Worker time, ms (about 0 when the search was kept from an earlier request). */
  readonly ms: number;
}
