import { describe, expect, it } from 'vitest';
import { asNodeId } from '../../engine/graph/types';
import { octaveOf, tileLabels, tileNote } from './featureVisLabels';

const stats = (spread: number[], mean: number[], fires?: boolean[]) => ({
  spread: Float32Array.from(spread),
  mean: Float32Array.from(mean),
  ...(fires ? { fires } : {}),
});

describe('feature visualization tile notes', () => {
  it('says a (nearly) uniform picture is flat, white or black, and a filter that never fires is dead', () => {
    const r = stats([0.5, 0.001, 0.01, 0.3], [0.4, 0.99, 0.02, 0.5], [true, true, true, false]);
    expect(tileNote(r, 0, 'filters')).toBeNull();
    expect(tileNote(r, 1, 'filters')).toBe('flat white: responds most to a uniform bright patch');
    expect(tileNote(r, 2, 'filters')).toBe('flat black: responds most to a uniform dark patch');
    expect(tileNote(r, 3, 'filters')).toBe('dead: never fires on it (ReLU output 0), so no gradient');
    expect(tileNote(stats([0.001], [0.9]), 0, 'classes')).toBe(
      'flat white: scores highest for a uniform bright patch',
    );
    expect(tileNote(stats([0.001], [0.9]), 0, 'dream')).toBeNull();
  });
});

describe('feature visualization tile labels', () => {
  const node = asNodeId('conv2d_1');
  it('gives every picture its own label', () => {
    expect(tileLabels({ mode: 'filters', node, units: [8, 9] }, 64, 64)).toEqual(['filter 9', 'filter 10']);
    expect(tileLabels({ mode: 'classes', units: [0, 7] }, 64, 64)).toEqual(['class 0', 'class 7']);
    const dream = { mode: 'dream', node, sample: { from: 'test', index: 0 }, octaves: 3 } as const;
    expect(tileLabels(dream, 20, 48)).toEqual(['start', 'dream · octave 2 of 3']);
    expect(tileLabels(dream, 48, 48)).toEqual(['start', 'dream (after 3 octaves)']);
  });

  it('finds the octave of an iteration count', () => {
    expect([1, 16, 17, 32, 33, 48].map((d) => octaveOf(d, 48, 3))).toEqual([1, 1, 2, 2, 3, 3]);
  });
});
