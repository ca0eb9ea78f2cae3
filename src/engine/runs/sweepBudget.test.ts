import { describe, expect, it } from 'vitest';
import { budgetReached, DEFAULT_HYPER } from '../train/hyper';
import { budgetText, checkBudget, MAX_BUDGET_EPOCHS, withBudget } from './sweepBudget';

describe('sweep budget', () => {
  const limited = { ...DEFAULT_HYPER, epochs: 3, maxSteps: 50 };

  it('an epochs budget sets the epochs and lifts a step limit', () => {
    const h = withBudget(limited, { unit: 'epochs', amount: 2 });
    expect([h.epochs, h.maxSteps]).toEqual([2, 0]);
    expect(h.learningRate).toBe(limited.learningRate);
    expect(budgetReached(h, 10_000, 1)).toBe(false);
    expect(budgetReached(h, 10_000, 2)).toBe(true);
  });

  it('a steps budget sets the step limit, and epochs that do not stop the run first', () => {
    const h = withBudget(limited, { unit: 'steps', amount: 600 });
    expect([h.epochs, h.maxSteps]).toEqual([MAX_BUDGET_EPOCHS, 600]);
    // Far more than one epoch of a small dataset: still the steps that end it.
    expect(budgetReached(h, 599, 40)).toBe(false);
    expect(budgetReached(h, 600, 40)).toBe(true);
  });

  it('a seconds budget sets the time limit, lifts a step limit, and ends the run on training time alone', () => {
    const h = withBudget(limited, { unit: 'seconds', amount: 10 });
    expect([h.epochs, h.maxSteps, h.maxSeconds]).toEqual([MAX_BUDGET_EPOCHS, 0, 10]);
    expect(budgetReached(h, 100_000, 40, 9_999)).toBe(false);
    expect(budgetReached(h, 1, 0, 10_000)).toBe(true);
    // Another budget afterwards lifts the time limit again.
    expect(withBudget(h, { unit: 'steps', amount: 5 }).maxSeconds).toBe(0);
    expect(withBudget(h, { unit: 'epochs', amount: 1 }).maxSeconds).toBe(0);
    expect(checkBudget({ unit: 'seconds', amount: 10 })).toBeNull();
    expect(checkBudget({ unit: 'seconds', amount: 4000 })).toMatch(/at most 3,600/);
    expect(budgetText({ unit: 'seconds', amount: 10 })).toBe('10 seconds');
  });

  it('refuses what is not a whole number of epochs or steps in range', () => {
    expect(checkBudget({ unit: 'epochs', amount: 1 })).toBeNull();
    expect(checkBudget({ unit: 'steps', amount: 5000 })).toBeNull();
    expect(checkBudget({ unit: 'epochs', amount: 0 })).toMatch(/whole number of epochs, 1 or more/);
    expect(checkBudget({ unit: 'epochs', amount: 1.5 })).toMatch(/whole number of epochs/);
    expect(checkBudget({ unit: 'epochs', amount: 1001 })).toMatch(/at most 1,000/);
    expect(checkBudget({ unit: 'steps', amount: Number.NaN })).toMatch(/whole number of steps/);
    expect(checkBudget({ unit: 'steps', amount: 20_000_000 })).toMatch(/at most 10,000,000/);
  });

  it('says the budget in words', () => {
    expect(budgetText({ unit: 'epochs', amount: 1 })).toBe('1 epoch');
    expect(budgetText({ unit: 'steps', amount: 1500 })).toBe('1,500 steps');
  });
});
