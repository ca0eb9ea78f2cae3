/**
 * "Export Keras", "Export PyTorch", "Export notebook": the work from the store as the engine's ExportWork, and the
 * download. The generators are loaded with a dynamic import() on the first press, so they stay out of the page's
 * first bundle (e2e/bundle.spec.ts holds it under its budget).
 */
import type { CodeExportKind } from '../../engine/export/codeExports';
import { exportDataset, type ExportWork } from '../../engine/export/exportWork';
import { presetById } from '../../engine/graph/presets';
import type { AppState } from '../store/types';
import { datasetName } from '../training/datasetOptions';
import { datasetShapeOf } from '../graphView/validationContext';
import { download } from './exportImport';

type WorkState = Pick<
  AppState,
  'graph' | 'ganGraphs' | 'hyper' | 'ganHyper' | 'dataset' | 'seed' | 'presetId' | 'userDatasets'
>;

export function exportWorkOf(s: WorkState): ExportWork {
  const preset = presetById(s.presetId);
  const { shape, classes } = datasetShapeOf(s.dataset, s.userDatasets);
  const [h = 28, w = 28, c = 1] = shape;
  // A GAN exports both networks; an autoencoder the preset's input noise (denoising), as a run uses them.
  const noise = !s.ganGraphs && s.graph.role === 'autoencoder' ? (preset?.inputNoise ?? 0) : 0;
  return {
    title: preset?.title ?? 'Your network',
    graph: s.ganGraphs ? s.ganGraphs.generator : s.graph,
    gan: s.ganGraphs,
    hyper: s.hyper,
    ganHyper: s.ganHyper,
    dataset: exportDataset(
      s.dataset,
      datasetName(s.dataset, s.userDatasets) ?? 'your own dataset',
      [h, w, c],
      classes,
    ),
    seed: s.seed,
    inputNoise: noise,
  };
}

/** Writes the export of `kind` for the work in `s` and starts its download. */
export async function downloadCode(kind: CodeExportKind, s: WorkState): Promise<void> {
  const { codeExport } = await import('../../engine/export/codeExports');
  const file = codeExport(kind, exportWorkOf(s));
  download(file.name, file.text, file.type);
}
