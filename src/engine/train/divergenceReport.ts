/**
 * What the run pauses with when the divergence guard trips: which layer, measured on the fixed probe batch only at
 * that moment (one forward pass, and one gradient for an explosion), and which remedy.
 * - stuck: the first layer (model order) whose outputs are saturated — ReLUs that output zero for every example, or a
 *   softmax / sigmoid / tanh pinned at its bounds. A zero gradient has no largest part, so this is what can be named.
 * - exploding: the layer with the largest relative update lr · ‖g‖ / ‖w‖ (the health probe's ratio).
 */
import * as tf from '@tensorflow/tfjs';
import { asNodeId } from '../graph/types';
import type { GraphNode, NodeId } from '../graph/types';
import { compileProbeModel, PAD_SUFFIX } from '../compile/compile';
import type { TrainContext } from './context';
import type { Divergence } from './divergence';
import { EXPLODE_FACTOR } from './divergence';
import { DivergedError } from './trainer';
import { isReluNode } from './probes/deadRelu';
import { probeBatch } from './probes/sample';
import { probeHealth } from './probes/health';
import { moduleOf } from '../layers/registry';

/** A layer counts as saturated when this share of its outputs is (per unit: for every example) pinned. */
const SATURATED_SHARE = 0.95;
/** Distance from a bound that counts as pinned (float32 softmax of huge logits gives exactly 0 and 1). */
const PINNED = 1e-6;

type Bounded = 'relu' | 'softmax' | 'sigmoid' | 'tanh';

function boundsOf(n: GraphNode): Bounded | null {
  if (isReluNode(n)) return 'relu';
  const l = n.layer;
  const fn = moduleOf(l).activation(l);
  return fn === 'softmax' || fn === 'sigmoid' || fn === 'tanh' ? fn : null;
}

const WHY: Record<Bounded, string> = {
  relu: 'its ReLUs output zero for every example (they are dead)',
  softmax: 'its softmax is pinned at 0 and 1 (certain of one class, and wrong on most examples)',
  sigmoid: 'its sigmoid outputs are pinned at 0 or 1',
  tanh: 'its tanh outputs are pinned at −1 or 1',
};

/** The first saturated layer and why, or null. One forward pass of the probe batch. */
async function firstSaturated(ctx: TrainContext): Promise<{ node: NodeId; why: string } | null> {
  const byId = new Map(ctx.graph.nodes.map((n) => [n.id as string, n]));
  const ordered = ctx.model.layers
    .filter((l) => !l.name.endsWith(PAD_SUFFIX))
    .flatMap((l) => {
      const n = byId.get(l.name);
      const b = n ? boundsOf(n) : null;
      return n && b ? [{ node: n.id, bounds: b }] : [];
    });
  if (ordered.length === 0 || ctx.testPool.length === 0) return null;
  const view = compileProbeModel(
    ctx.model,
    ordered.map((o) => o.node),
  ); // shares the weights: never dispose it
  const shares = tf.tidy(() => {
    const raw = view.predict(probeBatch(ctx).x);
    const outs = Array.isArray(raw) ? raw : [raw];
    return tf.stack(
      outs.map((o, i) => {
        const b = ordered[i]?.bounds;
        if (b === 'relu') return tf.mean(tf.cast(tf.all(tf.equal(o, 0), 0), 'float32'));
        const lo = b === 'tanh' ? -1 : 0;
        const pinned = tf.logicalOr(tf.lessEqual(o, lo + PINNED), tf.greaterEqual(o, 1 - PINNED));
        return tf.mean(tf.cast(pinned, 'float32'));
      }),
    );
  });
  const v = await shares.data<'float32'>();
  shares.dispose();
  const i = ordered.findIndex((_, k) => (v[k] as number) >= SATURATED_SHARE);
  const hit = ordered[i];
  return hit ? { node: hit.node, why: WHY[hit.bounds] } : null;
}

/** The layer with the largest finite relative update, or null. */
async function largestUpdate(ctx: TrainContext): Promise<{ node: NodeId; why: string } | null> {
  const r = await probeHealth(ctx);
  if (r.kind !== 'health') return null;
  let best: (typeof r.layers)[number] | null = null;
  for (const l of r.layers)
    if (Number.isFinite(l.updateRatio) && (best === null || l.updateRatio > best.updateRatio)) best = l;
  if (best === null || !(best.updateRatio > 0)) return null;
  return {
    node: asNodeId(best.node.replace(/__pad$/, '')),
    why: `its weights get the largest updates (each step changes them by ${pct(best.updateRatio)} of their size)`,
  };
}

const num = (x: number): string => x.toPrecision(3);
const pct = (x: number): string => (x >= 10 ? `${Math.round(x)}×` : `${(100 * x).toPrecision(2)} %`);

/** The remedies that apply to this run, most direct first. */
export function remedies(ctx: Pick<TrainContext, 'learningRate' | 'graph' | 'hyper'>): string {
  const lr = ctx.learningRate;
  const parts = [`lower the learning rate (now ${num(lr)}, try ${num(lr / 10)})`];
  const kinds = new Set(ctx.graph.nodes.map((n) => n.layer.kind));
  if (!ctx.graph.nodes.some((n) => moduleOf(n.layer).normalization))
    parts.push(`add batch normalization after the ${kinds.has('conv2d') ? 'convolutions' : 'dense layers'}`);
  parts.push(
    ctx.hyper.clipNorm > 0
      ? `lower the gradient clip norm (now ${num(ctx.hyper.clipNorm)})`
      : 'turn on gradient clipping (Gradient clip norm, e.g. 1)',
  );
  const last = parts.pop() as string;
  const list = parts.length > 0 ? `${parts.join(', ')} or ${last}` : last;
  return `${list.charAt(0).toUpperCase()}${list.slice(1)}; then press Reset (training on from these weights rarely recovers).`;
}

/** The error the run pauses with; `step` is the 1-based step that tripped the guard. */
export async function divergedError(ctx: TrainContext, d: Divergence, step: number): Promise<DivergedError> {
  const where = d.kind === 'stuck' ? await firstSaturated(ctx) : await largestUpdate(ctx);
  const chance = Number.isFinite(d.chance) ? ` (a uniform guess scores ${num(d.chance)})` : '';
  const what =
    d.kind === 'stuck'
      ? `Training is stuck at step ${step}: for ${d.steps} steps the loss stayed at about ${num(d.loss)}${chance} ` +
        'with a zero gradient, so nothing can learn.'
      : `Training diverged at step ${step}: for ${d.steps} steps the loss (about ${num(d.loss)}) stayed over ` +
        `${EXPLODE_FACTOR} times its best (${num(d.best)}).`;
  const layer = where
    ? ` Layer "${where.node}" is where it shows: ${where.why}.`
    : ' No single layer stands out.';
  return new DivergedError(where?.node ?? null, d.kind, `${what}${layer} ${remedies(ctx)}`);
}
