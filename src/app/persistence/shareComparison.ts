/**
 * Comparison links: two or three runs' settings (name, network, training settings, dataset, seed) in a share link,
 * with the share link's encoding (`#s=v1.<payload>`, JSON → deflate → base64url; see share.ts) and a payload
 * `{ v: 1, comparison: [...] }`. Opening one never replaces the user's work: the app offers to train the runs as a
 * sweep. Like every link it is untrusted: each run is checked field by field, and nothing here throws.
 */
import { isDatasetId, type DatasetId } from '../../engine/data/types';
import type { Graph } from '../../engine/graph/types';
import type { Hyper } from '../../engine/train/hyper';
import type { RunRecord } from '../../engine/runs/record';
import { parseGraphValue } from './graphData';
import { parseHyper, type Parsed } from './settings';
import { decodePayload, encodePayload } from './share';

export const MIN_SHARED_RUNS = 2;
export const MAX_SHARED_RUNS = 3;
const MAX_NAME_CHARS = 100;

/** What a comparison link carries of one run. */
export interface SharedRun {
  readonly name: string;
  readonly graph: Graph;
  readonly hyper: Hyper;
  readonly dataset: DatasetId;
  readonly seed: number;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const countWords = `${MIN_SHARED_RUNS} or ${MAX_SHARED_RUNS} runs`;

function parseRun(x: unknown, where: string): Parsed<SharedRun> {
  if (!isObject(x)) return { ok: false, reason: `${where}: expected an object` };
  const { name, dataset, seed } = x;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_CHARS)
    return { ok: false, reason: `${where}: the name must be a short text` };
  const graph = parseGraphValue(x['graph'], `${where}: graph`);
  if (!graph.ok) return graph;
  if (graph.value.role !== 'classifier' && graph.value.role !== 'autoencoder')
    return { ok: false, reason: `${where}: only classifiers and autoencoders can be compared` };
  const hyper = parseHyper(x['hyper']);
  if (!hyper.ok) return { ok: false, reason: `${where}: ${hyper.reason}` };
  // A user dataset's id is accepted; one this browser does not have falls back to MNIST (userDatasetsStartup.ts).
  if (!isDatasetId(dataset)) return { ok: false, reason: `${where}: unknown dataset` };
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed))
    return { ok: false, reason: `${where}: the seed must be a whole number` };
  return {
    ok: true,
    value: { name: name.trim(), graph: graph.value, hyper: hyper.value, dataset, seed },
  };
}

/** The runs of a comparison payload (already past its version check). */
function parseRuns(list: unknown): Parsed<SharedRun[]> {
  if (!Array.isArray(list) || list.length < MIN_SHARED_RUNS || list.length > MAX_SHARED_RUNS)
    return { ok: false, reason: `a comparison link holds ${countWords}` };
  const runs: SharedRun[] = [];
  for (const [i, x] of list.entries()) {
    const r = parseRun(x, `run ${i + 1}`);
    if (!r.ok) return r;
    runs.push(r.value);
  }
  return { ok: true, value: runs };
}

/** What a link carries of ticked records, in the order given; the reason when they cannot be shared. */
export function sharedRunsOf(records: readonly RunRecord[]): Parsed<SharedRun[]> {
  if (records.length < MIN_SHARED_RUNS || records.length > MAX_SHARED_RUNS)
    return { ok: false, reason: `Tick ${countWords} to share them.` };
  if (records.some((r) => r.gan))
    return {
      ok: false,
      reason:
        'A GAN run cannot be shared as a comparison yet (its two networks do not fit): use Share for one.',
    };
  return parseRuns(
    records.map((r) => ({ name: r.name, graph: r.graph, hyper: r.hyper, dataset: r.dataset, seed: r.seed })),
  );
}

/** The hash fragment ('#s=v1.…') for a comparison. */
export const encodeComparison = (runs: readonly SharedRun[]): string =>
  encodePayload({
    comparison: runs.map((r) => ({
      name: r.name,
      graph: r.graph,
      hyper: r.hyper,
      dataset: r.dataset,
      seed: r.seed,
    })),
  });

/** The full link: the page address without its hash, plus the comparison. */
export function comparisonUrl(pageUrl: string, runs: readonly SharedRun[]): string {
  return (pageUrl.split('#')[0] ?? pageUrl) + encodeComparison(runs);
}

/**
 * The runs of a comparison link, or why they cannot be read; null when the hash is not a comparison link (a link to
 * a network, or one too damaged to tell: share.ts's decodeShare then says what is wrong with it).
 */
export function decodeComparison(hash: string): Parsed<SharedRun[]> | null {
  const payload = decodePayload(hash);
  if (!payload.ok || !('comparison' in payload.value)) return null;
  return parseRuns(payload.value['comparison']);
}
