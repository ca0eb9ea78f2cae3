import { useRef } from 'react';
import { createActivationMaps } from '../../visualizers/activationMaps';
import { receptiveWindows, spatialChain } from '../../visualizers/receptiveField';
import { useAppStore } from '../store';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { nodeLabel, useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Activation maps';

function SamplePicker() {
  const sample = useAppStore((s) => s.sample);
  const setSample = useAppStore((s) => s.setSample);
  const count = useAppStore((s) => s.datasetCounts?.test ?? 0);
  return (
    <label className="panel-control">
      Test image{' '}
      <input
        type="number"
        min={0}
        max={Math.max(0, count - 1)}
        value={sample.from === 'test' ? sample.index : 0}
        onChange={(e) => setSample({ from: 'test', index: Math.max(0, Number(e.target.value) || 0) })}
      />
      {sample.from === 'drawn' ? ' (showing your drawing)' : ''}
    </label>
  );
}

function ActivationsBody() {
  const graph = () => useAppStore.getState().runGraph ?? useAppStore.getState().graph;
  const inputNode = useRef<string | null>(null);
  const [host, maps] = useRenderer((el) =>
    createActivationMaps(el, {
      label: (id) => nodeLabel(graph(), id),
      onPick: (node, channel, y, x) => {
        const chain = spatialChain(graph(), node);
        const windows = chain ? receptiveWindows(chain.steps, chain.input, y, x) : [];
        maps.current?.highlight({ node, channel, y, x }, windows);
      },
    }),
  );
  const active = useOnScreen(host);
  useProbeNeed({ kind: 'activations' }, active);
  useFrames('activations', active, (f) => {
    inputNode.current = f.input.node;
    maps.current?.update({ input: f.input, layers: f.layers });
  });
  return (
    <>
      <SamplePicker />
      <div ref={host} className="panel-canvas-host" />
    </>
  );
}

export function ActivationsPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return (
    <Panel name={NAME} wide>
      {collapsed ? null : <ActivationsBody />}
    </Panel>
  );
}
