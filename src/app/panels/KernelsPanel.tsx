import { useRef, useState } from 'react';
import { createKernelGrid } from '../../visualizers/kernelGrid';
import { useAppStore } from '../store';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { nodeLabel, useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Kernels';

function KernelsBody() {
  const [gradients, setGradients] = useState(false);
  const graphRef = useRef(useAppStore.getState().runGraph);
  const [host, grid] = useRenderer((el) =>
    createKernelGrid(el, { label: (id) => nodeLabel(graphRef.current, id) }),
  );
  const active = useOnScreen(host);
  useProbeNeed({ kind: 'kernels', gradients }, active);
  useFrames('kernels', active, (f) => {
    if (f.gradients !== gradients) return;
    graphRef.current = useAppStore.getState().runGraph;
    grid.current?.update({ gradients: f.gradients, layers: f.layers });
  });
  return (
    <>
      <label className="panel-control">
        <input type="checkbox" checked={gradients} onChange={(e) => setGradients(e.target.checked)} /> Show
        gradients
      </label>
      <div ref={host} className="panel-canvas-host" />
    </>
  );
}

export function KernelsPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <KernelsBody />}</Panel>;
}
