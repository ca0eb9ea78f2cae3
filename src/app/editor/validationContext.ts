/** What the edited graph is validated against: the dataset's image shape and the number of classes. */
import type { ValidationContext } from '../../engine/graph/validate';
import { presetById } from '../../engine/graph/presets';

/** Every dataset the app offers (MNIST, Fashion-MNIST, procedural) has 28×28 greyscale images. */
export const IMAGE_SHAPE = [28, 28, 1] as const;
export const DEFAULT_CLASSES = 10;

/** The transfer preset trains on a subset of the labels; everything else uses all ten classes. */
export function validationContext(presetId: string): ValidationContext {
  const transfer = presetById(presetId)?.transfer;
  return { imageShape: IMAGE_SHAPE, classes: transfer ? transfer.firstLabels.length : DEFAULT_CLASSES };
}
