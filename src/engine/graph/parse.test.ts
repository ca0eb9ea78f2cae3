import { mutate } from './jsonMutate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode, LayerSpec } from './types';
import { asNodeId } from './types';
import { parseGraph, parseGraphText, serializeGraph } from './parse';
import { inferShapes } from './shapes';
import { PRESETS } from './presets';

const pos = fc.integer({ min: 1, max: 64 });
const pair = fc.tuple(pos, pos);
const fused = fc.constantFrom('linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu' as const);
const init = fc.constantFrom('heNormal', 'heUniform', 'glorotUniform', 'glorotNormal', 'zeros' as const);
const unit = (max: number) => fc.double({ min: 0, max, noNaN: true, maxExcluded: true }).map((x) => x + 0);
const shape = fc.array(pos, { minLength: 1, maxLength: 3 });

const layerArb: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc.record({ kind: fc.constant('input'), source: fc.constantFrom('dataset', 'latent' as const), shape }),
  fc.record({
    kind: fc.constant('input'),
    source: fc.constant('latent'),
    shape,
    distribution: fc.constantFrom('normal', 'uniform' as const),
  }),
  fc.record({
    kind: fc.constant('conv2d'),
    filters: pos,
    kernel: pair,
    stride: pair,
    padding: fc.oneof(
      fc.constantFrom('valid', 'same' as const),
      fc.nat(8).map((explicit) => ({ explicit })),
    ),
    dilation: pair,
    activation: fused,
    useBias: fc.boolean(),
    initializer: init,
  }),
  fc.record({
    kind: fc.constant('conv2dTranspose'),
    filters: pos,
    kernel: pair,
    stride: pair,
    padding: fc.constantFrom('valid', 'same' as const),
    activation: fused,
    useBias: fc.boolean(),
    initializer: init,
  }),
  fc.record({
    kind: fc.constantFrom('maxPool2d', 'avgPool2d' as const),
    pool: pair,
    stride: pair,
    padding: fc.constantFrom('valid', 'same' as const),
  }),
  fc.record({
    kind: fc.constant('dense'),
    units: pos,
    activation: fused,
    useBias: fc.boolean(),
    initializer: init,
  }),
  fc.record({ kind: fc.constant('reshape'), shape }),
  fc.record({ kind: fc.constant('dropout'), rate: unit(1) }),
  fc.record({
    kind: fc.constant('batchNorm'),
    momentum: unit(1),
    epsilon: fc.double({ min: 1e-6, max: 0.1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('activation'),
    fn: fc.constantFrom('linear', 'relu', 'leakyRelu', 'sigmoid', 'tanh', 'softmax', 'elu' as const),
    alpha: unit(1),
  }),
  fc.record({ kind: fc.constant('upSampling2d'), size: pair }),
  fc.constantFrom<LayerSpec>(
    { kind: 'globalAvgPool' },
    { kind: 'flatten' },
    { kind: 'add' },
    { kind: 'concatenate' },
  ),
) as fc.Arbitrary<LayerSpec>;

const graphArb: fc.Arbitrary<Graph> = fc
  .record({
    role: fc.constantFrom('classifier', 'autoencoder', 'generator', 'discriminator' as const),
    layers: fc.array(
      fc.record({
        layer: layerArb,
        x: fc.integer({ min: -2000, max: 2000 }),
        y: fc.integer({ min: -2000, max: 2000 }),
        frozen: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    links: fc.uniqueArray(fc.tuple(fc.nat(7), fc.nat(7)), {
      maxLength: 12,
      selector: ([a, b]) => `${a}-${b}`,
    }),
  })
  .map(({ role, layers, links }) => {
    const nodes: GraphNode[] = layers.map((l, i) => ({
      id: asNodeId(`n${i}`),
      layer: l.layer,
      position: { x: l.x, y: l.y },
      frozen: l.frozen,
    }));
    const edges: GraphEdge[] = links
      .filter(([a, b]) => a < b && b < nodes.length)
      .map(([a, b]) => ({ id: `e${a}_${b}`, source: asNodeId(`n${a}`), target: asNodeId(`n${b}`) }));
    return { version: 1, role, nodes, edges } as Graph;
  });

/** Every path (list of keys) into a JSON value. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

const nasty = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    0.5,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    1e12,
    '3',
    '',
    null,
    true,
    [],
    {},
    [0, 0],
    [3],
    [1, 2, 3, 4],
    { explicit: -1 },
    'same',
    'conv2d',
    '__proto__',
  ),
  fc.anything({ maxDepth: 2 }),
);

const SIZE_KEYS = ['filters', 'kernel', 'stride', 'dilation', 'pool', 'size', 'units', 'shape'] as const;

function expectSane(g: Graph): void {
  for (const n of g.nodes) {
    const l = n.layer as unknown as Record<string, unknown>;
    for (const k of SIZE_KEYS) {
      const v = l[k];
      if (v === undefined) continue;
      const values = Array.isArray(v) ? v : [v];
      for (const x of values) expect(Number.isInteger(x) && (x as number) >= 1, `${n.id}.${k}`).toBe(true);
    }
    if (n.layer.kind === 'dropout') expect(n.layer.rate >= 0 && n.layer.rate < 1).toBe(true);
    if (n.layer.kind === 'conv2d' && typeof n.layer.padding === 'object')
      expect(Number.isInteger(n.layer.padding.explicit) && n.layer.padding.explicit >= 0).toBe(true);
    expect(Number.isFinite(n.position.x) && Number.isFinite(n.position.y)).toBe(true);
  }
  for (const info of inferShapes(g).values()) {
    for (const d of info.output ?? []) expect(Number.isInteger(d) && d > 0).toBe(true);
    expect(Number.isFinite(info.params) && Number.isFinite(info.macs)).toBe(true);
  }
}

describe('parseGraph', () => {
  it('round-trips every preset and random graphs: parse(serialize(g)) = g', () => {
    for (const p of PRESETS)
      expect(parseGraphText(serializeGraph(p.graph))).toEqual({ ok: true, graph: p.graph, warnings: [] });
    fc.assert(
      fc.property(graphArb, (g) => {
        const r = parseGraphText(serializeGraph(g));
        expect(r.ok ? r.graph : r.errors).toEqual(g);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on mutated graphs; whatever it accepts has only positive whole sizes', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        graphArb,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'replace' as const), nasty), {
          minLength: 1,
          maxLength: 3,
        }),
        (g, mutations) => {
          let doc: unknown = JSON.parse(serializeGraph(g));
          for (const [i, op, value] of mutations) {
            const all = paths(doc);
            doc = mutate(doc, all[i % all.length] ?? [], op, value);
          }
          const r = parseGraph(doc);
          if (r.ok) {
            accepted++;
            expectSane(r.graph);
          } else {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) expect(typeof e.path === 'string' && e.message.length > 0).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
    // Some mutations are harmless (e.g. a position moved), so a share of the documents is still accepted.
    expect(accepted).toBeGreaterThan(0);
  });

  it('names the path of a bad field', () => {
    const g = JSON.parse(serializeGraph(PRESETS[0]?.graph as Graph));
    g.nodes[1].layer.kernel = [3, 0];
    g.nodes[2].layer.kind = 'conv3d';
    g.edges[0].target = 'nowhere';
    const r = parseGraph(g);
    expect(r.ok).toBe(false);
    const errs = r.ok ? [] : r.errors;
    expect(errs.map((e) => e.path)).toEqual([
      'nodes[1].layer.kernel[1]',
      'nodes[2].layer.kind',
      'edges[0].target',
    ]);
    expect(errs[0]?.message).toBe('must be between 1 and 65536');
  });

  it('rejects duplicates, self-loops, NaN, rates of 1, unknown versions and bad JSON text', () => {
    const g = JSON.parse(serializeGraph(PRESETS[0]?.graph as Graph));
    const dupe = { ...g, nodes: [...g.nodes, g.nodes[0]] };
    expect(parseGraph(dupe)).toMatchObject({ ok: false, errors: [{ path: `nodes[${g.nodes.length}].id` }] });
    const self = { ...g, edges: [{ id: 'x', source: g.nodes[1].id, target: g.nodes[1].id }] };
    expect(parseGraph(self)).toMatchObject({ ok: false, errors: [{ path: 'edges[0]' }] });
    const nan = structuredClone(g);
    nan.nodes[1].layer.filters = NaN;
    expect(parseGraph(nan)).toMatchObject({
      ok: false,
      errors: [{ path: 'nodes[1].layer.filters', message: 'must be a finite number' }],
    });
    const drop = {
      version: 1,
      role: 'classifier',
      nodes: [{ id: 'd', layer: { kind: 'dropout', rate: 1 }, position: { x: 0, y: 0 }, frozen: false }],
      edges: [],
    };
    expect(parseGraph(drop)).toMatchObject({ ok: false, errors: [{ path: 'nodes[0].layer.rate' }] });
    expect(parseGraph({ ...g, version: 7 })).toMatchObject({ ok: false, errors: [{ path: 'version' }] });
    expect(parseGraphText('{"nodes": [')).toMatchObject({ ok: false, errors: [{ path: '' }] });
    expect(parseGraph(null)).toMatchObject({ ok: false });
    expect(parseGraph([])).toMatchObject({ ok: false });
  });

  it('migrates version 0: single-number kernels, numeric padding, missing frozen/position/role', () => {
    const v0 = {
      nodes: [
        { id: 'in', layer: { kind: 'input', source: 'dataset', shape: [28, 28, 1] } },
        {
          id: 'c',
          layer: {
            kind: 'conv2d',
            filters: 8,
            kernel: 5,
            stride: 1,
            padding: 2,
            dilation: 1,
            activation: 'relu',
            useBias: true,
            initializer: 'heNormal',
          },
        },
        { id: 'p', layer: { kind: 'maxPool2d', pool: 2, stride: 2, padding: 'valid' } },
      ],
      edges: [
        { id: 'a', source: 'in', target: 'c' },
        { id: 'b', source: 'c', target: 'p' },
      ],
    };
    const r = parseGraph(v0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings[0]).toContain('version 0');
    expect(r.graph.version).toBe(1);
    expect(r.graph.role).toBe('classifier');
    expect(r.graph.nodes[1]?.layer).toMatchObject({
      kernel: [5, 5],
      stride: [1, 1],
      padding: { explicit: 2 },
      dilation: [1, 1],
    });
    expect(r.graph.nodes[2]?.layer).toMatchObject({ pool: [2, 2] });
    expect(r.graph.nodes.every((n) => n.frozen === false)).toBe(true);
    // Laid out (left to right) since the old format had no positions.
    const xs = r.graph.nodes.map((n) => n.position.x);
    expect(xs[0]).toBeLessThan(xs[1] as number);
    expect(inferShapes(r.graph).get(asNodeId('c'))?.output).toEqual([28, 28, 8]);
  });
});
