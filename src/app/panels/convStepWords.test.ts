import { describe, expect, it } from 'vitest';
import { caveatText, edgeWords, insideSpan, introText } from './convStepWords';

describe('insideSpan', () => {
  it('counts from 1 and names only the rows inside the image', () => {
    expect(insideSpan([-1, 0, 1], 28, 'row')).toBe('input rows 1–2');
    expect(insideSpan([26, 27, 28], 28, 'column')).toBe('input columns 27–28');
    expect(insideSpan([4], 28, 'row')).toBe('input row 5');
  });
});

describe('edgeWords', () => {
  it('says in words how far the window hangs over each edge', () => {
    expect(edgeWords([-1, 0, 1], [3, 4, 5], 28, 28)).toBe(
      'The window hangs one row over the top edge: that row is padding, zeros.',
    );
    expect(edgeWords([-1, 0, 1], [-2, -1, 0], 28, 28)).toBe(
      'The window hangs one row over the top edge and two columns over the left edge: those cells are padding, zeros.',
    );
    expect(edgeWords([27, 28], [27, 28], 28, 28, 'not counted')).toBe(
      'The window hangs one row over the bottom edge and one column over the right edge: those cells are padding, not counted.',
    );
    expect(edgeWords([3, 4, 5], [3, 4, 5], 28, 28)).toBe('The window lies inside the image: no padding.');
  });
});

describe('introText', () => {
  it('fits the network: no convolution → pick a dense unit, no mention of Activation maps', () => {
    const dense = introText(['dense', 'dense']);
    expect(dense).toContain('pick a dense unit');
    expect(dense).not.toContain('Activation maps');
    expect(introText(['conv2d', 'maxPool2d', 'dense'])).toContain('Click a map in Activation maps');
    expect(caveatText(['dense'])).not.toMatch(/filter|Activation maps/);
    expect(caveatText(['conv2d'])).toContain('filter');
  });
});
