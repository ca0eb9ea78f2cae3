/**
 * "Convolution step": one output cell of a conv, pooling or dense layer computed by hand from the layer's real input
 * and trained weights (the layerIO probe), for the sample Activation maps shows. A click on a map there picks the
 * cell; so do the fields here, and the arrow keys step one output cell (one stride of input cells) at a time.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NodeId } from '../../engine/graph/types';
import type { LayerIOResult } from '../../engine/train/probes/types';
import { createConvStep } from '../../visualizers/convStep';
import { useAppStore } from '../store';
import type { ConvStepPick } from '../store/types';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { arrowStep, clampInt, stepBounds, stepModel, type StepBounds } from './convStepModel';
import { frameBus } from '../frames/frameBus';
import { inspectableLayers } from './convStepPick';
import { nodeLabel, useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Convolution step';

function NumberField(props: { label: string; value: number; max: number; onChange: (v: number) => void }) {
  return (
    <label className="panel-control">
      {props.label}{' '}
      <input
        type="number"
        min={props.label === 'Output row' || props.label === 'Output column' ? 0 : 1}
        max={props.max}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
        style={{ width: '4.5em' }}
      />
    </label>
  );
}

function ConvStepBody() {
  const graph = useAppStore((s) => s.runGraph ?? s.graph);
  const layers = useMemo(() => inspectableLayers(graph), [graph]);
  const stored = useAppStore((s) => s.convStep);
  const setPick = useAppStore((s) => s.setConvStep);
  const first = layers[0];
  const pick: ConvStepPick | null =
    stored && layers.some((l) => l.id === stored.node)
      ? stored
      : first
        ? { node: first.id, index: 0, y: 0, x: 0 }
        : null;
  const [host, r] = useRenderer((el) => createConvStep(el), { clearOnNewRun: true });
  const active = useOnScreen(host) && pick !== null;
  useProbeNeed(pick ? { kind: 'layerIO', node: pick.node } : null, active);
  // The probe's frame stays out of React state (it can be megabytes); only the layer's bounds are state.
  const frame = useRef<LayerIOResult | null>(null);
  const [bounds, setBounds] = useState<StepBounds | null>(null);
  const latestPick = useRef(pick);
  latestPick.current = pick;
  const redraw = useCallback((): void => {
    const f = frame.current;
    const p = latestPick.current;
    const m = f && p && f.node === p.node ? stepModel(f, p, latestGraph.current) : null;
    if (m) r.current?.update({ view: m.view, lines: m.lines });
  }, [r]);
  const latestGraph = useRef(graph);
  latestGraph.current = graph;
  useFrames('layerIO', active, (f) => {
    if (f.node !== latestPick.current?.node) return;
    frame.current = f;
    const b = stepBounds(f);
    setBounds((old) => (old && old.maps === b.maps && old.rows === b.rows && old.cols === b.cols ? old : b));
    redraw();
  });
  useEffect(() => frameBus.onClear(() => (frame.current = null)), []);
  useEffect(() => {
    if (frame.current && frame.current.node !== pick?.node) setBounds(null);
    redraw();
  }, [pick?.node, pick?.index, pick?.y, pick?.x, redraw]);
  const shown = frame.current?.node === pick?.node ? bounds : null;
  const dense = layers.find((l) => l.id === pick?.node)?.layer.kind === 'dense';
  const set = (patch: Partial<ConvStepPick>): void => {
    if (!pick) return;
    const next = { ...pick, ...patch };
    setPick(
      shown
        ? {
            ...next,
            index: clampInt(next.index, shown.maps),
            y: clampInt(next.y, shown.rows),
            x: clampInt(next.x, shown.cols),
          }
        : next,
    );
  };
  const onKey = (e: React.KeyboardEvent): void => {
    if (!shown || !pick) return;
    if (dense) {
      const d =
        e.key === 'ArrowRight' || e.key === 'ArrowDown'
          ? 1
          : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
            ? -1
            : 0;
      if (d === 0) return;
      e.preventDefault();
      set({ index: pick.index + d });
      return;
    }
    const to = arrowStep(e.key, pick.y, pick.x, shown);
    if (!to) return;
    e.preventDefault();
    set(to);
  };
  if (!pick)
    return (
      <p className="panel-note">This network has no convolution, pooling or dense layer to step through.</p>
    );
  return (
    <>
      <p className="panel-note">
        One output number computed by hand: the filter&apos;s trained weights times the input window they
        cover, added up, plus the bias, through the activation. Click a map in Activation maps, or choose a
        cell here, and use the arrow keys on the picture to slide the window one stride at a time.
      </p>
      <p className="panel-note">
        Caveat: this is one cell of one image; what a filter responds to in general shows better across many
        cells and images (Activation maps, Feature visualization).
      </p>
      <div className="panel-controls">
        <label className="panel-control">
          Layer to inspect{' '}
          <select
            value={pick.node}
            onChange={(e) => setPick({ node: e.target.value as NodeId, index: 0, y: 0, x: 0 })}
          >
            {layers.map((l) => (
              <option key={l.id} value={l.id}>
                {nodeLabel(graph, l.id)}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label={dense ? 'Unit' : 'Filter or channel'}
          value={pick.index + 1}
          max={shown?.maps ?? 1}
          onChange={(v) => set({ index: v - 1 })}
        />
        {!dense && (
          <>
            <NumberField
              label="Output row"
              value={pick.y}
              max={(shown?.rows ?? 1) - 1}
              onChange={(v) => set({ y: v })}
            />
            <NumberField
              label="Output column"
              value={pick.x}
              max={(shown?.cols ?? 1) - 1}
              onChange={(v) => set({ x: v })}
            />
          </>
        )}
      </div>
      {!shown && (
        <p className="panel-note">Waiting for the layer&apos;s numbers (train or step the network).</p>
      )}
      <div
        ref={host}
        className="panel-canvas-host"
        tabIndex={0}
        role="group"
        aria-label={
          dense ? 'Unit picture: arrow keys choose the unit' : 'Cell picture: arrow keys move the window'
        }
        onKeyDown={onKey}
      />
    </>
  );
}

export function ConvStepPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <ConvStepBody />}</Panel>;
}
