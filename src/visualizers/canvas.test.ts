import { describe, expect, it } from 'vitest';
import { wholeZoom } from './canvas';
import { chartHeight } from './curves';

describe('wholeZoom', () => {
  it('picks the largest whole-number zoom that fits, within [1, max]', () => {
    expect(wholeZoom(159, 336)).toBe(2);
    expect(wholeZoom(231, 336)).toBe(1);
    expect(wholeZoom(40, 336)).toBe(8);
    expect(wholeZoom(40, 336, 2)).toBe(2);
    // Wider than the panel: 1:1 (CSS max-width then keeps it inside), never a fractional shrink.
    expect(wholeZoom(455, 336)).toBe(1);
    expect(wholeZoom(0, 336)).toBe(1);
    expect(wholeZoom(100, 0)).toBe(1);
  });
});

describe('chartHeight', () => {
  it('follows the width within bounds', () => {
    expect(chartHeight(100)).toBe(220);
    expect(chartHeight(400)).toBe(264);
    expect(chartHeight(2000)).toBe(340);
  });
});
