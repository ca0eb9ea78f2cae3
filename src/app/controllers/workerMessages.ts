/**
 * What a worker message does to the page, as a plain function of the run's state and the message: a list of
 * effects (store updates, client calls, probes) that the training controller carries out in order. Messages of
 * other runs never get here (the controller drops them).
 */
import { assertNever } from '../../engine/assertNever';
import type { ProbeRequest, ProbeResult } from '../../engine/train/probes/types';
import { isPausingError } from '../../workers/errors';
import type { FromWorker, RunId } from '../../workers/protocol';
import type { AppState } from '../store/types';

export type RunPatch = Parameters<AppState['patchRun']>[0];

/** What the reducer reads besides the message. */
export interface RunView {
  readonly status: AppState['status'];
  /** Train was pressed while the run prepared: it starts once the model is ready. */
  readonly startWhenReady: boolean;
  /** The batch size the run trained at before the last change was sent (null: none was sent). */
  readonly runBatchSize: number | null;
  /** How many test images the dataset strip shows. */
  readonly sampleCount: number;
}

export type Effect =
  | { readonly do: 'patchRun'; readonly patch: RunPatch }
  | {
      readonly do: 'appendMetrics';
      readonly runId: RunId;
      readonly points: Extract<FromWorker, { type: 'metrics' }>['points'];
    }
  /** Probe once (the dataset strip's test images). */
  | { readonly do: 'probe'; readonly request: ProbeRequest }
  /** Probe what the visible panels need. */
  | { readonly do: 'probeVisible' }
  /** Send the settings changed since the worker last got them. */
  | { readonly do: 'flushHyper' }
  /** Start training (Train was pressed while the run prepared). */
  | { readonly do: 'start' }
  /** Forget a pending start: the run cannot train. */
  | { readonly do: 'cancelStart' }
  /** The worker refused a larger batch and kept this one: the field goes back to it, nothing needs sending. */
  | { readonly do: 'restoreBatchSize'; readonly batchSize: number }
  | { readonly do: 'publish'; readonly result: ProbeResult };

export function workerMessageEffects(run: RunView, m: FromWorker): Effect[] {
  switch (m.type) {
    case 'datasetProgress':
      return [{ do: 'patchRun', patch: { datasetProgress: { loaded: m.loadedBytes, total: m.totalBytes } } }];
    case 'ready': {
      const ready: Effect[] = [
        {
          do: 'patchRun',
          patch: {
            status: 'ready',
            backend: m.backend,
            preparing: null,
            pretrainSeconds: m.pretrainSeconds ?? null,
            datasetProgress: null,
            datasetCounts: { train: m.trainCount, test: m.testCount },
          },
        },
        {
          do: 'probe',
          request: { kind: 'samples', split: 'test', indices: [...Array(run.sampleCount).keys()] },
        },
        { do: 'flushHyper' },
      ];
      if (!run.startWhenReady) return [...ready, { do: 'probeVisible' }];
      return [...ready, { do: 'start' }, { do: 'patchRun', patch: { status: 'running' } }];
    }
    case 'metrics': {
      const last = m.points[m.points.length - 1];
      const metrics: Effect = { do: 'appendMetrics', runId: m.runId, points: m.points };
      if (!last) return [metrics];
      const { step, epoch, examplesPerSec, epochProgress } = last;
      return [metrics, { do: 'patchRun', patch: { step, epoch, examplesPerSec, epochProgress } }];
    }
    case 'state': {
      // A stopped run (e.g. a label subset the head cannot take) stays stopped: Train builds a new one.
      if (run.status === 'error') return [];
      const status = m.running ? 'running' : m.step > 0 ? 'paused' : 'ready';
      const patch: Effect = {
        do: 'patchRun',
        patch: {
          status: run.status === 'finished' && !m.running ? 'finished' : status,
          step: m.step,
          epoch: m.epoch,
        },
      };
      return m.running ? [patch] : [patch, { do: 'probeVisible' }];
    }
    case 'finished':
      return [
        { do: 'patchRun', patch: { status: 'finished', step: m.step, epoch: m.epoch, epochProgress: 1 } },
        { do: 'probeVisible' },
      ];
    case 'notice':
      return [{ do: 'patchRun', patch: { notice: m.message } }];
    case 'preparing':
      // The model is built once the data is in: the dataset line can show the counts from then on.
      if (run.status !== 'initializing') return [];
      return [
        {
          do: 'patchRun',
          patch: { preparing: m.message, ...(m.stage === 'model' ? { datasetProgress: null } : {}) },
        },
      ];
    case 'error': {
      // A failed probe leaves the run as it is: say so, keep training.
      if (m.code === 'probe') return [{ do: 'patchRun', patch: { notice: m.message } }];
      // A non-finite or diverging loss pauses the run (the model still exists); other errors end it.
      const effects: Effect[] = [
        {
          do: 'patchRun',
          patch: {
            preparing: null,
            status: isPausingError(m.code) ? 'paused' : 'error',
            error: { code: m.code, message: m.message },
            ...(m.code === 'dataset' ? { datasetProgress: null } : {}),
          },
        },
      ];
      if (!isPausingError(m.code) && m.code !== 'notReady') effects.push({ do: 'cancelStart' });
      if (m.code === 'batchTooLarge' && run.runBatchSize !== null)
        effects.push({ do: 'restoreBatchSize', batchSize: run.runBatchSize });
      return effects;
    }
    case 'probe':
      return [{ do: 'publish', result: m.result }];
    case 'exported':
      return [];
    default:
      return assertNever(m);
  }
}
