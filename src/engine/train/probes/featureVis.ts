/**
 * The feature-visualization probe: one chunk of activation maximisation (filters of a layer, or class scores) or of a
 * dream (Inceptionism), on the current model, as typed arrays. The engine math is in engine/inspect (featureVis.ts,
 * dream.ts); this file picks the objective, carries the state between chunks and quantises the pictures.
 */
import * as tf from '@tensorflow/tfjs';
import { FLAT_SPREAD } from '../../inspect/featureVisSettings';
import type { NodeId } from '../../graph/types';
import { successors } from '../../graph/graphUtils';
import { compileProbeModel } from '../../compile/compile';
import { classScores } from '../../inspect/classScore';
import {
  ascend,
  DEFAULT_ASCENT,
  imagesOf,
  initialState,
  type AscentSettings,
  type Objective,
} from '../../inspect/featureVis';
import {
  DEFAULT_DREAM,
  dreamChunk,
  dreamImage,
  dreamTotal,
  layerEnergy,
  octaveSizes,
  type DreamSettings,
} from '../../inspect/dream';
import type { TrainContext } from '../context';
import { type FeatureVisRequest, type FeatureVisResult, type FeatureVisTarget } from './featureVisTypes';
import { unitSampleTensor } from './sample';

/** Iterations of a filter or class visualization. */
export const ASCENT_ITERATIONS = 64;

export const dreamSettings = (octaves: number): DreamSettings => ({ ...DEFAULT_DREAM, octaves });

/** Iterations the whole job takes. */
export function featureVisTotal(target: FeatureVisTarget): number {
  return target.mode === 'dream' ? dreamTotal(dreamSettings(target.octaves)) : ASCENT_ITERATIONS;
}

/** Multi-output views share the model's weights; one per (model, node), built once. */
const views = new WeakMap<tf.LayersModel, Map<NodeId, tf.LayersModel>>();
function layerModel(model: tf.LayersModel, node: NodeId): tf.LayersModel {
  let byNode = views.get(model);
  if (!byNode) views.set(model, (byNode = new Map()));
  let m = byNode.get(node);
  if (!m) byNode.set(node, (m = compileProbeModel(model, [node])));
  return m;
}

/** Images in [0, 1] as the model takes them ([−1, 1] for a GAN's discriminator). */
const toModel = (ctx: TrainContext, x: tf.Tensor4D): tf.Tensor4D =>
  ctx.signedInput ? (tf.sub(tf.mul(x, 2), 1) as tf.Tensor4D) : x;

function layerOf(ctx: TrainContext, node: NodeId) {
  const view = layerModel(ctx.model, node);
  return (x: tf.Tensor4D): tf.Tensor => view.apply(toModel(ctx, x), { training: false }) as tf.Tensor;
}

/** One-hot rows [n, k] picking `units`. */
function picker(units: readonly number[], k: number): tf.Tensor2D {
  const m = new Float32Array(units.length * k);
  units.forEach((u, i) => (m[i * k + u] = 1));
  return tf.tensor2d(m, [units.length, k]);
}

/** Throws (before any tensor exists: a throw inside tf.grad leaks its tape) unless every unit exists. */
function checkUnits(ctx: TrainContext, target: Exclude<FeatureVisTarget, { mode: 'dream' }>): void {
  let k = ctx.classes;
  if (target.mode === 'filters') {
    const shape = ctx.model.getLayer(target.node).outputShape;
    const dims = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
    k = dims[dims.length - 1] ?? 0;
  }
  for (const u of target.units)
    if (!Number.isInteger(u) || u < 0 || u >= k) throw new Error(`probe: no unit ${u} (of ${k})`);
}

/**
 * Per image, the largest ReLU output of its filter (0: it fires nowhere on the image), or null when no activation
 * follows the layer (a linear filter always responds somewhere).
 */
function firingOf(
  ctx: TrainContext,
  target: Exclude<FeatureVisTarget, { mode: 'dream' }>,
): ((x: tf.Tensor4D) => tf.Tensor1D) | null {
  if (target.mode !== 'filters') return null;
  const after = afterActivation(ctx, target.node);
  if (after === target.node) return null;
  const layer = layerOf(ctx, target.node);
  const activation = ctx.model.getLayer(after);
  return (x) => {
    const a = activation.apply(layer(x), { training: false }) as tf.Tensor;
    const axes = a.shape.slice(1, -1).map((_, i) => i + 1);
    const top = (axes.length === 0 ? a : tf.max(a, axes)) as tf.Tensor2D;
    return tf.sum(tf.mul(top, picker(target.units, top.shape[1])), -1) as tf.Tensor1D;
  };
}

/** Image i's objective: the mean over positions of unit i's activation (a filter), or class i's score. */
function objectiveOf(ctx: TrainContext, target: Exclude<FeatureVisTarget, { mode: 'dream' }>): Objective {
  if (target.mode === 'classes')
    return (x) => {
      const scores = classScores(ctx.model, toModel(ctx, x)).scores;
      return tf.sum(tf.mul(scores, picker(target.units, scores.shape[1])), -1) as tf.Tensor1D;
    };
  const after = afterActivation(ctx, target.node);
  const layer = layerOf(ctx, target.node);
  const activation = after === target.node ? null : ctx.model.getLayer(after);
  const perUnit = (out: tf.Tensor): tf.Tensor2D => {
    const axes = out.shape.slice(1, -1).map((_, i) => i + 1);
    return (axes.length === 0 ? out : tf.mean(out, axes)) as tf.Tensor2D;
  };
  return (x) => {
    const z = layer(x);
    const pick = picker(target.units, z.shape[z.shape.length - 1] as number);
    let score = perUnit(z);
    if (activation) {
      // The activation's mean, plus a little of the filter's own: a filter that no pixel of the grey start excites
      // (ReLU zero everywhere, no gradient) still gets one.
      const a = activation.apply(z, { training: false }) as tf.Tensor;
      score = tf.add(perUnit(a), tf.mul(score, LEAK));
    }
    return tf.sum(tf.mul(score, pick), -1) as tf.Tensor1D;
  };
}

/** Weight of the pre-activation mean in a filter's objective (see objectiveOf). */
const LEAK = 0.05;

/**
 * The layer whose output a filter's picture maximises: a convolution's own output, or when an activation layer follows
 * it directly (conv → ReLU, as the presets build them), the activation's. The mean of a linear filter's output is
 * linear in the image, so its maximum is a flat white or black image; after a ReLU it is the filter's pattern, tiled.
 */
export function afterActivation(ctx: TrainContext, node: NodeId): NodeId {
  const next = successors(ctx.graph, node);
  const only = next.length === 1 ? ctx.graph.nodes.find((n) => n.id === next[0]) : undefined;
  return only?.layer.kind === 'activation' ? only.id : node;
}

/** Per image: the spread (max − min) and mean of its values. */
export function imageStats(
  values: Float32Array,
  count: number,
): { spread: Float32Array; mean: Float32Array } {
  const spread = new Float32Array(count);
  const mean = new Float32Array(count);
  const size = values.length / count;
  for (let i = 0; i < count; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    let sum = 0;
    for (let p = i * size; p < (i + 1) * size; p++) {
      const v = values[p] as number;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sum += v;
    }
    spread[i] = hi - lo;
    mean[i] = sum / size;
  }
  return { spread, mean };
}

/**
 * Each image stretched to its own 0..255 range (stretch), or clamped from [0, 1]. A flat image (spread under
 * FLAT_SPREAD) is never stretched: stretching would turn a faint ripple into full-contrast noise, and an exactly
 * uniform white image into black (its minimum would be the bottom of the range).
 */
export function quantise(values: Float32Array, count: number, stretch: boolean): Uint8Array {
  const out = new Uint8Array(values.length);
  const size = values.length / count;
  const { spread } = imageStats(values, count);
  for (let i = 0; i < count; i++) {
    let lo = 0;
    let span = 1;
    if (stretch && (spread[i] as number) >= FLAT_SPREAD) {
      lo = Infinity;
      for (let p = i * size; p < (i + 1) * size; p++) lo = Math.min(lo, values[p] as number);
      span = spread[i] as number;
    }
    for (let p = i * size; p < (i + 1) * size; p++)
      out[p] = Math.round(255 * Math.min(1, Math.max(0, ((values[p] as number) - lo) / span)));
  }
  return out;
}

const seedOf = (req: FeatureVisRequest): number => (req.job * 2654435761) >>> 0;

function ascentSettings(req: FeatureVisRequest): AscentSettings {
  const r = req.regularisers;
  return {
    ...DEFAULT_ASCENT,
    param: req.param,
    jitter: r.jitter ? DEFAULT_ASCENT.jitter : 0,
    blurEvery: r.blur ? DEFAULT_ASCENT.blurEvery : 0,
    decay: r.decay ? DEFAULT_ASCENT.decay : 0,
  };
}

export async function probeFeatureVis(ctx: TrainContext, req: FeatureVisRequest): Promise<FeatureVisResult> {
  const t0 = performance.now();
  const [h, w, c] = ctx.dataset.shape;
  const target = req.target;
  const total = featureVisTotal(target);
  const iterations = Math.max(0, Math.min(req.iterations, total - req.done));
  const dream = target.mode === 'dream';
  const count = dream ? 1 : target.units.length;
  if (count === 0) throw new Error('probe: feature visualization of no units');
  if (!dream) checkUnits(ctx, target);
  // `extra`: the dream's start image, or each filter's largest ReLU output (empty when neither applies).
  const [state, images, values, extra] = tf.tidy((): [tf.Tensor4D, tf.Tensor4D, tf.Tensor, tf.Tensor] => {
    const restore = (): tf.Tensor4D | null => {
      if (req.state === null) return null;
      const n = req.state.length / (count * c);
      // A dream's state is square-ish at the octave's size; filters and classes keep the input size.
      const side = dream ? octaveSide(n, h, w, target.octaves) : [h, w];
      return tf.tensor4d(req.state, [count, side[0] as number, side[1] as number, c]);
    };
    if (target.mode === 'dream') {
      const layer = layerOf(ctx, target.node);
      const base = unitSampleTensor(ctx, target.sample);
      const settings = dreamSettings(target.octaves);
      const next = dreamChunk(layer, base, restore(), {
        from: req.done,
        iterations,
        seed: seedOf(req),
        settings,
      });
      const img = dreamImage(next, h, w);
      return [next, img, tf.reshape(layerEnergy(layer, img), [1]), tf.clone(base)];
    }
    const settings = ascentSettings(req);
    const objective = objectiveOf(ctx, target);
    const start = restore() ?? initialState([count, h, w, c], settings.param, seedOf(req));
    const next = ascend(objective, start, { from: req.done, iterations, seed: seedOf(req), settings });
    const img = imagesOf(next, settings.param);
    const firing = firingOf(ctx, target);
    return [next, img, objective(img), firing ? firing(img) : tf.zeros([0])];
  });
  try {
    const [s, im, v, e] = await Promise.all([
      state.data<'float32'>(),
      images.data<'float32'>(),
      values.data<'float32'>(),
      extra.data<'float32'>(),
    ]);
    const shape = state.shape as [number, number, number, number];
    const stats = imageStats(im, count);
    const more: Pick<FeatureVisResult, 'fires' | 'start'> =
      e.length === 0 ? {} : dream ? { start: quantise(e, 1, false) } : { fires: Array.from(e, (x) => x > 0) };
    return {
      kind: 'featureVis',
      step: ctx.step,
      job: req.job,
      done: req.done + iterations,
      total,
      count,
      h,
      w,
      channels: c,
      state: Float32Array.from(s),
      stateShape: shape,
      pixels: quantise(im, count, !dream),
      spread: stats.spread,
      mean: stats.mean,
      ...more,
      values: Float32Array.from(v),
      ms: performance.now() - t0,
    };
  } finally {
    state.dispose();
    images.dispose();
    values.dispose();
    extra.dispose();
  }
}

/** The octave image size whose area is `area`. */
function octaveSide(area: number, h: number, w: number, octaves: number): [number, number] {
  const size = octaveSizes(h, w, octaves, DEFAULT_DREAM.octaveScale).find(([a, b]) => a * b === area);
  if (!size) throw new Error(`probe: a dream state of ${area} pixels fits no octave`);
  return size;
}
