import { useRef, useState } from 'react';
import { createDeadRelu } from '../../visualizers/deadRelu';
import { useAppStore } from '../store';
import { applyHeInit, applyLeakyRelu } from '../../engine/graph/deadReluRemedies';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { nodeLabel, useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Dead ReLU';
const HISTORY = 300;

function DeadReluBody() {
  const history = useRef<{ step: number; fractions: number[] }[]>([]);
  const [dead, setDead] = useState<string>('');
  const edit = useAppStore((s) => s.edit);
  const setHyper = useAppStore((s) => s.setHyper);
  const lr = useAppStore((s) => s.hyper.learningRate);
  const [host, r] = useRenderer((el) => createDeadRelu(el), { clearOnNewRun: true });
  const active = useOnScreen(host);
  useProbeNeed({ kind: 'deadRelu' }, active);
  useFrames('deadRelu', active, (f) => {
    const g = useAppStore.getState().runGraph;
    const h = history.current;
    if (h.length === 0 || h[h.length - 1]!.step !== f.step)
      h.push({ step: f.step, fractions: f.layers.map((l) => l.deadFraction) });
    if (h.length > HISTORY) h.splice(0, h.length - HISTORY);
    const layers = f.layers.map((l) => ({
      node: l.node,
      label: nodeLabel(g, l.node),
      deadFraction: l.deadFraction,
    }));
    r.current?.update({ layers, history: h });
    // React state only changes when the set of dying layers changes, not per frame.
    setDead(
      layers
        .filter((l) => l.deadFraction > 0.5)
        .map((l) => l.label)
        .join(', '),
    );
  });
  return (
    <>
      <div ref={host} className="panel-canvas-host" />
      {dead ? (
        <div role="alert" className="panel-warning">
          <p>
            More than half of the units never fire in: {dead}. A dead ReLU outputs zero for every input, so it
            gets no gradient and stops learning. Usual causes: a learning rate too high (one big step pushes
            the bias far negative) or a poor initialization.
          </p>
          <button type="button" onClick={() => setHyper({ learningRate: lr / 10 })}>
            Lower learning rate
          </button>
          <button type="button" onClick={() => edit(applyLeakyRelu)}>
            Use Leaky ReLU
          </button>
          <button type="button" onClick={() => edit(applyHeInit)}>
            Use He initialization
          </button>
        </div>
      ) : null}
    </>
  );
}

export function DeadReluPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <DeadReluBody />}</Panel>;
}
