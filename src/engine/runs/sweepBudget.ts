/**
 * A sweep's budget: how long each of its runs trains, in epochs or in steps (batches). A steps budget sets the run's
 * step limit (`maxSteps`) and epochs enough not to stop first; an epochs budget lifts any step limit.
 */
import type { Hyper } from '../train/hyper';

export type BudgetUnit = 'epochs' | 'steps';

export interface SweepBudget {
  readonly unit: BudgetUnit;
  readonly amount: number;
}

/** The most epochs a run's settings may hold (the settings' own rule): a steps budget sets this many. */
export const MAX_BUDGET_EPOCHS = 1000;
/** The largest steps budget (the settings' rule for a step limit). */
export const MAX_BUDGET_STEPS = 10_000_000;

/** Why a budget cannot be used, in words; null when it can. */
export function checkBudget(b: SweepBudget): string | null {
  const max = b.unit === 'epochs' ? MAX_BUDGET_EPOCHS : MAX_BUDGET_STEPS;
  if (!Number.isInteger(b.amount) || b.amount < 1 || b.amount > max)
    return `The budget must be a whole number of ${b.unit}, 1 or more (at most ${max.toLocaleString('en-US')}).`;
  return null;
}

/** The settings a run of the sweep trains with: `hyper` with the budget applied. */
export function withBudget(hyper: Hyper, b: SweepBudget): Hyper {
  return b.unit === 'epochs'
    ? { ...hyper, epochs: b.amount, maxSteps: 0 }
    : { ...hyper, epochs: MAX_BUDGET_EPOCHS, maxSteps: b.amount };
}

/** "1 epoch", "600 steps". */
export function budgetText(b: SweepBudget): string {
  const unit = b.amount === 1 ? b.unit.slice(0, -1) : b.unit;
  return `${b.amount.toLocaleString('en-US')} ${unit}`;
}
