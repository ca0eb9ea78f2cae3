import { useMemo, useState } from 'react';
import { DatasetStatus } from '../data/DatasetStatus';
import { useShallow } from 'zustand/react/shallow';
import { useController } from '../controllers/ControllerContext';
import type { ErrorCode } from '../../workers/protocol';
import { useAppStore } from '../store';
import {
  selectGraphChangedSinceRun,
  selectLastValidation,
  selectProgress,
  selectRunError,
  selectTrainedSeconds,
} from '../store/selectors';
import { BackendBadge } from './BackendBadge';
import { SettingsFields } from './SettingsFields';
import { GanSettings } from './GanSettings';
import { RbmSettingsSlot } from '../rbm/RbmSettingsSlot';
import { PretrainSetting } from './PretrainSetting';
import { TransferControls } from './TransferControls';
import { etaSeconds, fmtInt, formatEta, stepLimitFirst } from './format';

/** Train / Pause / Step / Reset, the run's counters and progress, and the training settings. */
export function TrainingBar() {
  const ctl = useController();
  const p = useAppStore(useShallow(selectProgress));
  const trainCount = useAppStore((s) => s.datasetCounts?.train ?? 0);
  const changed = useAppStore(selectGraphChangedSinceRun);
  const error = useAppStore(selectRunError);
  const notice = useAppStore((s) => s.notice);
  const preparing = useAppStore((s) => s.preparing);
  const validation = useAppStore(useShallow(selectLastValidation));
  const [batches, setBatches] = useState(1);
  const running = p.status === 'running';
  const byStep = stepLimitFirst(p, trainCount);
  // A seconds budget (a sweep's): the run ends on its training time, not on its epochs.
  const byTime = p.maxSeconds > 0;
  const trained = useAppStore(selectTrainedSeconds);
  const busy = p.status === 'initializing';
  const percent = Math.round(p.epochProgress * 100);
  const eta = running ? formatEta(etaSeconds(p.epochProgress, trainCount, p.examplesPerSec)) : '';
  // The settings read the store themselves: one element for the bar's life, so the counters' updates while training
  // (several a second) do not re-render a dozen fields (issue 16: main-thread time while training).
  const settings = useMemo(
    () => (
      <>
        <SettingsFields>
          <TransferControls />
          <PretrainSetting />
          {/* In the settings' last row (not the title row, which the project's actions fill at 1366 px). */}
          <DatasetStatus />
        </SettingsFields>
        <GanSettings />
        <RbmSettingsSlot />
      </>
    ),
    [],
  );
  return (
    <section className="training-bar" aria-label="Training">
      <div className="training-bar__row">
        <div className="buttons" role="group" aria-label="Run">
          <button type="button" className="primary" onClick={() => ctl?.train()} disabled={running || !ctl}>
            Train
          </button>
          <button type="button" onClick={() => ctl?.pause()} disabled={!running && !busy}>
            Pause
          </button>
          <button type="button" onClick={() => ctl?.step(batches)} disabled={running || busy || !ctl}>
            Step
          </button>
          <label className="sr-only" htmlFor="batches-per-step">
            Batches per step
          </label>
          <select
            id="batches-per-step"
            value={batches}
            onChange={(e) => setBatches(Number(e.target.value))}
            title="Batches per step"
          >
            <option value={1}>×1</option>
            <option value={10}>×10</option>
          </select>
          <button type="button" onClick={() => ctl?.reset()} disabled={busy || p.step === 0}>
            Reset
          </button>
        </div>
        <div className="counters" aria-live="off">
          <span>
            Epoch{' '}
            <output>
              {fmtInt(
                p.status === 'finished' && !byStep && !byTime ? Math.max(p.epochs, p.epoch) : p.epoch + 1,
              )}
            </output>
            {byStep || byTime ? '' : ` / ${fmtInt(p.epochs)}`}
          </span>
          <span title={p.maxSteps > 0 ? `The run stops at step ${fmtInt(p.maxSteps)}` : undefined}>
            Step <output>{fmtInt(p.step)}</output>
            {p.maxSteps > 0 ? ` / ${fmtInt(p.maxSteps)}` : ''}
          </span>
          {byTime && (
            <span title="The run stops after this much training time (pauses, validation and probes do not count)">
              Time <output>{trained.toFixed(1)}</output> / {p.maxSeconds} s
            </span>
          )}
          <span>
            <output>{fmtInt(p.examplesPerSec)}</output> examples/s
          </span>
          {validation && Number.isFinite(validation.loss) && (
            <span title="On the test split: a sample during the epoch, all of it at each epoch's end">
              Validation{' '}
              <output aria-label="Validation accuracy">
                {Number.isFinite(validation.accuracy)
                  ? `${(100 * validation.accuracy).toFixed(2)}%`
                  : `loss ${validation.loss.toFixed(4)}`}
              </output>
            </span>
          )}
          <span className="epoch-progress">
            <progress
              max={100}
              value={percent}
              aria-label="Epoch progress"
              aria-valuetext={`${percent}% of the epoch${eta ? `, about ${eta} left` : ''}`}
            />
            <span>
              {percent}%{eta ? ` · ETA ${eta}` : ''}
            </span>
          </span>
          <span className="status" data-status={p.status} aria-busy={busy}>
            {busy && preparing ? preparing : STATUS_TEXT[p.status]}
          </span>
          <BackendBadge />
        </div>
      </div>
      {settings}
      {changed && (
        <div className="restart-offer" role="status">
          The network changed since this run started; the run keeps training the old one.
          <button type="button" onClick={() => ctl?.restartWithNewGraph()}>
            Restart with the new graph
          </button>
        </div>
      )}
      {error && (
        <div className="run-error" role="alert">
          <strong>{ERROR_TITLE[error.code]}:</strong> <span className="pre">{error.message}</span>
        </div>
      )}
      {notice && !error && (
        <div className="run-notice" role="status">
          {notice}
        </div>
      )}
    </section>
  );
}

const STATUS_TEXT = {
  idle: 'Not started',
  initializing: 'Preparing…',
  ready: 'Ready',
  running: 'Training',
  paused: 'Paused',
  finished: 'Finished',
  error: 'Stopped',
} as const;

/** One title per ErrorCode (the Record type keeps the table complete; the store types `error.code` as ErrorCode). */
const ERROR_TITLE: Readonly<Record<ErrorCode, string>> = {
  badGraph: 'The network cannot be trained',
  dataset: 'The dataset could not be loaded',
  backend: 'No backend could train this model',
  nonFinite: 'The loss became NaN or infinite (paused)',
  diverged: 'Training is diverging or stuck (paused)',
  tooLarge: 'The model is too large',
  batchTooLarge: 'The batch size is too large (paused)',
  tooManyParameters: 'Too many parameters for this optimizer (paused)',
  probe: 'A panel could not be drawn',
  notReady: 'Not ready yet',
  internal: 'Something went wrong',
};
