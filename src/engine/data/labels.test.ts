import { describe, expect, it } from 'vitest';
import { formatLabels, parseLabels } from './labels';

describe('parseLabels', () => {
  it('reads ranges and lists', () => {
    expect(parseLabels('0-4', 10)).toEqual({ ok: true, labels: [0, 1, 2, 3, 4] });
    expect(parseLabels('5–9', 10)).toEqual({ ok: true, labels: [5, 6, 7, 8, 9] });
    expect(parseLabels('7, 1 3', 10)).toEqual({ ok: true, labels: [1, 3, 7] });
    expect(parseLabels('', 10)).toEqual({ ok: true, labels: [] });
  });
  it('refuses what is not a class', () => {
    expect(parseLabels('10', 10).ok).toBe(false);
    expect(parseLabels('4-2', 10).ok).toBe(false);
    expect(parseLabels('a', 10).ok).toBe(false);
  });
  it('formats back compactly', () => {
    expect(formatLabels([0, 1, 2, 3, 4])).toBe('0–4');
    expect(formatLabels([1, 3, 5, 6, 7])).toBe('1, 3, 5–7');
    expect(parseLabels(formatLabels([1, 3, 5, 6, 7]), 10)).toEqual({ ok: true, labels: [1, 3, 5, 6, 7] });
  });
});
