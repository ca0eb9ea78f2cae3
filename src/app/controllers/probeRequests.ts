/** Turns the visible panels' probe needs into worker requests, filling in the chosen sample and pooling node. */
import type { Graph } from '../../engine/graph/types';
import type { ProbeRequest, SampleRef } from '../../engine/train/probes/types';
import type { ProbeNeed } from './probeScheduler';
import type { UiSlice } from '../store/types';
import { assertNever } from '../../engine/assertNever';

export function sampleRef(sample: UiSlice['sample'], drawn: Uint8Array | null): SampleRef {
  if (sample.from === 'drawn' && drawn) return { from: 'drawn', pixels: drawn };
  return { from: 'test', index: sample.from === 'test' ? sample.index : 0 };
}

/** Which probes a run of this role answers (GAN runs: kernels of both networks, the discriminator's maps, samples). */
export function probeFits(role: Graph['role'], kind: ProbeNeed['kind']): boolean {
  switch (role) {
    case 'generator':
    case 'discriminator':
      return kind === 'kernels' || kind === 'activations' || kind === 'ganSamples';
    case 'autoencoder':
      // 'rbm' too: an RBM preset's picture graph is an autoencoder (its panels ask only RBM runs: isRbmWork).
      return (
        kind !== 'predict' &&
        kind !== 'confusion' &&
        kind !== 'ganSamples' &&
        kind !== 'adversarial' &&
        kind !== 'adversarialSearch' &&
        kind !== 'saliency'
      );
    case 'classifier':
      return kind !== 'reconstruct' && kind !== 'ganSamples' && kind !== 'rbm';
    default:
      return assertNever(role);
  }
}

export function toRequest(need: ProbeNeed, graph: Graph, sample: SampleRef): ProbeRequest | null {
  if (!probeFits(graph.role, need.kind)) return null;
  switch (need.kind) {
    case 'kernels':
      return { kind: 'kernels', gradients: need.gradients };
    case 'activations':
    case 'predict':
      return { kind: need.kind, sample };
    case 'pooling': {
      const pool = graph.nodes.find((n) => n.layer.kind === 'maxPool2d' || n.layer.kind === 'avgPool2d');
      const node = need.node && graph.nodes.some((n) => n.id === need.node) ? need.node : pool?.id;
      return node ? { kind: 'pooling', node, sample } : null;
    }
    case 'deadRelu':
    case 'health':
    case 'confusion':
      return { kind: need.kind };
    case 'adversarial':
      return { kind: 'adversarial', sample, method: need.method, epsilon: need.epsilon };
    case 'adversarialSearch':
      return { kind: 'adversarialSearch', sample };
    case 'saliency':
      return { ...need, sample };
    case 'layerIO':
      return graph.nodes.some((n) => n.id === need.node)
        ? { kind: 'layerIO', node: need.node, sample }
        : null;
    case 'ganSamples':
    case 'reconstruct':
    case 'rbm':
      return need; // these needs have the request's shape
    default:
      return assertNever(need);
  }
}

/** Same network for training purposes: equal but for editor positions and frozen flags. */
export function sameNetwork(a: Graph, b: Graph): boolean {
  if (a === b) return true;
  if (a.role !== b.role || a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length)
    return false;
  const strip = (g: Graph) =>
    JSON.stringify({ n: g.nodes.map((n) => [n.id, n.layer]), e: g.edges.map((e) => [e.source, e.target]) });
  return strip(a) === strip(b);
}

/** Nodes whose frozen flag differs between two graphs with the same nodes, grouped by the new flag. */
export function frozenChanges(
  before: Graph,
  after: Graph,
): { freeze: Graph['nodes'][number]['id'][]; unfreeze: Graph['nodes'][number]['id'][] } {
  const was = new Map(before.nodes.map((n) => [n.id, n.frozen] as const));
  const freeze = after.nodes.filter((n) => n.frozen && was.get(n.id) === false).map((n) => n.id);
  const unfreeze = after.nodes.filter((n) => !n.frozen && was.get(n.id) === true).map((n) => n.id);
  return { freeze, unfreeze };
}
