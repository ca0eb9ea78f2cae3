/**
 * Keeps the worker's hyperparameters in step with the store's: remembers what the worker has (sent at init or
 * since) and sends only the fields that changed. Changes made while the worker initializes go out on `flush`
 * once it is ready.
 */
import type { GanHyper } from '../../engine/gan/ganHyper';
import type { Hyper } from '../../engine/train/hyper';
import type { RbmHyper } from '../../engine/rbm/rbmHyper';

/** The fields of `next` that differ from `sent`. */
export function changed<T extends object>(sent: T, next: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[]) if (next[k] !== sent[k]) patch[k] = next[k];
  return patch;
}

export interface HyperSync {
  /** A new run was built with these. */
  sent(hyper: Hyper, gan: GanHyper, rbm?: RbmHyper): void;
  /** Sends the fields changed since the worker last got them (nothing before the first `sent`). */
  flush(hyper: Hyper, gan: GanHyper, rbm?: RbmHyper): void;
  /** The batch size the run trained at before the last batch-size change was sent (null: none was sent). */
  readonly runBatchSize: number | null;
  /** The worker refused the last batch size and kept `batchSize`: it counts as what the worker has. */
  keptBatchSize(batchSize: number): void;
}

export function createHyperSync(
  setHyper: (patch: Partial<Hyper>, gan?: Partial<GanHyper>, rbm?: Partial<RbmHyper>) => void,
): HyperSync {
  let sentHyper: Hyper | null = null;
  let sentGan: GanHyper | null = null;
  let sentRbm: RbmHyper | null = null;
  let runBatchSize: number | null = null;
  return {
    sent(hyper, gan, rbm) {
      sentHyper = hyper;
      sentGan = gan;
      sentRbm = rbm ?? null;
    },
    flush(hyper, ganHyper, rbmHyper) {
      if (!sentHyper || !sentGan) return;
      const patch = changed(sentHyper, hyper);
      const gan = changed(sentGan, ganHyper);
      // RBM settings go only to a run built with them (sentRbm), never to a classifier's worker.
      const rbm = sentRbm && rbmHyper ? changed(sentRbm, rbmHyper) : {};
      if (patch.batchSize !== undefined) runBatchSize = sentHyper.batchSize;
      sentHyper = hyper;
      sentGan = ganHyper;
      if (sentRbm && rbmHyper) sentRbm = rbmHyper;
      if (Object.keys(rbm).length > 0) setHyper(patch, Object.keys(gan).length > 0 ? gan : undefined, rbm);
      else if (Object.keys(gan).length > 0) setHyper(patch, gan);
      else if (Object.keys(patch).length > 0) setHyper(patch);
    },
    get runBatchSize() {
      return runBatchSize;
    },
    keptBatchSize(batchSize) {
      if (sentHyper) sentHyper = { ...sentHyper, batchSize };
    },
  };
}
