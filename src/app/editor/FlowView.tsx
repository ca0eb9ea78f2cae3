/** The React Flow canvas itself: rendering, drop from the palette, connecting, deleting. Lives in a provider. */
import { useCallback, useEffect, useRef } from 'react';
import type { DragEvent } from 'react';
import { Background, ReactFlow, useReactFlow, useStore } from '@xyflow/react';
import type { Connection, Edge, Node, NodeTypes, EdgeTypes } from '@xyflow/react';
import { PALETTE_ORDER, defaultLayer } from '../../engine/graph/catalogue';
import { addNode, connect, disconnect, insertBetween, removeNodes } from '../../engine/graph/edit';
import { asNodeId } from '../../engine/graph/types';
import { placeFresh } from '../../engine/graph/layoutPlace';
import { nodeSize } from '../../engine/graph/layout';
import { useAppStore } from '../store';
import { LAYER_KIND_MIME, parseDroppedKind } from './appendLayer';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';
import { useFlowState } from './useFlowState';
import { useGraphAnalysis } from '../graphView/useGraphAnalysis';
import { useRevealNew } from './useRevealNew';
import type { GraphFit } from './useFitGraph';
import { MIN_ZOOM } from './useFitGraph';

const NODE_TYPES: NodeTypes = { layer: LayerNode };
const EDGE_TYPES: EdgeTypes = { shape: ShapeEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Control', 'Meta', 'Shift'];
/** The canvas has a size and React Flow's zoom is set up: a fit can be done. */
const selectReady = (s: { width: number; height: number; panZoom: unknown }): boolean =>
  s.width > 0 && s.height > 0 && s.panZoom !== null;

/** The id of the edge under a screen point, if any (dropping a layer there inserts it into the edge). */
function edgeAt(x: number, y: number): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const edge = el.closest('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id');
  }
  return null;
}

const selectViewKey = (s: { presetId: string; activeNetwork: string }): string =>
  `${s.presetId}/${s.activeNetwork}`;

const selectPaneSize = (s: { width: number; height: number }): string => `${s.width}×${s.height}`;

/**
 * From this many layers on, only the nodes and connections in view are in the page, drawn with fewer clip and
 * transform layers (editor.css, .flow-view--large). Every such layer on the canvas costs the browser's compositing
 * on each repaint, even of a character typed in the inspector: at 1,000 layers that was about 40 ms a frame.
 */
export const CULL_FROM_NODES = 200;

export function FlowView({ onStatus, view }: { onStatus: (message: string) => void; view: GraphFit }) {
  const graph = useAppStore((s) => s.graph);
  const viewKey = useAppStore(selectViewKey);
  const ready = useStore(selectReady);
  const paneSize = useStore(selectPaneSize);
  const { fit, fitted } = view;
  // The canvas changed size (the window, the dock, a GAN's settings row): a view that is still the last fit is
  // fitted again; one the user has panned or zoomed is left alone.
  useEffect(() => {
    if (ready && fitted.current) void fit();
  }, [paneSize, ready, fit, fitted]);
  const selection = useAppStore((s) => s.selection);
  const theme = useAppStore((s) => s.theme);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const analysis = useGraphAnalysis();
  const { nodes, edges, onNodesChange, onEdgesChange, clearEdgeSelection } = useFlowState(
    graph,
    analysis,
    selection,
  );
  const { screenToFlowPosition } = useReactFlow();
  const large = graph.nodes.length >= CULL_FROM_NODES;
  const paneRef = useRef<HTMLDivElement>(null);
  // The first view, and each preset or network swapped in, is fitted whole; a layer added out of sight is shown.
  useRevealNew(graph, paneRef, { viewKey, ready, fit });

  const onConnect = useCallback(
    (c: Connection) => {
      const r = connect(useAppStore.getState().graph, asNodeId(c.source), asNodeId(c.target));
      if (r.ok) {
        edit(() => r.graph);
        onStatus(`Connected ${c.source} to ${c.target}.`);
      } else onStatus(r.reason);
    },
    [edit, onStatus],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: Node[]; edges: Edge[] }) => {
      edit((g) => {
        let out = removeNodes(
          g,
          gone.map((n) => asNodeId(n.id)),
        );
        // Edges that were selected themselves (not just attached to a removed node) are cut too.
        for (const e of cut) if (out.edges.some((x) => x.id === e.id)) out = disconnect(out, e.id);
        return out;
      });
      clearEdgeSelection();
      if (gone.length > 0) onStatus(`Removed ${gone.map((n) => n.id).join(', ')}.`);
    },
    [edit, clearEdgeSelection, onStatus],
  );

  const onDragOver = useCallback((e: DragEvent<HTMLDivElement>) => {
    if (!e.dataTransfer.types.includes(LAYER_KIND_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent<HTMLDivElement>) => {
      const kind = parseDroppedKind(e.dataTransfer.getData(LAYER_KIND_MIME), PALETTE_ORDER);
      if (!kind) return;
      e.preventDefault();
      const g = useAppStore.getState().graph;
      const layer = defaultLayer(kind);
      const edgeId = kind === 'input' ? null : edgeAt(e.clientX, e.clientY);
      const inserted = edgeId ? insertBetween(g, edgeId, layer) : null;
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // A block dropped on the canvas is centred on the pointer.
      const size = nodeSize(kind);
      const r = inserted
        ? { graph: placeFresh(g, inserted.graph), id: inserted.id }
        : addNode(g, layer, { x: Math.round(p.x - size.width / 2), y: Math.round(p.y - size.height / 2) });
      edit(() => r.graph);
      select([r.id]);
      onStatus(inserted ? `Inserted ${r.id} into the connection.` : `Added ${r.id}.`);
    },
    [edit, select, screenToFlowPosition, onStatus],
  );

  return (
    <div
      className={large ? 'flow-view flow-view--large' : 'flow-view'}
      ref={paneRef}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        colorMode={theme}
        minZoom={MIN_ZOOM}
        onMoveStart={view.onMoveStart}
        onlyRenderVisibleElements={large}
        proOptions={{ hideAttribution: true }}
        aria-label="Network graph"
      >
        <Background gap={24} />
      </ReactFlow>
    </div>
  );
}
