/**
 * "Convolution step": one output cell of a conv, pooling or dense layer computed by hand from the layer's real input
 * and trained weights (the layerIO probe), for the sample Activation maps shows. A click on a map there picks the
 * cell; so do the fields here and a click on the input picture (the cell whose window covers that point), and the
 * arrow keys step one output cell (one stride of input cells) at a time. The first cell shown is the middle one, whose
 * window lies inside the image. Fields count from 1; the pick in the store stays 0-based.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NodeId } from '../../engine/graph/types';
import type { LayerIOResult } from '../../engine/train/probes/types';
import { createConvStep } from '../../visualizers/convStep';
import { useAppStore } from '../store';
import type { ConvStepPick } from '../store/types';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import {
  arrowStep,
  CENTRE,
  cellCovering,
  centred,
  clampInt,
  stepBounds,
  stepModel,
  type StepBounds,
} from './convStepModel';
import { frameBus } from '../frames/frameBus';
import { inspectableLayers } from './convStepPick';
import { caveatText, introText } from './convStepWords';
import { nodeLabel, useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Convolution step';

/** A field counting from 1 (what it shows is the 0-based pick + 1); empty while the value is not known yet. */
function NumberField(props: {
  label: string;
  value: number | null;
  max: number;
  onChange: (v: number) => void;
}) {
  return (
    <label className="panel-control">
      {props.label}{' '}
      <input
        type="number"
        min={1}
        max={props.max}
        value={props.value ?? ''}
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
        ? { node: first.id, index: 0, y: CENTRE, x: CENTRE }
        : null;
  const [note, setNote] = useState<string | null>(null);
  // A click on the input picture: the output cell whose window covers that input cell (refs: made once).
  const onInputClick = (cell: { y: number; x: number } | null): void => {
    const f = frame.current;
    const p = latestPick.current;
    if (!f || !p || f.node !== p.node) return;
    if (!cell) {
      setNote('That is padding around the image: click inside the picture.');
      return;
    }
    const at = `Input row ${cell.y + 1}, column ${cell.x + 1}`;
    const to = cellCovering(f, cell.y, cell.x);
    if (!to) {
      setNote(`${at}: no output cell's window covers it (the stride steps over it).`);
      return;
    }
    setNote(`${at}: shown by output row ${to.y + 1}, column ${to.x + 1}.`);
    setPick({ ...p, ...to });
  };
  const clickRef = useRef(onInputClick);
  clickRef.current = onInputClick;
  const [host, r] = useRenderer((el) => createConvStep(el, { onInputClick: (c) => clickRef.current(c) }), {
    clearOnNewRun: true,
  });
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
  // The cell on screen: the middle one until one is chosen.
  const at = pick && shown ? centred(pick, shown) : pick;
  const set = (patch: Partial<ConvStepPick>): void => {
    if (!at) return;
    setNote(null);
    const next = { ...at, ...patch };
    setPick(
      shown
        ? {
            ...next,
            index: clampInt(next.index, shown.maps),
            y: clampInt(next.y, shown.rows),
            x: clampInt(next.x, shown.cols),
          }
        : { ...next, index: Math.max(0, next.index), y: Math.max(0, next.y), x: Math.max(0, next.x) },
    );
  };
  const onKey = (e: React.KeyboardEvent): void => {
    if (!shown || !at) return;
    if (dense) {
      const d =
        e.key === 'ArrowRight' || e.key === 'ArrowDown'
          ? 1
          : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
            ? -1
            : 0;
      if (d === 0) return;
      e.preventDefault();
      set({ index: at.index + d });
      return;
    }
    const to = arrowStep(e.key, at.y, at.x, shown);
    if (!to) return;
    e.preventDefault();
    set(to);
  };
  if (!pick || !at)
    return (
      <p className="panel-note">This network has no convolution, pooling or dense layer to step through.</p>
    );
  return (
    <>
      <p className="panel-note">{introText(layers.map((l) => l.layer.kind))}</p>
      <p className="panel-note">{caveatText(layers.map((l) => l.layer.kind))}</p>
      <div className="panel-controls">
        <label className="panel-control">
          Layer to inspect{' '}
          <select
            value={pick.node}
            onChange={(e) => {
              setNote(null);
              setPick({ node: e.target.value as NodeId, index: 0, y: CENTRE, x: CENTRE });
            }}
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
          value={at.index + 1}
          max={shown?.maps ?? 1}
          onChange={(v) => set({ index: v - 1 })}
        />
        {!dense && (
          <>
            <NumberField
              label="Output row"
              value={at.y === CENTRE ? null : at.y + 1}
              max={shown?.rows ?? 1}
              onChange={(v) => set({ y: v - 1 })}
            />
            <NumberField
              label="Output column"
              value={at.x === CENTRE ? null : at.x + 1}
              max={shown?.cols ?? 1}
              onChange={(v) => set({ x: v - 1 })}
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
      {note !== null && (
        <p className="panel-note" role="status">
          {note}
        </p>
      )}
    </>
  );
}

export function ConvStepPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <ConvStepBody />}</Panel>;
}
