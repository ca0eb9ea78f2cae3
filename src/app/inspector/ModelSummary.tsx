/** With nothing selected, the inspector summarises the whole model: parameters, output shape and issues. */
import { totals } from '../../engine/graph/shapes';
import { outputNode } from '../../engine/graph/edit';
import { IssueList } from '../graphView/IssueList';
import { summaryIssues } from '../graphView/issueScope';
import type { GraphAnalysis } from '../graphView/useGraphAnalysis';
import { shapeText } from '../graphView/graphText';
import { useAppStore } from '../store';
import { selectGraph } from '../store/selectors';

const COUNT = new Intl.NumberFormat('en-US');
const MB = 1024 * 1024;

export function ModelSummary({ analysis }: { analysis: GraphAnalysis }) {
  const graph = useAppStore(selectGraph);
  const t = totals(analysis.info);
  const out = outputNode(graph);
  const errors = analysis.issues.filter((i) => i.severity === 'error').length;
  const warnings = analysis.issues.length - errors;
  const graphWide = summaryIssues(analysis.issues);
  return (
    <div className="inspector__model">
      <h2 className="inspector__title">Model</h2>
      <dl className="inspector__facts" aria-label="Model summary">
        <dt>Layers</dt>
        <dd>{graph.nodes.length}</dd>
        <dt>Total parameters</dt>
        <dd data-testid="total-params">{COUNT.format(t.params)}</dd>
        <dt>Trainable parameters</dt>
        <dd>{COUNT.format(t.trainableParams)}</dd>
        <dt>Output shape</dt>
        <dd>{shapeText(out ? analysis.info.get(out) : undefined)}</dd>
        <dt>Activation memory</dt>
        <dd>{(t.activationBytes / MB).toFixed(2)} MB per example</dd>
        <dt>Issues</dt>
        <dd data-testid="issue-count">
          {analysis.issues.length === 0
            ? 'none'
            : `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`}
        </dd>
      </dl>
      <IssueList issues={graphWide} />
      <p className="inspector__note">Select a layer in the graph to see and change its settings.</p>
    </div>
  );
}
