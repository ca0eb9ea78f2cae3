import { describe, expect, it } from 'vitest';
import { parseShape } from './parseField';

describe('parseShape', () => {
  it('reads ×, x, commas and spaces', () => {
    expect(parseShape('7×7×16')).toEqual({ ok: true, value: [7, 7, 16] });
    expect(parseShape('7x7x16')).toEqual({ ok: true, value: [7, 7, 16] });
    expect(parseShape('28, 28, 1')).toEqual({ ok: true, value: [28, 28, 1] });
    expect(parseShape('64')).toEqual({ ok: true, value: [64] });
  });
  it('rejects bad sizes and too many axes', () => {
    expect(parseShape('').ok).toBe(false);
    expect(parseShape('7×0×16').ok).toBe(false);
    expect(parseShape('7×a').ok).toBe(false);
    expect(parseShape('1×2×3×4').ok).toBe(false);
  });
});
