import { createPredictions } from '../../visualizers/predictions';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Predictions';

function PredictionsBody() {
  const [host, r] = useRenderer((el) => createPredictions(el), { clearOnNewRun: true });
  const active = useOnScreen(host);
  useProbeNeed({ kind: 'predict' }, active);
  useFrames('predict', active, (f) => r.current?.update({ probabilities: f.probabilities, label: f.label }));
  return <div ref={host} className="panel-canvas-host" />;
}

export function PredictionsPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <PredictionsBody />}</Panel>;
}
