/** What validation checks a graph against: the dataset's image shape and classes, the label subset, the budget. */
import type { Shape } from './types';
import type { PresetNetworks } from './presetNetworks';

export interface ValidationContext {
  readonly imageShape: Shape;
  readonly classes: number;
  /**
   * The classes training uses ("Train on labels"); empty or absent means all. A classifier may end in one unit per
   * class of the dataset, or in one unit per label of the subset (the labels are then remapped to 0…n−1).
   */
  readonly labelSubset?: readonly number[];
  readonly budget?: { readonly maxParams?: number; readonly maxActivationBytes?: number };
  /**
   * The preset the work came from and all of its networks now (a GAN's two, as edited): a GAN or autoencoder
   * preset built for another image shape is offered its build for this one (rebuildFix.ts).
   */
  readonly preset?: { readonly id: string; readonly networks: PresetNetworks };
}
