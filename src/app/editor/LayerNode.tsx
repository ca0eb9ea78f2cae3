/** The custom graph node: kind, key parameters, output shape (e.g. 28×28×8), parameter count and issues. */
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { CATALOGUE } from '../../engine/graph/catalogue';
import { IssueList } from './IssueList';
import { keyParams } from './keyParams';
import type { LayerFlowNode } from './toFlow';
import { shapeText } from './toFlow';

const COUNT = new Intl.NumberFormat('en-US');

export function paramsText(n: number): string {
  return `${COUNT.format(n)} ${n === 1 ? 'param' : 'params'}`;
}

function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { node, info, issues } = data;
  const entry = CATALOGUE[node.layer.kind];
  const hasError = issues.some((i) => i.severity === 'error') || Boolean(info?.error);
  const hasWarning = !hasError && issues.length > 0;
  const params = keyParams(node.layer);
  const cls = [
    'layer-node',
    `layer-node--${entry.category}`,
    hasError ? 'layer-node--error' : '',
    hasWarning ? 'layer-node--warning' : '',
    selected ? 'layer-node--selected' : '',
    node.frozen ? 'layer-node--frozen' : '',
  ]
    .filter(Boolean)
    .join(' ');
  // An error from shape inference that validation did not report (should be rare) is still shown.
  const orphanError = info?.error && issues.length === 0 ? info.error : null;
  return (
    <div className={cls} title={entry.short}>
      {node.layer.kind !== 'input' && (
        <Handle type="target" position={Position.Top} aria-label={`Input of ${node.id}`} />
      )}
      <div className="layer-node__head">
        <span className="layer-node__kind">{entry.title}</span>
        <span className="layer-node__id">{node.id}</span>
        {node.frozen && <span className="layer-node__badge">frozen</span>}
      </div>
      {params && <div className="layer-node__params">{params}</div>}
      <div className="layer-node__foot">
        <span className="layer-node__shape" data-testid="node-shape">
          {shapeText(info)}
        </span>
        <span className="layer-node__count">{paramsText(info?.params ?? 0)}</span>
      </div>
      {orphanError && <p className="issue issue--error">{orphanError}</p>}
      <IssueList issues={issues} compact />
      <Handle type="source" position={Position.Bottom} aria-label={`Output of ${node.id}`} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
