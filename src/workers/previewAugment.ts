/**
 * The augmentation preview without a run ('preview' message): the first training image of the chosen dataset and
 * changed copies of it, drawn by the same code as the training batches (probes/augmentPreview.ts). It needs only the
 * dataset, from the worker's cache (a later run reuses the load), so it works before any run, while a run is being
 * prepared and when the network does not fit the dataset. No tensors: it may run beside a training loop.
 */
import { DEFAULT_AUGMENT } from '../engine/data/augment';
import { probeAugmentPreview } from '../engine/train/probes/augmentPreview';
import { datasetFailure } from './initRun';
import type { ToWorker } from './protocol';
import { forTransfer } from './transfer';
import type { Post, WorkerDeps } from './workerState';

export async function previewAugment(
  msg: Extract<ToWorker, { type: 'preview' }>,
  post: Post,
  deps: Pick<WorkerDeps, 'loadDataset'>,
): Promise<void> {
  const runId = msg.runId;
  let dataset;
  try {
    dataset = await deps.loadDataset(msg.dataset, msg.seed, () => undefined);
  } catch (e) {
    return post({ type: 'error', runId, code: 'dataset', message: datasetFailure(msg.dataset, e) });
  }
  const raw = probeAugmentPreview(
    { dataset, step: 0, hyper: { augment: msg.request.augment ?? DEFAULT_AUGMENT } },
    msg.request,
  );
  // The first copy is a view into the dataset: copied, so the cached images are never transferred away.
  const { result, transfer } = forTransfer(raw);
  post({ type: 'probe', runId, result }, transfer);
}
