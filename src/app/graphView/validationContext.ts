/** What the edited graph is validated against: the dataset's image shape, its classes and the label subset. */
import type { ValidationContext } from '../../engine/graph/validationContext';

/** Every dataset the app offers (MNIST, Fashion-MNIST, procedural) has 28×28 greyscale images. */
export const IMAGE_SHAPE = [28, 28, 1] as const;
export const DEFAULT_CLASSES = 10;

/** A classifier may end in one unit per class, or one per label of "Train on labels" (the transfer lesson's 5). */
export function validationContext(labelSubset: readonly number[]): ValidationContext {
  return { imageShape: IMAGE_SHAPE, classes: DEFAULT_CLASSES, labelSubset };
}
