/** ExportWork for tests and `npm run check:export` (not shipped code paths): a preset as the app would export it. */
import { DEFAULT_GAN_HYPER } from '../gan/ganHyper';
import type { Preset } from '../graph/presets';
import type { Graph } from '../graph/types';
import type { Hyper } from '../train/hyper';
import { exportDataset, type ExportWork } from './exportWork';

export function presetWork(p: Preset, patch: Partial<ExportWork> = {}): ExportWork {
  const names: Record<Preset['dataset'], string> = {
    mnist: 'MNIST',
    'fashion-mnist': 'Fashion-MNIST',
    procedural: 'Procedural',
  };
  return {
    title: p.title,
    graph: p.graph,
    gan: p.gan ?? null,
    hyper: p.hyper,
    ganHyper: DEFAULT_GAN_HYPER,
    dataset: exportDataset(p.dataset, names[p.dataset], [28, 28, 1], 10),
    seed: 42,
    inputNoise: p.inputNoise ?? 0,
    ...patch,
  };
}

/** The transfer lesson's second phase: its convolutions frozen, trained on digits 5–9 with the five-way head. */
export function transferPhaseTwo(p: Preset): ExportWork {
  const freeze = new Set<string>(p.transfer?.freeze ?? []);
  const graph: Graph = {
    ...p.graph,
    nodes: p.graph.nodes.map((n) => (freeze.has(n.id) ? { ...n, frozen: true } : n)),
  };
  const hyper: Hyper = { ...p.hyper, labelSubset: p.transfer?.secondLabels ?? [] };
  return presetWork(p, { graph, hyper });
}
