/**
 * "Side by side": the runs ticked in Runs side by side, each as a card with what changed, its best validation
 * accuracy, its first layer's kernels and the activation maps of the same test image when it stopped (the record's
 * snapshot) — the notes' 3×3 vs 10×10 picture made with the user's own runs. A GAN run's card shows its generator's
 * fixed-noise samples and its discriminator's kernels instead. Needs no probe: it draws records.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { receptiveWindows, spatialChain } from '../../engine/graph/receptiveField';
import type { Graph } from '../../engine/graph/types';
import type { RunRecord, RunSamples, RunSnapshot } from '../../engine/runs/record';
import type { KernelSet, MapStack } from '../../engine/train/probes/types';
import { createActivationMaps } from '../../visualizers/activationMaps';
import { createImageGrid } from '../../visualizers/imageGrid';
import { createKernelGrid } from '../../visualizers/kernelGrid';
import { useAppStore } from '../store';
import type { AppState } from '../store/types';
import { Panel, usePanelCollapsed } from './Panel';
import { nodeLabel, useRenderer } from './usePanelFrames';

const NAME = 'Side by side';
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

/** A kernel set, named from `graph`; the renderer lives as long as the view and redraws when `kernels` changes. */
function KernelsView({ graph, kernels }: { graph: Graph; kernels: KernelSet }) {
  const g = useRef(graph);
  g.current = graph;
  const [host, grid] = useRenderer((el) =>
    createKernelGrid(el, { label: (id) => nodeLabel(g.current, id), minKernelPx: MIN_KERNEL_PX }),
  );
  useEffect(() => grid.current?.update({ gradients: false, layers: [kernels] }), [kernels, grid]);
  return <div ref={host} className="panel-canvas-host compare__kernels" />;
}

/** The test image's maps; a click outlines the cell's receptive field in the layers before it. */
function MapsView({ graph, input, layers }: { graph: Graph; input: MapStack; layers: readonly MapStack[] }) {
  const g = useRef(graph);
  g.current = graph;
  const [host, maps] = useRenderer((el) =>
    createActivationMaps(el, {
      label: (id) => nodeLabel(g.current, id),
      onPick: (node, channel, y, x) => {
        const chain = spatialChain(g.current, node);
        const windows = chain ? receptiveWindows(chain.steps, chain.input, y, x) : [];
        maps.current?.highlight({ node, channel, y, x }, windows);
      },
    }),
  );
  useEffect(() => maps.current?.update({ input, layers }), [input, layers, maps]);
  return <div ref={host} className="panel-canvas-host compare__maps" />;
}

/** A GAN run's fixed-noise samples. */
function SamplesView({ samples }: { samples: RunSamples }) {
  const [host, grid] = useRenderer((el) => createImageGrid(el, { scale: 3 }));
  useEffect(() => grid.current?.update(samples), [samples, grid]);
  return (
    <div
      ref={host}
      className="panel-canvas-host compare__samples"
      role="img"
      aria-label={`Generated samples, ${samples.count} from fixed noise`}
    />
  );
}

/**
 * The run's kernels and maps, or a GAN run's samples and its discriminator's kernels. The renderers live as long as
 * the card and redraw when the snapshot changes.
 */
function SnapshotView({ record, snapshot }: { record: RunRecord; snapshot: RunSnapshot }) {
  const samples = snapshot.samples;
  // A GAN run's kernels are its discriminator's: their names come from that network.
  const kernelGraph = record.gan?.discriminator ?? record.graph;
  return (
    <>
      <p className="compare__when">
        At step {snapshot.step.toLocaleString('en-US')},{' '}
        {samples ? 'the same fixed noise for every run' : `test image ${snapshot.sampleIndex}`}
      </p>
      <h5 className="compare__subhead">
        {samples ? "Discriminator's first-layer kernels" : 'First-layer kernels'}
      </h5>
      {snapshot.kernels ? (
        <KernelsView graph={kernelGraph} kernels={snapshot.kernels} />
      ) : (
        <p className="panel-note">No convolution layer: this network has no kernels to show.</p>
      )}
      {samples ? (
        <>
          <h5 className="compare__subhead">Generated samples</h5>
          <SamplesView samples={samples} />
        </>
      ) : snapshot.input ? (
        <>
          <h5 className="compare__subhead">Activation maps</h5>
          <MapsView graph={record.graph} input={snapshot.input} layers={snapshot.layers} />
        </>
      ) : null}
    </>
  );
}

const num = (x: number | null | undefined, digits: number): string =>
  x === null || x === undefined ? '—' : x.toFixed(digits);

/** The last value of a curve that has one. */
function lastValue(xs: readonly (number | null)[] | undefined): number | null {
  for (let i = (xs?.length ?? 0) - 1; i >= 0; i--) if (xs![i] !== null) return xs![i]!;
  return null;
}

/** The card's headline number: best validation accuracy, or a GAN run's last D and G losses (it has no accuracy). */
function headline(r: RunRecord): string {
  const g = r.curves.gan;
  if (!r.gan || !g) return `Best val acc ${pct(r.bestValAccuracy)}`;
  return `D loss ${num(lastValue(g.dLoss), 3)} · G loss ${num(lastValue(g.gLoss), 3)}`;
}

function RunCard({ record }: { record: RunRecord }) {
  const snap = record.snapshot;
  return (
    <div role="group" aria-label={compareCardName(record.name)} className="compare__card">
      <div className="compare__head">
        <h4 className="compare__name">{record.name}</h4>
        <span className="compare__acc">{headline(record)}</span>
      </div>
      <p className="compare__changes">
        {record.changes.length > 0 ? record.changes.join('; ') : 'no change'}
      </p>
      {snap === undefined ? (
        <p className="panel-note">The picture is taken when the run pauses or ends.</p>
      ) : snap === null ? (
        <p className="panel-note">
          No picture: this run was recorded before pictures were kept, or its model was reset or replaced
          before one was taken.
        </p>
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
