/** The React Flow canvas itself: rendering, drop from the palette, connecting, deleting. Lives in a provider. */
import { useCallback, useRef } from 'react';
import type { DragEvent } from 'react';
import { Background, ReactFlow, useReactFlow } from '@xyflow/react';
import type { Connection, Edge, Node, NodeTypes, EdgeTypes } from '@xyflow/react';
import { PALETTE_ORDER, defaultLayer } from '../../engine/graph/catalogue';
import { addNode, connect, disconnect, insertBetween, removeNodes } from '../../engine/graph/edit';
import { asNodeId } from '../../engine/graph/types';
import { useAppStore } from '../store';
import { LAYER_KIND_MIME, parseDroppedKind } from './appendLayer';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';
import { useFlowState } from './useFlowState';
import { useGraphAnalysis } from './useGraphAnalysis';
import { useRevealNew } from './useRevealNew';

const NODE_TYPES: NodeTypes = { layer: LayerNode };
const EDGE_TYPES: EdgeTypes = { shape: ShapeEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Control', 'Meta', 'Shift'];
/** Half a node's usual size, so a dropped node is centred on the pointer. */
const DROP_OFFSET = { x: 90, y: 30 };
/**
 * The first view: fit the graph, but never below 0.6 zoom, where node text (9–11 px) would be too small to read. A
 * graph that does not fit at 0.6 (the default CNN at 1280×720) opens centred with its ends just out of view, to be
 * panned; the "Fit view" button still shows all of it.
 */
const INITIAL_FIT = { padding: 0.2, minZoom: 0.6, maxZoom: 1.2 } as const;

/** The id of the edge under a screen point, if any (dropping a layer there inserts it into the edge). */
function edgeAt(x: number, y: number): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const edge = el.closest('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id');
  }
  return null;
}

export function FlowView({ onStatus }: { onStatus: (message: string) => void }) {
  const graph = useAppStore((s) => s.graph);
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
  const paneRef = useRef<HTMLDivElement>(null);
  useRevealNew(graph, paneRef);

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
      const r =
        inserted ??
        addNode(g, layer, { x: Math.round(p.x - DROP_OFFSET.x), y: Math.round(p.y - DROP_OFFSET.y) });
      edit(() => r.graph);
      select([r.id]);
      onStatus(inserted ? `Inserted ${r.id} into the connection.` : `Added ${r.id}.`);
    },
    [edit, select, screenToFlowPosition, onStatus],
  );

  return (
    <div className="flow-view" ref={paneRef} onDragOver={onDragOver} onDrop={onDrop}>
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
        fitView
        fitViewOptions={INITIAL_FIT}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
        aria-label="Network graph"
      >
        <Background gap={24} />
      </ReactFlow>
    </div>
  );
}
