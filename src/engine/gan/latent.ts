/** Latent vectors z: seeded draws, and spherical interpolation between two of them. Pure, no TF.js. */
import { mulberry32 } from '../data/random';

/** `count` vectors of size `dim`, flat [count·dim], from N(0, 1) (Box–Muller) or U(−1, 1). */
export function drawLatent(
  count: number,
  dim: number,
  distribution: 'normal' | 'uniform',
  seed: number,
): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(count * dim);
  for (let i = 0; i < out.length; i++) {
    if (distribution === 'uniform') out[i] = rand() * 2 - 1;
    else {
      const u = Math.max(rand(), 1e-12);
      out[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    }
  }
  return out;
}

/** slerp(a, b, t): walks the great circle between a and b, the path that keeps |z| typical for Gaussian z. */
export function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  const cos = Math.min(1, Math.max(-1, dot / (Math.sqrt(na * nb) || 1)));
  const omega = Math.acos(cos);
  const out = new Float32Array(a.length);
  if (omega < 1e-6) {
    for (let i = 0; i < a.length; i++) out[i] = (1 - t) * (a[i] as number) + t * (b[i] as number);
    return out;
  }
  const s = Math.sin(omega);
  const wa = Math.sin((1 - t) * omega) / s;
  const wb = Math.sin(t * omega) / s;
  for (let i = 0; i < a.length; i++) out[i] = wa * (a[i] as number) + wb * (b[i] as number);
  return out;
}

/** `steps` vectors from a to b inclusive, flat [steps·dim]. */
export function slerpPath(a: Float32Array, b: Float32Array, steps: number): Float32Array {
  const out = new Float32Array(steps * a.length);
  for (let s = 0; s < steps; s++) out.set(slerp(a, b, steps === 1 ? 0 : s / (steps - 1)), s * a.length);
  return out;
}
