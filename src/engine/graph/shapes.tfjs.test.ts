/**
 * THE AGREEMENT TEST: our TF.js-free shape inference against the real TF.js layers, on thousands of random
 * single-layer configurations. Layers are applied to symbolic tf.input()s (no tensors flow), then the output
 * shape and countParams() are compared with inferShapes. Configurations TF.js rejects are counted separately;
 * for those, our side must report an error too (or validation must flag the layer).
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph, LayerSpec, Shape } from './types';
import { asNodeId } from './types';
import { inferShapes } from './shapes';
import { validateGraph } from './validate';
import { L } from './layerBuilders';

const RUNS = 5000;

type Config = { input: Shape; layer: LayerSpec };

const size = fc.integer({ min: 1, max: 40 });
const small = (max: number): fc.Arbitrary<number> => fc.integer({ min: 1, max });
const pair = (max: number): fc.Arbitrary<readonly [number, number]> => fc.tuple(small(max), small(max));
const square = (max: number): fc.Arbitrary<readonly [number, number]> =>
  small(max).map((k) => [k, k] as const);
const image = fc.tuple(size, size, small(4)).map(([h, w, c]) => [h, w, c] as Shape);
const anyRank = fc.oneof(
  small(64).map((n) => [n] as Shape),
  fc.tuple(small(12), small(12)).map(([a, b]) => [a, b] as Shape),
  image,
);

const conv: fc.Arbitrary<Config> = fc
  .record({
    input: image,
    filters: small(8),
    kernel: fc.oneof(square(7), pair(7)),
    stride: fc.oneof(square(5), pair(5)),
    dilation: fc.oneof(
      { weight: 3, arbitrary: fc.constant([1, 1] as const) },
      { weight: 1, arbitrary: pair(3) },
    ),
    padding: fc.oneof(
      fc.constant('valid' as const),
      fc.constant('same' as const),
      fc.integer({ min: 0, max: 3 }).map((p) => ({ explicit: p })),
    ),
    useBias: fc.boolean(),
  })
  .map(({ input, ...l }) => ({
    input,
    layer: { kind: 'conv2d', ...l, activation: 'relu', initializer: 'heNormal' } as LayerSpec,
  }));

const deconv: fc.Arbitrary<Config> = fc
  .record({
    input: fc.tuple(small(16), small(16), small(4)).map(([h, w, c]) => [h, w, c] as Shape),
    filters: small(6),
    kernel: fc.oneof(square(6), pair(6)),
    stride: fc.oneof(square(4), pair(4)),
    padding: fc.constantFrom('valid' as const, 'same' as const),
    useBias: fc.boolean(),
  })
  .map(({ input, ...l }) => ({
    input,
    layer: { kind: 'conv2dTranspose', ...l, activation: 'linear', initializer: 'glorotUniform' } as LayerSpec,
  }));

const pool: fc.Arbitrary<Config> = fc
  .record({
    input: image,
    kind: fc.constantFrom('maxPool2d' as const, 'avgPool2d' as const),
    pool: fc.oneof(square(6), pair(6)),
    stride: fc.oneof(square(6), pair(6)),
    padding: fc.constantFrom('valid' as const, 'same' as const),
  })
  .map(({ input, ...l }) => ({ input, layer: l as LayerSpec }));

const others: fc.Arbitrary<Config> = fc.oneof(
  fc
    .record({ input: image, size: pair(4) })
    .map(({ input, size: s }) => ({ input, layer: { kind: 'upSampling2d', size: s } as LayerSpec })),
  fc.record({ input: anyRank, units: small(16), useBias: fc.boolean() }).map(({ input, units, useBias }) => ({
    input,
    layer: { kind: 'dense', units, useBias, activation: 'relu', initializer: 'heNormal' } as LayerSpec,
  })),
  anyRank.map((input) => ({ input, layer: { kind: 'flatten' } as LayerSpec })),
  anyRank.map((input) => ({
    input,
    layer: { kind: 'batchNorm', momentum: 0.99, epsilon: 0.001 } as LayerSpec,
  })),
  anyRank.map((input) => ({ input, layer: { kind: 'globalAvgPool' } as LayerSpec })),
  anyRank.map((input) => ({ input, layer: { kind: 'layerNorm', epsilon: 0.001 } as LayerSpec })),
  // Reshape: half the time a true refactoring of the input, otherwise a random (usually wrong) target.
  fc
    .record({
      a: small(8),
      b: small(8),
      c: small(4),
      perm: fc.boolean(),
      target: fc.array(small(8), { minLength: 1, maxLength: 3 }),
    })
    .map(({ a, b, c, perm, target }) => ({
      input: [a, b, c] as Shape,
      layer: { kind: 'reshape', shape: perm ? [b, a * c] : target } as LayerSpec,
    })),
);

function tfLayer(l: LayerSpec): tf.layers.Layer[] {
  switch (l.kind) {
    case 'conv2d': {
      const pad =
        typeof l.padding === 'object'
          ? [
              tf.layers.zeroPadding2d({
                padding: [
                  [l.padding.explicit, l.padding.explicit],
                  [l.padding.explicit, l.padding.explicit],
                ],
              }),
            ]
          : [];
      const conv2d = tf.layers.conv2d({
        filters: l.filters,
        kernelSize: [...l.kernel],
        strides: [...l.stride],
        dilationRate: [...l.dilation],
        padding: typeof l.padding === 'object' ? 'valid' : l.padding,
        useBias: l.useBias,
      });
      return [...pad, conv2d];
    }
    case 'conv2dTranspose':
      return [
        tf.layers.conv2dTranspose({
          filters: l.filters,
          kernelSize: [...l.kernel],
          strides: [...l.stride],
          padding: l.padding,
          useBias: l.useBias,
        }),
      ];
    case 'maxPool2d':
      return [tf.layers.maxPooling2d({ poolSize: [...l.pool], strides: [...l.stride], padding: l.padding })];
    case 'avgPool2d':
      return [
        tf.layers.averagePooling2d({ poolSize: [...l.pool], strides: [...l.stride], padding: l.padding }),
      ];
    case 'upSampling2d':
      return [tf.layers.upSampling2d({ size: [...l.size] })];
    case 'dense':
      return [tf.layers.dense({ units: l.units, useBias: l.useBias })];
    case 'flatten':
      return [tf.layers.flatten()];
    case 'batchNorm':
      return [tf.layers.batchNormalization({ momentum: l.momentum, epsilon: l.epsilon })];
    case 'globalAvgPool':
      return [tf.layers.globalAveragePooling2d({})];
    case 'layerNorm':
      return [tf.layers.layerNormalization({ axis: -1, epsilon: l.epsilon })];
    case 'reshape':
      return [tf.layers.reshape({ targetShape: [...l.shape] })];
    default:
      throw new Error(`not generated: ${l.kind}`);
  }
}

/** Applies the real layers symbolically; null when TF.js throws or yields a size ≤ 0. */
function viaTfjs(c: Config): { shape: number[]; realShape: number[]; params: number } | null {
  let layers: tf.layers.Layer[] = [];
  try {
    layers = tfLayer(c.layer);
    let x = tf.input({ shape: [...c.input] });
    for (const layer of layers) x = layer.apply(x) as tf.SymbolicTensor;
    const shape = x.shape.slice(1) as number[];
    if (shape.some((d) => !Number.isInteger(d) || d <= 0)) return null;
    // Some mistakes pass the symbolic check and fail only when data flows (a reshape of the wrong size, dilation
    // with stride): run one real example through the same, already built layers.
    const real = tf.tidy(() => {
      let y = tf.zeros([1, ...c.input]);
      for (const layer of layers) y = layer.apply(y) as tf.Tensor;
      return y.shape.slice(1);
    });
    return { shape, realShape: real, params: layers.reduce((s, l) => s + l.countParams(), 0) };
  } catch {
    return null;
  } finally {
    for (const l of layers) {
      try {
        l.dispose();
      } catch {
        // A layer that never got built has nothing to dispose.
      }
    }
  }
}

function graphOf(c: Config): Graph {
  const input = asNodeId('input_1');
  const layer = asNodeId('layer_1');
  return {
    version: 1,
    role: 'classifier',
    nodes: [
      {
        id: input,
        layer: { kind: 'input', source: 'dataset', shape: c.input },
        position: { x: 0, y: 0 },
        frozen: false,
      },
      { id: layer, layer: c.layer, position: { x: 0, y: 90 }, frozen: false },
    ],
    edges: [{ id: 'e', source: input, target: layer }],
  };
}

describe('shape inference agrees with TF.js', () => {
  const counts = { checked: 0, accepted: 0, rejected: 0 };
  const byKind = new Map<string, number>();
  let started = 0;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    started = performance.now();
  });
  afterAll(() => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(
      `TF.js agreement: ${counts.checked} configurations (${counts.accepted} accepted by TF.js, ${counts.rejected} rejected) in ${seconds} s`,
      Object.fromEntries(byKind),
    );
  });

  it(`matches output shape and countParams() on ${RUNS} random single-layer configurations`, () => {
    const tensorsBefore = tf.memory().numTensors;
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 4, arbitrary: conv },
          { weight: 2, arbitrary: deconv },
          { weight: 2, arbitrary: pool },
          { weight: 2, arbitrary: others },
        ),
        (c) => {
          counts.checked++;
          const ours = inferShapes(graphOf(c)).get(asNodeId('layer_1'));
          const theirs = viaTfjs(c);
          if (theirs) {
            counts.accepted++;
            byKind.set(c.layer.kind, (byKind.get(c.layer.kind) ?? 0) + 1);
            expect(ours?.error ?? null).toBeNull();
            expect(theirs.realShape).toEqual(theirs.shape);
            expect(ours?.output).toEqual(theirs.shape);
            expect(ours?.params).toBe(theirs.params);
          } else {
            counts.rejected++;
            // TF.js refused it: we must refuse it too, or at least validation must flag an error on the layer.
            if (!ours?.error) {
              const errors = validateGraph(graphOf(c), { imageShape: c.input, classes: 10 }).filter(
                (i) =>
                  i.severity === 'error' &&
                  i.node === asNodeId('layer_1') &&
                  i.code !== 'outputUnitsMismatch',
              );
              expect(errors.length, JSON.stringify(c)).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: RUNS, seed: 20240611 },
    );
    expect(counts.accepted).toBeGreaterThan(RUNS * 0.6);
    expect(counts.rejected).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('agrees on the hand-checked example: conv 5×5×32 on 28×28×1 has 832 parameters', () => {
    const c: Config = {
      input: [28, 28, 1],
      layer: L.conv(32, 5),
    };
    expect(viaTfjs(c)).toEqual({ shape: [28, 28, 32], realShape: [28, 28, 32], params: 832 });
    expect(inferShapes(graphOf(c)).get(asNodeId('layer_1'))?.params).toBe(832);
  });
});
