import type { StateCreator } from 'zustand';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { DEFAULT_GAN_HYPER } from '../../engine/gan/ganHyper';
import { DEFAULT_RBM_HYPER } from '../../engine/rbm/rbmHyper';
import { DEFAULT_PRESET_ID, PRESETS } from '../../engine/graph/presets';
import type { AppState, TrainingSlice } from './types';

const defaultPreset = PRESETS.find((p) => p.id === DEFAULT_PRESET_ID) ?? PRESETS[0];

/** The run's state when no run exists (also what Reset and a new init go back to). */
export const IDLE_RUN = {
  status: 'idle',
  runId: null,
  step: 0,
  epoch: 0,
  epochProgress: 0,
  examplesPerSec: 0,
  error: null,
  notice: null,
  preparing: null,
  pretrainSeconds: null,
  runGraph: null,
} as const satisfies Partial<TrainingSlice>;

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set, get) => ({
  presetId: defaultPreset?.id ?? '',
  dataset: defaultPreset?.dataset ?? 'mnist',
  hyper: { ...DEFAULT_HYPER, ...defaultPreset?.hyper },
  ganHyper: DEFAULT_GAN_HYPER,
  rbmHyper: DEFAULT_RBM_HYPER,
  seed: 1,
  backendPolicy: 'auto',
  ...IDLE_RUN,
  backend: null,
  datasetProgress: null,
  datasetCounts: null,
  setHyper: (patch) => set((s) => ({ hyper: { ...s.hyper, ...patch } })),
  setGanHyper: (patch) => set((s) => ({ ganHyper: { ...s.ganHyper, ...patch } })),
  setRbmHyper: (patch) => set((s) => ({ rbmHyper: { ...s.rbmHyper, ...patch } })),
  setDataset: (dataset) => set({ dataset }),
  setSeed: (seed) => set({ seed: Number.isFinite(seed) ? Math.trunc(seed) : 1 }),
  setBackendPolicy: (backendPolicy) => set({ backendPolicy }),
  setPreset: (id) => {
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset) return;
    // A GAN or autoencoder preset chosen while a user dataset is chosen keeps it, built for its images' shape.
    const now = get();
    const own = preset.forShape ? now.userDatasets.find((m) => m.id === now.dataset) : undefined;
    const built = own && preset.forShape ? preset.forShape(own.shape) : preset;
    set({
      presetId: preset.id,
      dataset: own ? own.id : preset.dataset,
      hyper: { ...DEFAULT_HYPER, ...preset.hyper },
      ...(preset.rbm ? { rbmHyper: preset.rbm } : {}),
    });
    const gan = built.gan ? { generator: built.gan.generator, discriminator: built.gan.discriminator } : null;
    // A plain preset replaces the graph as one undoable edit; GAN pairs (or leaving one) start a fresh history.
    if (gan || get().ganGraphs) get().setGanGraphs(gan, built.graph);
    else get().setGraph(built.graph);
  },
  patchRun: (patch) => set(patch),
});
