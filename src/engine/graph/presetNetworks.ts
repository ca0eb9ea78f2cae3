/**
 * The networks a preset loads: one graph, or a GAN's generator and discriminator (then `graph` is the generator).
 * GAN and autoencoder presets are built for an image shape (height, width, channels), so that they fit the user's
 * own datasets (28, 32 or 64 pixels, grey or RGB) as well as the shipped 28×28×1 ones.
 */
import type { Graph, ModelRole, Shape } from './types';

export type ImageShape = readonly [number, number, number];

export interface PresetNetworks {
  readonly graph: Graph;
  readonly gan?: { readonly generator: Graph; readonly discriminator: Graph };
}

/** `shape` as an image shape, when it is one (three whole positive sizes). */
export function asImageShape(shape: Shape): ImageShape | null {
  if (shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d > 0)) return null;
  return [shape[0] as number, shape[1] as number, shape[2] as number];
}

/** The network of `networks` that plays `role` (a GAN's generator or discriminator, else the one graph). */
export function networkFor(networks: PresetNetworks, role: ModelRole): Graph | undefined {
  if (networks.gan) {
    if (role === 'generator') return networks.gan.generator;
    if (role === 'discriminator') return networks.gan.discriminator;
    return undefined;
  }
  return networks.graph.role === role ? networks.graph : undefined;
}

/** Same network, editor positions aside: the same nodes (ids, layers, frozen flags) and connections. */
export function sameLayers(a: Graph, b: Graph): boolean {
  if (a === b) return true;
  if (a.role !== b.role || a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length)
    return false;
  const strip = (g: Graph) =>
    JSON.stringify({
      n: g.nodes.map((n) => [n.id, n.layer, n.frozen]),
      e: g.edges.map((e) => [e.source, e.target]),
    });
  return strip(a) === strip(b);
}

/** Whether two sets of networks are the same networks (both GAN networks, or the one graph). */
export function sameNetworks(a: PresetNetworks, b: PresetNetworks): boolean {
  if (a.gan || b.gan) {
    return (
      a.gan !== undefined &&
      b.gan !== undefined &&
      sameLayers(a.gan.generator, b.gan.generator) &&
      sameLayers(a.gan.discriminator, b.gan.discriminator)
    );
  }
  return sameLayers(a.graph, b.graph);
}
