/** Small pure helpers of the GAN and reconstruction panels (kept out of the .tsx files so they test in Node). */

/** A grid index typed by the user, clamped to 0..count−1; null while the field is not a number. */
export function clampIndex(text: string, count: number): number | null {
  const n = Number.parseInt(text, 10);
  if (!Number.isFinite(n)) return null;
  return Math.min(Math.max(0, count - 1), Math.max(0, n));
}

/** One stack of 2·count images of `size` pixels: the inputs (top row) then the outputs (bottom row). */
export function stackRows(inputs: Uint8Array, outputs: Uint8Array, count: number, size: number): Uint8Array {
  const out = new Uint8Array(2 * count * size);
  out.set(inputs.subarray(0, count * size), 0);
  out.set(outputs.subarray(0, count * size), count * size);
  return out;
}

/**
 * What kind of run a graph belongs to. GAN runs carry the generator as their graph (see protocol `init`). Panels only
 * register GAN or reconstruction probes for matching runs: the classifier trainer answers them with an error.
 */
export function runKindOf(
  graph: { readonly role: string } | null,
): 'gan' | 'autoencoder' | 'classifier' | null {
  if (!graph) return null;
  if (graph.role === 'generator' || graph.role === 'discriminator') return 'gan';
  return graph.role === 'autoencoder' ? 'autoencoder' : 'classifier';
}
