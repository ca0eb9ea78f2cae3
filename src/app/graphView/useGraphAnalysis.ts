/**
 * Shape inference and validation of the edited graph, cached on the graph object (graphs are immutable) so the
 * canvas, the inspector and anything else share one computation per edit.
 */
import { useMemo } from 'react';
import type { Graph, NodeId } from '../../engine/graph/types';
import type { GraphIssue } from '../../engine/graph/issues';
import type { NodeInfo } from '../../engine/graph/shapes';
import { inferShapes } from '../../engine/graph/shapes';
import { validateGraph } from '../../engine/graph/validate';
import type { ValidationContext } from '../../engine/graph/validationContext';
import { useAppStore } from '../store';
import type { UserDatasetMeta } from '../../engine/data/userDataset';
import type { AppState } from '../store/types';
import { SHIPPED_DATASET, userDatasetOf, validationContext, type DatasetShape } from './validationContext';
import { selectGraph } from '../store/selectors';
import type { PresetNetworks } from '../../engine/graph/presetNetworks';

export interface GraphAnalysis {
  readonly info: ReadonlyMap<NodeId, NodeInfo>;
  readonly issues: readonly GraphIssue[];
  /** Issues about one node, in validation order. */
  readonly byNode: ReadonlyMap<NodeId, readonly GraphIssue[]>;
}

export function analyse(graph: Graph, ctx: ValidationContext): GraphAnalysis {
  const info = inferShapes(graph);
  const issues = validateGraph(graph, ctx, info);
  const byNode = new Map<NodeId, GraphIssue[]>();
  for (const issue of issues) {
    if (issue.node === undefined) continue;
    byNode.set(issue.node, [...(byNode.get(issue.node) ?? []), issue]);
  }
  return { info, issues, byNode };
}

const selectLabelSubset = (s: { hyper: { labelSubset: readonly number[] } }): readonly number[] =>
  s.hyper.labelSubset;

/** The chosen user dataset's metadata (undefined for a shipped set): a stable reference, so a fit selector. */
export const selectChosenUserDataset = (s: AppState): UserDatasetMeta | undefined =>
  userDatasetOf(s.dataset, s.userDatasets);

const CACHE = new WeakMap<
  Graph,
  {
    readonly labelSubset: readonly number[];
    readonly dataset: string;
    readonly preset: string | undefined;
    readonly gan: PresetNetworks['gan'];
    readonly analysis: GraphAnalysis;
  }
>();

const datasetKey = (d: DatasetShape): string => `${d.shape.join('×')}/${d.classes}`;

/**
 * The analysis of `graph` for the label subset and the chosen dataset's shape and classes (the shipped sets' by
 * default), and the preset the work came from (`networks` holds `graph`, and a GAN's other network); computed once
 * per graph object, subset, dataset shape, preset and GAN pair.
 */
export function analysisOf(
  graph: Graph,
  labelSubset: readonly number[],
  dataset: DatasetShape = SHIPPED_DATASET,
  preset?: ValidationContext['preset'],
): GraphAnalysis {
  const hit = CACHE.get(graph);
  const key = datasetKey(dataset);
  const gan = preset?.networks.gan;
  if (
    hit &&
    hit.labelSubset === labelSubset &&
    hit.dataset === key &&
    hit.preset === preset?.id &&
    hit.gan === gan
  )
    return hit.analysis;
  const analysis = analyse(graph, validationContext(labelSubset, dataset, preset));
  CACHE.set(graph, { labelSubset, dataset: key, preset: preset?.id, gan, analysis });
  return analysis;
}

/** The work's networks as validation sees them: the GAN pair, or the one graph. */
export const workNetworks = (graph: Graph, ganGraphs: AppState['ganGraphs']): PresetNetworks =>
  ganGraphs ? { graph: ganGraphs.generator, gan: ganGraphs } : { graph };

const selectPresetId = (s: AppState): string => s.presetId;
const selectGanGraphs = (s: AppState): AppState['ganGraphs'] => s.ganGraphs;

export function useGraphAnalysis(): GraphAnalysis {
  const graph = useAppStore(selectGraph);
  const labelSubset = useAppStore(selectLabelSubset);
  const chosen = useAppStore(selectChosenUserDataset);
  const presetId = useAppStore(selectPresetId);
  const ganGraphs = useAppStore(selectGanGraphs);
  return useMemo(
    () =>
      analysisOf(
        graph,
        labelSubset,
        chosen ? { shape: chosen.shape, classes: chosen.classNames.length } : undefined,
        presetId ? { id: presetId, networks: workNetworks(graph, ganGraphs) } : undefined,
      ),
    [graph, labelSubset, chosen, presetId, ganGraphs],
  );
}
