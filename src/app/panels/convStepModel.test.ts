import { describe, expect, it } from 'vitest';
import { chain } from '../../engine/graph/edit';
import { L } from '../../engine/graph/layerBuilders';
import type { Conv2DLayer, NodeId } from '../../engine/graph/types';
import type { LayerIOResult } from '../../engine/train/probes/types';
import { arrowStep, CENTRE, cellCovering, ROUNDED, stepBounds, stepModel } from './convStepModel';
import { inspectableLayers, pickFromMap } from './convStepPick';

const graph = chain('classifier', [
  L.image(),
  L.conv(2, 3, { activation: 'linear', stride: 2 }),
  L.act('relu'),
  L.maxPool(),
  L.flatten(),
  L.dense(3, 'softmax'),
]);
const [input, conv, relu, pool, , dense] = graph.nodes;

/** A 4×4×1 input of 1..16, two 3×3 filters (all ones; all −1), biases 0.5 and 0: 'same', stride 2 → 2×2×2. */
function convIO(): LayerIOResult {
  const spec = conv?.layer as Conv2DLayer;
  const weights = new Float32Array(9 * 2);
  for (let k = 0; k < 9; k++) {
    weights[k * 2] = 1;
    weights[k * 2 + 1] = -1;
  }
  return {
    kind: 'layerIO',
    step: 1,
    node: conv?.id as NodeId,
    spec,
    input: { shape: [4, 4, 1], values: Float32Array.from({ length: 16 }, (_, i) => i + 1) },
    // Only the cells the tests read matter: (0, 1) filter 0 is rows 0–2, columns 1–3 (pad after only).
    output: { shape: [2, 2, 2], values: new Float32Array([0, 0, 54.5, -54, 0, 0, 0, 0]) },
    weights,
    bias: new Float32Array([0.5, 0]),
    ms: 1,
  };
}

describe('stepModel', () => {
  it('a conv cell: the window, the sum, + bias and the activation, counting from 1, the padding in words', () => {
    const m = stepModel(convIO(), { index: 0, y: 0, x: 1 }, graph);
    // rows 0..2, columns 2..4 (4 is padding): 3+4 + 7+8 + 11+12 = 45
    expect(m?.lines).toEqual([
      `${conv?.id}, filter 1 of 2, output row 1, column 2: its 3×3 window covers input rows 1–3, input columns 3–4 of the 4×4×1 input (stride 2×2).`,
      'The window hangs one column over the right edge: that column is padding, zeros.',
      'Sum of the 9 products (3×3 × 1 channel; the 3 padded cells give 0) = 45.0.',
      "+ bias 0.500 = 45.5 → linear (none) = 45.5 (the layer's output here: 54.5).",
      `Then ReLU (next layer, ${relu?.id}) = 45.5.`,
      ROUNDED,
    ]);
    const neg = stepModel(convIO(), { index: 1, y: 0, x: 1 }, graph);
    expect(neg?.lines[4]).toBe(`Then ReLU (next layer, ${relu?.id}) = 0.`);
    expect(neg?.lines[2]).toContain('= \u221245.0.');
  });

  it('the first cell shown is the middle one, its window inside the image', () => {
    const io = convIO();
    const big: LayerIOResult = {
      ...io,
      spec: { ...(conv?.layer as Conv2DLayer), stride: [1, 1] },
      input: { shape: [28, 28, 1], values: new Float32Array(28 * 28).fill(1) },
      output: { shape: [28, 28, 2], values: new Float32Array(28 * 28 * 2) },
    };
    const m = stepModel(big, { index: 0, y: CENTRE, x: CENTRE }, graph);
    expect([m?.y, m?.x]).toEqual([13, 13]);
    expect(m?.lines[0]).toContain('output row 14, column 14: its 3×3 window covers input rows 13–15');
    expect(m?.lines[1]).toBe('The window lies inside the image: no padding.');
    // The corner cell (0, 0) hangs over two edges.
    expect(stepModel(big, { index: 0, y: 0, x: 0 }, graph)?.lines[1]).toBe(
      'The window hangs one row over the top edge and one column over the left edge: those cells are padding, zeros.',
    );
  });

  it('a click on the input picks the output cell whose window covers it, or none', () => {
    // 4 wide, 3 taps, stride 2, 'same' (1 column of padding after): windows 0–2 and 2–4.
    expect(cellCovering(convIO(), 0, 3)).toEqual({ y: 0, x: 1 });
    expect(cellCovering(convIO(), 1, 0)).toEqual({ y: 0, x: 0 });
    const pool: LayerIOResult = {
      ...convIO(),
      spec: { kind: 'maxPool2d', pool: [2, 2], stride: [3, 3], padding: 'valid' },
      input: { shape: [9, 9, 1], values: new Float32Array(81) },
      output: { shape: [3, 3, 1], values: new Float32Array(9) },
      weights: null,
      bias: null,
    };
    expect(cellCovering(pool, 4, 7)).toEqual({ y: 1, x: 2 });
    expect(cellCovering(pool, 2, 0)).toBeNull();
  });

  it('sum + bias = pre adds the shown parts (a correct sum on screen), in plain decimals', () => {
    const io: LayerIOResult = {
      ...convIO(),
      node: dense?.id as NodeId,
      spec: { kind: 'dense', units: 1, activation: 'linear', useBias: true, initializer: 'zeros' },
      input: { shape: [1], values: new Float32Array([1]) },
      output: { shape: [1], values: new Float32Array([2.008]) },
      weights: new Float32Array([1.004]),
      bias: new Float32Array([1.004]),
    };
    // Exactly 2.008 (shown 2.01), but the reader adds 1.00 + 1.00.
    const lines = stepModel(io, { index: 0, y: 0, x: 0 }, graph)?.lines ?? [];
    expect(lines).toContain("+ bias 1.00 = 2.00 → linear (none) = 2.00 (the layer's output: 2.01).");
    const tiny = stepModel({ ...io, bias: new Float32Array([-0.001]) }, { index: 0, y: 0, x: 0 }, graph);
    expect(tiny?.lines.join(' ')).toContain('+ bias \u22120.00100 = 0.999');
    expect(tiny?.lines.join(' ')).not.toMatch(/\de-\d/);
  });

  it('clamps a cell outside the layer and steps by one output cell with the arrow keys', () => {
    const io = convIO();
    const m = stepModel(io, { index: 9, y: 7, x: -3 }, graph);
    expect([m?.index, m?.y, m?.x]).toEqual([1, 1, 0]);
    const b = stepBounds(io);
    expect(b).toEqual({ maps: 2, rows: 2, cols: 2 });
    expect(arrowStep('ArrowRight', 0, 0, b)).toEqual({ y: 0, x: 1 });
    expect(arrowStep('ArrowRight', 0, 1, b)).toEqual({ y: 0, x: 1 });
    expect(arrowStep('ArrowDown', 0, 1, b)).toEqual({ y: 1, x: 1 });
    expect(arrowStep('ArrowUp', 0, 1, b)).toEqual({ y: 0, x: 1 });
    expect(arrowStep('Enter', 0, 0, b)).toBeNull();
  });

  it('a max-pooling cell names the winner; a dense unit lists its top inputs and sums to its output', () => {
    const poolIO: LayerIOResult = {
      ...convIO(),
      node: pool?.id as NodeId,
      spec: { kind: 'maxPool2d', pool: [2, 2], stride: [2, 2], padding: 'valid' },
      input: { shape: [2, 2, 1], values: new Float32Array([1, 9, 3, 4]) },
      output: { shape: [1, 1, 1], values: new Float32Array([9]) },
      weights: null,
      bias: null,
    };
    expect(stepModel(poolIO, { index: 0, y: 0, x: 0 }, graph)?.lines[1]).toBe(
      "The largest of the 4 inputs wins: row 1, column 2, 9.00 (the layer's output here: 9.00).",
    );
    const denseIO: LayerIOResult = {
      ...convIO(),
      node: dense?.id as NodeId,
      spec: { kind: 'dense', units: 1, activation: 'linear', useBias: true, initializer: 'zeros' },
      input: { shape: [3], values: new Float32Array([1, 2, 3]) },
      output: { shape: [1], values: new Float32Array([14.5]) },
      weights: new Float32Array([1, 2, 3]),
      bias: new Float32Array([0.5]),
    };
    const d = stepModel(denseIO, { index: 0, y: 4, x: 4 }, graph);
    expect(d?.lines).toEqual([
      `${dense?.id}, unit 1 of 1: the 3 largest of its 3 inputs × weights.`,
      'input 3: 3.00 × 3.00 = 9.00',
      'input 2: 2.00 × 2.00 = 4.00',
      'input 1: 1.00 × 1.00 = 1.00',
      'The other 0 inputs add 0; the sum of all 3 = 14.0.',
      "+ bias 0.500 = 14.5 → linear (none) = 14.5 (the layer's output: 14.5).",
      ROUNDED,
    ]);
  });
});

describe('pickFromMap', () => {
  it('a conv or pooling map is itself, an activation map the conv before it; others pick nothing', () => {
    expect(pickFromMap(graph, conv?.id as NodeId, 1, 2, 3)).toEqual({ node: conv?.id, index: 1, y: 2, x: 3 });
    expect(pickFromMap(graph, relu?.id as NodeId, 0, 1, 1)).toEqual({ node: conv?.id, index: 0, y: 1, x: 1 });
    expect(pickFromMap(graph, pool?.id as NodeId, 0, 0, 0)?.node).toBe(pool?.id);
    expect(pickFromMap(graph, input?.id as NodeId, 0, 0, 0)).toBeNull();
    expect(pickFromMap({ ...graph, role: 'discriminator' }, conv?.id as NodeId, 0, 0, 0)).toBeNull();
  });

  it('offers the conv, pooling and dense layers in the order data flows', () => {
    expect(inspectableLayers(graph).map((l) => l.id)).toEqual([conv?.id, pool?.id, dense?.id]);
  });
});
