/**
 * The RBM preset's panels, loaded as one chunk when first shown: "Dreams" (free-running Gibbs chains, advancing while
 * shown), "RBM filters" (each hidden unit's weights as a picture) and "RBM likelihood" (reconstruction error and
 * pseudo-likelihood per step). Filters and dreams come from one probe ('rbm').
 */
import { useEffect, useState } from 'react';
import { createImageGrid } from '../../visualizers/imageGrid';
import { useAppStore } from '../store';
import type { AppState } from '../store/types';
import { isRbmWork } from '../controllers/initArgs';
import { runKindOf } from './panelMath';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { requestProbeNow } from './probeNeeds';
import { useFrames, useOnNewRun, useProbeNeed, useRenderer } from './usePanelFrames';

/** Gibbs steps the dream chains take per frame. */
export const DREAM_STEPS = 5;
const NEED = { kind: 'rbm', dreamSteps: DREAM_STEPS } as const;
/** How often a shown Dreams panel asks for the next frame when the run is not training (the poll does it then). */
const IDLE_FRAME_MS = 300;

/** The current run is an RBM run (its probes are the RBM trainer's). */
const selectRbmRun = (s: AppState): boolean => isRbmWork(s) && runKindOf(s.runGraph) === 'autoencoder';

function waiting(rbmRun: boolean): string {
  return rbmRun ? 'Press Train (or Step) to see it.' : 'Choose the RBM preset and press Train.';
}

function DreamsBody() {
  const [info, setInfo] = useState<{ step: number; dreamStep: number } | null>(null);
  const [host, grid] = useRenderer((el) => createImageGrid(el, { scale: 3 }), { clearOnNewRun: true });
  const visible = useOnScreen(host);
  const rbmRun = useAppStore(selectRbmRun);
  const status = useAppStore((s) => s.status);
  const active = visible && rbmRun;
  useProbeNeed(NEED, active);
  useOnNewRun(() => setInfo(null));
  useFrames('rbm', active, (f) => {
    grid.current?.update({
      count: f.dreams,
      h: f.h,
      w: f.w,
      channels: f.channels,
      pixels: f.dreamPixels,
      // Two rows: the whole set fits the panel's height at 1366×768.
      cols: Math.ceil(f.dreams / 2),
    });
    setInfo({ step: f.step, dreamStep: f.dreamStep });
  });
  // Paused or finished: the run is not polled, so the panel keeps the chain going itself while it is shown.
  const idle = status === 'paused' || status === 'finished' || status === 'ready';
  useEffect(() => {
    if (!active || !idle) return;
    const t = setInterval(() => requestProbeNow(NEED), IDLE_FRAME_MS);
    return () => clearInterval(t);
  }, [active, idle]);
  return (
    <>
      <p className="panel-note" role="status">
        {info
          ? `Gibbs step ${info.dreamStep} of the dream chains (model at training step ${info.step}).`
          : waiting(rbmRun)}
      </p>
      <div
        ref={host}
        className="panel-canvas-host"
        role="img"
        aria-label="Dreams: samples of free-running Gibbs chains"
      />
      <div className="panel-controls">
        <button
          type="button"
          disabled={!rbmRun}
          onClick={() => requestProbeNow({ ...NEED, restart: true }, true)}
        >
          Restart dreams
        </button>
      </div>
      <p className="panel-note">
        Each picture starts as random pixels; the RBM then samples its hidden units from the pixels and the
        pixels from its hidden units, over and over, never seeing a real image.
      </p>
    </>
  );
}

function FiltersBody() {
  const [info, setInfo] = useState<{ step: number; hidden: number; maxAbs: number } | null>(null);
  const [host, grid] = useRenderer((el) => createImageGrid(el, { scale: 2 }), { clearOnNewRun: true });
  const visible = useOnScreen(host);
  const rbmRun = useAppStore(selectRbmRun);
  const active = visible && rbmRun;
  useProbeNeed(NEED, active);
  useOnNewRun(() => setInfo(null));
  useFrames('rbm', active, (f) => {
    grid.current?.update({
      count: f.hidden,
      h: f.h,
      w: f.w,
      channels: f.channels,
      pixels: f.filters,
      cols: Math.ceil(Math.sqrt(f.hidden)),
    });
    setInfo({ step: f.step, hidden: f.hidden, maxAbs: f.maxAbs });
  });
  return (
    <>
      <p className="panel-note">
        {info
          ? `Step ${info.step}: the weights of each of the ${info.hidden} hidden units (grey 0, light positive, dark negative; largest |w| ${info.maxAbs.toFixed(2)}).`
          : waiting(rbmRun)}
      </p>
      <div
        ref={host}
        className="panel-canvas-host"
        role="img"
        aria-label="RBM filters: each hidden unit's weights as a picture"
      />
    </>
  );
}

const W = 300;
const H = 80;

/** One series as an SVG polyline over the steps, with its range written beside it. */
function Series({ name, points }: { name: string; points: readonly (readonly [number, number])[] }) {
  if (points.length === 0) return <p className="panel-note">{name}: no values yet.</p>;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const dy = y1 - y0 || 1;
  const path = points
    .map(([x, y]) => `${(((x - x0) / (x1 - x0)) * W).toFixed(1)},${(H - ((y - y0) / dy) * H).toFixed(1)}`)
    .join(' ');
  const last = ys[ys.length - 1] ?? NaN;
  const first = ys[0] ?? NaN;
  return (
    <figure className="rbm-series">
      <figcaption className="panel-note">
        {name}: {first.toFixed(4)} at first, {last.toFixed(4)} now
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label={`${name} by step`}>
        <polyline points={path} fill="none" stroke="currentColor" strokeWidth={1.5} />
      </svg>
    </figure>
  );
}

/** At most this many points per series (evenly thinned). */
const MAX_SERIES = 200;
const thin = <T,>(xs: readonly T[]): readonly T[] =>
  xs.length <= MAX_SERIES
    ? xs
    : Array.from(
        { length: MAX_SERIES },
        (_, i) => xs[Math.round((i * (xs.length - 1)) / (MAX_SERIES - 1))] as T,
      );

function LikelihoodBody() {
  const points = useAppStore((s) => s.runs[s.runs.length - 1]?.points);
  const recon = thin(
    (points ?? []).filter((p) => Number.isFinite(p.loss)).map((p) => [p.step, p.loss] as const),
  );
  const pl = thin((points ?? []).flatMap((p) => (p.rbm ? [[p.step, p.rbm.pseudoLikelihood] as const] : [])));
  return (
    <>
      <Series name="Reconstruction error" points={recon} />
      <Series name="Pseudo-likelihood" points={pl} />
      <p className="panel-note">
        Reconstruction error: how far one up-and-down pass lands from the image (lower is better, but an RBM
        can reconstruct well and still dream badly). Pseudo-likelihood: how well the RBM predicts one flipped
        pixel from all the others, times 784 (higher is better); Bernoulli units only.
      </p>
    </>
  );
}

export function DreamsPanel() {
  const collapsed = usePanelCollapsed('Dreams');
  return <Panel name="Dreams">{collapsed ? null : <DreamsBody />}</Panel>;
}

export function RbmFiltersPanel() {
  const collapsed = usePanelCollapsed('RBM filters');
  return <Panel name="RBM filters">{collapsed ? null : <FiltersBody />}</Panel>;
}

export function RbmLikelihoodPanel() {
  const collapsed = usePanelCollapsed('RBM likelihood');
  return <Panel name="RBM likelihood">{collapsed ? null : <LikelihoodBody />}</Panel>;
}
