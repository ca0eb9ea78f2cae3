/**
 * What a run is built from: the init message's fields taken from the store (the one place that assembles them),
 * and the key of the settings besides the networks whose change needs a new run.
 */
import { presetById } from '../../engine/graph/presets';
import type { InitArgs } from '../../workers/trainingClient';
import type { AppState } from '../store/types';

type RunSettings = Pick<
  AppState,
  'graph' | 'ganGraphs' | 'dataset' | 'hyper' | 'ganHyper' | 'seed' | 'backendPolicy' | 'presetId'
>;

export function initArgsOf(s: RunSettings): InitArgs {
  // Denoising autoencoders train on inputs with the preset's noise.
  const noise = s.graph.role === 'autoencoder' ? presetById(s.presetId)?.inputNoise : undefined;
  return {
    // GAN runs: `graph` is the generator, `gan` both networks and the GAN settings.
    graph: s.ganGraphs ? s.ganGraphs.generator : s.graph,
    dataset: s.dataset,
    hyper: s.hyper,
    seed: s.seed,
    backend: s.backendPolicy,
    ...(noise !== undefined ? { noise } : {}),
    ...(s.ganGraphs ? { gan: { ...s.ganGraphs, hyper: s.ganHyper } } : {}),
  };
}

/** The settings besides the networks that a run is built with. */
export type RunKey = Required<Pick<InitArgs, 'dataset' | 'seed' | 'backend'>>;

export const runKeyOf = (s: Pick<AppState, 'dataset' | 'seed' | 'backendPolicy'>): RunKey => ({
  dataset: s.dataset,
  seed: s.seed,
  backend: s.backendPolicy,
});

export const sameRunKey = (a: RunKey | null, b: RunKey): boolean =>
  a !== null && a.dataset === b.dataset && a.seed === b.seed && a.backend === b.backend;
