import { describe, expect, it } from 'vitest';
import type { Graph, NodeId } from './types';
import { DEFAULT_PRESET_ID, PRESETS, presetById } from './presets';
import { inferShapes, totals } from './shapes';
import { validateGraph } from './validate';
import { isConnected, outputNode } from './edit';
import { parseGraphText, serializeGraph } from './parse';

const paramsOf = (g: Graph): number[] => {
  const info = inferShapes(g);
  return g.nodes.map((n) => info.get(n.id)?.params ?? -1).filter((p) => p > 0);
};
const outShape = (g: Graph) => inferShapes(g).get(outputNode(g) as NodeId)?.output;
const total = (g: Graph): number => totals(inferShapes(g)).params;

describe('presets', () => {
  it('has unique ids, includes the default, and every graph is connected and valid for its dataset', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(presetById(DEFAULT_PRESET_ID)).toBeDefined();
    expect(PRESETS.length).toBeGreaterThanOrEqual(16);
    for (const p of PRESETS) {
      const classes = p.transfer ? p.transfer.firstLabels.length : 10;
      const graphs = p.gan ? [p.gan.generator, p.gan.discriminator] : [p.graph];
      for (const g of graphs) {
        expect(isConnected(g), p.id).toBe(true);
        const errors = validateGraph(g, { imageShape: [28, 28, 1], classes }).filter(
          (i) => i.severity === 'error',
        );
        expect(errors, p.id).toEqual([]);
        const round = parseGraphText(serializeGraph(g));
        expect(round.ok && round.graph, p.id).toEqual(g);
      }
    }
  });

  it('has no warnings either (no fractional sizes, softmax only at the end)', () => {
    for (const p of PRESETS) {
      const classes = p.transfer ? p.transfer.firstLabels.length : 10;
      for (const g of p.gan ? [p.gan.generator, p.gan.discriminator] : [p.graph]) {
        expect(validateGraph(g, { imageShape: [28, 28, 1], classes }), p.id).toEqual([]);
      }
    }
  });

  it('the notes small CNN: 8 and 16 filters, 7×7×16 before the dense layers', () => {
    const g = (presetById('notes-small') as { graph: Graph }).graph;
    expect(paramsOf(g)).toEqual([80, 1168, 25120, 330]);
    expect(total(g)).toBe(26698);
  });

  it('Fast MNIST: strided convolutions straight into the classifier, a linear schedule over three epochs', () => {
    const p = presetById('fast-mnist');
    expect(p?.title.startsWith('Fast MNIST')).toBe(true);
    expect(p?.dataset).toBe('mnist');
    const g = p?.graph as Graph;
    expect(validateGraph(g, { imageShape: [28, 28, 1], classes: 10 })).toEqual([]);
    // conv 5×5×16 /2 (416) → 14×14 → conv 3×3×32 /2 (4,640) → 7×7 → conv 3×3×32 (9,248) → 7×7×32 → dense 10 (15,690)
    expect(paramsOf(g)).toEqual([416, 4640, 9248, 15690]);
    expect(outShape(g)).toEqual([10]);
    expect(p?.hyper).toMatchObject({ optimizer: 'adam', batchSize: 64, epochs: 3, schedule: 'linear' });
  });

  it('the TF estimator CNN: 832, 25,632, 1,606,656 and 10,250 parameters', () => {
    const g = (presetById('tf-estimator') as { graph: Graph }).graph;
    expect(paramsOf(g)).toEqual([832, 25632, 1606656, 10250]);
    const info = inferShapes(g);
    const flat = g.nodes.find((n) => n.layer.kind === 'flatten');
    expect(info.get(flat?.id as NodeId)?.output).toEqual([1568]);
  });

  it('the Keras transfer example: valid 3×3 convs to 24×24, 589,952 weights in dense 128, 5 outputs, conv layers frozen in phase 2', () => {
    const p = presetById('keras-transfer');
    const g = p?.graph as Graph;
    expect(paramsOf(g)).toEqual([320, 9248, 589952, 645]);
    expect(outShape(g)).toEqual([5]);
    expect(p?.transfer?.freeze).toEqual(['conv2d_1', 'conv2d_2']);
    expect(p?.hyper.labelSubset).toEqual([0, 1, 2, 3, 4]);
  });

  it('LeNet-5 has 61,706 parameters; logistic regression 7,850; one 10×10 conv 1,616', () => {
    expect(total((presetById('lenet5') as { graph: Graph }).graph)).toBe(61706);
    expect(total((presetById('ladder-logistic') as { graph: Graph }).graph)).toBe(7850);
    expect(paramsOf((presetById('one-10x10') as { graph: Graph }).graph)[0]).toBe(1616);
  });

  it('the ladder grows: logistic < MLP < deep MLP in parameters; the stride-2 net reaches 7×7 without pooling', () => {
    const t = ['ladder-logistic', 'ladder-mlp', 'ladder-deep-mlp'].map((id) =>
      total((presetById(id) as { graph: Graph }).graph),
    );
    expect(t).toEqual([7850, 101770, 109386]);
    const s2 = (presetById('stride2') as { graph: Graph }).graph;
    expect(s2.nodes.some((n) => n.layer.kind === 'maxPool2d')).toBe(false);
    const info = inferShapes(s2);
    const flat = s2.nodes.find((n) => n.layer.kind === 'flatten');
    expect(info.get(flat?.id as NodeId)?.output).toEqual([784]);
  });

  it('a stack of three 3×3 convolutions sees 7×7; one 10×10 sees 10×10', () => {
    const stack = (presetById('stack-3x3') as { graph: Graph }).graph;
    const info = inferShapes(stack);
    const convs = stack.nodes.filter((n) => n.layer.kind === 'conv2d');
    expect(convs.map((n) => info.get(n.id)?.receptiveField)).toEqual([3, 5, 7]);
    const one = (presetById('one-10x10') as { graph: Graph }).graph;
    const conv = one.nodes.find((n) => n.layer.kind === 'conv2d');
    expect(inferShapes(one).get(conv?.id as NodeId)?.receptiveField).toBe(10);
  });

  it('autoencoders rebuild 28×28×1 through a sigmoid; the denoising one adds input noise', () => {
    for (const id of ['autoencoder', 'denoising-autoencoder']) {
      const p = presetById(id);
      expect(p?.graph.role).toBe('autoencoder');
      expect(outShape(p?.graph as Graph)).toEqual([28, 28, 1]);
    }
    expect(presetById('denoising-autoencoder')?.inputNoise).toBeGreaterThan(0);
  });

  it('DCGAN: latent 64 → 28×28×1 tanh generator, strided leaky-ReLU discriminator with one logit', () => {
    const gan = presetById('dcgan')?.gan;
    const gen = gan?.generator as Graph;
    const disc = gan?.discriminator as Graph;
    expect(gen.role).toBe('generator');
    expect(disc.role).toBe('discriminator');
    expect(gen.nodes[0]?.layer).toMatchObject({ kind: 'input', source: 'latent', shape: [64] });
    expect(outShape(gen)).toEqual([28, 28, 1]);
    expect(gen.nodes.at(-1)?.layer).toMatchObject({ kind: 'conv2dTranspose', activation: 'tanh' });
    expect(outShape(disc)).toEqual([1]);
    expect(disc.nodes.some((n) => n.layer.kind === 'activation' && n.layer.fn === 'leakyRelu')).toBe(true);
    // (5·5·1)·16 + 16 and (5·5·16)·32 + 32 for the discriminator's strided convolutions.
    expect(paramsOf(disc).slice(0, 2)).toEqual([416, 12832]);
  });

  it('the procedural preset is tiny: 40 conv weights and 7,850 in the classifier', () => {
    const p = presetById('procedural-tiny');
    expect(p?.dataset).toBe('procedural');
    expect(paramsOf(p?.graph as Graph)).toEqual([40, 7850]);
  });

  it('optimizers compared: logistic regression (within the second-order budget) under six optimizers, the same seconds each', () => {
    const p = presetById('optimizers-compared');
    const c = p?.comparison;
    expect(c?.budget).toEqual({ unit: 'seconds', amount: 10 });
    expect(c?.variants.map((v) => [v.label, v.hyper?.optimizer])).toEqual([
      ['SGD', 'sgd'],
      ['Momentum', 'momentum'],
      ['Adam', 'adam'],
      ['Adadelta', 'adadelta'],
      ['L-BFGS', 'lbfgs'],
      ['Conjugate gradient', 'cg'],
    ]);
    for (const v of c?.variants ?? []) {
      expect(v.graph).toBe(p?.graph);
      expect(total(v.graph)).toBe(7850);
    }
    expect(p?.lesson).toMatch(/Start comparison/);
    expect(c?.explain).toMatch(/curv/);
  });

  it('the two comparisons: the existing kernel-size networks, and the small CNN with its first conv at stride 1 and 2', () => {
    const kernel = presetById('compare-kernel-size');
    expect(kernel?.title).toBe('Kernel size: 3×3 stack vs 10×10');
    expect(kernel?.comparison?.variants.map((v) => v.graph)).toEqual([
      presetById('stack-3x3')?.graph,
      presetById('one-10x10')?.graph,
    ]);
    expect(kernel?.graph).toBe(kernel?.comparison?.variants[0]?.graph);
    const stride = presetById('compare-stride');
    expect(stride?.title).toBe('Stride 1 vs 2');
    const [one, two] = stride?.comparison?.variants ?? [];
    expect(one?.graph).toBe(stride?.graph);
    // At stride 1 the small CNN's shapes and weights: 7×7×16 before the dense layers.
    expect(paramsOf(one!.graph)).toEqual([80, 1168, 25120, 330]);
    const convs = (g: Graph | undefined) => g?.nodes.filter((n) => n.layer.kind === 'conv2d') ?? [];
    expect(convs(two?.graph).map((n) => (n.layer as { stride: readonly number[] }).stride)).toEqual([
      [2, 2],
      [1, 1],
    ]);
    // Stride 2: 14×14 after the first conv, 4×4×16 before the dense layers ((4·4·16)·32 + 32 weights).
    expect(paramsOf(two!.graph)).toEqual([80, 1168, 4 * 4 * 16 * 32 + 32, 330]);
    for (const p of [kernel, stride]) {
      expect(p?.comparison?.budget.unit, p?.id).toBe('steps');
      expect(p?.lesson, p?.id).toMatch(/Start comparison/);
      for (const v of p?.comparison?.variants ?? [])
        expect(
          validateGraph(v.graph, { imageShape: [28, 28, 1], classes: 10 }),
          `${p?.id}: ${v.label}`,
        ).toEqual([]);
    }
  });
});
