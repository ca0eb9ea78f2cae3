/**
 * "Compare runs": the runs ticked in Runs side by side, each as a card with what changed, its best validation
 * accuracy, its first layer's kernels and the activation maps of the same test image when it stopped (the record's
 * snapshot) — the notes' 3×3 vs 10×10 picture made with the user's own runs. Needs no probe: it draws records.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { receptiveWindows, spatialChain } from '../../engine/graph/receptiveField';
import type { RunRecord, RunSnapshot } from '../../engine/runs/record';
import { createActivationMaps } from '../../visualizers/activationMaps';
import { createKernelGrid } from '../../visualizers/kernelGrid';
import { useAppStore } from '../store';
import type { AppState } from '../store/types';
import { Panel, usePanelCollapsed } from './Panel';
import { nodeLabel, useRenderer } from './usePanelFrames';

const NAME = 'Compare runs';
/** Cards shown at most: more would make each too narrow to read. */
export const MAX_COMPARED = 4;
/** Kernels wrap into bands so each is at least this wide on screen, readable on a projector in a narrow card. */
const MIN_KERNEL_PX = 48;

/** The accessible name of a run's card. */
export const compareCardName = (runName: string): string => `Kernels and maps of ${runName}`;

const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(2)}%`);

/** The ticked runs that still exist, in the order they were ticked. */
const selectTicked = (s: AppState): RunRecord[] =>
  s.selectedRunIds.flatMap((id) => s.records.filter((r) => r.id === id));

/** The run's kernels and maps; the renderers live as long as the card and redraw when the snapshot changes. */
function SnapshotView({ record, snapshot }: { record: RunRecord; snapshot: RunSnapshot }) {
  const graph = useRef(record.graph);
  graph.current = record.graph;
  const label = (id: string): string => nodeLabel(graph.current, id);
  const [kernelHost, kernels] = useRenderer((el) =>
    createKernelGrid(el, { label, minKernelPx: MIN_KERNEL_PX }),
  );
  const [mapHost, maps] = useRenderer((el) =>
    createActivationMaps(el, {
      label,
      onPick: (node, channel, y, x) => {
        const chain = spatialChain(graph.current, node);
        const windows = chain ? receptiveWindows(chain.steps, chain.input, y, x) : [];
        maps.current?.highlight({ node, channel, y, x }, windows);
      },
    }),
  );
  useEffect(() => {
    if (snapshot.kernels) kernels.current?.update({ gradients: false, layers: [snapshot.kernels] });
    maps.current?.update({ input: snapshot.input, layers: snapshot.layers });
  }, [snapshot, kernels, maps]);
  return (
    <>
      <p className="compare__when">
        At step {snapshot.step.toLocaleString('en-US')}, test image {snapshot.sampleIndex}
      </p>
      <h5 className="compare__subhead">First-layer kernels</h5>
      {snapshot.kernels ? (
        <div ref={kernelHost} className="panel-canvas-host compare__kernels" />
      ) : (
        <p className="panel-note">No convolution layer: this network has no kernels to show.</p>
      )}
      <h5 className="compare__subhead">Activation maps</h5>
      <div ref={mapHost} className="panel-canvas-host compare__maps" />
    </>
  );
}

function RunCard({ record }: { record: RunRecord }) {
  const snap = record.snapshot;
  return (
    <div role="group" aria-label={compareCardName(record.name)} className="compare__card">
      <div className="compare__head">
        <h4 className="compare__name">{record.name}</h4>
        <span className="compare__acc">Best val acc {pct(record.bestValAccuracy)}</span>
      </div>
      <p className="compare__changes">
        {record.changes.length > 0 ? record.changes.join('; ') : 'no change'}
      </p>
      {snap === undefined ? (
        <p className="panel-note">The picture is taken when the run pauses or ends.</p>
      ) : snap === null ? (
        <p className="panel-note">No picture: this run was recorded before pictures were kept.</p>
      ) : (
        <SnapshotView key={record.id} record={record} snapshot={snap} />
      )}
    </div>
  );
}

function CompareBody() {
  const ticked = useAppStore(useShallow(selectTicked));
  if (ticked.length < 2)
    return (
      <p className="panel-note">
        Tick two or more runs in Runs (the boxes “Show Run N in Loss”) to see their kernels and activation
        maps side by side.
      </p>
    );
  const shown = ticked.slice(0, MAX_COMPARED);
  return (
    <>
      <p className="panel-note">Kernels: blue negative, red positive, each run on its own scale.</p>
      {ticked.length > MAX_COMPARED ? (
        <p className="panel-note">
          Showing the first {MAX_COMPARED} of the {ticked.length} ticked runs.
        </p>
      ) : null}
      <div
        className="compare__cards"
        style={{ gridTemplateColumns: `repeat(${shown.length}, minmax(0, 1fr))` }}
      >
        {shown.map((r) => (
          <RunCard key={r.id} record={r} />
        ))}
      </div>
    </>
  );
}

export function CompareRunsPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <CompareBody />}</Panel>;
}
