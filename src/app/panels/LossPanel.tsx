/**
 * "Loss": the curves of the runs in the store. The chart takes the panel's height (so it fits the dock's row and grows
 * when maximised); the lower plot is the accuracy for classifiers, D(x)/D(G(z)) for GANs, and absent for autoencoders.
 */
import { useEffect, useRef, useState } from 'react';
import { createCurves, type CurvesData } from '../../visualizers/curves';
import { useAppStore } from '../store';
import type { DockKind } from '../store/uiSlice';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { selectDockKind } from './panelLayout';
import { useRenderer } from './usePanelFrames';

const NAME = 'Loss';
const EXPECT_LOWER: { readonly [K in DockKind]: CurvesData['expectLower'] } = {
  classifier: 'accuracy',
  gan: 'gan',
  autoencoder: undefined,
};

function LossBody() {
  const [logScale, setLog] = useState(false);
  const [smoothing, setSmoothing] = useState(0.6);
  const kind = useAppStore(selectDockKind);
  const [host, r] = useRenderer((el) => createCurves(el, { fillHeight: true }));
  const active = useOnScreen(host);
  const opts = useRef<Omit<CurvesData, 'runs'>>({ logScale, smoothing });
  useEffect(() => {
    const expectLower = EXPECT_LOWER[kind];
    opts.current = { logScale, smoothing, ...(expectLower ? { expectLower } : {}) };
    r.current?.update({ runs: useAppStore.getState().runs, ...opts.current });
  }, [logScale, smoothing, kind, r]);
  // Metrics live in the store; push them to the canvas without re-rendering React.
  useEffect(() => {
    if (!active) return;
    r.current?.update({ runs: useAppStore.getState().runs, ...opts.current });
    return useAppStore.subscribe((s, prev) => {
      if (s.runs !== prev.runs) r.current?.update({ runs: s.runs, ...opts.current });
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
      </div>
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
