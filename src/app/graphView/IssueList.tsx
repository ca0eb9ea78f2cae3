/** A node's (or the graph's) issues: each message with its fixes as buttons. Used on nodes and in the inspector. */
import type { GraphIssue } from '../../engine/graph/issues';
import { applyFix } from '../../engine/graph/fixes';
import { placeFresh } from '../../engine/graph/layoutPlace';
import { useAppStore } from '../store';

export function IssueList({ issues, compact = false }: { issues: readonly GraphIssue[]; compact?: boolean }) {
  const edit = useAppStore((s) => s.edit);
  const replaceNetworks = useAppStore((s) => s.replaceNetworks);
  if (issues.length === 0) return null;
  return (
    <ul className={compact ? 'issue-list issue-list--compact nodrag' : 'issue-list'} aria-label="Issues">
      {issues.map((issue, i) => (
        <li key={`${issue.code}-${i}`} className={`issue issue--${issue.severity}`}>
          <span className="issue__message">{issue.message}</span>
          {issue.fixes.length > 0 && (
            <span className="issue__fixes">
              {issue.fixes.map((fix) => (
                <button
                  key={fix.label}
                  type="button"
                  className="issue__fix nodrag"
                  onClick={(e) => {
                    e.stopPropagation();
                    // "Rebuild for …" swaps all of the work's networks (a GAN's two), as one undoable step.
                    if (fix.kind === 'rebuild') replaceNetworks(fix.networks);
                    // A fix that adds a layer (insert Flatten, add Input) places it along the flow.
                    else edit((g) => placeFresh(g, applyFix(g, fix)));
                  }}
                >
                  {fix.label}
                </button>
              ))}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
