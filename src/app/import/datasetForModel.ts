/**
 * Which dataset an imported model runs on: the chosen one when its images fit the model's input, else the first
 * that fits (the shipped 28×28×1 sets, MNIST first, then the user's own), else none — then the user is told.
 */
import { BUILTIN_DATASET_IDS, type DatasetId } from '../../engine/data/types';
import type { UserDatasetMeta } from '../../engine/data/userDataset';
import type { Shape } from '../../engine/graph/types';
import { datasetShapeOf } from '../graphView/validationContext';

const same = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** The dataset to use (maybe the chosen one), or null when none has images of `input`'s shape. */
export function datasetForModel(
  input: Shape,
  chosen: DatasetId,
  userDatasets: readonly UserDatasetMeta[],
): DatasetId | null {
  const candidates: DatasetId[] = [chosen, ...BUILTIN_DATASET_IDS, ...userDatasets.map((m) => m.id)];
  return candidates.find((id) => same(datasetShapeOf(id, userDatasets).shape, input)) ?? null;
}
