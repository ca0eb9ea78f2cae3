import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../graph/presets';
import { inferShapes, totals } from '../graph/shapes';
import { outputNode } from '../graph/graphUtils';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import type { Graph } from '../graph/types';
import { compileGraph, compileProbeModel, PAD_SUFFIX } from './compile';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const presetGraphs: [string, Graph][] = PRESETS.flatMap((p) => {
  const list: [string, Graph][] = [[p.id, p.graph]];
  if (p.gan !== undefined)
    list.push([`${p.id}/generator`, p.gan.generator], [`${p.id}/discriminator`, p.gan.discriminator]);
  return list;
});

function weightsOf(m: tf.LayersModel): number[] {
  return m.weights.flatMap((w) => Array.from(w.read().dataSync()));
}

describe('compileGraph', () => {
  it('has presets to compile', () => {
    expect(presetGraphs.length).toBeGreaterThanOrEqual(10);
  });

  it.each(presetGraphs)(
    '%s: output shape and parameter count agree with shape inference, no leak',
    (_id, graph) => {
      const before = tf.memory().numTensors;
      const model = compileGraph(graph, { seed: 1 });
      const info = inferShapes(graph);
      const out = outputNode(graph);
      expect(out).toBeDefined();
      expect(model.outputs[0]?.shape.slice(1)).toEqual([...(info.get(out as never)?.output ?? [])]);
      expect(model.countParams()).toBe(totals(info).params);
      for (const node of graph.nodes) expect(model.getLayer(node.id).name).toBe(node.id);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  const padded = (): Graph =>
    chain('classifier', [
      L.image([9, 9, 2]),
      L.conv(3, 3, { padding: { explicit: 2 }, stride: 2 }),
      L.flatten(),
      L.dense(4, 'softmax'),
    ]);

  it('explicit padding P becomes a ZeroPadding2D before a valid convolution: (9 − 3 + 4)/2 + 1 = 6', () => {
    const g = padded();
    const model = compileGraph(g, { seed: 3 });
    const conv = g.nodes[1];
    if (conv === undefined) throw new Error('no conv');
    expect(model.getLayer(`${conv.id}${PAD_SUFFIX}`).getClassName()).toBe('ZeroPadding2D');
    expect(model.getLayer(conv.id).outputShape).toEqual([null, 6, 6, 3]);
    expect(model.getLayer(conv.id).getConfig()['padding']).toBe('valid');
    model.dispose();
  });

  it('initialization is reproducible from the seed and differs between seeds', () => {
    const a = compileGraph(padded(), { seed: 0 });
    const b = compileGraph(padded(), { seed: 0 });
    const c = compileGraph(padded(), { seed: 1 });
    expect(weightsOf(b)).toEqual(weightsOf(a));
    expect(weightsOf(c)).not.toEqual(weightsOf(a));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('frozen nodes compile to non-trainable layers', () => {
    const g = padded();
    const conv = g.nodes[1];
    if (conv === undefined) throw new Error('no conv');
    const frozen: Graph = {
      ...g,
      nodes: g.nodes.map((n) => (n.id === conv.id ? { ...n, frozen: true } : n)),
    };
    const model = compileGraph(frozen, { seed: 1 });
    expect(model.getLayer(conv.id).trainable).toBe(false);
    const trainable = model.trainableWeights.map((w) => w.originalName);
    expect(trainable.some((n) => n.startsWith(`${conv.id}/`))).toBe(false);
    expect(trainable.length).toBe(2); // the dense kernel and bias
    model.dispose();
  });

  it('activation functions, leaky ReLU alpha and merges compile to the matching layers', () => {
    const g = chain('classifier', [
      L.image([4, 4, 1]),
      L.act('leakyRelu', 0.3),
      L.act('elu'),
      L.flatten(),
      L.dense(2, 'softmax'),
    ]);
    const model = compileGraph(g, { seed: 1 });
    const leaky = model.getLayer(g.nodes[1]?.id as string);
    expect(leaky.getClassName()).toBe('LeakyReLU');
    expect(leaky.getConfig()['alpha']).toBeCloseTo(0.3);
    expect(model.getLayer(g.nodes[2]?.id as string).getConfig()['activation']).toBe('elu');
    const y = tf.tidy(() => Array.from((leaky.apply(tf.tensor([[-1, 2]])) as tf.Tensor).dataSync()));
    expect(y[0]).toBeCloseTo(-0.3);
    expect(y[1]).toBeCloseTo(2);
    model.dispose();
  });

  it('a probe model exposes any node output and shares the weights', () => {
    const g = padded();
    const model = compileGraph(g, { seed: 1 });
    const ids = g.nodes.map((n) => n.id);
    const probe = compileProbeModel(model, ids);
    expect(probe.outputs.map((o) => o.shape.slice(1))).toEqual([[9, 9, 2], [6, 6, 3], [108], [4]]);
    expect(probe.weights.length).toBe(model.weights.length);
    model.dispose();
  });
});
