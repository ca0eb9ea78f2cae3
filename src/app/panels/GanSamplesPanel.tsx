/**
 * "GAN samples": the generator's fixed-noise grid (live), a time-lapse strip of earlier grids, latent interpolation
 * between two picked cells, the D/G balance meter and the mode-collapse indicator. Frames come from the frame bus.
 */
import { useEffect, useRef, useState } from 'react';
import { createImageGrid } from '../../visualizers/imageGrid';
import { packRgb } from '../../visualizers/pixels';
import { createTimeLapseStrip } from '../../visualizers/timeLapse';
import { DiversityIndicator, GanBalance } from './GanBalance';
import { GanInterpolation } from './GanInterpolation';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { useAppStore } from '../store';
import type { RunStatus } from '../store/types';
import { clampIndex, runKindOf } from './panelMath';
import { requestProbeNow } from './probeNeeds';
import { useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'GAN samples';
/** Images along the slerp path. */
export const INTERPOLATION_STEPS = 16;
const START_COLOUR = packRgb(89, 161, 79);
const END_COLOUR = packRgb(225, 87, 89);

type GanFrame = { step: number; count: number; h: number; w: number; channels: number; pixels: Uint8Array };

/** What the panel says before the first grid of the current run: never "train a GAN" while one is training. */
function waitingNote(status: RunStatus, ganRun: boolean, ganInEditor: boolean): string {
  if (!ganRun) return ganInEditor ? 'Press Train to see samples.' : 'Train a GAN preset to see samples.';
  switch (status) {
    case 'initializing':
      return 'Preparing the GAN run… samples appear after its first iteration.';
    case 'ready':
      return 'Ready: press Train or Step to see samples.';
    case 'error':
      return 'The run stopped before the first samples.';
    default:
      return 'Waiting for the first samples…';
  }
}

function EndField({
  label,
  value,
  count,
  onChange,
}: {
  label: string;
  value: number;
  count: number;
  onChange: (v: number) => void;
}) {
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        min={0}
        max={count - 1}
        step={1}
        value={value}
        style={{ width: '4em' }}
        onChange={(e) => {
          const v = clampIndex(e.target.value, count);
          if (v !== null) onChange(v);
        }}
      />
    </label>
  );
}

function GanBody() {
  const [ends, setEnds] = useState<{ a: number; b: number }>({ a: 0, b: 63 });
  const [info, setInfo] = useState<{ step: number; count: number; diversity: number } | null>(null);
  const nextEnd = useRef<'a' | 'b'>('a');
  const latest = useRef<GanFrame | null>(null);
  const endsRef = useRef(ends);
  const [host, grid] = useRenderer(
    (el) =>
      createImageGrid(el, {
        onPick: (i) => {
          const which = nextEnd.current;
          nextEnd.current = which === 'a' ? 'b' : 'a';
          setEnds((e) => ({ ...e, [which]: i }));
        },
      }),
    { clearOnNewRun: true },
  );
  const [lapseHost, lapse] = useRenderer((el) => createTimeLapseStrip(el, { keep: 8 }), {
    clearOnNewRun: true,
  });
  const visible = useOnScreen(host);
  // Only GAN runs answer this probe; asking a classifier run would end it with an error.
  const ganRun = useAppStore((s) => runKindOf(s.runGraph) === 'gan');
  const ganInEditor = useAppStore((s) => s.ganGraphs !== null);
  const status = useAppStore((s) => s.status);
  const runId = useAppStore((s) => s.runId);
  const active = visible && ganRun;
  // A new run: forget the old run's read-out until its first grid arrives.
  useEffect(() => {
    setInfo(null);
    latest.current = null;
    lapse.current?.clear();
  }, [runId, lapse]);
  const count = info?.count ?? 64;
  const a = Math.min(ends.a, count - 1);
  const b = Math.min(ends.b, count - 1);
  const need = { kind: 'ganSamples', interpolate: { a, b, steps: INTERPOLATION_STEPS } } as const;
  useProbeNeed(need, active);

  const draw = (f: GanFrame): void => {
    const e = endsRef.current;
    grid.current?.update({
      count: f.count,
      h: f.h,
      w: f.w,
      channels: f.channels,
      pixels: f.pixels,
      cols: Math.ceil(Math.sqrt(f.count)),
      outlines: [
        { index: e.a, colour: START_COLOUR },
        { index: e.b, colour: END_COLOUR },
      ],
    });
  };
  useFrames('ganSamples', active, (f) => {
    const prev = latest.current;
    if (prev && f.step < prev.step) lapse.current?.clear(); // a new run started
    latest.current = f;
    draw(f);
    lapse.current?.push(f);
    setInfo({ step: f.step, count: f.count, diversity: f.diversity });
  });
  // Picking new ends: outline them now, and ask for the new path at once (a paused run is not polled).
  useEffect(() => {
    endsRef.current = { a, b };
    if (latest.current) draw(latest.current);
    if (active)
      requestProbeNow({ kind: 'ganSamples', interpolate: { a, b, steps: INTERPOLATION_STEPS } }, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- draw reads refs only
  }, [a, b, active]);

  return (
    <>
      {info ? (
        <p className="panel-note">
          Fixed-noise grid at step {info.step}. Click two samples (or type their numbers, 0–{count - 1}, row
          by row) to pick the interpolation&apos;s start (green) and end (red).
        </p>
      ) : (
        <p className="panel-note" role="status">
          {waitingNote(status, ganRun, ganInEditor)}
        </p>
      )}
      <div
        ref={host}
        className="panel-canvas-host"
        role="img"
        aria-label={`Generated samples, ${count} from fixed noise`}
      />
      <div className="panel-controls">
        <EndField
          label="Start sample"
          value={a}
          count={count}
          onChange={(v) => setEnds((e) => ({ ...e, a: v }))}
        />
        <EndField
          label="End sample"
          value={b}
          count={count}
          onChange={(v) => setEnds((e) => ({ ...e, b: v }))}
        />
      </div>
      <GanInterpolation active={active} a={a} b={b} />
      <h4 className="panel-subhead">Time-lapse</h4>
      <div ref={lapseHost} className="panel-canvas-host" />
      <GanBalance />
      <DiversityIndicator diversity={info ? info.diversity : null} />
    </>
  );
}

export function GanSamplesPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <GanBody />}</Panel>;
}
