/**
 * "Activation maps": every spatial layer's maps for the chosen test image (or drawing). On GAN runs these are the
 * discriminator's maps, of the real image and, beside them, of a generated one (the fixed-noise grid's cell with the
 * same number), so one can see what D looks at in each.
 */
import { useRef, useState } from 'react';
import type { ConvStepPick } from '../store/types';
import { ConvStepNotice } from './ConvStepNotice';
import type { Graph } from '../../engine/graph/types';
import { createActivationMaps, type ActivationMaps } from '../../visualizers/activationMaps';
import { receptiveWindows, spatialChain } from '../../engine/graph/receptiveField';
import { useAppStore } from '../store';
import { pickFromMap } from './convStepPick';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { runKindOf } from './panelMath';
import { nodeLabel, useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Activation maps';
/** Real and generated maps side by side where the panel is wide enough, else one above the other. */
const SIDE_BY_SIDE = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: 8 };

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

/** The graph whose nodes the maps belong to: a GAN run's discriminator, else the run's network. */
function mapsGraph(): Graph | null {
  const s = useAppStore.getState();
  if (runKindOf(s.runGraph) === 'gan') return s.ganGraphs?.discriminator ?? null;
  return s.runGraph ?? s.graph;
}

/**
 * One activation-maps renderer whose clicks outline the receptive field in its own maps; `onConvStep` hears of the
 * cell a click picked for the Convolution step region.
 */
function useMaps(
  onConvStep?: (pick: ConvStepPick) => void,
): [React.RefObject<HTMLDivElement | null>, React.RefObject<ActivationMaps | null>] {
  const heard = useRef(onConvStep);
  heard.current = onConvStep;
  const [host, maps] = useRenderer(
    (el) =>
      createActivationMaps(el, {
        label: (id) => nodeLabel(mapsGraph(), id),
        onPick: (node, channel, y, x) => {
          const graph = mapsGraph();
          const chain = graph ? spatialChain(graph, node) : null;
          const windows = chain ? receptiveWindows(chain.steps, chain.input, y, x) : [];
          maps.current?.highlight({ node, channel, y, x }, windows);
          // …and the Convolution step region computes that cell (the conv before an activation map).
          const pick = pickFromMap(graph, node, channel, y, x);
          if (pick) {
            useAppStore.getState().setConvStep(pick);
            heard.current?.(pick);
          }
        },
      }),
    { clearOnNewRun: true },
  );
  return [host, maps];
}

/** The discriminator's maps of a generated image (GAN runs only). */
function FakeMaps({ active, onConvStep }: { active: boolean; onConvStep: (p: ConvStepPick) => void }) {
  const [host, maps] = useMaps(onConvStep);
  const caption = useRef<HTMLHeadingElement | null>(null);
  useFrames('activations', active, (f) => {
    if (!f.fake) return;
    if (caption.current)
      caption.current.textContent = `Generated image (sample ${f.fake.index} of the fixed-noise grid)`;
    maps.current?.update({ input: f.fake.input, layers: f.fake.layers });
  });
  return (
    <div role="group" aria-label="Generated image">
      <h4 ref={caption} className="panel-subhead">
        Generated image
      </h4>
      <div ref={host} className="panel-canvas-host" />
    </div>
  );
}

function ActivationsBody() {
  const ganRun = useAppStore((s) => runKindOf(s.runGraph) === 'gan');
  const sample = useAppStore((s) => s.sample);
  // The last cell a click here picked for Convolution step, and whether the dock showed that region then.
  const [picked, setPicked] = useState<{ pick: ConvStepPick; shown: boolean } | null>(null);
  const onConvStep = (pick: ConvStepPick): void =>
    setPicked({ pick, shown: document.querySelector('[data-panel="Convolution step"]') !== null });
  const [host, maps] = useMaps(onConvStep);
  const active = useOnScreen(host);
  useProbeNeed({ kind: 'activations' }, active);
  useFrames('activations', active, (f) => {
    maps.current?.update({ input: f.input, layers: f.layers });
  });
  // One tree for both kinds of run, so the real maps' host (and its renderer) survives a switch.
  return (
    <>
      <SamplePicker />
      {ganRun && (
        <p className="panel-note">
          The discriminator&apos;s maps of a real image and of a generated one (the generator&apos;s input is
          a vector, not a picture).
        </p>
      )}
      <div style={ganRun ? SIDE_BY_SIDE : undefined}>
        <div {...(ganRun ? { role: 'group', 'aria-label': 'Real image' } : {})}>
          {ganRun && (
            <h4 className="panel-subhead">
              Real image ({sample.from === 'test' ? `test image ${sample.index}` : 'your drawing'})
            </h4>
          )}
          <div ref={host} className="panel-canvas-host" />
        </div>
        {ganRun && <FakeMaps active={active} onConvStep={onConvStep} />}
      </div>
      <ConvStepNotice pick={picked?.pick ?? null} shown={picked?.shown ?? false} />
    </>
  );
}

export function ActivationsPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <ActivationsBody />}</Panel>;
}
