/** What the edited graph is validated against: the chosen dataset's image shape, its classes and the label subset. */
import type { DatasetId } from '../../engine/data/types';
import type { UserDatasetMeta } from '../../engine/data/userDataset';
import type { Shape } from '../../engine/graph/types';
import type { ValidationContext } from '../../engine/graph/validationContext';

/** Every dataset the app ships (MNIST, Fashion-MNIST, procedural) has 28×28 greyscale images of 10 classes. */
export const IMAGE_SHAPE = [28, 28, 1] as const;
export const DEFAULT_CLASSES = 10;

/** A dataset's images and classes, as validation needs them. */
export interface DatasetShape {
  readonly shape: Shape;
  readonly classes: number;
}

export const SHIPPED_DATASET: DatasetShape = { shape: IMAGE_SHAPE, classes: DEFAULT_CLASSES };

/** The user dataset `id` names, when it is one this browser has (a stable reference: fit for a store selector). */
export const userDatasetOf = (
  id: DatasetId,
  userDatasets: readonly UserDatasetMeta[],
): UserDatasetMeta | undefined => userDatasets.find((m) => m.id === id);

/**
 * The shape and classes of dataset `id`: a user dataset's own, the shipped sets' 28×28×1 and 10. A user id this
 * browser does not have counts as a shipped set (it falls back to MNIST: userDatasetsStartup.ts).
 */
export function datasetShapeOf(id: DatasetId, userDatasets: readonly UserDatasetMeta[]): DatasetShape {
  const meta = userDatasetOf(id, userDatasets);
  return meta ? { shape: meta.shape, classes: meta.classNames.length } : SHIPPED_DATASET;
}

/**
 * A classifier may end in one unit per class, or one per label of "Train on labels" (the transfer lesson's 5); the
 * Input must take the dataset's images (a 32×32×3 user dataset flags a 28×28×1 Input, with the fix). `preset`: the
 * preset the work came from and its networks, so a GAN or autoencoder preset is offered its build for the shape.
 */
export function validationContext(
  labelSubset: readonly number[],
  dataset: DatasetShape = SHIPPED_DATASET,
  preset?: ValidationContext['preset'],
): ValidationContext {
  return { imageShape: dataset.shape, classes: dataset.classes, labelSubset, ...(preset ? { preset } : {}) };
}
