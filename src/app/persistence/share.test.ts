import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { toBase64Url } from './base64url';
import {
  decodeShare,
  encodeShare,
  isShareHash,
  MAX_JSON_BYTES,
  MAX_LINK_CHARS,
  shareUrl,
  type SharedState,
} from './share';
import { smallCnn } from '../../engine/graph/testGraphs';

const state: SharedState = {
  graph: smallCnn(),
  ganGraphs: null,
  settings: {
    presetId: 'lenet5',
    dataset: 'fashion-mnist',
    hyper: {
      ...DEFAULT_HYPER,
      learningRate: 0.02,
      optimizer: 'momentum',
      batchSize: 64,
      labelSubset: [0, 1],
    },
    seed: 42,
    backendPolicy: 'wasm',
  },
};

const hashOf = (obj: unknown): string => `#s=v1.${toBase64Url(deflateSync(strToU8(JSON.stringify(obj))))}`;

describe('share links', () => {
  it('round-trips the graph and every setting', () => {
    const hash = encodeShare(state);
    expect(hash.startsWith('#s=v1.')).toBe(true);
    expect(hash).toMatch(/^#s=v1\.[A-Za-z0-9_-]+$/);
    const back = decodeShare(hash);
    expect(back).toEqual({ ok: true, value: state });
  });

  it('round-trips GAN graph pairs', () => {
    const withGan = { ...state, ganGraphs: { generator: smallCnn(), discriminator: smallCnn() } };
    expect(decodeShare(encodeShare(withGan))).toEqual({ ok: true, value: withGan });
  });

  it('builds a link from the page address, replacing an old hash', () => {
    const url = shareUrl('http://127.0.0.1:4173/?backend=wasm#s=v1.old', state);
    expect(url.startsWith('http://127.0.0.1:4173/?backend=wasm#s=v1.')).toBe(true);
    expect(url).not.toContain('old');
  });

  it('compresses: the link is much shorter than the JSON', () => {
    expect(encodeShare(state).length).toBeLessThan(JSON.stringify(state).length * 0.6);
  });

  it('recognises share hashes only', () => {
    expect(isShareHash('#s=v1.abc')).toBe(true);
    expect(isShareHash('#section')).toBe(false);
    expect(decodeShare('#other')).toMatchObject({ ok: false });
  });

  const reasonOf = (hash: string): string => {
    const r = decodeShare(hash);
    if (r.ok) throw new Error('expected a failure');
    return r.reason;
  };

  it('refuses an unknown version', () => {
    expect(reasonOf(encodeShare(state).replace('v1.', 'v9.'))).toMatch(/format "v9"/);
    expect(reasonOf('#s=nodot')).toMatch(/format/);
  });

  it('refuses characters outside base64url', () => {
    expect(reasonOf('#s=v1.abc$%^')).toMatch(/characters/);
    expect(reasonOf('#s=v1.')).toMatch(/characters/);
  });

  it('refuses data that does not decompress', () => {
    const hash = encodeShare(state);
    const body = hash.slice('#s=v1.'.length);
    // Flip characters in the middle of the deflate stream.
    const mid = Math.floor(body.length / 2);
    const flipped =
      body.slice(0, mid) +
      (body[mid] === 'A' ? 'B' : 'A') +
      (body[mid + 1] === 'Q' ? 'R' : 'Q') +
      body.slice(mid + 2);
    const r = decodeShare(`#s=v1.${flipped}`);
    expect(r.ok).toBe(false);
    expect(reasonOf(`#s=v1.${toBase64Url(new Uint8Array([1, 2, 3, 4, 5, 6]))}`)).toMatch(/damaged/);
  });

  it('refuses truncated links', () => {
    const hash = encodeShare(state);
    expect(decodeShare(hash.slice(0, hash.length - 20)).ok).toBe(false);
  });

  it('refuses JSON that is not JSON', () => {
    expect(reasonOf(`#s=v1.${toBase64Url(deflateSync(strToU8('{"v":1, graph')))}`)).toMatch(/not valid JSON/);
  });

  it('refuses a deflate bomb', () => {
    const big = `{"v":1,"pad":"${'a'.repeat(MAX_JSON_BYTES + 10)}"}`;
    expect(reasonOf(`#s=v1.${toBase64Url(deflateSync(strToU8(big)))}`)).toMatch(/more data/);
  });

  it('stops inflating at the size limit: a 195 KB link of zeros is refused at once', () => {
    // 150 MB of zeros deflate to ~146 KB: a link just under the length limit (node's zlib builds it in ~0.4 s).
    const hash = `#s=v1.${toBase64Url(deflateRawSync(Buffer.alloc(150_000_000), { level: 9 }))}`;
    expect(hash.length).toBeGreaterThan(190_000);
    expect(hash.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
    let best = Infinity;
    let reason = '';
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      reason = reasonOf(hash);
      best = Math.min(best, performance.now() - t0);
    }
    expect(reason).toMatch(/more data/);
    // Inflating all 150 MB took 0.7–3.5 s; stopping at MAX_JSON_BYTES takes ~10–25 ms (best of 5, warm). The bound
    // leaves room for a loaded 2-core machine and still fails on the old code by a factor of three or more.
    expect(best).toBeLessThan(250);
  });

  it('refuses contents nested a million levels deep before parsing them', () => {
    // 2 MB of brackets: a 2 KB link. JSON.parse alone spends ~0.25 s on it.
    const text = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const hash = `#s=v1.${toBase64Url(deflateSync(strToU8(text), { level: 9 }))}`;
    expect(hash.length).toBeLessThan(10_000);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      expect(reasonOf(hash)).toMatch(/nest/);
      best = Math.min(best, performance.now() - t0);
    }
    // ~0.25 s before (JSON.parse on it); a few ms now. Room for a loaded machine.
    expect(best).toBeLessThan(100);
  });

  it('validates the graph through the engine parser and names the bad field', () => {
    const bad = JSON.parse(JSON.stringify(state)) as {
      graph: { nodes: { layer: Record<string, unknown> }[] };
    };
    bad.graph.nodes[1]!.layer['filters'] = -3;
    const reason = reasonOf(hashOf({ v: 1, ...bad }));
    expect(reason).toMatch(/^graph\.nodes\[1\]\.layer\.filters/);
  });

  it('validates the settings', () => {
    const tampered = (patch: Record<string, unknown>) =>
      hashOf({ v: 1, ...state, settings: { ...state.settings, ...patch } });
    expect(reasonOf(tampered({ dataset: 'cifar' }))).toMatch(/dataset/);
    expect(reasonOf(tampered({ seed: 1.5 }))).toMatch(/seed/);
    expect(reasonOf(tampered({ backendPolicy: 'tpu' }))).toMatch(/backend/);
    expect(reasonOf(tampered({ hyper: { ...state.settings.hyper, learningRate: -1 } }))).toMatch(
      /learningRate/,
    );
    expect(reasonOf(tampered({ hyper: { ...state.settings.hyper, batchSize: 1e9 } }))).toMatch(/batchSize/);
    expect(reasonOf(tampered({ hyper: { ...state.settings.hyper, optimizer: 'newton' } }))).toMatch(
      /optimizer/,
    );
    expect(reasonOf(tampered({ hyper: { ...state.settings.hyper, epochs: null } }))).toMatch(/epochs/);
    expect(reasonOf(hashOf({ v: 2, ...state }))).toMatch(/version/);
    expect(reasonOf(hashOf({ v: 1, graph: state.graph }))).toMatch(/settings/);
  });
});
