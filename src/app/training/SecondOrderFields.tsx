/**
 * The settings of L-BFGS and conjugate gradient, shown beside "Optimizer" while one of them is chosen: History size
 * (L-BFGS), Examples per step, what these methods do, and, for a model over their size, the refusal the worker would
 * give, before Train. Loaded in its own chunk when first chosen (the page's first JavaScript stays small); the store,
 * the graph's count and NumberField come in as props: importing them here made the bundler split React and the store
 * into a shared chunk, which cost the first page load more than this whole file.
 */
import type { ComponentType } from 'react';
import type { Hyper } from '../../engine/train/hyper';
import { SECOND_ORDER_LABEL, secondOrderRefusal } from '../../engine/train/secondOrderBudget';
import type { NumberFieldProps } from '../fields/NumberField';
import { HISTORY_SIZE_MAX, SECOND_ORDER_BATCH_MAX } from '../persistence/settings';

export interface SecondOrderFieldsProps {
  readonly hyper: Hyper;
  readonly setHyper: (patch: Partial<Hyper>) => void;
  /** Trainable parameters of the network in the editor. */
  readonly trainable: number;
  readonly NumberField: ComponentType<NumberFieldProps>;
}

export function SecondOrderFields({ hyper, setHyper, trainable, NumberField }: SecondOrderFieldsProps) {
  const optimizer = hyper.optimizer === 'lbfgs' ? 'lbfgs' : 'cg';
  const refusal = secondOrderRefusal(optimizer, trainable);
  return (
    <span
      className="settings__second-order"
      role="group"
      aria-label={`${SECOND_ORDER_LABEL[optimizer]} settings`}
    >
      {optimizer === 'lbfgs' && (
        <NumberField
          layout="inline"
          label="History size"
          value={hyper.historySize}
          rule={{ min: 1, max: HISTORY_SIZE_MAX, integer: true }}
          step={1}
          hint={`how many recent steps L-BFGS remembers to estimate the curvature (m), 1 to ${HISTORY_SIZE_MAX}`}
          onChange={(historySize) => setHyper({ historySize })}
        />
      )}
      <NumberField
        layout="inline"
        label="Examples per step"
        value={hyper.secondOrderBatch}
        rule={{ min: 1, max: SECOND_ORDER_BATCH_MAX, integer: true }}
        step={256}
        hint="each step fits these training examples, the same ones through its whole line search; the whole training set is full batch"
        onChange={(secondOrderBatch) => setHyper({ secondOrderBatch })}
      />
      <details className="second-order__about">
        <summary>How it works</summary>
        <p>
          A gradient step only knows the slope. {SECOND_ORDER_LABEL[optimizer]} also learns how the slope
          bends: it{' '}
          {optimizer === 'lbfgs'
            ? 'remembers how the gradient changed over its last steps and turns that into an estimate of the curvature, close to a Newton step.'
            : 'picks each new direction so that it keeps the progress of the ones before.'}{' '}
          Along that direction a line search tries step lengths until the loss really falls and the slope has
          flattened (the Wolfe conditions), so the learning rate is not used. Each step is better than a
          gradient step, but costs several passes over its examples instead of one: these methods suit small
          models and large batches.
        </p>
      </details>
      {refusal && (
        <span className="second-order__refusal" role="alert">
          {refusal}
        </span>
      )}
    </span>
  );
}
