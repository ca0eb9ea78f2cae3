import { describe, expect, it } from 'vitest';
import { defaultLayer } from '../../engine/graph/catalogue';
import { appendAfter, chain, isConnected, outputNode, removeNodes } from '../../engine/graph/edit';
import { nodeSize } from '../../engine/graph/layout';
import { asNodeId } from '../../engine/graph/types';
import type { Graph } from '../../engine/graph/types';
import type { GraphIssue } from '../../engine/graph/issues';
import { summaryIssues } from '../graphView/issueScope';
import { appendAnchor, appendLayer, parseDroppedKind } from './appendLayer';
import { keyParams } from './keyParams';
import { analyse } from '../graphView/useGraphAnalysis';
import { ISSUES_Z, toFlowEdges, toFlowNodes } from './toFlow';
import { commitMoves, nextSelection } from './useFlowState';
import { isTypingTarget, undoKeyOf } from './useUndoKeys';
import { freshNode, fullyVisible } from './useRevealNew';
import { menuKeyTarget } from './ShapeEdge';

const ctx = { imageShape: [28, 28, 1], classes: 10 };
const small: Graph = chain('classifier', [
  defaultLayer('input'),
  { ...defaultLayer('conv2d'), kernel: [5, 5], padding: 'same' },
  defaultLayer('maxPool2d'),
  defaultLayer('flatten'),
  { ...defaultLayer('dense'), units: 10, activation: 'softmax' },
]);

describe('keyParams', () => {
  it('summarises a conv as kernel, stride, padding and filters', () => {
    expect(keyParams({ ...defaultLayer('conv2d'), kernel: [5, 5], stride: [1, 1], padding: 'same' })).toBe(
      '5×5 /1 same · 8 filters · ReLU',
    );
    expect(
      keyParams({ ...defaultLayer('conv2d'), kernel: [3, 5], stride: [2, 1], padding: { explicit: 2 } }),
    ).toBe('3×5 /2×1 pad 2 · 8 filters · ReLU');
    expect(keyParams(defaultLayer('maxPool2d'))).toBe('2×2 /2 valid');
    expect(keyParams({ ...defaultLayer('activation'), fn: 'leakyRelu', alpha: 0.2 })).toBe(
      'Leaky ReLU α 0.2',
    );
    expect(keyParams(defaultLayer('flatten'))).toBe('');
  });
});

describe('toFlow', () => {
  it('labels nodes with their output shape and edges with the tensor they carry', () => {
    const a = analyse(small, ctx);
    const nodes = toFlowNodes(small, a, new Set([asNodeId('conv2d_1')]));
    expect(nodes.map((n) => n.ariaLabel)).toEqual([
      'Input input_1',
      'Conv2D conv2d_1',
      'MaxPool2D max_pool_1',
      'Flatten flatten_1',
      'Dense dense_1',
    ]);
    expect(nodes.find((n) => n.id === 'conv2d_1')?.selected).toBe(true);
    expect(nodes.find((n) => n.id === 'input_1')?.selected).toBe(false);
    const edges = toFlowEdges(small, a, new Set());
    expect(edges.map((e) => e.data?.shape)).toEqual(['28×28×1', '28×28×8', '14×14×8', '1568']);
  });
  it('raises a node with an error above the rest and opens its issues; other nodes stay closed', () => {
    const broken = removeNodes(small, [asNodeId('flatten_1')]);
    const nodes = toFlowNodes(broken, analyse(broken, ctx), new Set());
    const dense = nodes.find((n) => n.id === 'dense_1');
    expect(dense?.data.showIssues).toBe(true);
    expect(dense?.zIndex).toBe(ISSUES_Z);
    expect(nodes.filter((n) => n.data.showIssues)).toHaveLength(1);
    // Every node is drawn at the size the layout reserved for it.
    for (const n of nodes)
      expect({ width: n.width, height: n.height }).toEqual(nodeSize(n.data.node.layer.kind));
    const edges = toFlowEdges(broken, analyse(broken, ctx), new Set());
    expect(edges.every((e) => e.markerEnd !== undefined)).toBe(true);
  });
  it('marks an unknown shape with ?', () => {
    const broken = { ...small, edges: small.edges.filter((e) => e.target !== 'max_pool_1') };
    const a = analyse(broken, ctx);
    const edges = toFlowEdges(broken, a, new Set());
    expect(edges.find((e) => e.source === 'max_pool_1')?.data?.shape).toBe('?');
  });
});

describe('appendLayer', () => {
  it('appends after the selected node and keeps the chain connected', () => {
    const r = appendLayer(small, 'dropout', [asNodeId('max_pool_1')]);
    expect(isConnected(r.graph)).toBe(true);
    expect(r.graph.edges.some((e) => e.source === 'max_pool_1' && e.target === r.id)).toBe(true);
    expect(r.graph.edges.some((e) => e.source === r.id && e.target === 'flatten_1')).toBe(true);
  });
  it('appends after the output node when nothing is selected, or after a lone Input', () => {
    expect(appendAnchor(small, [])).toBe('dense_1');
    expect(appendAnchor(small, [asNodeId('gone')])).toBe('dense_1');
    const lone: Graph = chain('classifier', [defaultLayer('input')]);
    const r = appendLayer(lone, 'conv2d', []);
    expect(r.graph.edges).toEqual([{ id: `input_1->${r.id}`, source: 'input_1', target: r.id }]);
    // It goes on to the right, on the Input's line, not below it.
    const [input, conv] = r.graph.nodes;
    expect(conv?.position.x).toBeGreaterThan((input?.position.x ?? 0) + nodeSize('input').width);
    expect((conv?.position.y ?? 0) + nodeSize('conv2d').height / 2).toBe(
      (input?.position.y ?? 0) + nodeSize('input').height / 2,
    );
  });
  it('adds a node on its own in an empty graph', () => {
    const empty: Graph = { version: 1, role: 'classifier', nodes: [], edges: [] };
    const r = appendLayer(empty, 'input', []);
    expect(r.graph.nodes).toHaveLength(1);
  });
  it('accepts only known layer kinds from a drop', () => {
    expect(parseDroppedKind('conv2d', ['conv2d', 'dense'])).toBe('conv2d');
    expect(parseDroppedKind('<script>', ['conv2d'])).toBeNull();
    expect(parseDroppedKind('', ['conv2d'])).toBeNull();
  });
});

describe('flow state helpers', () => {
  it('commits finished moves as one edit and skips unchanged positions', () => {
    const moved = commitMoves(small, new Map([['conv2d_1', { x: 500, y: 7 }]]));
    expect(moved.nodes.find((n) => n.id === 'conv2d_1')?.position).toEqual({ x: 500, y: 7 });
    const same = small.nodes[0]!;
    expect(commitMoves(small, new Map([[same.id, { ...same.position }]]))).toBe(small);
  });
  it('applies select changes to the selection', () => {
    expect(nextSelection(['a'], [{ id: 'b', selected: true }])).toEqual(['a', 'b']);
    expect(nextSelection(['a', 'b'], [{ id: 'a', selected: false }])).toEqual(['b']);
  });
});

describe('undo keys', () => {
  const k = (
    key: string,
    mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
  ) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });
  it('maps Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y', () => {
    expect(undoKeyOf(k('z', { ctrlKey: true }))).toBe('undo');
    expect(undoKeyOf(k('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(undoKeyOf(k('y', { ctrlKey: true }))).toBe('redo');
    expect(undoKeyOf(k('z', { metaKey: true }))).toBe('undo');
    expect(undoKeyOf(k('z'))).toBeNull();
    expect(undoKeyOf(k('x', { ctrlKey: true }))).toBeNull();
  });
  it('ignores targets that are not elements', () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('revealing a new layer', () => {
  it('finds the one node an edit added, and nothing when a whole graph was swapped in', () => {
    const before = new Set(small.nodes.map((n) => n.id));
    const added = appendLayer(small, 'dropout', [asNodeId('conv2d_1')]);
    expect(freshNode(before, added.graph)).toBe(added.id);
    expect(freshNode(before, small)).toBeNull();
    // Two quick additions rendered together: the newest is revealed.
    const first = appendAfter(small, outputNode(small)!, defaultLayer('dropout'));
    const second = first && appendAfter(first.graph, first.id, defaultLayer('dense'));
    if (!second) throw new Error('append failed');
    expect(freshNode(before, second.graph)).toBe(second.id);
    const other = chain('classifier', [
      defaultLayer('input'),
      defaultLayer('flatten'),
      defaultLayer('dense'),
    ]);
    expect(freshNode(before, other)).toBeNull();
  });

  it('calls a node visible only when its whole box is inside the pane', () => {
    const pane = { width: 800, height: 400 };
    const view = { x: 100, y: 50, zoom: 1.2 };
    expect(fullyVisible({ x: 0, y: 0, width: 180, height: 70 }, view, pane)).toBe(true);
    expect(fullyVisible({ x: 0, y: 270, width: 180, height: 70 }, view, pane)).toBe(false);
    expect(fullyVisible({ x: -100, y: 0, width: 180, height: 70 }, view, pane)).toBe(false);
  });
});

describe('insert menu keys', () => {
  it('moves through the items with the arrows, Home and End, wrapping around', () => {
    expect(menuKeyTarget('ArrowDown', 0, 14)).toBe(1);
    expect(menuKeyTarget('ArrowDown', 13, 14)).toBe(0);
    expect(menuKeyTarget('ArrowUp', 0, 14)).toBe(13);
    expect(menuKeyTarget('ArrowUp', -1, 14)).toBe(13);
    expect(menuKeyTarget('ArrowDown', -1, 14)).toBe(0);
    expect(menuKeyTarget('Home', 5, 14)).toBe(0);
    expect(menuKeyTarget('End', 5, 14)).toBe(13);
    expect(menuKeyTarget('Enter', 5, 14)).toBeNull();
  });
});

describe('issues about the whole work ("Rebuild for …")', () => {
  it('stay closed on an unselected node (still marked), open on the selected one, and are listed graph-wide', () => {
    const a = analyse(small, ctx);
    const input = asNodeId('input_1');
    const rebuild: GraphIssue = {
      code: 'inputShapeMismatch',
      node: input,
      severity: 'error',
      message: "The dataset's images are 32×32×3, but this Input expects 28×28×1.",
      fixes: [{ kind: 'rebuild', label: 'Rebuild for 32×32×3', node: input, networks: { graph: small } }],
    };
    const withRebuild = { ...a, issues: [rebuild], byNode: new Map([[input, [rebuild]]]) };
    const closed = toFlowNodes(small, withRebuild, new Set()).find((n) => n.id === input)!;
    expect(closed.data.showIssues).toBe(false);
    expect(closed.data.issues).toEqual([rebuild]); // the node is still drawn as having an error
    const open = toFlowNodes(small, withRebuild, new Set([input])).find((n) => n.id === input)!;
    expect(open.data.showIssues).toBe(true);
    expect(open.data.popoverIssues).toEqual([rebuild]);
    expect(summaryIssues(withRebuild.issues)).toEqual([rebuild]);
    // A layer's own error still opens on its node and stays off the graph-wide list.
    const broken = removeNodes(small, [asNodeId('flatten_1')]);
    const b = analyse(broken, ctx);
    const dense = toFlowNodes(broken, b, new Set()).find((n) => n.id === 'dense_1')!;
    expect(dense.data.popoverIssues.length).toBeGreaterThan(0);
    expect(summaryIssues(b.issues)).toEqual(b.issues.filter((i) => i.node === undefined));
  });
});
