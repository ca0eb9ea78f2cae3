import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { presetById } from '../../engine/graph/presets';
import { smallCnn } from '../../engine/graph/testGraphs';
import { updateLayer } from '../../engine/graph/edit';
import { makeRunRecord } from '../../engine/runs/record';
import { point } from '../../engine/runs/testPoints';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { toBase64Url } from './base64url';
import { decodeShare, encodeShare } from './share';
import {
  comparisonUrl,
  decodeComparison,
  encodeComparison,
  sharedRunsOf,
  type SharedRun,
} from './shareComparison';

const graph = smallCnn();
const conv = graph.nodes.find((n) => n.layer.kind === 'conv2d')!;
const runs: SharedRun[] = [
  { name: 'kernel 3', graph, hyper: DEFAULT_HYPER, dataset: 'mnist', seed: 1 },
  {
    name: 'kernel 5',
    graph: updateLayer(graph, conv.id, { kernel: [5, 5] }),
    hyper: { ...DEFAULT_HYPER, learningRate: 0.01, maxSteps: 300, epochs: 1000 },
    dataset: 'procedural',
    seed: 7,
  },
];
const hashOf = (obj: unknown): string => `#s=v1.${toBase64Url(deflateSync(strToU8(JSON.stringify(obj))))}`;
const reasonOf = (hash: string): string => {
  const r = decodeComparison(hash);
  if (r === null) throw new Error('not read as a comparison');
  if (r.ok) throw new Error('decoded');
  return r.reason;
};

describe('comparison links', () => {
  it('round-trip each run’s name, network, settings, dataset and seed', () => {
    const hash = encodeComparison(runs);
    expect(hash).toMatch(/^#s=v1\.[A-Za-z0-9_-]+$/);
    expect(decodeComparison(hash)).toEqual({ ok: true, value: runs });
    const url = comparisonUrl('https://example.org/app/?backend=wasm#old', runs);
    expect(url.startsWith('https://example.org/app/?backend=wasm#s=v1.')).toBe(true);
    expect(decodeComparison(url.slice(url.indexOf('#')))).toEqual({ ok: true, value: runs });
  });

  it('keep a run’s optimizer and seconds budget; a link from before the time limit loads with none', () => {
    const timed: SharedRun[] = [
      {
        ...runs[0]!,
        name: 'L-BFGS',
        hyper: { ...DEFAULT_HYPER, optimizer: 'lbfgs', maxSeconds: 10, epochs: 1000 },
      },
      {
        ...runs[0]!,
        name: 'SGD',
        hyper: { ...DEFAULT_HYPER, optimizer: 'sgd', maxSeconds: 10, epochs: 1000 },
      },
    ];
    expect(decodeComparison(encodeComparison(timed))).toEqual({ ok: true, value: timed });
    const older = runs.map((r) => {
      const { maxSeconds: _none, ...hyper } = r.hyper;
      return { ...r, hyper };
    });
    expect(decodeComparison(hashOf({ v: 1, comparison: older }))).toEqual({ ok: true, value: runs });
  });

  it('come from ticked records, and stay short: three runs of the largest comparison network under 2,500 characters', () => {
    const stack = presetById('compare-kernel-size')!.comparison!.variants;
    const records = [stack[0]!, stack[1]!, stack[0]!].map((v, i) =>
      makeRunRecord({
        id: `r${i}`,
        name: `${v.label} ${i}`,
        createdAt: i,
        graph: v.graph,
        dataset: 'mnist',
        hyper: DEFAULT_HYPER,
        seed: 1,
        backend: 'wasm',
        points: [point(1), point(2)],
        wallTimeMs: 1000,
        changes: [],
      }),
    );
    const shared = sharedRunsOf(records);
    if (!shared.ok) throw new Error(shared.reason);
    expect(shared.value.map((r) => [r.name, r.graph, r.seed])).toEqual(
      records.map((r) => [r.name, r.graph, 1]),
    );
    const hash = encodeComparison(shared.value);
    expect(hash.length).toBeLessThan(2500);
    expect(decodeComparison(hash)).toEqual({ ok: true, value: shared.value });
    expect(sharedRunsOf(records.slice(0, 1))).toEqual({
      ok: false,
      reason: 'Tick 2 or 3 runs to share them.',
    });
    expect(sharedRunsOf([...records, records[0]!])).toMatchObject({ ok: false });
  });

  it('a link to a network is not a comparison, and a comparison is not a network', () => {
    const work = encodeShare({
      graph,
      ganGraphs: null,
      settings: { presetId: 'x', dataset: 'mnist', hyper: DEFAULT_HYPER, seed: 1, backendPolicy: 'auto' },
    });
    expect(decodeComparison(work)).toBeNull();
    expect(decodeShare(encodeComparison(runs))).toEqual({
      ok: false,
      reason: 'the link holds runs to compare, not one network to open',
    });
  });

  it('bad or old links give a clear reason', () => {
    const one = runs.map((r) => ({ ...r }));
    expect(reasonOf(hashOf({ v: 1, comparison: one.slice(0, 1) }))).toBe(
      'a comparison link holds 2 or 3 runs',
    );
    expect(reasonOf(hashOf({ v: 1, comparison: [...one, ...one] }))).toBe(
      'a comparison link holds 2 or 3 runs',
    );
    expect(reasonOf(hashOf({ v: 1, comparison: 'runs' }))).toBe('a comparison link holds 2 or 3 runs');
    const tampered = (patch: Record<string, unknown>) =>
      reasonOf(hashOf({ v: 1, comparison: [one[0], { ...one[1], ...patch }] }));
    expect(tampered({ name: '' })).toBe('run 2: the name must be a short text');
    expect(tampered({ dataset: 'cifar' })).toBe('run 2: unknown dataset');
    expect(tampered({ seed: 0.5 })).toBe('run 2: the seed must be a whole number');
    expect(tampered({ hyper: { ...DEFAULT_HYPER, batchSize: -1 } })).toMatch(/^run 2: hyper\.batchSize/);
    expect(tampered({ graph: { ...graph, nodes: 'none' } })).toMatch(/^run 2: graph/);
    expect(tampered({ graph: { ...graph, role: 'generator' } })).toBe(
      'run 2: only classifiers and autoencoders can be compared',
    );
    // A link from a later version, or damaged: not read as a comparison; the share link's decoder says why.
    const later = encodeComparison(runs).replace('v1.', 'v2.');
    expect(decodeComparison(later)).toBeNull();
    expect(decodeShare(later)).toMatchObject({ ok: false, reason: expect.stringMatching(/format "v2"/) });
    expect(decodeComparison(hashOf({ v: 2, comparison: one }))).toBeNull();
    expect(decodeComparison('#s=v1.%%%')).toBeNull();
  });
});

describe('comparison links of GAN runs', () => {
  it('are refused with the reason (a link carries one network per run)', () => {
    const gan = presetById('dcgan')!.gan!;
    const records = [0, 1].map((i) => ({
      ...makeRunRecord({
        id: `g${i}`,
        name: `GAN ${i}`,
        createdAt: i,
        graph: gan.generator,
        dataset: 'mnist',
        hyper: DEFAULT_HYPER,
        seed: 1,
        backend: 'wasm',
        points: [point(1)],
        wallTimeMs: 1,
        changes: [],
      }),
      gan,
    }));
    const r = sharedRunsOf(records);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/GAN run cannot be shared/);
  });
});
