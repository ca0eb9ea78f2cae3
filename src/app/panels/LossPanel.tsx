import { useEffect, useRef, useState } from 'react';
import { createCurves, isGanRun } from '../../visualizers/curves';
import { useAppStore } from '../store';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { useRenderer } from './usePanelFrames';

const NAME = 'Loss';

function LossBody() {
  const [logScale, setLog] = useState(false);
  const [smoothing, setSmoothing] = useState(0.6);
  const [host, r] = useRenderer((el) => createCurves(el));
  const active = useOnScreen(host);
  const gan = useAppStore((s) => s.runs.some(isGanRun));
  const opts = useRef({ logScale, smoothing });
  useEffect(() => {
    opts.current = { logScale, smoothing };
    r.current?.update({ runs: useAppStore.getState().runs, ...opts.current });
  }, [logScale, smoothing, r]);
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
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            onChange={(e) => setSmoothing(Number(e.target.value))}
          />
        </label>
        <span className="panel-note">
          {gan
            ? 'GAN: D loss and G loss (top), D(x) on real vs D(G(z)) on generated images (bottom)'
            : 'solid: train · dashed: validation'}
        </span>
      </div>
      <div ref={host} className="panel-canvas-host" />
    </>
  );
}

export function LossPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <LossBody />}</Panel>;
}
