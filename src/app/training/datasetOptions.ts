/** The datasets the "Dataset" select offers, and their names: the shipped ones, then the user's own by name. */
import {
  BUILTIN_DATASET_IDS,
  isBuiltinDatasetId,
  type BuiltinDatasetId,
  type DatasetId,
} from '../../engine/data/types';
import type { UserDatasetMeta } from '../../engine/data/userDataset';

export const BUILTIN_DATASET_NAMES: Readonly<Record<BuiltinDatasetId, string>> = {
  mnist: 'MNIST',
  'fashion-mnist': 'Fashion-MNIST',
  procedural: 'Procedural',
};

/** What a chosen user dataset this browser does not list (yet, or any more) is called. */
export const UNLISTED_USER_DATASET = 'Your own dataset (not in this browser)';

/** The dataset's name; null for a user dataset this browser does not have. */
export function datasetName(id: DatasetId, userDatasets: readonly UserDatasetMeta[]): string | null {
  if (isBuiltinDatasetId(id)) return BUILTIN_DATASET_NAMES[id];
  return userDatasets.find((m) => m.id === id)?.name ?? null;
}

/**
 * The select's options, value = id: the shipped sets, then the user's datasets in the order they were made. A chosen
 * user dataset that is not listed stays an option, so the select never shows another dataset than the chosen one.
 */
export function datasetOptions(
  chosen: DatasetId,
  userDatasets: readonly UserDatasetMeta[],
): readonly (readonly [DatasetId, string])[] {
  const options: (readonly [DatasetId, string])[] = [
    ...BUILTIN_DATASET_IDS.map((id) => [id, BUILTIN_DATASET_NAMES[id]] as const),
    ...userDatasets.map((m) => [m.id, m.name] as const),
  ];
  if (!options.some(([id]) => id === chosen)) options.push([chosen, UNLISTED_USER_DATASET]);
  return options;
}
