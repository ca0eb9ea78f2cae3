/**
 * A sweep's budget: how long each of its runs trains, in epochs, in steps (batches) or in seconds of training. A steps
 * budget sets the run's step limit (`maxSteps`) and epochs enough not to stop first; a seconds budget sets its time
 * limit (`maxSeconds`: time spent training, pauses not counted) the same way; an epochs budget lifts both limits.
 */
import type { Hyper } from '../train/hyper';

export type BudgetUnit = 'epochs' | 'steps' | 'seconds';

export interface SweepBudget {
  readonly unit: BudgetUnit;
  readonly amount: number;
}

/** The most epochs a run's settings may hold (the settings' own rule): a steps budget sets this many. */
export const MAX_BUDGET_EPOCHS = 1000;
/** The largest steps budget (the settings' rule for a step limit). */
export const MAX_BUDGET_STEPS = 10_000_000;
/** The largest seconds budget: an hour of training per run. */
export const MAX_BUDGET_SECONDS = 3600;

const MAX_OF: Readonly<Record<BudgetUnit, number>> = {
  epochs: MAX_BUDGET_EPOCHS,
  steps: MAX_BUDGET_STEPS,
  seconds: MAX_BUDGET_SECONDS,
};

/** Why a budget cannot be used, in words; null when it can. */
export function checkBudget(b: SweepBudget): string | null {
  const max = MAX_OF[b.unit];
  if (!Number.isInteger(b.amount) || b.amount < 1 || b.amount > max)
    return `The budget must be a whole number of ${b.unit}, 1 or more (at most ${max.toLocaleString('en-US')}).`;
  return null;
}

/** The settings a run of the sweep trains with: `hyper` with the budget applied. */
export function withBudget(hyper: Hyper, b: SweepBudget): Hyper {
  switch (b.unit) {
    case 'epochs':
      return { ...hyper, epochs: b.amount, maxSteps: 0, maxSeconds: 0 };
    case 'steps':
      return { ...hyper, epochs: MAX_BUDGET_EPOCHS, maxSteps: b.amount, maxSeconds: 0 };
    case 'seconds':
      return { ...hyper, epochs: MAX_BUDGET_EPOCHS, maxSteps: 0, maxSeconds: b.amount };
  }
}

/** "1 epoch", "600 steps", "10 seconds". */
export function budgetText(b: SweepBudget): string {
  const unit = b.amount === 1 ? b.unit.slice(0, -1) : b.unit;
  return `${b.amount.toLocaleString('en-US')} ${unit}`;
}
