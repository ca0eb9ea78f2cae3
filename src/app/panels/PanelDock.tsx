/** The panel dock: every live panel in a scrolling grid. */
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
import './panels.css';

export function PanelDock() {
  return (
    <div className="panel-dock">
      <LossPanel />
      <KernelsPanel />
      <ActivationsPanel />
      <DrawPanel />
      <PredictionsPanel />
      <ConfusionPanel />
      <DeadReluPanel />
      <PoolingPanel />
      <LayerHealthPanel />
      <GanSamplesPanel />
      <ReconstructionsPanel />
    </div>
  );
}
