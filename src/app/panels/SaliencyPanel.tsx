/**
 * Saliency: which pixels of the chosen sample (the test image or drawing the other panels show) the chosen class
 * score depends on, by the plain gradient, SmoothGrad or Grad-CAM at a conv layer, computed in the worker on the
 * current model (engine/inspect/saliency.ts) and laid over the image with an honest colour scale.
 */
import { useMemo, useState } from 'react';
import type { NodeId } from '../../engine/graph/types';
import {
  gradCamLayers,
  SALIENCY_METHODS,
  SMOOTHGRAD_NOISE,
  SMOOTHGRAD_SAMPLES,
  type SaliencyMethod,
} from '../../engine/inspect/saliencyMethod';
import type { FrameOf } from '../frames/frameBus';
import { createSaliency } from '../../visualizers/saliency';
import { useAppStore } from '../store';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { nodeLabel, useFrames, useOnNewRun, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Saliency';

const EXPLAIN: Record<SaliencyMethod, string> = {
  gradient:
    'Each pixel is coloured by how much a tiny change to it would move the chosen class’s score (the size of the ' +
    'gradient of that score with respect to the pixel). Bright pixels are the ones the network is most sensitive ' +
    'to right now, which is not the same as the ones it “looks at”.',
  smoothGrad:
    `SmoothGrad averages the gradient over ${SMOOTHGRAD_SAMPLES} copies of the image with random noise added ` +
    `(${Math.round(SMOOTHGRAD_NOISE * 100)}% of its range), so the speckle of a single gradient averages out. ` +
    `It costs ${SMOOTHGRAD_SAMPLES} gradients, computed as one batch.`,
  gradCam:
    'Grad-CAM weighs each feature map of the chosen conv layer by how much, on average, the class score grows ' +
    'with it, sums the weighted maps and keeps the positive part, then stretches the result to the image size. ' +
    'A later layer gives a coarser map about larger parts; an early layer highlights edges.',
};

type SaliencyResult = FrameOf<'saliency'>;

/** What the scale's numbers are. */
function unitOf(f: SaliencyResult): string {
  const score = f.score === 'logit' ? 'logit' : 'log p';
  if (f.method === 'gradCam') return `ReLU(Σ weight × map) for the ${score}`;
  return f.method === 'smoothGrad' ? `|mean ∂ ${score} / ∂ pixel|` : `|∂ ${score} / ∂ pixel|`;
}

interface Info {
  readonly classNames: readonly string[];
  readonly predicted: number;
  readonly classIndex: number;
  readonly score: SaliencyResult['score'];
  readonly ms: number;
}

const sameInfo = (a: Info | null, b: Info): boolean =>
  a !== null &&
  a.predicted === b.predicted &&
  a.classIndex === b.classIndex &&
  a.score === b.score &&
  Math.round(a.ms) === Math.round(b.ms) &&
  a.classNames.join('\n') === b.classNames.join('\n');

function SaliencyBody() {
  const graph = useAppStore((s) => s.runGraph ?? s.graph);
  const convs = useMemo(() => gradCamLayers(graph), [graph]);
  const [method, setMethod] = useState<SaliencyMethod>('gradient');
  const [classChoice, setClassChoice] = useState<number | null>(null);
  const [layerChoice, setLayerChoice] = useState<NodeId | null>(null);
  const [info, setInfo] = useState<Info | null>(null);
  const layer = layerChoice !== null && convs.includes(layerChoice) ? layerChoice : (convs.at(-1) ?? null);
  const usable = method !== 'gradCam' || layer !== null;
  const [host, r] = useRenderer((el) => createSaliency(el), { clearOnNewRun: true });
  const active = useOnScreen(host) && graph.role === 'classifier' && usable;
  // A new run: its picture is blanked (clearOnNewRun); its words about the old network go too.
  useOnNewRun(() => setInfo(null));
  useProbeNeed(
    { kind: 'saliency', method, classIndex: classChoice, layer: method === 'gradCam' ? layer : null },
    active,
  );
  useFrames('saliency', active, (f) => {
    // An answer to an earlier choice (the method, class or layer changed since) is not drawn.
    if (f.method !== method || f.requested !== classChoice) return;
    if (method === 'gradCam' && f.layer !== layer) return;
    r.current?.update({
      h: f.map.h,
      w: f.map.w,
      image: f.image,
      channels: f.channels,
      map: f.map.data,
      min: f.map.min[0] ?? 0,
      max: f.map.max[0] ?? 0,
      // Magnitudes (|gradient|, ReLU of Grad-CAM) are never negative: their scale starts at 0.
      fromZero: true,
      unit: unitOf(f),
    });
    const next: Info = {
      classNames: f.classNames,
      predicted: f.predicted,
      classIndex: f.classIndex,
      score: f.score,
      ms: f.ms,
    };
    setInfo((prev) => (sameInfo(prev, next) ? prev : next));
  });
  const names = info?.classNames ?? [];
  const nameOf = (i: number) => names[i] ?? `Class ${i}`;

  if (graph.role !== 'classifier')
    return <p className="panel-note">Saliency maps explain a classifier’s class scores.</p>;
  return (
    <>
      <p className="panel-note">{EXPLAIN[method]}</p>
      <div className="panel-controls">
        <label>
          Method{' '}
          <select
            aria-label="Method"
            value={method}
            onChange={(e) => setMethod(e.target.value as SaliencyMethod)}
          >
            {SALIENCY_METHODS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Class{' '}
          <select
            aria-label="Class"
            value={classChoice === null ? '' : String(classChoice)}
            onChange={(e) => setClassChoice(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">
              {info ? `The predicted class (${nameOf(info.predicted)})` : 'The predicted class'}
            </option>
            {names.map((n, i) => (
              <option key={i} value={String(i)}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {method === 'gradCam' && layer !== null ? (
          <label>
            Layer{' '}
            <select
              aria-label="Layer"
              value={layer}
              onChange={(e) => setLayerChoice(e.target.value as NodeId)}
            >
              {convs.map((id, i) => (
                <option key={id} value={id}>
                  {nodeLabel(graph, id)}
                  {i === convs.length - 1 ? ' · last' : ''}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {usable ? null : (
        <p className="panel-note">Grad-CAM needs a convolution layer; this network has none.</p>
      )}
      <div ref={host} className="panel-canvas-host" />
      {info ? (
        <p className="panel-note" aria-live="polite">
          Explaining {nameOf(info.classIndex)}
          {info.classIndex === info.predicted
            ? ' (the prediction)'
            : `; the network predicts ${nameOf(info.predicted)}`}
          . Differentiates the{' '}
          {info.score === 'logit'
            ? 'class’s logit (its score before softmax)'
            : 'log-probability (this network does not expose its pre-softmax scores)'}
          ; map computed in {Math.round(info.ms)} ms.
        </p>
      ) : null}
      <p className="panel-note">
        Caveat: a map that looks like a clean outline of the digit is not proof the network uses that outline.
        Adebayo et al. (2018) found that some methods draw much the same picture for a network with random
        weights, so part of the picture comes from the image itself; plain gradients are also noisy and jump
        from step to step. Compare with Grad-CAM, and with the map before training.
      </p>
    </>
  );
}

export function SaliencyPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <SaliencyBody />}</Panel>;
}
