/**
 * `npm run check:export`, part two: the PyTorch model the export writes computes what the app's TF.js model
 * computes. Each network is compiled in TF.js with random weights (batch-norm statistics too), saved as "Export
 * model" saves it (model.json + weights.bin), loaded into the exported nn.Module by its load_tfjs_weights, and both
 * predict the same random batch in inference mode. That checks more than shapes: TF's uneven 'same' padding (the
 * odd pixel after), the transposed convolutions' crop, flatten and reshape order, the kernels' layouts.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { defaultLayer } from '../graph/catalogue';
import { addNode, chain, connect } from '../graph/edit';
import { presetById } from '../graph/presets';
import type { Graph } from '../graph/types';
import { exportArtifacts } from '../train/weights';
import { TORCH_WEIGHTS } from '../export/pythonWeights';
import { COMMON_HELPERS, helperLines } from '../export/torchHelpers';
import { torchModel } from '../export/torchModel';
import { runPython } from './runPython';

const PYTHON = process.env['PLAYGROUND_PYTHON'] ?? 'python3';
const TOLERANCE = 1e-4;
let dir = '';
const rows: string[] = [];

/** Every helper at once: conv s2 same (uneven), avg/max pool same, layer norm, upsampling, add, concat, GAP. */
function everyHelper(): Graph {
  let g: Graph = chain('classifier', [
    defaultLayer('input'),
    { ...defaultLayer('conv2d'), stride: [2, 2], kernel: [4, 4] },
    defaultLayer('batchNorm'),
    { ...defaultLayer('avgPool2d'), padding: 'same', pool: [3, 3], stride: [2, 2] },
    defaultLayer('layerNorm'),
    defaultLayer('upSampling2d'),
  ]);
  const up = g.nodes[5]!.id;
  const side = addNode(
    g,
    { ...defaultLayer('maxPool2d'), padding: 'same', pool: [3, 3], stride: [1, 1] },
    { x: 0, y: 0 },
  );
  g = connect(side.graph, up, side.id).graph;
  const sum = addNode(g, defaultLayer('add'), { x: 0, y: 0 });
  g = connect(connect(sum.graph, up, sum.id).graph, side.id, sum.id).graph;
  const cat = addNode(g, defaultLayer('concatenate'), { x: 0, y: 0 });
  g = connect(connect(cat.graph, sum.id, cat.id).graph, up, cat.id).graph;
  const flat = addNode(g, defaultLayer('flatten'), { x: 0, y: 0 });
  g = connect(flat.graph, cat.id, flat.id).graph;
  const head = addNode(g, { ...defaultLayer('dense'), units: 10, activation: 'softmax' }, { x: 0, y: 0 });
  return connect(head.graph, flat.id, head.id).graph;
}

const preset = (id: string) => presetById(id)!;
const CASES: readonly { readonly label: string; readonly graph: Graph }[] = [
  { label: 'small CNN (default preset)', graph: preset('notes-small').graph },
  { label: 'stride-2 convs', graph: preset('stride2').graph },
  { label: 'deeper CNN, same-padded pool on 7×7', graph: preset('notes-deep').graph },
  { label: 'LeNet-5 (average pooling)', graph: preset('lenet5').graph },
  { label: 'compression autoencoder', graph: preset('autoencoder').graph },
  { label: 'DCGAN generator', graph: preset('dcgan').gan!.generator },
  { label: 'DCGAN discriminator', graph: preset('dcgan').gan!.discriminator },
  { label: 'every helper (norms, pools, merges, upsampling)', graph: everyHelper() },
];

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'weights-parity-'));
});
afterAll(() => {
  console.log(
    ['', 'npm run check:export — TF.js vs the exported PyTorch model, same weights', ...rows, ''].join('\n'),
  );
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The kernels keep their seeded initialisation (so activations stay in range and softmax or sigmoid outputs do not
 * saturate into agreement); biases, γ, β and the batch-norm statistics get random values, so none hides as 0 or 1.
 */
function randomize(model: tf.LayersModel, seed: number): void {
  const values = model.weights.map((w, i) =>
    tf.tidy(() => {
      const name = w.originalName;
      const r = tf.randomNormal(w.shape as number[], 0, 0.1, 'float32', seed + i);
      if (name.endsWith('kernel')) return w.read().clone();
      if (name.includes('moving_variance') || name.includes('gamma')) return tf.add(tf.abs(r), 0.8);
      return r;
    }),
  );
  model.setWeights(values);
  tf.dispose(values);
}

describe.each(CASES)('$label', ({ label, graph }) => {
  it('predicts what TF.js predicts with the same weights', async () => {
    const model = compileGraph(graph, { seed: 3 });
    randomize(model, 11);
    const inShape = model.inputs[0]!.shape.slice(1) as number[];
    const x = tf.randomUniform([2, ...inShape], 0, 1, 'float32', 5);
    const y = model.predict(x) as tf.Tensor;
    const { modelJson, weights } = await exportArtifacts(model);
    const folder = mkdtempSync(join(dir, 'case-'));
    writeFileSync(join(folder, 'model.json'), modelJson);
    writeFileSync(join(folder, 'weights.bin'), Buffer.from(weights));
    writeFileSync(join(folder, 'x.bin'), Buffer.from((await x.data()).buffer));
    writeFileSync(join(folder, 'y.bin'), Buffer.from((await y.data()).buffer));
    const m = torchModel(graph, 'Net');
    const code = [
      'import gzip, json, math, os, struct',
      'import numpy as np',
      'import torch',
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      '',
      ...COMMON_HELPERS,
      ...helperLines(m.helpers),
      '',
      ...TORCH_WEIGHTS,
      '',
      ...m.lines,
      '',
      'folder = os.path.dirname(os.path.abspath(__file__))',
      'model = Net()',
      "assert load_tfjs_weights(model, os.path.join(folder, 'model.json')) > 0",
      'model.eval()',
      `x = torch.from_numpy(np.fromfile(os.path.join(folder, 'x.bin'), np.float32).reshape(${JSON.stringify([2, ...inShape])}))`,
      `y = np.fromfile(os.path.join(folder, 'y.bin'), np.float32).reshape(${JSON.stringify(y.shape)})`,
      'with torch.no_grad():',
      '    out = model(x.permute(0, 3, 1, 2) if x.dim() == 4 else x)',
      'out = (out.permute(0, 2, 3, 1) if out.dim() == 4 else out).numpy()',
      "print(f'max |TF.js − PyTorch| = {np.abs(out - y).max():.3g} over {y.size} values, largest |y| {np.abs(y).max():.3g}')",
    ].join('\n');
    writeFileSync(join(folder, 'parity.py'), code);
    const run = runPython(PYTHON, join(folder, 'parity.py'), {}, 120_000);
    tf.dispose([x, y]);
    model.dispose();
    expect(run.status, run.stderr.slice(-3000)).toBe(0);
    const diff = Number(run.stdout.match(/max \|TF\.js − PyTorch\| = ([\d.e+-]+)/)?.[1] ?? NaN);
    rows.push(`${label.padEnd(48)} ${run.stdout.trim().split('\n').pop() ?? ''}`);
    expect(diff, run.stdout).toBeLessThan(TOLERANCE);
  });
});
