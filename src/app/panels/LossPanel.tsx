/**
 * "Loss": the curves of the runs in the store. The chart takes the panel's height (so it fits the dock's row and grows
 * when maximised); the lower plot is the accuracy for classifiers, D(x)/D(G(z)) for GANs, and absent for autoencoders.
 * "Compare by" plots the runs against steps, steps on a log scale (30 steps of L-BFGS then take a third of the axis
 * beside 3,000 of SGD, where a linear axis squeezes them against its left edge) or seconds of training (a step of
 * L-BFGS costs more than one of SGD: only time shows which gets further for the same wait).
 */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { createCurves, runColour, type CurvesData, type XAxis } from '../../visualizers/curves';
import { useAppStore } from '../store';
import type { AppState } from '../store/types';
import { chartLabels, chartRuns } from './recordCurves';
import type { DockKind } from '../store/uiSlice';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { selectDockKind } from './panelLayout';
import { useRenderer } from './usePanelFrames';

const NAME = 'Loss';

const runsOf = (s: AppState) => chartRuns(s.runs, s.records, s.selectedRunIds, s.liveRecordId);
const changed = (s: AppState, prev: AppState): boolean =>
  s.runs !== prev.runs ||
  s.selectedRunIds !== prev.selectedRunIds ||
  s.records !== prev.records ||
  s.liveRecordId !== prev.liveRecordId;

/** Which colour is which run, once there is more than one (the chart itself shows only the current run's key). */
function RunLegend() {
  const labels = useAppStore(
    useShallow((s) => chartLabels(s.runs, s.records, s.selectedRunIds, s.liveRecordId)),
  );
  if (labels.length < 2) return null;
  return (
    <ul className="loss-legend" aria-label="Runs in the chart">
      {labels.map((label, i) => (
        <li key={`${i}-${label}`}>
          <span className="loss-legend__swatch" style={{ background: runColour(i) }} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
const EXPECT_LOWER: { readonly [K in DockKind]: CurvesData['expectLower'] } = {
  classifier: 'accuracy',
  gan: 'gan',
  autoencoder: undefined,
  rbm: undefined,
};

function LossBody() {
  const [logScale, setLog] = useState(false);
  const [smoothing, setSmoothing] = useState(0.6);
  const [xAxis, setXAxis] = useState<XAxis>('step');
  const kind = useAppStore(selectDockKind);
  const [host, r] = useRenderer((el) => createCurves(el, { fillHeight: true }));
  const active = useOnScreen(host);
  const opts = useRef<Omit<CurvesData, 'runs'>>({ logScale, smoothing, xAxis });
  useEffect(() => {
    const expectLower = EXPECT_LOWER[kind];
    opts.current = { logScale, smoothing, xAxis, ...(expectLower ? { expectLower } : {}) };
    r.current?.update({ runs: runsOf(useAppStore.getState()), ...opts.current });
  }, [logScale, smoothing, xAxis, kind, r]);
  // Metrics live in the store; push them to the canvas without re-rendering React.
  useEffect(() => {
    if (!active) return;
    r.current?.update({ runs: runsOf(useAppStore.getState()), ...opts.current });
    return useAppStore.subscribe((s, prev) => {
      if (changed(s, prev)) r.current?.update({ runs: runsOf(s), ...opts.current });
    });
  }, [active, r]);
  return (
    <>
      <div className="panel-controls">
        <label>
          <input type="checkbox" checked={logScale} onChange={(e) => setLog(e.target.checked)} /> Log scale
        </label>
        <label>
          Smoothing{' '}
          <input
            className="panel-loss-smoothing"
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            onChange={(e) => setSmoothing(Number(e.target.value))}
          />
        </label>
        <label title="Plot against training steps, against steps on a log scale (a few dozen steps then show beside thousands), or against seconds of training (pauses not counted)">
          Compare by{' '}
          <select value={xAxis} onChange={(e) => setXAxis(e.target.value as XAxis)}>
            <option value="step">Step</option>
            <option value="logStep">Step (log)</option>
            <option value="seconds">Time</option>
          </select>
        </label>
      </div>
      <RunLegend />
      <div ref={host} className="panel-canvas-host" />
    </>
  );
}

export function LossPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return (
    <Panel name={NAME} fill>
      {collapsed ? null : <LossBody />}
    </Panel>
  );
}
