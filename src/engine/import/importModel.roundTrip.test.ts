/**
 * Export → import round trip in Node on TF.js's cpu backend: a compiled graph with random weights (biases and
 * normalization statistics too) is exported as the app exports it (exportArtifacts: model.json + weights.bin), read
 * back by importModel, compiled again from the imported graph with another seed and given the imported weights.
 * The graph must come back the same and predict the same (max |Δ| ≤ 1e-5) on a batch of images; a model with the
 * weights left out predicts something else, so the check can fail.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { PRESETS } from '../graph/presets';
import { LAYER_KINDS } from '../layers/registry';
import type { Graph } from '../graph/types';
import { exportArtifacts, restoreCheckpoint } from '../train/weights';
import { importModel } from './importModel';
import { everyKindGraph, networkOf } from './testModels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const IMAGE = [28, 28, 1] as const;
const enc = new TextEncoder();

/** Random values in every weight (variances kept positive), so no zero bias or unit statistic hides a mix-up. */
function randomize(model: tf.LayersModel, seed: number): void {
  model.weights.forEach((w, i) => {
    const shape = w.shape.map((d) => d ?? 1);
    tf.tidy(() => {
      const r = tf.randomNormal(shape, 0, 0.5, 'float32', seed + i);
      w.write(w.originalName.endsWith('moving_variance') ? tf.add(tf.abs(r), 0.5) : r);
    });
  });
}

async function roundTrip(graph: Graph): Promise<{ maxDiff: number; untrainedDiff: number; imported: Graph }> {
  const model = compileGraph(graph, { seed: 3 });
  randomize(model, 100);
  const { modelJson, weights } = await exportArtifacts(model);
  const r = importModel(
    [
      { name: 'model.json', bytes: enc.encode(modelJson) },
      { name: 'weights.bin', bytes: new Uint8Array(weights) },
    ],
    { imageShape: IMAGE },
  );
  if (!r.ok) throw new Error(r.message);
  expect(r.value.weights).not.toBeNull();
  const again = compileGraph(r.value.graph, { seed: 99 });
  const x = tf.randomUniform([4, ...IMAGE], 0, 1, 'float32', 7);
  const untrained = again.predict(x) as tf.Tensor;
  restoreCheckpoint(again, { step: 0, weights: r.value.weights ?? [] });
  const a = model.predict(x) as tf.Tensor;
  const b = again.predict(x) as tf.Tensor;
  const diff = (p: tf.Tensor, q: tf.Tensor): number =>
    tf.tidy(() => tf.max(tf.abs(tf.sub(p, q))).dataSync()[0] as number);
  const maxDiff = diff(a, b);
  const untrainedDiff = diff(a, untrained);
  tf.dispose([x, a, b, untrained]);
  model.dispose();
  again.dispose();
  return { maxDiff, untrainedDiff, imported: r.value.graph };
}

describe('export → import round trip', () => {
  it('the test graph holds every layer kind the playground has (a new kind needs its Keras class in kerasLayer.ts)', () => {
    expect(new Set(everyKindGraph().nodes.map((n) => n.layer.kind))).toEqual(new Set(LAYER_KINDS));
  });

  it('a graph with every layer kind comes back the same and predicts the same within 1e-5', async () => {
    const graph = everyKindGraph();
    const { maxDiff, untrainedDiff, imported } = await roundTrip(graph);
    expect(networkOf(imported)).toEqual(networkOf(graph));
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
    expect(untrainedDiff).toBeGreaterThan(1e-3);
    console.log(`every kind: round-trip max |Δ| = ${maxDiff.toExponential(2)}`);
  });

  const plain = PRESETS.filter((p) => !p.gan && p.graph.nodes[0]?.layer.kind === 'input');
  it.each(plain.map((p) => [p.id, p.graph] as const))('preset %s round-trips', async (_id, graph) => {
    const { maxDiff, untrainedDiff, imported } = await roundTrip(graph);
    expect(networkOf(imported)).toEqual(networkOf(graph));
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
    expect(untrainedDiff).toBeGreaterThan(1e-4);
  });
});
