/**
 * What a run is built from: the init message's fields taken from the store (the one place that assembles them),
 * and the key of the settings besides the networks whose change needs a new run.
 */
import { presetById } from '../../engine/graph/presets';
import type { InitArgs } from '../../workers/trainingClient';
import { rbmHiddenUnits, RBM_HIDDEN_DEFAULT } from '../../engine/rbm/rbmGraph';
import { DEFAULT_RBM_HYPER } from '../../engine/rbm/rbmHyper';
import type { AppState } from '../store/types';

type RunSettings = Pick<
  AppState,
  'graph' | 'ganGraphs' | 'dataset' | 'hyper' | 'ganHyper' | 'seed' | 'backendPolicy' | 'presetId'
> &
  Partial<Pick<AppState, 'rbmHyper'>>;

/** An RBM preset's picture graph is trained as an RBM (by contrastive divergence), not by backprop. */
export const isRbmWork = (s: Pick<AppState, 'graph' | 'presetId' | 'ganGraphs'>): boolean =>
  !s.ganGraphs && s.graph.role === 'autoencoder' && presetById(s.presetId)?.rbm !== undefined;

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
    ...(isRbmWork(s)
      ? {
          rbm: {
            hidden: rbmHiddenUnits(s.graph) ?? RBM_HIDDEN_DEFAULT,
            hyper: s.rbmHyper ?? presetById(s.presetId)?.rbm ?? DEFAULT_RBM_HYPER,
          },
        }
      : {}),
  };
}

/**
 * The settings besides the networks that a run is built with. `datasetVersion`: which version of a user dataset's
 * images (its creation time and revision, which the store counts up on every change of the pixels: removed images, a
 * new split); '' for a shipped set. A run on an older version is built again on the next Train or Step.
 */
export type RunKey = Required<Pick<InitArgs, 'dataset' | 'seed' | 'backend'>> & {
  readonly datasetVersion: string;
};

type KeySettings = Pick<AppState, 'dataset' | 'seed' | 'backendPolicy' | 'userDatasets'>;

/** The version of the chosen dataset's images (see RunKey); '' for a shipped set or one not listed. */
export function datasetVersionOf(s: Pick<KeySettings, 'dataset' | 'userDatasets'>): string {
  const meta = s.userDatasets.find((m) => m.id === s.dataset);
  return meta ? `${meta.createdAt}#${meta.revision ?? 0}` : '';
}

export const runKeyOf = (s: KeySettings): RunKey => ({
  dataset: s.dataset,
  seed: s.seed,
  backend: s.backendPolicy,
  datasetVersion: datasetVersionOf(s),
});

export const sameRunKey = (a: RunKey | null, b: RunKey): boolean =>
  a !== null &&
  a.dataset === b.dataset &&
  a.seed === b.seed &&
  a.backend === b.backend &&
  a.datasetVersion === b.datasetVersion;

/** What the training bar says when a run is built again because the chosen dataset's images changed; else null. */
export function datasetChangedNotice(old: RunKey | null, next: RunKey, s: Pick<AppState, 'userDatasets'>) {
  if (!old || old.dataset !== next.dataset || old.datasetVersion === next.datasetVersion) return null;
  const name = s.userDatasets.find((m) => m.id === next.dataset)?.name ?? 'the dataset';
  return `The images of “${name}” changed since the last run, so a new run started on the changed set.`;
}
