/** Refuses models too large for the device before anything is allocated. */
import type { ModelSize } from './workerState';

/** Weights, gradients and two optimizer slots (Adam) per parameter; activations kept for the backward pass ×2. */
export function trainingBytes(size: ModelSize, batchSize: number): number {
  return size.params * 4 * 4 + size.activationBytes * batchSize * 2;
}

const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`;

/** A message explaining the refusal, or null when the model fits. */
export function tooLargeMessage(size: ModelSize, batchSize: number, budgetBytes: number): string | null {
  const need = trainingBytes(size, batchSize);
  if (need <= budgetBytes) return null;
  return (
    `This model needs about ${mb(need)} to train (${size.params.toLocaleString('en-US')} parameters, ` +
    `${mb(size.activationBytes * batchSize)} of activations per batch of ${batchSize}); the limit here is ${mb(budgetBytes)}. ` +
    `Use fewer filters or units, pool earlier, or lower the batch size.`
  );
}
