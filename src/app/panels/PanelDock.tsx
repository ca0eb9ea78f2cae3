/**
 * The panel dock: the panels that matter for the network being edited (panelLayout.ts), in rows exactly as tall as
 * the dock, so the first row is whole on screen and scrolling goes a row at a time. A maximised panel fills the dock
 * (App hands the dock the workspace's room too); Escape restores. The others stay mounted but hidden, so their history
 * (time-lapse, dead-ReLU trend) survives, and, being off screen, they stop asking for probes.
 */
import { useEffect, type ComponentType, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import { ActivationsPanel } from './ActivationsPanel';
import { ConfusionPanel } from './ConfusionPanel';
import { DeadReluPanel } from './DeadReluPanel';
import { DrawPanel } from './DrawPanel';
import { GanSamplesPanel } from './GanSamplesPanel';
import { KernelsPanel } from './KernelsPanel';
import { LayerHealthPanel } from './LayerHealthPanel';
import { LossPanel } from './LossPanel';
import { PoolingPanel } from './PoolingPanel';
import { PredictionsPanel } from './PredictionsPanel';
import { ReconstructionsPanel } from './ReconstructionsPanel';
import { RunsPanel } from './RunsPanel';
import { dockKindOf, maximizedPanel, shownPanels, withMaximized, type PanelName } from './panelLayout';
import { lazyPanel } from './lazyPanel';
import './panels.css';

// Below the first screen in every plan: each loads with its own chunk when first shown.
const CompareRunsPanel = lazyPanel('Side by side', () =>
  import('./CompareRunsPanel').then((m) => m.CompareRunsPanel),
);
const SaliencyPanel = lazyPanel('Saliency', () => import('./SaliencyPanel').then((m) => m.SaliencyPanel));
const FeatureVisPanel = lazyPanel('Feature visualization', () =>
  import('./FeatureVisPanel').then((m) => m.FeatureVisPanel),
);
const AdversarialPanel = lazyPanel('Adversarial example', () =>
  import('./AdversarialPanel').then((m) => m.AdversarialPanel),
);
const ConvStepPanel = lazyPanel('Convolution step', () =>
  import('./ConvStepPanel').then((m) => m.ConvStepPanel),
);
// The RBM preset's panels share one chunk, loaded when an RBM preset is first chosen.
const DreamsPanel = lazyPanel('Dreams', () => import('./RbmPanels').then((m) => m.DreamsPanel));
const RbmFiltersPanel = lazyPanel('RBM filters', () => import('./RbmPanels').then((m) => m.RbmFiltersPanel));
const RbmLikelihoodPanel = lazyPanel('RBM likelihood', () =>
  import('./RbmPanels').then((m) => m.RbmLikelihoodPanel),
);

const COMPONENTS: { readonly [N in PanelName]: ComponentType } = {
  Loss: LossPanel,
  Kernels: KernelsPanel,
  'Activation maps': ActivationsPanel,
  'Confusion matrix': ConfusionPanel,
  Predictions: PredictionsPanel,
  Draw: DrawPanel,
  'Dead ReLU': DeadReluPanel,
  Pooling: PoolingPanel,
  'Layer health': LayerHealthPanel,
  'GAN samples': GanSamplesPanel,
  Reconstructions: ReconstructionsPanel,
  Runs: RunsPanel,
  'Side by side': CompareRunsPanel,
  Saliency: SaliencyPanel,
  'Feature visualization': FeatureVisPanel,
  'Adversarial example': AdversarialPanel,
  'Convolution step': ConvStepPanel,
  Dreams: DreamsPanel,
  'RBM filters': RbmFiltersPanel,
  'RBM likelihood': RbmLikelihoodPanel,
};

/** Escape leaves presenter view, unless something inside (a menu, a dialog) already used the key. */
function useEscapeRestores(active: boolean, restore: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      restore();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, restore]);
}

export function PanelDock() {
  const { kind, prefs } = useAppStore(useShallow((s) => ({ kind: dockKindOf(s), prefs: s.panelPrefs })));
  const update = useAppStore((s) => s.updatePanelPrefs);
  const panels = shownPanels(kind, prefs);
  const maximized = maximizedPanel(kind, prefs);
  useEscapeRestores(maximized !== null, () => update((p) => withMaximized(p, kind, null)));
  return (
    <div className={`panel-dock${maximized ? ' panel-dock--maximized' : ''}`} data-kind={kind}>
      {panels.length === 0 ? (
        <p className="panel-note panel-dock__empty">Every panel is hidden: choose some under “Panels”.</p>
      ) : null}
      {panels.map(({ name, span }) => {
        const Component = COMPONENTS[name];
        return (
          <div
            key={name}
            className="panel-slot"
            style={{ '--span': span } as CSSProperties}
            hidden={maximized !== null && maximized !== name}
          >
            <Component />
          </div>
        );
      })}
    </div>
  );
}
