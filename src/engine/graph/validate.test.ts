import { describe, expect, it } from 'vitest';
import type { GraphIssue, GraphIssueCode } from './issues';
import type { Graph, LayerSpec } from './types';
import { asNodeId } from './types';
import { validateGraph } from './validate';
import type { ValidationContext } from './validationContext';
import { applyFix } from './fixes';
import { addNode, chain, connect, removeNodes } from './edit';
import { L } from './layerBuilders';
import { presetById } from './presets';

const CTX: ValidationContext = { imageShape: [28, 28, 1], classes: 10 };
const id = asNodeId;

function issuesOf(g: Graph, code: GraphIssueCode, ctx: ValidationContext = CTX): GraphIssue[] {
  return validateGraph(g, ctx).filter((i) => i.code === code);
}

/** Every fix offered for `code` must, applied alone, remove that issue from that node. */
function expectFixesWork(g: Graph, code: GraphIssueCode, ctx: ValidationContext = CTX): GraphIssue {
  const found = issuesOf(g, code, ctx);
  expect(found.length).toBeGreaterThan(0);
  const issue = found[0] as GraphIssue;
  expect(issue.fixes.length).toBeGreaterThan(0);
  for (const fix of issue.fixes) {
    const fixed = applyFix(g, fix);
    const left = issuesOf(fixed, code, ctx).filter((i) => i.node === issue.node);
    expect(left, fix.label).toEqual([]);
  }
  return issue;
}

const classifier = (layers: LayerSpec[]): Graph => chain('classifier', layers);
const conv = (over: Partial<Extract<LayerSpec, { kind: 'conv2d' }>>): LayerSpec =>
  ({ ...L.conv(4, 3), ...over }) as LayerSpec;

describe('validateGraph', () => {
  it('accepts a plain valid classifier with no issues', () => {
    expect(
      validateGraph(
        classifier([L.image(), L.conv(8, 3), L.maxPool(), L.flatten(), L.dense(10, 'softmax')]),
        CTX,
      ),
    ).toEqual([]);
  });

  it("explains the notes' 7×7, kernel 4, stride 2 example and offers fixes that work", () => {
    const g = classifier([
      L.image([7, 7, 1]),
      conv({ kernel: [4, 4], stride: [2, 2], padding: 'valid' }),
      L.flatten(),
      L.dense(10, 'softmax'),
    ]);
    const ctx = { imageShape: [7, 7, 1], classes: 10 };
    const issue = expectFixesWork(g, 'fractionalSize', ctx);
    expect(issue.severity).toBe('warning');
    expect(issue.node).toBe('conv2d_1');
    expect(issue.message).toContain(
      'Kernel 4, stride 2 and valid padding on 7×7 gives (7 − 4)/2 + 1 = 2.5 — not a whole number',
    );
    expect(issue.fixes.map((f) => f.label)).toEqual(['padding same', 'kernel 3', 'stride 1']);
  });

  it('flags fractional pooling and explicit padding too, with the padding in the formula', () => {
    const pool = classifier([
      L.image(),
      L.conv(4, 3, { padding: 'valid' }),
      L.maxPool(3, 2),
      L.flatten(),
      L.dense(10, 'softmax'),
    ]);
    expect(expectFixesWork(pool, 'fractionalSize').message).toContain('(26 − 3)/2 + 1 = 12.5');
    const explicit = classifier([
      L.image(),
      conv({ kernel: [5, 5], stride: [2, 2], padding: { explicit: 1 } }),
      L.flatten(),
      L.dense(10, 'softmax'),
    ]);
    expect(expectFixesWork(explicit, 'fractionalSize').message).toContain(
      'Kernel 5, stride 2 and padding 1 on 28×28 gives (28 − 5 + 2·1)/2 + 1 = 13.5',
    );
  });

  it('reports a kernel larger than its input as a non-positive size, with working fixes', () => {
    const g = classifier([
      L.image([3, 3, 1]),
      conv({ kernel: [5, 5], padding: 'valid' }),
      L.flatten(),
      L.dense(10, 'softmax'),
    ]);
    const issue = expectFixesWork(g, 'nonPositiveSize', { imageShape: [3, 3, 1], classes: 10 });
    expect(issue.severity).toBe('error');
  });

  it('finds cycles, missing input and missing output', () => {
    const base = classifier([L.image(), L.dense(10, 'softmax'), L.dense(10, 'softmax')]);
    const looped: Graph = {
      ...base,
      edges: [...base.edges, { id: 'back', source: id('dense_2'), target: id('dense_1') }],
    };
    expect(issuesOf(looped, 'cycle')).toHaveLength(1);
    expect(issuesOf(classifier([L.flatten(), L.dense(10, 'softmax')]), 'noInput')).toHaveLength(1);
    expect(issuesOf(classifier([L.image()]), 'noOutput')).toHaveLength(1);
    expect(issuesOf({ version: 1, role: 'classifier', nodes: [], edges: [] }, 'noInput')).toHaveLength(1);
  });

  it('finds unreachable nodes and dead-end branches, and removing them clears the issue', () => {
    const g = classifier([L.image(), L.flatten(), L.dense(10, 'softmax')]);
    const orphan = addNode(g, L.dense(5), { x: 0, y: 0 }).graph;
    expectFixesWork(orphan, 'unreachable');
    const branch = connect(
      addNode(g, L.dense(5), { x: 0, y: 0 }).graph,
      id('flatten_1'),
      id('dense_2'),
    ).graph;
    expectFixesWork(branch, 'multipleOutputs');
  });

  it('checks shapes at Add and Concatenate', () => {
    let g = classifier([L.image(), L.conv(8, 3), L.conv(4, 3)]);
    const added = addNode(g, { kind: 'add' }, { x: 0, y: 0 });
    g = connect(added.graph, id('conv2d_1'), added.id).graph;
    g = connect(g, id('conv2d_2'), added.id).graph;
    const mismatch = issuesOf(g, 'shapeMismatch');
    expect(mismatch[0]?.message).toContain('28×28×8, 28×28×4');
    // Concatenate of the same two inputs is fine: 8 + 4 channels.
    const cat: Graph = {
      ...g,
      nodes: g.nodes.map((n) => (n.id === added.id ? { ...n, layer: { kind: 'concatenate' } } : n)),
    };
    expect(issuesOf(cat, 'shapeMismatch')).toEqual([]);
    const one = classifier([L.image(), L.conv(8, 3), { kind: 'add' }, L.flatten(), L.dense(10, 'softmax')]);
    expectFixesWork(one, 'badArity');
  });

  it('a deleted Input is offered back on the layer that lost it ("add Input"), and the graph becomes valid', () => {
    const g = classifier([L.image(), L.conv(8, 3), L.maxPool(), L.flatten(), L.dense(10, 'softmax')]);
    const gone = removeNodes(g, [id('input_1')]);
    const issue = expectFixesWork(gone, 'badArity');
    expect(issue.node).toBe('conv2d_1');
    expect(issue.fixes.map((f) => f.label)).toEqual(['add Input']);
    // Only the first layer gets it, and only while there is no Input at all.
    expect(issuesOf(gone, 'badArity').filter((i) => i.fixes.length > 0)).toHaveLength(1);
    const fixed = applyFix(gone, issue.fixes[0] as never);
    expect(validateGraph(fixed, CTX)).toEqual([]);
    const conv = fixed.nodes.find((n) => n.id === 'conv2d_1');
    const input = fixed.nodes.find((n) => n.layer.kind === 'input');
    expect(input?.position.y).toBeLessThan(conv?.position.y ?? 0);
    // A generator's latent input cannot be guessed: no fix there (undo brings it back).
    const gen = chain('generator', [L.latent(16), L.dense(7 * 7 * 8), L.reshape([7, 7, 8])]);
    const genGone = removeNodes(gen, [id('input_1')]);
    expect(issuesOf(genGone, 'badArity').flatMap((i) => i.fixes)).toEqual([]);
  });

  it('Dense on a 3-D tensor: insert Flatten fixes it and the graph becomes valid', () => {
    const g = classifier([L.image(), L.conv(4, 3), L.dense(10, 'softmax')]);
    expectFixesWork(g, 'needsFlatten');
    const fixed = applyFix(g, issuesOf(g, 'needsFlatten')[0]?.fixes[0] as never);
    expect(validateGraph(fixed, CTX)).toEqual([]);
  });

  it('softmax before the end is a warning with a working fix', () => {
    expectFixesWork(
      classifier([L.image(), L.flatten(), L.dense(32, 'softmax'), L.dense(10, 'softmax')]),
      'softmaxNotLast',
    );
    expectFixesWork(
      classifier([L.image(), L.flatten(), L.act('softmax'), L.dense(10, 'softmax')]),
      'softmaxNotLast',
    );
  });

  it('output units must equal the number of classes (fix: set units, also through a trailing activation)', () => {
    expectFixesWork(classifier([L.image(), L.flatten(), L.dense(7, 'softmax')]), 'outputUnitsMismatch');
    const issue = expectFixesWork(
      classifier([L.image(), L.flatten(), L.dense(5, 'linear'), L.act('softmax')]),
      'outputUnitsMismatch',
    );
    expect(issue.message).toContain('5 units but the data has 10 classes');
  });

  it('a head of one unit per label of the training subset is valid (the transfer lesson), other sizes are not', () => {
    const head5 = classifier([L.image(), L.flatten(), L.dense(5, 'softmax')]);
    const ctx = (labelSubset: number[]) => ({ ...CTX, labelSubset });
    expect(validateGraph(head5, ctx([0, 1, 2, 3, 4])).filter((i) => i.severity === 'error')).toEqual([]);
    expect(validateGraph(head5, ctx([5, 6, 7, 8, 9])).filter((i) => i.severity === 'error')).toEqual([]);
    const ten = classifier([L.image(), L.flatten(), L.dense(10, 'softmax')]);
    expect(validateGraph(ten, ctx([0, 1, 2])).filter((i) => i.severity === 'error')).toEqual([]);
    const [wrong] = validateGraph(head5, ctx([0, 1, 2])).filter((i) => i.code === 'outputUnitsMismatch');
    expect(wrong?.message).toBe(
      'The output has 5 units but training uses 3 labels (0–2); the last Dense layer needs one unit per label, or 10 for all classes.',
    );
    expect(wrong?.fixes.map((f) => f.label)).toEqual(['units 10', 'units 3']);
    expect(issuesOf(head5, 'outputUnitsMismatch')[0]?.message).toContain(
      '5 units but the data has 10 classes',
    );
  });

  it('does not offer "units 10" when a Dense layer right after a conv ends the model in an image', () => {
    // Units 10 would give 28×28×10, still no class vector; the Dense layer's "insert Flatten" is the fix here.
    const g = classifier([L.image(), L.conv(8, 3), L.dense(32)]);
    const [issue] = issuesOf(g, 'outputUnitsMismatch');
    expect(issue?.message).toContain('ends in 28×28×32');
    expect(issue?.fixes).toEqual([]);
    const flatten = issuesOf(g, 'needsFlatten')[0]?.fixes[0];
    expect(flatten?.label).toBe('insert Flatten');
    // After flattening, the output is a vector and the units fix is offered (and works).
    expectFixesWork(applyFix(g, flatten as never), 'outputUnitsMismatch');
    const disc = chain('discriminator', [L.image(), L.conv(8, 3), L.dense(4)]);
    expect(issuesOf(disc, 'discriminatorOutput')[0]?.fixes).toEqual([]);
  });

  it('generator output must be the image shape; discriminator must end in one unit; autoencoder must rebuild its input', () => {
    const gen = chain('generator', [
      L.latent(16),
      L.dense(7 * 7 * 8),
      L.reshape([7, 7, 8]),
      L.deconv(4, 4),
      L.deconv(3, 4, { activation: 'tanh' }),
    ]);
    expectFixesWork(gen, 'generatorOutputMismatch');
    const disc = chain('discriminator', [L.image(), L.flatten(), L.dense(2, 'linear')]);
    expectFixesWork(disc, 'discriminatorOutput');
    const ae = chain('autoencoder', [
      L.image(),
      L.conv(4, 3),
      L.maxPool(),
      L.conv(1, 3, { activation: 'sigmoid' }),
    ]);
    expect(issuesOf(ae, 'shapeMismatch')[0]?.message).toContain('14×14×1');
  });

  it('over budget: names the dominant layer', () => {
    const g = presetById('tf-estimator')?.graph as Graph;
    const ctx = { ...CTX, budget: { maxParams: 100_000 } };
    const [issue] = issuesOf(g, 'overBudget', ctx);
    expect(issue?.node).toBe('dense_1');
    expect(issue?.message).toContain(
      '1,643,370 parameters, over the budget of 100,000; dense_1 dominates with 1,606,656 (98%)',
    );
    expect(issuesOf(g, 'overBudget', { ...CTX, budget: { maxParams: 2_000_000 } })).toEqual([]);
    expect(issuesOf(g, 'overBudget', { ...CTX, budget: { maxActivationBytes: 1000 } })[0]?.node).toBe(
      'conv2d_1',
    );
  });

  it('dilation > 1 is allowed only in frozen layers, and never with stride > 1', () => {
    const g = classifier([L.image(), conv({ dilation: [2, 2] }), L.flatten(), L.dense(10, 'softmax')]);
    const issue = expectFixesWork(g, 'dilationTrainable');
    expect(issue.message).toContain('no gradient');
    expect(issue.fixes.map((f) => f.label)).toEqual(['freeze layer', 'dilation 1']);
    const strided = classifier([
      L.image(),
      conv({ dilation: [2, 2], stride: [2, 2] }),
      L.flatten(),
      L.dense(10, 'softmax'),
    ]);
    const frozen: Graph = {
      ...strided,
      nodes: strided.nodes.map((n) => ({ ...n, frozen: n.layer.kind === 'conv2d' })),
    };
    expectFixesWork(frozen, 'dilationTrainable');
  });

  it('a dataset input must match the dataset; reshape must keep the number of values', () => {
    expectFixesWork(
      classifier([L.image([32, 32, 3]), L.flatten(), L.dense(10, 'softmax')]),
      'inputShapeMismatch',
    );
    const r = classifier([
      L.image(),
      L.conv(8, 3),
      L.reshape([7, 7, 16]),
      L.flatten(),
      L.dense(10, 'softmax'),
    ]);
    expect(expectFixesWork(r, 'reshapeMismatch').fixes[0]?.label).toBe('shape 7×7×128');
  });

  it('conv on a flat vector needs a spatial input', () => {
    expect(
      issuesOf(classifier([L.image(), L.flatten(), L.conv(4, 3), L.dense(10, 'softmax')]), 'needsSpatial'),
    ).toHaveLength(1);
  });
});
