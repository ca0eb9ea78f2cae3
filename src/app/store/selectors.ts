/** Named selectors: components read the store through these (with useShallow where they pick several fields). */
import type { AppState } from './types';

export const selectGraph = (s: AppState) => s.graph;
export const selectTheme = (s: AppState) => s.theme;
export const selectBanner = (s: AppState) => s.banner;
export const selectDockSize = (s: AppState) => s.dockSize;
export const selectBackend = (s: AppState) => s.backend;
export const selectRunError = (s: AppState) => s.error;

/** The settings the training bar edits. */
export const selectSettings = (s: AppState) => ({
  presetId: s.presetId,
  dataset: s.dataset,
  hyper: s.hyper,
  seed: s.seed,
  backendPolicy: s.backendPolicy,
});

/** The user's own datasets in this browser, oldest first. */
export const selectUserDatasets = (s: AppState) => s.userDatasets;

/** Counters shown beside the buttons. */
export const selectProgress = (s: AppState) => ({
  status: s.status,
  step: s.step,
  epoch: s.epoch,
  epochProgress: s.epochProgress,
  examplesPerSec: s.examplesPerSec,
  epochs: s.hyper.epochs,
  maxSteps: s.hyper.maxSteps,
  maxSeconds: s.hyper.maxSeconds,
  batchSize: s.hyper.batchSize,
});

/** Seconds the current run has trained (pauses not counted), from its newest metric point; 0 before any. */
export const selectTrainedSeconds = (s: AppState): number =>
  s.runs.find((r) => r.runId === s.runId)?.points.at(-1)?.seconds ?? 0;

export const selectDatasetStatus = (s: AppState) => ({
  dataset: s.dataset,
  progress: s.datasetProgress,
  counts: s.datasetCounts,
});

/**
 * True while a run is training a network that differs from the one in the editor. A paused or prepared run is not
 * "kept": the next Train builds the edited network.
 */
export const selectGraphChangedSinceRun = (s: AppState): boolean =>
  s.runGraph !== null && s.runGraph !== s.graph && s.status === 'running';

/** The current run's latest validation (accuracy NaN where the model has none); null before the first one. */
export const selectLastValidation = (s: AppState): { loss: number; accuracy: number } | null => {
  const run = s.runs.find((r) => r.runId === s.runId);
  if (!run) return null;
  for (let i = run.points.length - 1; i >= 0; i--) {
    const p = run.points[i];
    if (p?.valLoss !== undefined) return { loss: p.valLoss, accuracy: p.valAccuracy ?? NaN };
  }
  return null;
};
