/**
 * The worker's message switch, a plain function: the worker file feeds it messages one at a time, tests call it
 * directly with injected deps (procedural dataset, tfjs cpu). Messages for another run id are ignored.
 */
import { assertNever } from '../engine/assertNever';
import { budgetReached } from '../engine/train/hyper';
import { errorText } from './errors';
import { batchRefusal, initRun } from './initRun';
import { previewAugment } from './previewAugment';
import type { RunId, ToWorker } from './protocol';
import { completedEpochs, ensureLoop, runProbe, whenIdle } from './runLoop';
import type { Post, Run, WorkerDeps, WorkerState } from './workerState';

/** Stops the run's loop, frees its trainer. Safe to call twice. */
export async function disposeRun(run: Run): Promise<void> {
  run.running = false;
  run.stepsRemaining = 0;
  await whenIdle(run);
  run.disposed = true;
  run.pendingProbes.clear();
  await run.lock.run(() => run.trainer.dispose());
}
function postState(run: Run, post: Post): void {
  const t = run.trainer;
  post({
    type: 'state',
    runId: run.runId,
    running: run.running || run.loop !== null,
    step: t.step,
    epoch: t.epoch,
  });
}

/** Handles one message. Resolves when the message is dealt with; a started loop keeps running after that. */
export async function handleMessage(
  state: WorkerState,
  msg: ToWorker,
  post: Post,
  deps: WorkerDeps,
): Promise<void> {
  if (msg.type === 'init') {
    state.currentRunId = msg.runId;
    const old = state.run;
    state.run = null;
    if (old) await disposeRun(old);
    try {
      await initRun(state, msg, post, deps);
    } catch (e) {
      post({ type: 'error', runId: msg.runId, code: 'internal', message: errorText(e) });
    }
    return;
  }
  // A preview needs only the dataset: it has its own id and no run (previewAugment.ts).
  if (msg.type === 'preview') return previewAugment(msg, post, deps);
  if (msg.runId !== state.currentRunId) return;
  const run = state.run;
  const runId: RunId = msg.runId;
  if (!run) {
    if (msg.type !== 'dispose')
      post({ type: 'error', runId, code: 'notReady', message: `"${msg.type}" before the run is ready.` });
    return;
  }
  switch (msg.type) {
    case 'start':
      if (run.finished)
        return post({ type: 'finished', runId, step: run.trainer.step, epoch: run.trainer.epoch });
      run.running = true;
      ensureLoop(run, post, deps);
      return postState(run, post);
    case 'pause':
      run.running = false;
      run.stepsRemaining = 0;
      return;
    case 'step':
      if (run.running || run.finished || msg.batches <= 0) return;
      run.stepsRemaining += Math.floor(msg.batches);
      ensureLoop(run, post, deps);
      return postState(run, post);
    case 'setHyper': {
      // A new label subset must still fit the output layer (5 units train on 5 labels, 10 on any).
      if (msg.patch.labelSubset !== undefined && !run.extras.gan) {
        const errors = deps
          .validate(run.graph, run.datasetId, msg.patch.labelSubset, run.dataset)
          .filter((i) => i.severity === 'error');
        if (errors.length > 0) {
          run.running = false;
          run.stepsRemaining = 0;
          return post({
            type: 'error',
            runId,
            code: 'badGraph',
            message: errors.map((i) => i.message).join('\n'),
          });
        }
      }
      // A larger batch must still fit the device: if not, the run pauses at its old batch size (the rest applies).
      let patch = msg.patch;
      if (patch.batchSize !== undefined) {
        const refusal = batchRefusal(run, patch.batchSize, deps);
        if (refusal) {
          run.running = false;
          run.stepsRemaining = 0;
          post({ type: 'error', runId, code: 'batchTooLarge', message: refusal });
          const { batchSize: _refused, ...rest } = patch;
          patch = rest;
        }
      }
      await run.lock.run(() => {
        run.trainer.setHyper(patch);
        if (msg.gan) run.trainer.setGanHyper?.(msg.gan);
        if (msg.rbm) run.trainer.setRbmHyper?.(msg.rbm);
      });
      const t = run.trainer;
      if (
        (msg.patch.epochs !== undefined ||
          msg.patch.maxSteps !== undefined ||
          msg.patch.maxSeconds !== undefined) &&
        !budgetReached(t.hyper, t.step, completedEpochs(t), run.trainMs)
      )
        run.finished = false;
      return;
    }
    case 'freeze':
      for (const node of msg.nodes) run.frozen.set(node, msg.frozen);
      await run.lock.run(() => run.trainer.setFrozen(msg.nodes, msg.frozen));
      return;
    case 'probe':
      if (run.loop) {
        run.pendingProbes.set(msg.request.kind, msg.request);
        if (msg.user === true) run.userAsked.add(msg.request);
        return;
      }
      return runProbe(run, msg.request, post, deps);
    case 'reset': {
      run.running = false;
      run.stepsRemaining = 0;
      await whenIdle(run);
      const hyper = run.trainer.hyper;
      await run.lock.run(() => {
        run.trainer.dispose();
        run.trainer = deps.createTrainer({
          graph: run.graph,
          dataset: run.dataset,
          hyper,
          seed: run.seed,
          ...run.extras,
        });
        for (const [node, frozen] of run.frozen) run.trainer.setFrozen([node], frozen);
        // An imported model's run starts again from its imported weights.
        if (run.initialWeights) run.trainer.restore(run.initialWeights);
      });
      Object.assign(run, {
        finished: false,
        chunk: 1,
        checkpoint: run.initialWeights,
        lastCheckpoint: deps.now(),
        points: [],
        lastValidation: null,
        trainMs: 0,
      });
      run.pendingProbes.clear();
      return postState(run, post);
    }
    case 'dispose':
      state.run = null;
      state.currentRunId = null;
      return disposeRun(run);
    case 'export': {
      const out = await run.lock.run(() => run.trainer.exportModel());
      const weights = out.weights.slice(0);
      return post({ type: 'exported', runId, modelJson: out.modelJson, weights }, [weights]);
    }
    default:
      return assertNever(msg);
  }
}
