/**
 * "Kernels": every conv layer's filters (or their loss gradients). GAN runs send both networks' kernels; a "Network"
 * select shows the discriminator's (default) or the generator's.
 */
import { useEffect, useRef, useState } from 'react';
import type { GanNetwork, ProbeResult } from '../../engine/train/probes/types';
import { createKernelGrid } from '../../visualizers/kernelGrid';
import { frameBus } from '../frames/frameBus';
import { useAppStore } from '../store';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { runKindOf } from './panelMath';
import { nodeLabel, useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Kernels';

type KernelFrame = Extract<ProbeResult, { kind: 'kernels' }>;

/** The layers of a frame to draw: on GAN runs, those of the chosen network only. */
function layersToShow(f: KernelFrame, network: GanNetwork | null): KernelFrame['layers'] {
  return network === null ? f.layers : f.layers.filter((l) => l.network === network);
}

function KernelsBody() {
  const [gradients, setGradients] = useState(false);
  const ganRun = useAppStore((s) => runKindOf(s.runGraph) === 'gan');
  const [network, setNetwork] = useState<GanNetwork>('discriminator');
  const shown = ganRun ? network : null;
  const shownRef = useRef(shown);
  const labelGraph = () => {
    const s = useAppStore.getState();
    return shownRef.current === null ? s.runGraph : (s.ganGraphs?.[shownRef.current] ?? null);
  };
  const [host, grid] = useRenderer(
    (el) => createKernelGrid(el, { label: (id) => nodeLabel(labelGraph(), id) }),
    { clearOnNewRun: true },
  );
  const active = useOnScreen(host);
  useProbeNeed({ kind: 'kernels', gradients }, active);
  const draw = (f: KernelFrame): void => {
    if (f.gradients !== gradients) return;
    grid.current?.update({ gradients: f.gradients, layers: layersToShow(f, shown) });
  };
  useFrames('kernels', active, draw);
  // Another network picked: redraw the latest frame at once.
  useEffect(() => {
    shownRef.current = shown;
    const latest = frameBus.latest('kernels');
    if (active && latest) draw(latest);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- draw reads this render's state
  }, [shown, active]);
  return (
    <>
      <div className="panel-controls">
        {ganRun && (
          <label>
            Network{' '}
            <select value={network} onChange={(e) => setNetwork(e.target.value as GanNetwork)}>
              <option value="discriminator">Discriminator</option>
              <option value="generator">Generator</option>
            </select>
          </label>
        )}
        <label>
          <input type="checkbox" checked={gradients} onChange={(e) => setGradients(e.target.checked)} /> Show
          gradients
        </label>
      </div>
      <div ref={host} className="panel-canvas-host" />
    </>
  );
}

export function KernelsPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <KernelsBody />}</Panel>;
}
