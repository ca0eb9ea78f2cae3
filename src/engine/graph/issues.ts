import type { GraphIssueCode } from './issueCodes';
import type { Graph, LayerSpec, NodeId } from './types';
import type { PresetNetworks } from './presetNetworks';

/** A one-call fix for an issue: apply it to the graph to get the corrected graph. */
export type GraphFix =
  | {
      readonly kind: 'setParams';
      readonly label: string;
      readonly node: NodeId;
      readonly patch: Partial<LayerSpec>;
    }
  | { readonly kind: 'insertAfter'; readonly label: string; readonly node: NodeId; readonly layer: LayerSpec }
  | {
      readonly kind: 'insertBefore';
      readonly label: string;
      readonly node: NodeId;
      readonly layer: LayerSpec;
    }
  | { readonly kind: 'removeNode'; readonly label: string; readonly node: NodeId }
  | { readonly kind: 'setFrozen'; readonly label: string; readonly node: NodeId; readonly frozen: boolean }
  /**
   * A preset's networks built for the dataset's image shape ("Rebuild for 32×32×3", rebuildFix.ts): they replace
   * all of the work's networks (a GAN's two), not only the graph the issue is on.
   */
  | {
      readonly kind: 'rebuild';
      readonly label: string;
      readonly node: NodeId;
      readonly networks: PresetNetworks;
    };

export type { GraphIssueCode } from './issueCodes';

export interface GraphIssue {
  readonly code: GraphIssueCode;
  /** The node the issue is about; undefined for graph-wide issues. */
  readonly node: NodeId | undefined;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly fixes: readonly GraphFix[];
}

export type ApplyFix = (graph: Graph, fix: GraphFix) => Graph;
