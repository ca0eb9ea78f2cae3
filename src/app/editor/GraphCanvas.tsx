/**
 * The graph editor: a region named "Graph" with the network tabs (for GANs), the toolbar and the React Flow canvas.
 * The flow view is derived from the store's graph; every change goes through `edit`, so undo covers it. While the
 * view moves to fit the graph the region is aria-busy (what tests wait on before they point at a node).
 */
import { useState } from 'react';
import { ReactFlowProvider, useStoreApi } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { autoLayout } from '../../engine/graph/edit';
import { useAppStore } from '../store';
import { FlowView } from './FlowView';
import type { FitGraph, GraphFit } from './useFitGraph';
import { layoutTarget, useFitGraph } from './useFitGraph';
import { useUndoKeys } from './useUndoKeys';
import './editor.css';

/** "Fit view" and the fits after a layout glide there. */
const FIT_DURATION = 200;

function NetworkTabs() {
  const gan = useAppStore((s) => s.ganGraphs !== null);
  const active = useAppStore((s) => s.activeNetwork);
  const setActive = useAppStore((s) => s.setActiveNetwork);
  if (!gan) return null;
  const tabs = [
    { id: 'generator', label: 'Generator' },
    { id: 'discriminator', label: 'Discriminator' },
  ] as const;
  return (
    <div className="graph-tabs" role="tablist" aria-label="Network">
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          data-network={t.id}
          aria-selected={active === t.id}
          tabIndex={active === t.id ? 0 : -1}
          className="graph-tabs__tab"
          onClick={() => setActive(t.id)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End')
              return;
            e.preventDefault();
            const other = t.id === 'generator' ? 'discriminator' : 'generator';
            const next = e.key === 'Home' ? 'generator' : e.key === 'End' ? 'discriminator' : other;
            setActive(next);
            // The ARIA tabs pattern: focus follows the selected tab (the old one is out of the Tab order now).
            e.currentTarget.parentElement
              ?.querySelector<HTMLButtonElement>(`[data-network="${next}"]`)
              ?.focus();
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

function Toolbar({ onStatus, fit }: { onStatus: (m: string) => void; fit: FitGraph }) {
  const store = useStoreApi();
  const edit = useAppStore((s) => s.edit);
  const newGraph = useAppStore((s) => s.newGraph);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const canUndo = useAppStore((s) => s.past.length > 0);
  const canRedo = useAppStore((s) => s.future.length > 0);
  const fitSoon = (): void => void fit({ duration: FIT_DURATION });
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
      <button
        type="button"
        onClick={() => {
          newGraph();
          onStatus('Started a new graph with one Input block.');
          fitSoon();
        }}
      >
        New graph
      </button>
      <button
        type="button"
        onClick={() => {
          // Lay out for this canvas's shape (the presets are laid out for a 1366×768 window).
          const { width, height } = store.getState();
          edit((g) =>
            width > 0 && height > 0 ? autoLayout(g, layoutTarget({ width, height })) : autoLayout(g),
          );
          fitSoon();
        }}
      >
        Auto layout
      </button>
      <button type="button" onClick={fitSoon}>
        Fit view
      </button>
      <button type="button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z">
        Undo
      </button>
      <button type="button" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z Control+Y">
        Redo
      </button>
    </div>
  );
}

function GraphRegion() {
  const [status, setStatus] = useState('');
  const [fitting, setFitting] = useState(false);
  const view: GraphFit = useFitGraph(setFitting);
  return (
    <section className="graph-canvas" role="region" aria-label="Graph" aria-busy={fitting}>
      <div className="graph-canvas__bar">
        <NetworkTabs />
        <Toolbar onStatus={setStatus} fit={view.fit} />
      </div>
      <FlowView onStatus={setStatus} view={view} />
      <p className="graph-canvas__status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}

export function GraphCanvas() {
  useUndoKeys();
  return (
    <ReactFlowProvider>
      <GraphRegion />
    </ReactFlowProvider>
  );
}
