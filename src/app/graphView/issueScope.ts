/**
 * Issues about the whole work rather than one layer: those whose fix swaps in all of its networks ("Rebuild for
 * 32×32×3", for a dataset of another image shape). The model summary lists them with their fixes; on the graph
 * the node stays marked and opens them only when selected, so their long message never covers the neighbouring
 * nodes (at 1366×768 the graph pane is two rows of nodes high).
 */
import type { GraphIssue } from '../../engine/graph/issues';

export const aboutTheWork = (issue: GraphIssue): boolean => issue.fixes.some((f) => f.kind === 'rebuild');

/** The issues the graph-wide list shows: those on no node, and those about the whole work. */
export const summaryIssues = (issues: readonly GraphIssue[]): GraphIssue[] =>
  issues.filter((i) => i.node === undefined || aboutTheWork(i));

/** A node's issues its popover shows: all of them once selected, otherwise those about the layer itself. */
export const popoverIssues = (issues: readonly GraphIssue[], selected: boolean): readonly GraphIssue[] =>
  selected ? issues : issues.filter((i) => !aboutTheWork(i));
