/**
 * The Convolution step region's plain words: which input rows and columns a window covers (counting from 1), how far
 * it hangs over the image's edges ("the window hangs one row over the top edge: that row is padding, zeros"), and the
 * region's introduction, which fits the network (a network without convolutions is stepped a dense unit at a time).
 */

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (n: number, noun: string): string => `${WORDS[n] ?? String(n)} ${noun}${n === 1 ? '' : 's'}`;

/** "input rows 2–4" (or "input row 1") for the taps that fall inside an axis of `size` cells, counting from 1. */
export function insideSpan(coords: ArrayLike<number>, size: number, noun: 'row' | 'column'): string {
  const inside = Array.from(coords).filter((i) => i >= 0 && i < size);
  if (inside.length === 0) return `no input ${noun}s`;
  const lo = Math.min(...inside) + 1;
  const hi = Math.max(...inside) + 1;
  return lo === hi ? `input ${noun} ${lo}` : `input ${noun}s ${lo}–${hi}`;
}

/**
 * Where the window lies against the image edges. `padding`: what the cells over the edge are — "zeros" for a
 * convolution, "not counted" for pooling (TF.js leaves them out of the max and the mean).
 */
export function edgeWords(
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  h: number,
  w: number,
  padding: 'zeros' | 'not counted' = 'zeros',
): string {
  const r = Array.from(rows);
  const c = Array.from(cols);
  const over = (a: number[], size: number): [number, number] => [
    a.filter((i) => i < 0).length,
    a.filter((i) => i >= size).length,
  ];
  const [top, bottom] = over(r, h);
  const [left, right] = over(c, w);
  const parts: string[] = [];
  if (top) parts.push(`${count(top, 'row')} over the top edge`);
  if (bottom) parts.push(`${count(bottom, 'row')} over the bottom edge`);
  if (left) parts.push(`${count(left, 'column')} over the left edge`);
  if (right) parts.push(`${count(right, 'column')} over the right edge`);
  if (parts.length === 0) return 'The window lies inside the image: no padding.';
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const one = top + bottom + left + right === 1;
  const those = one ? `that ${top + bottom ? 'row' : 'column'} is` : 'those cells are';
  return `The window hangs ${list}: ${those} padding, ${padding === 'zeros' ? 'zeros' : 'not counted'}.`;
}

/** The introduction: for a network with convolutions, the conv story; without, the dense one. */
export function introText(kinds: readonly string[]): string {
  if (kinds.includes('conv2d'))
    return (
      'One output number computed by hand: the filter’s trained weights times the input window they cover, ' +
      'added up, plus the bias, through the activation. Click a map in Activation maps, click the input picture ' +
      'here, or choose a cell, and use the arrow keys on the picture to slide the window one stride at a time.'
    );
  if (kinds.some((k) => k === 'maxPool2d' || k === 'avgPool2d'))
    return (
      'One output number computed by hand: which input of a pooling window wins (max) or their mean (average), ' +
      'or a dense unit’s inputs times its weights. Choose a layer and a cell or unit here; the arrow keys on the ' +
      'picture step to the next one.'
    );
  return (
    'This network has no convolution, so its layers are dense: pick a dense unit to see it computed by hand — ' +
    'its inputs times their trained weights (the largest contributions listed), added up, plus the bias, through ' +
    'the activation. Choose a layer and a unit here; the arrow keys on the picture step to the next unit.'
  );
}

/** The caveat under the introduction, in the same terms. */
export function caveatText(kinds: readonly string[]): string {
  return kinds.includes('conv2d')
    ? 'Caveat: this is one cell of one image; what a filter responds to in general shows better across many ' +
        'cells and images (Activation maps, Feature visualization).'
    : 'Caveat: this is one unit for one image; what a unit responds to in general shows better across many images.';
}
