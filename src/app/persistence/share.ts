/**
 * Share links: the graph and the settings travel in the URL hash as `#s=v1.<payload>`, where the payload is
 * JSON → deflate (fflate) → base64url. A link is untrusted data: decoding checks the version, the encoding, the
 * size, and then every field through the engine's graph parser and the settings validation. Nothing here throws.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import type { Graph } from '../../engine/graph/types';
import type { AppState } from '../store/types';
import { fromBase64Url, toBase64Url } from './base64url';
import { parseGraphValue } from './graphData';
import { depthScanner } from './jsonDepth';
import { parseSettings, type Parsed, type Settings } from './settings';

export const SHARE_PREFIX = '#s=';
export const SHARE_VERSION = 'v1';
/** Longest hash accepted (browsers keep far longer URLs, but nobody shares a 200 KB link by hand). */
export const MAX_LINK_CHARS = 200_000;
/** Largest inflated JSON accepted: a guard against deflate bombs. */
export const MAX_JSON_BYTES = 2_000_000;

export interface SharedState {
  readonly graph: Graph;
  readonly ganGraphs: { readonly generator: Graph; readonly discriminator: Graph } | null;
  readonly settings: Settings;
}

/** The store's current networks and settings, as a share link carries them. */
export const sharedStateOf = (s: AppState): SharedState => ({
  graph: s.graph,
  ganGraphs: s.ganGraphs,
  settings: {
    presetId: s.presetId,
    dataset: s.dataset,
    hyper: s.hyper,
    seed: s.seed,
    backendPolicy: s.backendPolicy,
  },
});

/** The hash fragment (starting with '#s=v1.') for any payload: JSON → deflate → base64url. */
export function encodePayload(payload: Readonly<Record<string, unknown>>): string {
  const json = JSON.stringify({ v: 1, ...payload });
  return `${SHARE_PREFIX}${SHARE_VERSION}.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

/** The hash fragment (starting with '#s=') for a state. */
export function encodeShare(state: SharedState): string {
  return encodePayload({ graph: state.graph, ganGraphs: state.ganGraphs, settings: state.settings });
}

/** The full link: the current page address without its hash, plus the share fragment. */
export function shareUrl(pageUrl: string, state: SharedState): string {
  const base = pageUrl.split('#')[0] ?? pageUrl;
  return base + encodeShare(state);
}

/** True when the hash is meant to be a share link (so a failure to decode deserves a banner). */
export const isShareHash = (hash: string): boolean => hash.startsWith(SHARE_PREFIX);

/**
 * Compressed input is fed in slices this small so that decompression stops soon after the output passes
 * MAX_JSON_BYTES: a slice of deflated zeros inflates to at most ~1 MB.
 */
const INFLATE_SLICE = 1024;

function inflateLimited(bytes: Uint8Array): Uint8Array | string {
  const parts: Uint8Array[] = [];
  let total = 0;
  let tooDeep = false;
  const depth = depthScanner();
  const inf = new Inflate((chunk) => {
    total += chunk.length;
    if (total > MAX_JSON_BYTES) return;
    parts.push(chunk);
    tooDeep ||= depth.push(chunk);
  });
  try {
    for (let at = 0; at < bytes.length; at += INFLATE_SLICE) {
      const end = Math.min(bytes.length, at + INFLATE_SLICE);
      inf.push(bytes.subarray(at, end), end === bytes.length);
      if (total > MAX_JSON_BYTES) return 'the link holds more data than a network needs';
      if (tooDeep) return 'the link is damaged: its contents nest deeper than any network does';
    }
  } catch {
    return 'the link is damaged: its data could not be decompressed';
  }
  if (total === 0) return 'the link is damaged: its data could not be decompressed';
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function parseGanGraphs(x: unknown): Parsed<SharedState['ganGraphs']> {
  if (x === null || x === undefined) return { ok: true, value: null };
  if (typeof x !== 'object') return { ok: false, reason: 'ganGraphs: expected an object' };
  const { generator, discriminator } = x as Record<string, unknown>;
  const g = parseGraphValue(generator, 'ganGraphs.generator');
  if (!g.ok) return g;
  const d = parseGraphValue(discriminator, 'ganGraphs.discriminator');
  if (!d.ok) return d;
  return { ok: true, value: { generator: g.value, discriminator: d.value } };
}

/**
 * The payload of a share link, checked up to its format version (the version, the encoding, the size, the JSON); its
 * fields are for the caller to check. {ok:false, reason} says in words what was wrong.
 */
export function decodePayload(hash: string): Parsed<Readonly<Record<string, unknown>>> {
  if (!isShareHash(hash)) return { ok: false, reason: 'this is not a share link' };
  if (hash.length > MAX_LINK_CHARS) return { ok: false, reason: 'the link is too long' };
  const body = hash.slice(SHARE_PREFIX.length);
  const dot = body.indexOf('.');
  const version = dot < 0 ? '' : body.slice(0, dot);
  if (version !== SHARE_VERSION)
    return {
      ok: false,
      reason: `the link's format "${version.slice(0, 12) || '?'}" is not one this version reads`,
    };
  const bytes = fromBase64Url(body.slice(dot + 1));
  if (!bytes || bytes.length === 0)
    return { ok: false, reason: 'the link is damaged: it has characters a link never has' };
  const inflated = inflateLimited(bytes);
  if (typeof inflated === 'string') return { ok: false, reason: inflated };
  let data: unknown;
  try {
    data = JSON.parse(strFromU8(inflated));
  } catch {
    return { ok: false, reason: 'the link is damaged: its contents are not valid JSON' };
  }
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'the link holds no network' };
  const obj = data as Record<string, unknown>;
  if (obj['v'] !== 1) return { ok: false, reason: 'the link has an unknown format version' };
  return { ok: true, value: obj };
}

/** Decodes a hash fragment; {ok:false, reason} says in words what was wrong. */
export function decodeShare(hash: string): Parsed<SharedState> {
  const payload = decodePayload(hash);
  if (!payload.ok) return payload;
  const obj = payload.value;
  if ('comparison' in obj && !('graph' in obj))
    return { ok: false, reason: 'the link holds runs to compare, not one network to open' };
  const graph = parseGraphValue(obj['graph'], 'graph');
  if (!graph.ok) return graph;
  const gan = parseGanGraphs(obj['ganGraphs']);
  if (!gan.ok) return gan;
  const settings = parseSettings(obj['settings']);
  if (!settings.ok) return { ok: false, reason: `settings: ${settings.reason}` };
  return { ok: true, value: { graph: graph.value, ganGraphs: gan.value, settings: settings.value } };
}
