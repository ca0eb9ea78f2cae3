/** The inspector region: the selected layer's settings and arithmetic, or the whole model's summary. */
import { useAppStore } from '../store';
import { selectGraph } from '../store/selectors';
import { useGraphAnalysis } from '../graphView/useGraphAnalysis';
import { ModelSummary } from './ModelSummary';
import { NodeInspector } from './NodeInspector';
import './inspector.css';

export function Inspector() {
  const graph = useAppStore(selectGraph);
  const selection = useAppStore((s) => s.selection);
  const analysis = useGraphAnalysis();
  const selected = graph.nodes.filter((n) => selection.includes(n.id));
  const [only] = selected;
  return (
    <section className="inspector" role="region" aria-label="Inspector">
      {selected.length === 1 && only ? (
        <NodeInspector
          node={only}
          info={analysis.info.get(only.id)}
          issues={analysis.byNode.get(only.id) ?? []}
        />
      ) : (
        <>
          {selected.length > 1 && (
            <p className="inspector__note">
              {selected.length} layers selected ({selected.map((n) => n.id).join(', ')}). Select one to edit
              it.
            </p>
          )}
          <ModelSummary analysis={analysis} />
        </>
      )}
    </section>
  );
}
