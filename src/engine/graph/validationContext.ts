/** What validation checks a graph against: the dataset's image shape and classes, the label subset, the budget. */
import type { Shape } from './types';

export interface ValidationContext {
  readonly imageShape: Shape;
  readonly classes: number;
  /**
   * The classes training uses ("Train on labels"); empty or absent means all. A classifier may end in one unit per
   * class of the dataset, or in one unit per label of the subset (the labels are then remapped to 0…n−1).
   */
  readonly labelSubset?: readonly number[];
  readonly budget?: { readonly maxParams?: number; readonly maxActivationBytes?: number };
}
