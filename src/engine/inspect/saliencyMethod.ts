/** The saliency methods and their settings, as plain data (no TF.js: the app imports this). */
import type { Graph, NodeId } from '../graph/types';
import { topologicalOrder } from '../graph/graphUtils';
export type SaliencyMethod = 'gradient' | 'smoothGrad' | 'gradCam';

export const SALIENCY_METHODS: readonly { readonly id: SaliencyMethod; readonly label: string }[] = [
  { id: 'gradient', label: 'Gradient' },
  { id: 'smoothGrad', label: 'SmoothGrad' },
  { id: 'gradCam', label: 'Grad-CAM' },
];

/** SmoothGrad: how many noisy copies, and the noise's standard deviation as a share of the image's value range. */
export const SMOOTHGRAD_SAMPLES = 16;
export const SMOOTHGRAD_NOISE = 0.15;

/** The conv nodes Grad-CAM can weigh, in the order the data flows (the last is the default). */
export function gradCamLayers(graph: Graph): NodeId[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  return topologicalOrder(graph).filter((id) => byId.get(id)?.layer.kind === 'conv2d');
}
