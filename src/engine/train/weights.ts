/** Copying weights to/from CPU memory (checkpoints) and exporting TF.js artifacts. */
import * as tf from '@tensorflow/tfjs';
import type { Checkpoint } from './trainer';

export async function takeCheckpoint(model: tf.LayersModel, step: number): Promise<Checkpoint> {
  const weights = model.weights;
  const values = await Promise.all(weights.map((w) => w.read().data<'float32'>()));
  return {
    step,
    weights: weights.map((w, i) => ({
      name: w.originalName,
      shape: w.shape.map((d) => d ?? 0),
      values: Float32Array.from(values[i] as Float32Array),
    })),
  };
}

/** Writes checkpointed values back, matched by weight name and shape; throws on a mismatch (programmer error). */
export function restoreCheckpoint(model: tf.LayersModel, cp: Checkpoint): void {
  const byName = new Map(cp.weights.map((w) => [w.name, w] as const));
  for (const w of model.weights) {
    const saved = byName.get(w.originalName);
    if (saved === undefined || saved.shape.join(',') !== w.shape.join(',')) {
      throw new Error(`restore: checkpoint has no weight ${w.originalName} of shape [${w.shape.join(', ')}]`);
    }
    const t = tf.tensor(saved.values, [...saved.shape], 'float32');
    w.write(t);
    t.dispose();
  }
}

/** model.json text (weights manifest pointing at 'weights.bin') and the weights buffer. */
export async function exportArtifacts(
  model: tf.LayersModel,
): Promise<{ modelJson: string; weights: ArrayBuffer }> {
  let result: { modelJson: string; weights: ArrayBuffer } | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const specs = artifacts.weightSpecs ?? [];
      const data = artifacts.weightData;
      const weights =
        data === undefined
          ? new ArrayBuffer(0)
          : Array.isArray(data)
            ? tf.io.concatenateArrayBuffers(data)
            : data;
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
      };
      result = { modelJson: JSON.stringify(json), weights: weights.slice(0) };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (result === null) throw new Error('exportModel: the save handler was not called');
  return result;
}
