/**
 * Share links fuzzed: valid links with mutated contents, damaged link text and random text. Nothing throws, no link
 * takes over 50 ms to decode, every rejection names a field path (or the link itself), and an accepted link
 * re-encodes to the same state.
 */
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../engine/graph/presets';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { toBase64Url } from './base64url';
import {
  applyMutations,
  fieldOf,
  fuzzParams,
  mutations,
  pathKeys,
  pathResolves,
  Slowest,
} from './fuzzSupport';
import { decodeShare, encodeShare, MAX_LINK_CHARS, type SharedState } from './share';

const states: SharedState[] = PRESETS.map((p) => ({
  graph: p.gan ? p.gan.generator : p.graph,
  ganGraphs: p.gan ? { generator: p.gan.generator, discriminator: p.gan.discriminator } : null,
  settings: {
    presetId: p.id,
    dataset: p.dataset,
    hyper: { ...DEFAULT_HYPER, ...p.hyper },
    seed: 7,
    backendPolicy: 'auto',
  },
}));
const docOf = (s: SharedState) => JSON.parse(JSON.stringify({ v: 1, ...s })) as unknown;
const hashOf = (doc: unknown): string =>
  `#s=v1.${toBase64Url(deflateSync(strToU8(JSON.stringify(doc) ?? 'null')))}`;
const B64 = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];

const slowest = new Slowest();
afterAll(() => slowest.report('share links'));

function decode(hash: string, describe: () => string, doc?: unknown) {
  const r = slowest.time(() => decodeShare(hash), describe);
  if (r.ok) {
    expect(decodeShare(encodeShare(r.value))).toEqual(r);
    return r;
  }
  const field = fieldOf(r.reason);
  if (!r.reason.startsWith('the link')) {
    expect(field, r.reason).not.toBeNull();
    if (doc !== undefined) expect(pathResolves(doc, pathKeys(field ?? '')), r.reason).toBe(true);
  }
  return r;
}

describe('share link fuzz', () => {
  it('valid links with mutated contents', () => {
    fc.assert(
      fc.property(fc.nat(states.length - 1), mutations, (i, list) => {
        const { doc } = applyMutations(docOf(states[i] as SharedState), list);
        const json = JSON.parse(JSON.stringify(doc) ?? 'null') as unknown;
        decode(hashOf(json), () => `preset ${i} mutated`, json);
      }),
      fuzzParams(0.15),
    );
  });

  it('damaged link text: cut off, characters changed or added', () => {
    const links = states.map(encodeShare);
    fc.assert(
      fc.property(
        fc.nat(links.length - 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.string({ unit: fc.constantFrom(...B64, '.', '=', '%', '~'), maxLength: 4 }),
        (i, at, insert) => {
          const link = links[i] ?? '';
          const cut = 3 + Math.floor(at * (link.length - 3));
          decode(link.slice(0, cut), () => `link ${i} cut at ${cut}`);
          decode(
            link.slice(0, cut) + insert + link.slice(cut + insert.length),
            () => `link ${i} changed at ${cut}`,
          );
        },
      ),
      fuzzParams(0.1),
    );
  });

  it('random text after the prefix', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...B64), maxLength: 400 }).map((s) => `#s=v1.${s}`),
          fc.string({ maxLength: 60 }).map((s) => `#s=${s}`),
          fc.jsonValue().map((v) => hashOf(v)),
          fc.jsonValue().map((v) => hashOf({ v: 1, graph: v, settings: v })),
        ),
        (hash) => void decode(hash, () => hash.slice(0, 60)),
      ),
      fuzzParams(0.05),
    );
  });

  it('monsters: the longest link of random data, a link of a million-level nesting', () => {
    const random = Array.from({ length: MAX_LINK_CHARS - 6 }, (_, i) => B64[(i * 7919) % 64]).join('');
    decode(`#s=v1.${random}`, () => 'longest random link');
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const r = decode(`#s=v1.${toBase64Url(deflateSync(strToU8(deep)))}`, () => 'million-level nesting');
    expect(r.ok).toBe(false);
  });
});
