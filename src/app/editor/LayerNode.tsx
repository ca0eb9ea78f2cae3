/**
 * The custom graph node, drawn at the fixed size the layout uses. A full node shows kind (and fused activation),
 * key parameters, output shape (e.g. 28×28×8) and parameter count; a compact one (activation, pooling,
 * normalization, dropout, reshaping) shows its name, one detail and the shape. The id is in the accessible name
 * ('Conv2D conv2d_1') and the tooltip. Issues open in a popover over the neighbours.
 */
import { memo, useEffect, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import type { Side } from '../../engine/graph/layout';
import { CATALOGUE } from '../../engine/graph/catalogue';
import { nodeForm, nodeSize } from '../../engine/graph/layout';
import { IssueList } from '../graphView/IssueList';
import { paramsText, shapeText } from '../graphView/graphText';
import { keyParams, nodeFace } from './keyParams';
import type { LayerFlowNode } from './toFlow';

const COMPACT_COUNT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/** On a node: '80 params', '25,120 params', and from 100,000 on '3.21M params', which fits the node's width. */
export function nodeParamsText(n: number): string {
  return n < 100_000 ? paramsText(n) : `${COMPACT_COUNT.format(n)} params`;
}

const POSITION: { readonly [S in Side]: Position } = {
  left: Position.Left,
  right: Position.Right,
  top: Position.Top,
  bottom: Position.Bottom,
};

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const { node, info, issues, sides, showIssues, popoverIssues, popover } = data;
  const entry = CATALOGUE[node.layer.kind];
  const form = nodeForm(node.layer.kind);
  const size = nodeSize(node.layer.kind);
  const hasError = issues.some((i) => i.severity === 'error') || Boolean(info?.error);
  const hasWarning = !hasError && issues.length > 0;
  const face = nodeFace(node.layer, entry.title);
  const cls = [
    'layer-node',
    `layer-node--${form}`,
    `layer-node--${entry.category}`,
    hasError ? 'layer-node--error' : '',
    hasWarning ? 'layer-node--warning' : '',
    selected ? 'layer-node--selected' : '',
    node.frozen ? 'layer-node--frozen' : '',
  ]
    .filter(Boolean)
    .join(' ');
  // Handles move when the layout turns a row; React Flow must re-read where they are. Not on mount: React Flow
  // measures a new node itself, and one call per node (a query and a store update each) froze the page for most
  // of a minute when a 1,000-node network was opened.
  const updateNodeInternals = useUpdateNodeInternals();
  const placedSides = useRef(`${sides.input}/${sides.output}`);
  useEffect(() => {
    const now = `${sides.input}/${sides.output}`;
    if (placedSides.current === now) return;
    placedSides.current = now;
    updateNodeInternals(id);
  }, [id, sides.input, sides.output, updateNodeInternals]);
  // An error from shape inference that validation did not report (should be rare) is still shown.
  const orphanError = info?.error && issues.length === 0 ? info.error : null;
  const details = keyParams(node.layer);
  // Issues about the whole work open only when the node is selected; the tooltip says them meanwhile.
  const closed = issues.filter((i) => !popoverIssues.includes(i)).map((i) => ` ${i.message}`);
  const tooltip = `${entry.title} ${node.id}${details ? `: ${details}` : ''}. ${entry.short}${closed.join('')}`;
  return (
    <div className={cls} style={{ width: size.width, height: size.height }} title={tooltip}>
      {node.layer.kind !== 'input' && (
        <Handle type="target" position={POSITION[sides.input]} aria-label={`Input of ${node.id}`} />
      )}
      <div className="layer-node__line layer-node__head">
        <span className="layer-node__kind">{face.title}</span>
        {face.activation && <span className="layer-node__act">{face.activation}</span>}
        {node.frozen && form !== 'compact' && <span className="layer-node__badge">frozen</span>}
      </div>
      {(face.detail || form !== 'compact') && (
        <div className="layer-node__line layer-node__params">{face.detail}</div>
      )}
      <div className="layer-node__line layer-node__shape" data-testid="node-shape">
        {shapeText(info)}
      </div>
      {form !== 'compact' && (
        <div className="layer-node__line layer-node__count">{nodeParamsText(info?.params ?? 0)}</div>
      )}
      {showIssues && (
        <div className={`layer-node__popover layer-node__popover--${popover} nodrag nowheel`}>
          {orphanError && <p className="issue issue--error">{orphanError}</p>}
          <IssueList issues={popoverIssues} compact />
        </div>
      )}
      <Handle type="source" position={POSITION[sides.output]} aria-label={`Output of ${node.id}`} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
