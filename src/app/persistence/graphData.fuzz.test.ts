/**
 * Graph JSON from files, links and the autosave, fuzzed: mutated presets, damaged text and random JSON. Nothing
 * throws, no input takes over 50 ms, and every rejection names a field path that exists in the input.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_NODES, parseGraph, serializeGraph } from '../../engine/graph/parse';
import { PRESETS } from '../../engine/graph/presets';
import {
  applyMutations,
  fieldOf,
  fuzzParams,
  mutations,
  nasty,
  pathKeys,
  pathResolves,
  Slowest,
} from './fuzzSupport';
import { parseGraphFile, parseGraphValue } from './graphData';

const docs = PRESETS.flatMap((p) => [p.graph, ...(p.gan ? [p.gan.generator, p.gan.discriminator] : [])]).map(
  (g) => serializeGraph(g),
);
const slowest = new Slowest();
afterAll(() => slowest.report('graph JSON'));

/** The value's rejection names an existing place in it, or it is accepted and stays accepted. */
function check(doc: unknown, r: ReturnType<typeof parseGraphValue>): void {
  if (r.ok) {
    expect(r.value.nodes.length).toBeLessThanOrEqual(MAX_NODES);
    expect(parseGraph(JSON.parse(serializeGraph(r.value))).ok).toBe(true);
    return;
  }
  const field = fieldOf(r.reason);
  expect(field, r.reason).toMatch(/^graph\b/);
  expect(pathResolves(doc, pathKeys(field ?? '').slice(1)), r.reason).toBe(true);
}

describe('graph JSON fuzz', () => {
  it('mutated preset graphs', () => {
    fc.assert(
      fc.property(fc.nat(docs.length - 1), mutations, (i, list) => {
        const { doc } = applyMutations(JSON.parse(docs[i] ?? '{}'), list);
        check(
          doc,
          slowest.time(
            () => parseGraphValue(doc, 'graph'),
            () => `preset ${i} mutated`,
          ),
        );
      }),
      fuzzParams(0.25),
    );
  });

  it('damaged text: cut off, a character changed', () => {
    fc.assert(
      fc.property(
        fc.nat(docs.length - 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.string({ maxLength: 3 }),
        (i, at, insert) => {
          const text = docs[i] ?? '';
          const cut = Math.floor(at * text.length);
          for (const damaged of [text.slice(0, cut), text.slice(0, cut) + insert + text.slice(cut + 1)]) {
            const r = slowest.time(
              () => parseGraphFile(damaged, 'graph'),
              () => `preset ${i} cut at ${cut}`,
            );
            if (!r.ok) expect(fieldOf(r.reason), r.reason).toMatch(/^graph\b/);
          }
        },
      ),
      fuzzParams(0.1),
    );
  });

  it('random JSON values and nasty values', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), nasty, fc.record({ version: nasty, nodes: nasty, edges: nasty })),
        (doc) => {
          check(
            doc,
            slowest.time(
              () => parseGraphValue(doc, 'graph'),
              () => JSON.stringify(doc) ?? String(doc),
            ),
          );
        },
      ),
      fuzzParams(0.1),
    );
  });

  it('monsters: a million nodes, deep nesting, huge numbers, prototype keys', () => {
    const node = { id: 'n', layer: { kind: 'dense', units: 1e308 }, position: { x: 0, y: 0 } };
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { nodes: deep };
    const monsters: [string, unknown][] = [
      ['1e6 nodes', { version: 1, nodes: Array.from({ length: 1_000_000 }, () => node), edges: [] }],
      ['deep nesting', deep],
      ['1e308 units', { version: 1, nodes: [node], edges: [] }],
      ['prototype keys', JSON.parse('{"__proto__":{"nodes":[]},"constructor":{"prototype":1},"version":1}')],
    ];
    for (const [name, doc] of monsters) {
      const r = slowest.time(
        () => parseGraphValue(doc, 'graph'),
        () => name,
      );
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(fieldOf(r.reason), r.reason).toMatch(/^graph\b/);
    }
    const deepText = '['.repeat(200_000) + ']'.repeat(200_000);
    const r = slowest.time(
      () => parseGraphFile(deepText, 'graph'),
      () => 'deeply nested text',
    );
    expect(r.ok).toBe(false);
  });
});
