import { describe, expect, it } from 'vitest';
import { describeChanges, numberText, type RunSettings } from './changes';
import { defaultLayer } from '../graph/catalogue';
import { chain, insertBetween, moveNode, removeNodes, setFrozen, updateLayer } from '../graph/edit';
import { asNodeId, type Graph } from '../graph/types';
import { DEFAULT_HYPER } from '../train/hyper';

const conv = asNodeId('conv2d_1');

function net(): Graph {
  return chain('classifier', [
    defaultLayer('input'),
    { ...defaultLayer('conv2d'), kernel: [3, 3] },
    defaultLayer('dropout'),
    defaultLayer('flatten'),
    { ...defaultLayer('dense'), units: 10, activation: 'softmax' },
  ]);
}

const base = (graph: Graph = net()): RunSettings => ({
  graph,
  hyper: DEFAULT_HYPER,
  dataset: 'mnist',
  labelSubset: [],
  seed: 1,
});

const withGraph = (graph: Graph): RunSettings => ({ ...base(), graph });

describe('describeChanges', () => {
  it('says first run without a previous run, and no change for equal settings', () => {
    expect(describeChanges(null, base())).toEqual(['first run']);
    expect(describeChanges(base(), base())).toEqual(['no change']);
  });

  it('ignores where a node sits in the editor', () => {
    const moved = moveNode(net(), conv, { x: 500, y: 900 });
    expect(describeChanges(base(), withGraph(moved))).toEqual(['no change']);
  });

  it('writes a square kernel as one number and a non-square one as F×F', () => {
    expect(describeChanges(base(), withGraph(updateLayer(net(), conv, { kernel: [10, 10] })))).toEqual([
      'conv2d_1 kernel 3 → 10',
    ]);
    expect(describeChanges(base(), withGraph(updateLayer(net(), conv, { kernel: [3, 5] })))).toEqual([
      'conv2d_1 kernel 3 → 3×5',
    ]);
  });

  it('names stride, padding, filters, dilation and the bias check of a conv', () => {
    const g = updateLayer(net(), conv, {
      stride: [2, 2],
      padding: 'valid',
      filters: 16,
      dilation: [2, 1],
      useBias: false,
    });
    expect(describeChanges(base(), withGraph(g))).toEqual([
      'conv2d_1 filters 8 → 16',
      'conv2d_1 stride 1 → 2',
      'conv2d_1 padding same → valid',
      'conv2d_1 dilation 1 → 2×1',
      'conv2d_1 use bias on → off',
    ]);
  });

  it('writes an explicit padding as the inspector does', () => {
    const g = updateLayer(net(), conv, { padding: { explicit: 2 } });
    expect(describeChanges(base(), withGraph(g))).toEqual(['conv2d_1 padding same → pad 2']);
  });

  it('covers dense units, dropout rate and the activation select', () => {
    let g = updateLayer(net(), asNodeId('dense_1'), { units: 64, activation: 'sigmoid' });
    g = updateLayer(g, asNodeId('dropout_1'), { rate: 0.5 });
    expect(describeChanges(base(), withGraph(g))).toEqual([
      'dropout_1 rate 0.25 → 0.5',
      'dense_1 units 10 → 64',
      'dense_1 activation softmax → sigmoid',
    ]);
  });

  it('names added, removed and frozen layers', () => {
    const e = net().edges.find((x) => x.source === conv);
    if (!e) throw new Error('no edge after conv2d_1');
    const inserted = insertBetween(net(), e.id, defaultLayer('layerNorm'));
    if (!inserted) throw new Error('insert failed');
    const g = setFrozen(removeNodes(inserted.graph, [asNodeId('dropout_1')]), [conv], true);
    expect(describeChanges(base(), withGraph(g))).toEqual([
      'conv2d_1 frozen',
      'added layer_norm_1 (LayerNormalization)',
      'removed dropout_1',
    ]);
    expect(describeChanges(withGraph(g), base())).toContain('conv2d_1 unfrozen');
  });

  it('says connections changed when the same layers are wired differently', () => {
    const g = net();
    const rewired: Graph = { ...g, edges: g.edges.filter((x) => x.source !== asNodeId('dropout_1')) };
    expect(describeChanges(base(), withGraph(rewired))).toEqual(['connections changed']);
  });

  it('does not report a setting that is hidden on both sides (alpha of a plain ReLU)', () => {
    const g = chain('classifier', [defaultLayer('input'), { ...defaultLayer('activation'), fn: 'relu' }]);
    const id = asNodeId('activation_1');
    expect(describeChanges(withGraph(g), withGraph(updateLayer(g, id, { alpha: 0.3 })))).toEqual([
      'no change',
    ]);
    const leaky = updateLayer(g, id, { fn: 'leakyRelu' });
    expect(describeChanges(withGraph(leaky), withGraph(updateLayer(leaky, id, { alpha: 0.3 })))).toEqual([
      'activation_1 alpha 0.2 → 0.3',
    ]);
  });

  it('names every training setting, the dataset, the labels and the seed', () => {
    const next: RunSettings = {
      ...base(),
      hyper: { ...DEFAULT_HYPER, learningRate: 0.01, optimizer: 'sgd', batchSize: 64, clipNorm: 1 },
      dataset: 'procedural',
      labelSubset: [1, 0],
      seed: 2,
    };
    expect(describeChanges(base(), next)).toEqual([
      'optimizer adam → sgd',
      'learning rate 0.001 → 0.01',
      'batch size 32 → 64',
      'gradient clipping 0 → 1',
      'dataset mnist → procedural',
      'labels all → 0, 1',
      'seed 1 → 2',
    ]);
  });

  it('treats a label subset as a set', () => {
    expect(describeChanges({ ...base(), labelSubset: [2, 1] }, { ...base(), labelSubset: [1, 2] })).toEqual([
      'no change',
    ]);
  });

  it('prints numbers without float noise', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(1e-7)).toBe('1e-7');
  });
});

describe('describeChanges: budgets', () => {
  it('says a steps budget in one phrase, not as epochs and a step limit', () => {
    const prev = base();
    const sweepRun = { ...base(), hyper: { ...prev.hyper, epochs: 1000, maxSteps: 20 } };
    expect(describeChanges(prev, sweepRun)).toEqual(['budget 1 epoch → 20 steps']);
    expect(describeChanges(sweepRun, { ...sweepRun, hyper: { ...sweepRun.hyper, maxSteps: 40 } })).toEqual([
      'budget 20 steps → 40 steps',
    ]);
    // The same step limit with other epochs is the same budget.
    expect(describeChanges(sweepRun, { ...sweepRun, hyper: { ...sweepRun.hyper, epochs: 3 } })).toEqual([
      'no change',
    ]);
    // Without a step limit, epochs are named as before.
    expect(describeChanges(prev, { ...prev, hyper: { ...prev.hyper, epochs: 2 } })).toEqual(['epochs 1 → 2']);
  });

  it('says a seconds budget in one phrase too; a record from before the time limit has none', () => {
    const prev = base();
    const timed = { ...base(), hyper: { ...prev.hyper, epochs: 1000, maxSeconds: 10 } };
    expect(describeChanges(prev, timed)).toEqual(['budget 1 epoch → 10 s']);
    expect(describeChanges(timed, { ...timed, hyper: { ...timed.hyper, optimizer: 'sgd' } })).toEqual([
      'optimizer adam → sgd',
    ]);
    const { maxSeconds: _none, ...older } = prev.hyper;
    expect(describeChanges({ ...prev, hyper: older as typeof prev.hyper }, prev)).toEqual(['no change']);
  });
});
