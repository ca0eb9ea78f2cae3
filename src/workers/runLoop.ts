/**
 * The training loop: chunks of k batches (k adapted so a chunk takes ~chunkMs), a yield to the event loop between
 * chunks so pause/probe/setHyper messages get in, metrics in batches, validation, checkpoints, throttled probes,
 * and recovery onto another backend when the current one fails.
 */
import { DivergedError, NonFiniteError } from '../engine/train/trainer';
import type { BatchStats } from '../engine/train/trainer';
import { budgetReached, examplesPerStep } from '../engine/train/hyper';
import { SecondOrderRefusedError } from '../engine/train/secondOrderBudget';
import type { ProbeRequest } from '../engine/train/probes/types';
import { flushMetrics, recordChunk, recordValidation } from './metrics';
import { forTransfer } from './transfer';
import { nextProbe, recordProbe } from './probeBudget';
import { tuningOf } from './workerState';
import type { LoopTuning, Post, Run, WorkerDeps } from './workerState';
import { errorText } from './errors';

/** Steps per epoch for the current hyperparameters (labels outside labelSubset are skipped). */
export function stepsPerEpoch(run: Run): number {
  const { labelSubset } = run.trainer.hyper;
  const batchSize = examplesPerStep(run.trainer.hyper);
  const { labels, count } = run.dataset.train;
  let n = count;
  if (labelSubset.length > 0) {
    const keep = new Set(labelSubset);
    n = 0;
    for (let i = 0; i < count; i++) if (keep.has(labels[i] ?? -1)) n++;
  }
  return Math.max(1, Math.ceil(n / batchSize));
}

/** Epochs completed: the trainer moves to the next epoch lazily, at the first batch after the last one. */
export const completedEpochs = (t: Run['trainer']): number => t.epoch + (t.epochProgress >= 1 ? 1 : 0);

/** Batches in the next chunk: adapted size, bounded by the next validation, the epoch end and a pending step count. */
export function nextChunk(run: Run, perEpoch: number): number {
  const t = run.trainer;
  let k = run.chunk;
  const every = t.hyper.validateEvery;
  if (every > 0) k = Math.min(k, every - (t.step % every));
  const left = t.epochProgress >= 1 ? perEpoch : Math.round((1 - t.epochProgress) * perEpoch);
  k = Math.min(k, Math.max(1, left));
  if (t.hyper.maxSteps > 0) k = Math.min(k, Math.max(1, t.hyper.maxSteps - t.step));
  // A time limit: no more batches than the time left holds at the last chunk's pace (one past it at most).
  if (t.hyper.maxSeconds > 0 && run.msPerBatch !== null && run.msPerBatch > 0) {
    const leftMs = t.hyper.maxSeconds * 1000 - run.trainMs;
    k = Math.min(k, Math.max(1, Math.ceil(leftMs / run.msPerBatch)));
  }
  if (!run.running) k = Math.min(k, run.stepsRemaining);
  return Math.max(1, k);
}

/** New chunk size from the last chunk's duration: towards chunkMs, at most doubling per chunk. */
export function adaptChunk(k: number, ms: number, tuning: LoopTuning): number {
  const target = ms > 0 ? (k * tuning.chunkMs) / ms : k * 2;
  return Math.max(1, Math.min(tuning.maxChunk, k * 2, Math.round(target)));
}

export async function runProbe(
  run: Run,
  request: ProbeRequest,
  post: Post,
  deps: WorkerDeps,
  training = false,
): Promise<void> {
  const t0 = deps.now();
  try {
    const raw = await run.lock.run(() => run.trainer.probe(request));
    if (run.disposed) return;
    const { result, transfer } = forTransfer(raw);
    post({ type: 'probe', runId: run.runId, result }, transfer);
  } catch (e) {
    if (!run.disposed)
      post({
        type: 'error',
        runId: run.runId,
        code: 'probe',
        message: `Probe ${request.kind} failed: ${errorText(e)}`,
      });
  } finally {
    const t1 = deps.now();
    recordProbe(run, request.kind, request, t1 - t0, t1, training);
  }
}

/** Serves at most one pending probe between chunks, and only if its (estimated) cost fits the budget. */
async function serveProbe(run: Run, post: Post, deps: WorkerDeps, tuning: LoopTuning): Promise<void> {
  const request = nextProbe(run, deps.now(), tuning);
  if (!request) return;
  run.pendingProbes.delete(request.kind);
  await runProbe(run, request, post, deps, true);
}

async function validate(run: Run, limit: number | undefined): Promise<void> {
  const v = await run.lock.run(() => run.trainer.evaluate(limit));
  recordValidation(run, v, limit === undefined);
}

/** Moves the run onto the next backend and restores the latest checkpoint. False when nothing is left. */
async function recover(run: Run, cause: unknown, post: Post, deps: WorkerDeps): Promise<boolean> {
  const failed = run.backend.name;
  run.triedBackends.add(failed);
  const next = await deps.fallbackBackend(failed, run.backend, run.triedBackends);
  if (!next) return false;
  const hyper = run.trainer.hyper;
  try {
    run.trainer.dispose();
  } catch {
    // the failed backend may not be able to free its tensors; they go with it
  }
  run.trainer = deps.createTrainer({
    graph: run.graph,
    dataset: run.dataset,
    hyper,
    seed: run.seed,
    ...run.extras,
  });
  for (const [node, frozen] of run.frozen) run.trainer.setFrozen([node], frozen);
  if (run.checkpoint) run.trainer.restore(run.checkpoint);
  const from = run.checkpoint
    ? `the checkpoint at step ${run.checkpoint.step}`
    : 'fresh weights (no checkpoint yet)';
  run.backend = { ...run.backend, name: next, reason: `fell back from ${failed}: ${errorText(cause)}` };
  post({
    type: 'notice',
    runId: run.runId,
    message: `The ${failed} backend failed (${errorText(cause)}); continuing on ${next} from ${from}.`,
  });
  return true;
}

function stop(run: Run): void {
  run.running = false;
  run.stepsRemaining = 0;
}

const wantsToRun = (run: Run): boolean =>
  !run.disposed && !run.finished && (run.running || run.stepsRemaining > 0);

/** Runs until paused, out of steps, finished, failed or disposed. Call through ensureLoop. */
async function loop(run: Run, post: Post, deps: WorkerDeps): Promise<void> {
  const tuning = tuningOf(deps);
  run.lastFlush = deps.now();
  run.loopStart = deps.now();
  run.examplesSinceFlush = 0;
  let lastTick = deps.now();
  while (!run.disposed && !run.finished && (run.running || run.stepsRemaining > 0)) {
    const perEpoch = stepsPerEpoch(run);
    const k = nextChunk(run, perEpoch);
    const firstStep = run.trainer.step;
    const epochBefore = completedEpochs(run.trainer);
    const t0 = deps.now();
    let stats: BatchStats;
    try {
      stats = await run.lock.run(() => run.trainer.trainBatches(k));
    } catch (e) {
      if (run.disposed) return;
      // L-BFGS or CG on a model over their size (chosen mid-run, or layers unfrozen): paused, the model kept.
      if (e instanceof SecondOrderRefusedError) {
        stop(run);
        post({ type: 'error', runId: run.runId, code: 'tooManyParameters', message: e.message });
        break;
      }
      if (e instanceof NonFiniteError) {
        stop(run);
        flushMetrics(run, post, deps.now(), 0, tuning.maxPointsPerFlush, true);
        const code = e instanceof DivergedError ? 'diverged' : 'nonFinite';
        post({ type: 'error', runId: run.runId, code, message: e.message });
        break;
      }
      if (await recover(run, e, post, deps)) continue;
      stop(run);
      post({
        type: 'error',
        runId: run.runId,
        code: 'backend',
        message: `Training failed on ${run.backend.name} and no other backend is left: ${errorText(e)}`,
      });
      break;
    }
    if (run.disposed) return;
    const t1 = deps.now();
    run.chunk = adaptChunk(k, t1 - t0, tuning);
    run.msPerBatch = (t1 - t0) / Math.max(1, stats.losses.length);
    recordChunk(run, firstStep, stats, t1 - t0);
    if (!run.running) run.stepsRemaining = Math.max(0, run.stepsRemaining - stats.losses.length);
    const t = run.trainer;
    const epochEnded = completedEpochs(t) > epochBefore;
    const done = budgetReached(t.hyper, t.step, completedEpochs(t), run.trainMs);
    // A run ending on its step or time limit gets the full validation an epoch end would give it.
    if (epochEnded || done) await validate(run, undefined);
    else if (t.hyper.validateEvery > 0 && t.step % t.hyper.validateEvery === 0)
      await validate(run, tuning.validateLimit);
    if (done) {
      run.finished = true;
      stop(run);
      flushMetrics(run, post, deps.now(), 0, tuning.maxPointsPerFlush, true);
      post({ type: 'finished', runId: run.runId, step: t.step, epoch: completedEpochs(t) });
      break;
    }
    if (deps.now() - run.lastCheckpoint >= tuning.checkpointMs) {
      run.checkpoint = await run.lock.run(() => run.trainer.checkpoint());
      run.lastCheckpoint = deps.now();
    }
    flushMetrics(run, post, deps.now(), tuning.flushMs, tuning.maxPointsPerFlush, false);
    run.wallMs += deps.now() - lastTick;
    await serveProbe(run, post, deps, tuning);
    lastTick = deps.now();
    await deps.yieldToEventLoop();
    run.wallMs += deps.now() - lastTick;
    lastTick = deps.now();
  }
  if (run.disposed) return;
  flushMetrics(run, post, deps.now(), 0, tuning.maxPointsPerFlush, true);
  for (const [kind, request] of run.pendingProbes) {
    // Train (or Step) again while these are served: the restarted loop serves the rest within its budget. Going on
    // would keep training waiting behind them (on WebGPU a 1,000-example confusion probe ran over 2 minutes).
    if (wantsToRun(run)) break;
    run.pendingProbes.delete(kind);
    await runProbe(run, request, post, deps);
  }
  const t = run.trainer;
  // The loop restarts at once when asked to run again (ensureLoop): the page must not show the run as paused.
  post({ type: 'state', runId: run.runId, running: wantsToRun(run), step: t.step, epoch: t.epoch });
}

/** Starts the loop unless it is already going (a loop that is winding down restarts itself if asked to run again). */
export function ensureLoop(run: Run, post: Post, deps: WorkerDeps): void {
  if (run.loop) return;
  run.loop = loop(run, post, deps)
    .catch((e: unknown) => {
      stop(run);
      if (!run.disposed)
        post({
          type: 'error',
          runId: run.runId,
          code: 'internal',
          message: `Training stopped: ${errorText(e)}`,
        });
    })
    .finally(() => {
      run.loop = null;
      if (wantsToRun(run)) ensureLoop(run, post, deps);
    });
}

/** Resolves once the run's loop has stopped (tests, dispose). */
export async function whenIdle(run: Run): Promise<void> {
  while (run.loop) await run.loop.catch(() => undefined);
}
