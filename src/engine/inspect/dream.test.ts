import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DREAM, dreamChunk, dreamImage, dreamTotal, layerEnergy, octaveSizes } from './dream';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function tinyConv(): tf.Sequential {
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({
      inputShape: [12, 12, 1],
      filters: 3,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
    }),
  );
  return m;
}

/** A soft blob on black: a stand-in for a digit. */
function blob(): tf.Tensor4D {
  const v = new Float32Array(144);
  for (let y = 0; y < 12; y++)
    for (let x = 0; x < 12; x++) v[y * 12 + x] = Math.exp(-((y - 5) ** 2 + (x - 6) ** 2) / 8);
  return tf.tensor4d(v, [1, 12, 12, 1]);
}

describe('dream', () => {
  it('octave sizes grow to the input size', () => {
    expect(octaveSizes(28, 28, 3, 1.5)).toEqual([
      [12, 12],
      [19, 19],
      [28, 28],
    ]);
    expect(octaveSizes(28, 28, 1, 1.5)).toEqual([[28, 28]]);
    expect(dreamTotal({ ...DEFAULT_DREAM, octaves: 2, iterationsPerOctave: 5 })).toBe(10);
  });

  it('raises the layer’s activation energy through every octave, in chunks, leaking no tensors', () => {
    const m = tinyConv();
    const layer = (x: tf.Tensor4D): tf.Tensor => m.apply(x) as tf.Tensor;
    const base = blob();
    const settings = { ...DEFAULT_DREAM, octaves: 2, iterationsPerOctave: 6 };
    const before = tf.memory().numTensors;
    const e0 = tf.tidy(() => layerEnergy(layer, base).dataSync()[0] as number);
    let state: tf.Tensor4D | null = null;
    const sizes: number[] = [];
    for (let from = 0; from < dreamTotal(settings); from += 4) {
      const next: tf.Tensor4D = dreamChunk(layer, base, state, { from, iterations: 4, seed: 3, settings });
      state?.dispose();
      state = next;
      sizes.push(next.shape[1]);
    }
    // 12 iterations: the first octave (8×8) for 6, then full size.
    expect(sizes).toEqual([8, 12, 12]);
    const final = state as unknown as tf.Tensor4D;
    const e1 = tf.tidy(() => layerEnergy(layer, dreamImage(final, 12, 12)).dataSync()[0] as number);
    expect(e1).toBeGreaterThan(e0 * 1.2);
    // Still the same picture underneath: close to the original, not replaced by noise.
    const diff = tf.tidy(() => tf.mean(tf.abs(tf.sub(final, base))).dataSync()[0] as number);
    expect(diff).toBeGreaterThan(0.005);
    expect(diff).toBeLessThan(0.5);
    final.dispose();
    expect(tf.memory().numTensors).toBe(before);
    base.dispose();
    m.dispose();
  });

  it('a single octave starts from the image itself', () => {
    const m = tinyConv();
    const layer = (x: tf.Tensor4D): tf.Tensor => m.apply(x) as tf.Tensor;
    const base = blob();
    const settings = { ...DEFAULT_DREAM, octaves: 1, iterationsPerOctave: 4 };
    const none = dreamChunk(layer, base, null, { from: 0, iterations: 0, seed: 1, settings });
    expect(Array.from(none.dataSync())).toEqual(Array.from(base.dataSync()));
    expect(none).not.toBe(base);
    tf.dispose([none, base]);
    m.dispose();
  });
});
