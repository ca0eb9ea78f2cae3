/**
 * The size limit of the second-order optimizers. Plain data (no TF.js): the settings bar says the same sentence as
 * the worker, before Train. L-BFGS keeps 2·m vectors as long as the whole parameter vector and both methods evaluate
 * the loss several times per step, so they are for small models.
 */
import type { OptimizerId } from './hyper';
import { isSecondOrder } from './hyper';

/** The most trainable parameters L-BFGS and conjugate gradient accept. */
export const SECOND_ORDER_MAX_PARAMS = 200_000;

export const SECOND_ORDER_LABEL: Readonly<Record<'lbfgs' | 'cg', string>> = {
  lbfgs: 'L-BFGS',
  cg: 'Conjugate gradient',
};

const count = (n: number): string => n.toLocaleString('en-US');

/** Why `optimizer` cannot train a model with this many trainable parameters, or null when it can. */
export function secondOrderRefusal(optimizer: OptimizerId, trainableParams: number): string | null {
  if (!isSecondOrder(optimizer) || trainableParams <= SECOND_ORDER_MAX_PARAMS) return null;
  const name = SECOND_ORDER_LABEL[optimizer as 'lbfgs' | 'cg'];
  return (
    `${name} is for small models: it trains at most ${count(SECOND_ORDER_MAX_PARAMS)} parameters, and this model ` +
    `has ${count(trainableParams)} trainable ones. Choose SGD, Momentum, Adam, Adadelta or RMSprop, freeze some ` +
    `layers, or make the model smaller.`
  );
}

/** The trainer refuses to take a second-order step on a model over the limit (the message is secondOrderRefusal's). */
export class SecondOrderRefusedError extends Error {
  constructor(
    message: string,
    readonly trainableParams: number,
  ) {
    super(message);
    this.name = 'SecondOrderRefusedError';
  }
}
