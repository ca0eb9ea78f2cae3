/**
 * The weights each node of an imported graph needs (names and shapes, as the compiled model has them) and matching
 * the model file's weights to them: by the model layer's name and the weight's own ('conv2d/kernel', also under a
 * prefix such as 'sequential/conv2d/kernel:0'). A weight missing, or of another shape, is said plainly.
 */
import type { Graph, NodeId, Shape } from '../graph/types';
import { formatShape } from '../graph/convArithmetic';
import { outputShapes } from './outputShapes';
import { predecessors } from '../graph/graphUtils';
import { assertNever } from '../assertNever';
import type { DecodedWeight } from './weightsManifest';
import { failure, ok, type ImportedWeight, type Result } from './types';

export interface ExpectedWeight {
  readonly node: NodeId;
  /** The weight's own name: kernel, bias, gamma, beta, moving_mean, moving_variance. */
  readonly weight: string;
  readonly shape: Shape;
}

/** Every weight the graph's compiled model has, in node order. */
export function expectedWeights(graph: Graph): ExpectedWeight[] {
  const info = outputShapes(graph);
  const out: ExpectedWeight[] = [];
  for (const node of graph.nodes) {
    const src = predecessors(graph, node.id)[0];
    const x = src === undefined ? undefined : info.get(src);
    const add = (weight: string, shape: Shape) => out.push({ node: node.id, weight, shape });
    const l = node.layer;
    const c = x?.[x.length - 1];
    if (c === undefined) continue;
    switch (l.kind) {
      case 'conv2d':
        add('kernel', [l.kernel[0], l.kernel[1], c, l.filters]);
        if (l.useBias) add('bias', [l.filters]);
        break;
      case 'conv2dTranspose':
        add('kernel', [l.kernel[0], l.kernel[1], l.filters, c]);
        if (l.useBias) add('bias', [l.filters]);
        break;
      case 'dense':
        add('kernel', [c, l.units]);
        if (l.useBias) add('bias', [l.units]);
        break;
      case 'batchNorm':
        for (const w of ['gamma', 'beta', 'moving_mean', 'moving_variance']) add(w, [c]);
        break;
      case 'layerNorm':
        add('gamma', [c]);
        add('beta', [c]);
        break;
      case 'input':
      case 'maxPool2d':
      case 'avgPool2d':
      case 'globalAvgPool':
      case 'flatten':
      case 'reshape':
      case 'dropout':
      case 'activation':
      case 'upSampling2d':
      case 'add':
      case 'concatenate':
        break;
      default:
        assertNever(l);
    }
  }
  return out;
}

/** 'model/conv2d/kernel:0' → ['model', 'conv2d', 'kernel']. */
const segments = (name: string): string[] => name.replace(/:\d+$/, '').split('/');

/**
 * The file's weights for each expected one, renamed to '<node id>/<weight>'. `layerOf` names the model layer each
 * node came from (the names the file uses).
 */
export function matchWeights(
  graph: Graph,
  layerOf: ReadonlyMap<NodeId, string>,
  decoded: readonly DecodedWeight[],
): Result<ImportedWeight[]> {
  const index = new Map<string, DecodedWeight>();
  for (const w of decoded) {
    const s = segments(w.name);
    // Keyed by layer and weight name; the full path first, so an exact name wins over a shorter one.
    for (let i = 0; i < s.length - 1; i++) {
      const key = `${s.slice(i, -1).join('/')}/${s[s.length - 1]}`;
      if (!index.has(key)) index.set(key, w);
    }
  }
  const out: ImportedWeight[] = [];
  const missing: string[] = [];
  for (const e of expectedWeights(graph)) {
    const layer = layerOf.get(e.node) ?? e.node;
    const w = index.get(`${layer}/${e.weight}`);
    const what = `${layer === e.node ? `'${layer}'` : `'${layer}' (${e.node} here)`}`;
    if (!w) {
      missing.push(`${what} ${e.weight} ${formatShape(e.shape)}`);
      continue;
    }
    const same = w.shape.length === e.shape.length && w.shape.every((d, i) => d === e.shape[i]);
    if (!same)
      return failure(
        `The weights file gives layer ${what} a ${e.weight} of shape ${formatShape(w.shape)}, but the network needs ${formatShape(e.shape)}: model.json and its weights do not belong together.`,
      );
    out.push({ name: `${e.node}/${e.weight}`, shape: [...e.shape], values: w.values });
  }
  if (missing.length > 0)
    return failure(
      `The weights file has no weights for ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}.`,
    );
  return ok(out);
}
