/**
 * Mode-collapse indicator: the mean pairwise L2 distance between generated samples divided by the same for real
 * images. A healthy generator sits near 1; a collapsed one (every sample alike) falls towards 0. We use this rather than
 * a class spread because it needs no second trained network and reacts within a few iterations.
 */
function meanPairwiseDistance(pixels: Uint8Array, size: number, maxItems: number): number {
  const n = Math.min(maxItems, Math.floor(pixels.length / size));
  if (n < 2) return 0;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d = 0;
      for (let p = 0; p < size; p++) {
        const diff = ((pixels[i * size + p] as number) - (pixels[j * size + p] as number)) / 255;
        d += diff * diff;
      }
      sum += Math.sqrt(d);
      pairs++;
    }
  }
  return sum / pairs;
}

export function diversityRatio(generated: Uint8Array, real: Uint8Array, size: number, maxItems = 32): number {
  const r = meanPairwiseDistance(real, size, maxItems);
  return r === 0 ? 0 : meanPairwiseDistance(generated, size, maxItems) / r;
}
