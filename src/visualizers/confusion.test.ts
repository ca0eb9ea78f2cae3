import { describe, expect, it } from 'vitest';
import { CELL, confusionCellAt, MARGIN } from './confusion';

describe('confusionCellAt', () => {
  it('maps a click to (true row, predicted column)', () => {
    expect(confusionCellAt(10, MARGIN + 0.5, MARGIN + 0.5)).toEqual({ row: 0, col: 0 });
    expect(confusionCellAt(10, MARGIN + 3 * CELL + 2, MARGIN + 7 * CELL + CELL - 1)).toEqual({
      row: 7,
      col: 3,
    });
  });
  it('misses the label margins and outside the matrix', () => {
    expect(confusionCellAt(10, 2, 50)).toBeNull();
    expect(confusionCellAt(10, 50, 2)).toBeNull();
    expect(confusionCellAt(10, MARGIN + 10 * CELL, 50)).toBeNull();
    expect(confusionCellAt(3, 50, MARGIN + 3 * CELL + 1)).toBeNull();
  });
});
