import { createLayerHealth } from '../../visualizers/layerHealth';
import { useAppStore } from '../store';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { nodeLabel, useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Layer health';

function HealthBody() {
  const [host, r] = useRenderer((el) => createLayerHealth(el), { clearOnNewRun: true });
  const active = useOnScreen(host);
  useProbeNeed({ kind: 'health' }, active);
  useFrames('health', active, (f) => {
    const g = useAppStore.getState().runGraph;
    r.current?.update(f.layers.map((l) => ({ ...l, label: nodeLabel(g, l.node) })));
  });
  return <div ref={host} className="panel-canvas-host" />;
}

export function LayerHealthPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <HealthBody />}</Panel>;
}
