/** The inspector for one node: its settings, the filled-in formulas, the explanation and its issues. */
import type { GraphNode, LayerKind } from '../../engine/graph/types';
import type { NodeInfo } from '../../engine/graph/shapes';
import type { GraphIssue } from '../../engine/graph/issues';
import { CATALOGUE } from '../../engine/graph/catalogue';
import { setFrozen, updateLayer } from '../../engine/graph/edit';
import { useAppStore } from '../store';
import { IssueList } from '../graphView/IssueList';
import { paramsText, shapeText } from '../graphView/graphText';
import { CheckField } from './fields';
import { LayerFields } from './LayerFields';

/** Layers whose output size comes from a sliding window: the inspector shows their arithmetic. */
const WINDOWED: ReadonlySet<LayerKind> = new Set<LayerKind>([
  'conv2d',
  'conv2dTranspose',
  'maxPool2d',
  'avgPool2d',
]);

function Arithmetic({ info }: { info: NodeInfo }) {
  return (
    <dl className="inspector__facts" aria-label="Arithmetic">
      {info.formula && (
        <>
          <dt>Output size</dt>
          <dd className="inspector__formula" data-testid="output-formula">
            {info.formula}
          </dd>
        </>
      )}
      {info.paramFormula && (
        <>
          <dt>Parameters</dt>
          <dd className="inspector__formula" data-testid="param-formula">
            {info.paramFormula}
          </dd>
        </>
      )}
      {info.receptiveField !== null && (
        <>
          <dt>Receptive field</dt>
          <dd>
            {info.receptiveField}×{info.receptiveField} input pixels
          </dd>
        </>
      )}
      {info.effectiveStride !== null && (
        <>
          <dt>Effective stride</dt>
          <dd>{info.effectiveStride} input pixels between outputs</dd>
        </>
      )}
    </dl>
  );
}

export function NodeInspector({
  node,
  info,
  issues,
}: {
  node: GraphNode;
  info: NodeInfo | undefined;
  issues: readonly GraphIssue[];
}) {
  const edit = useAppStore((s) => s.edit);
  const entry = CATALOGUE[node.layer.kind];
  const windowed = WINDOWED.has(node.layer.kind);
  return (
    <div className="inspector__node">
      <h2 className="inspector__title">
        {entry.title} <span className="inspector__id">{node.id}</span>
      </h2>
      <p className="inspector__summary">
        Output <span className="inspector__shape">{shapeText(info)}</span> · {paramsText(info?.params ?? 0)}
      </p>
      <form
        className="inspector__form"
        aria-label={`${entry.title} settings`}
        onSubmit={(e) => e.preventDefault()}
      >
        <LayerFields
          key={node.id}
          layer={node.layer}
          patch={(patch) => edit((g) => updateLayer(g, node.id, patch))}
        />
        {node.layer.kind !== 'input' && (
          <CheckField
            label="Frozen"
            switchRole
            checked={node.frozen}
            onChange={(frozen) => edit((g) => setFrozen(g, [node.id], frozen))}
          />
        )}
      </form>
      <IssueList issues={issues} />
      {info && (windowed || info.paramFormula) && <Arithmetic info={info} />}
      <section className="inspector__explain" aria-label="About this layer">
        <p>{entry.explanation}</p>
        {entry.formula && <p className="inspector__formula">{entry.formula}</p>}
      </section>
    </div>
  );
}
