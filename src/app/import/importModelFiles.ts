/**
 * "Import model" on the page, loaded as a chunk of its own when the user picks files: reads them, hands them to the
 * engine's reader (engine/import), picks a dataset whose images fit, and applies the result as one undoable step:
 * the editor's network is replaced (Undo brings it back), the controller prepares a run from the imported weights,
 * and the panels show the model without training. No TF.js here: the worker writes the weights into its model.
 */
import { importModel } from '../../engine/import/importModel';
import type { ImportedModel, ImportFile } from '../../engine/import/types';
import type { DatasetId } from '../../engine/data/types';
import { formatShape } from '../../engine/graph/convArithmetic';
import type { TrainingController } from '../controllers/trainingController';
import { datasetShapeOf } from '../graphView/validationContext';
import type { AppState } from '../store/types';
import { datasetName } from '../training/datasetOptions';
import { datasetForModel } from './datasetForModel';

/** Larger picks are refused before reading: no network the playground trains needs hundreds of megabytes. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** A model read and ready to apply: it, and the dataset to switch to (null: keep; 'none': no dataset fits). */
export interface PreparedImport {
  readonly model: ImportedModel;
  readonly dataset: DatasetId | null | 'none';
  /** Whether the current run has trained weights that the import would replace (then the page asks first). */
  readonly replacesTraining: boolean;
}

export type Prepared =
  { readonly ok: true; readonly value: PreparedImport } | { readonly ok: false; readonly message: string };

type Picked = Blob & { readonly name: string };
type State = Pick<AppState, 'dataset' | 'userDatasets' | 'step' | 'runId'>;

/** Reads the picked files and the model in them; never throws: a refusal is one message. */
export async function readModelFiles(picked: readonly Picked[], s: State): Promise<Prepared> {
  const total = picked.reduce((a, f) => a + f.size, 0);
  if (total > MAX_IMPORT_BYTES)
    return {
      ok: false,
      message: `The chosen files are ${Math.round(total / 2 ** 20)} MB; a model to import may be at most 256 MB.`,
    };
  let files: ImportFile[];
  try {
    files = await Promise.all(
      picked.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
    );
  } catch {
    return { ok: false, message: 'The chosen files could not be read.' };
  }
  const imageShape = datasetShapeOf(s.dataset, s.userDatasets).shape;
  const r = importModel(files, { imageShape });
  if (!r.ok) return r;
  const fit = datasetForModel(r.value.inputShape, s.dataset, s.userDatasets);
  return {
    ok: true,
    value: {
      model: r.value,
      dataset: fit === null ? 'none' : fit === s.dataset ? null : fit,
      replacesTraining: s.runId !== null && s.step > 0,
    },
  };
}

/** What the banner says once the model is in. */
export function importedMessage(p: PreparedImport, userDatasets: AppState['userDatasets']): string {
  const { model } = p;
  const layers = model.graph.nodes.length;
  const head = model.weights
    ? `Imported ${model.source}: ${layers} layers with their trained weights, shown without training.`
    : `Imported the architecture in ${model.source} (${layers} layers).`;
  const shape = formatShape(model.inputShape);
  const data =
    p.dataset === 'none'
      ? `No dataset here has ${shape} images, which the model takes: add images of that size under "Your images" to run it.`
      : p.dataset !== null
        ? `The dataset is now ${datasetName(p.dataset, userDatasets) ?? 'your own'}, whose ${shape} images the model takes.`
        : null;
  return [head, ...model.notes, data, 'Undo brings your previous network back.'].filter(Boolean).join(' ');
}

/** Replaces the work's network by the model (one undoable step), switches the dataset if needed, prepares its run. */
export function applyImport(
  p: PreparedImport,
  getState: () => AppState,
  ctl: TrainingController | null,
): void {
  const s = getState();
  s.replaceNetworks({ graph: p.model.graph });
  if (p.dataset !== null && p.dataset !== 'none') s.setDataset(p.dataset);
  ctl?.startImported(p.model.graph, p.model.weights);
  s.setBanner({ kind: 'info', message: importedMessage(p, s.userDatasets) });
}
