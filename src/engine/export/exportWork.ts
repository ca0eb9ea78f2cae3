/**
 * What the code exports (Keras script, PyTorch script, notebook) are written from: the work's networks and every
 * setting a run uses, as plain data. The app assembles it from the store (app/persistence/codeExport.ts).
 */
import type { Graph } from '../graph/types';
import type { Hyper } from '../train/hyper';
import type { GanHyper } from '../gan/ganHyper';

export interface ExportDataset {
  /** The playground's name for it ("MNIST", "Procedural", a user dataset's name). */
  readonly name: string;
  /** What the code downloads when it is given no local folder (null: it needs one). */
  readonly standard: 'mnist' | 'fashion-mnist' | null;
  /** True when `standard` only stands in for a set that exists in the playground alone (procedural shapes). */
  readonly substitute: boolean;
  readonly shape: readonly [number, number, number];
  readonly classes: number;
}

export interface ExportWork {
  /** A title for the file's first line: the preset's, or "Your network". */
  readonly title: string;
  /** The classifier or autoencoder (for a GAN: ignored, `gan` holds both networks). */
  readonly graph: Graph;
  readonly gan: { readonly generator: Graph; readonly discriminator: Graph } | null;
  readonly hyper: Hyper;
  readonly ganHyper: GanHyper;
  readonly dataset: ExportDataset;
  readonly seed: number;
  /** Denoising autoencoders: std-dev of the Gaussian noise added to the training inputs (0 = none). */
  readonly inputNoise: number;
}

/** The dataset fields for a shipped set or a user's own (shape and classes given). */
export function exportDataset(
  id: string,
  name: string,
  shape: readonly [number, number, number],
  classes: number,
): ExportDataset {
  if (id === 'mnist' || id === 'fashion-mnist')
    return { name, standard: id, substitute: false, shape, classes };
  const mnistLike = shape[0] === 28 && shape[1] === 28 && shape[2] === 1 && classes <= 10;
  return { name, standard: mnistLike ? 'mnist' : null, substitute: mnistLike, shape, classes };
}
