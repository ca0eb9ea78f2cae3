/**
 * What "Import model" works with: the files the user picked, a layer of the model as its Keras / TF.js config
 * describes it, and the weights it hands the worker (named like the compiled model's: '<node id>/<weight>').
 * Plain data, no TF.js: the page reads the files, the worker writes the weights into its model.
 */
import type { Checkpoint } from '../train/trainer';
import type { Graph, Shape } from '../graph/types';

/** One picked file (or one entry of a picked zip). */
export interface ImportFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** One weight tensor for the worker: its name in the compiled model ('conv2d_1/kernel'), shape and values. */
export type ImportedWeight = Checkpoint['weights'][number];

/** A layer as the model's config lists it, with the names of the layers feeding it (in order). */
export interface RawLayer {
  readonly className: string;
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly inputs: readonly string[];
}

/** A model's layers in data-flow order (inputs first) and the name of the layer giving its output. */
export interface RawModel {
  readonly layers: readonly RawLayer[];
  readonly output: string;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const failure = <T = never>(message: string): Result<T> => ({ ok: false, message });

/** An imported model: the graph, the weights (null for an architecture-only Keras config) and what was noted. */
export interface ImportedModel {
  readonly graph: Graph;
  readonly weights: readonly ImportedWeight[] | null;
  /** 'tfjs': a TF.js Layers model.json; 'keras': a Keras JSON config (model.to_json() or a .keras file's config). */
  readonly format: 'tfjs' | 'keras';
  /** The file the model came from (model.json, a zip's name, …). */
  readonly source: string;
  /** Plain sentences about what was adapted (an input read as images, a padding folded into a conv, …). */
  readonly notes: readonly string[];
  /** The model's input shape as the graph takes it (the dataset must have images of this shape). */
  readonly inputShape: Shape;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
