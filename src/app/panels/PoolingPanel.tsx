import { useMemo } from 'react';
import { createPooling } from '../../visualizers/pooling';
import type { Graph, NodeId } from '../../engine/graph/types';
import { useAppStore } from '../store';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Pooling';

function firstPool(
  g: Graph | null,
): { id: NodeId; pool: readonly [number, number]; stride: readonly [number, number] } | null {
  for (const n of g?.nodes ?? [])
    if (n.layer.kind === 'maxPool2d' || n.layer.kind === 'avgPool2d')
      return { id: n.id, pool: n.layer.pool, stride: n.layer.stride };
  return null;
}

function PoolingBody() {
  // Select the graph (a stable reference) and derive from it: a selector returning a fresh object loops React.
  const graph = useAppStore((s) => s.runGraph ?? s.graph);
  const pool = useMemo(() => firstPool(graph), [graph]);
  const [host, r] = useRenderer((el) => createPooling(el), { clearOnNewRun: true });
  const active = useOnScreen(host) && pool !== null;
  useProbeNeed(pool ? { kind: 'pooling', node: pool.id } : null, active);
  useFrames('pooling', active, (f) => {
    if (!pool || f.node !== pool.id) return;
    r.current?.update({
      input: f.input,
      output: f.output,
      argmax: f.argmax,
      pool: pool.pool,
      stride: pool.stride,
    });
  });
  return (
    <>
      {pool ? (
        <p className="panel-note">Layer {pool.id}</p>
      ) : (
        <p className="panel-note">This network has no pooling layer.</p>
      )}
      <div ref={host} className="panel-canvas-host" />
    </>
  );
}

export function PoolingPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <PoolingBody />}</Panel>;
}
