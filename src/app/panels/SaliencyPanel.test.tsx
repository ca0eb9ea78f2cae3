// @vitest-environment jsdom
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESETS, DEFAULT_PRESET_ID } from '../../engine/graph/presets';
import type { NodeId } from '../../engine/graph/types';
import { frameBus, type FrameOf } from '../frames/frameBus';
import { useAppStore } from '../store';
import { SaliencyPanel } from './SaliencyPanel';
import { currentProbeNeeds, resetProbeNeeds } from './probeNeeds';
import { mount, unmount } from '../testing/mount';

let root: Root;
let host: HTMLElement;
const graph = PRESETS.find((p) => p.id === DEFAULT_PRESET_ID)!.graph;
const convs = graph.nodes.filter((n) => n.layer.kind === 'conv2d').map((n) => n.id);

const frame = (patch: Partial<FrameOf<'saliency'>> = {}): FrameOf<'saliency'> => ({
  kind: 'saliency',
  step: 5,
  method: 'gradient',
  layer: null,
  requested: null,
  classIndex: 2,
  predicted: 2,
  classNames: ['zero', 'one', 'two'],
  score: 'logit',
  image: new Uint8Array(4),
  channels: 1,
  map: {
    node: 'input' as NodeId,
    h: 2,
    w: 2,
    count: 1,
    data: Uint8Array.from([0, 1, 2, 3]),
    min: Float32Array.of(0),
    max: Float32Array.of(0.5),
  },
  ms: 12.4,
  ...patch,
});

const select = (name: string): HTMLSelectElement => {
  const s = host.querySelector(`select[aria-label="${name}"]`);
  if (!(s instanceof HTMLSelectElement)) throw new Error(`no select ${name}`);
  return s;
};
const choose = (name: string, value: string) =>
  act(() => {
    const s = select(name);
    s.value = value;
    s.dispatchEvent(new Event('change', { bubbles: true }));
  });
const options = (name: string) => [...select(name).options].map((o) => o.textContent);

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null); // jsdom has no canvas
  ({ host, root } = mount());
  act(() => useAppStore.getState().patchRun({ runGraph: graph }));
});
afterEach(() => {
  unmount({ host, root });
  frameBus.clear();
  resetProbeNeeds();
  useAppStore.getState().patchRun({ runGraph: null, status: 'idle' });
  vi.restoreAllMocks();
});

describe('SaliencyPanel', () => {
  it('asks for the chosen method, class and layer, and marks the predicted class', () => {
    act(() => root.render(<SaliencyPanel />));
    expect(currentProbeNeeds()).toEqual([
      { kind: 'saliency', method: 'gradient', classIndex: null, layer: null },
    ]);
    act(() => frameBus.publish(frame()));
    expect(options('Class')).toEqual(['The predicted class (two)', 'zero', 'one', 'two']);
    expect(host.textContent).toContain('Explaining two (the prediction)');
    expect(host.textContent).toContain('logit');
    expect(host.textContent).toContain('map computed in 12 ms');
    choose('Class', '0');
    expect(currentProbeNeeds()).toEqual([
      { kind: 'saliency', method: 'gradient', classIndex: 0, layer: null },
    ]);
    // The default Grad-CAM layer is the last conv; the Layer select appears with Grad-CAM only.
    expect(host.querySelector('select[aria-label="Layer"]')).toBeNull();
    choose('Method', 'gradCam');
    expect(currentProbeNeeds()).toEqual([
      { kind: 'saliency', method: 'gradCam', classIndex: 0, layer: convs.at(-1) },
    ]);
    expect(options('Layer')).toHaveLength(convs.length);
    choose('Layer', convs[0] as string);
    expect(currentProbeNeeds()).toEqual([
      { kind: 'saliency', method: 'gradCam', classIndex: 0, layer: convs[0] },
    ]);
  });

  it('ignores a frame for an earlier choice', () => {
    act(() => root.render(<SaliencyPanel />));
    choose('Method', 'smoothGrad');
    act(() => frameBus.publish(frame({ method: 'gradient', ms: 99 })));
    expect(host.textContent).not.toContain('map computed in');
    act(() => frameBus.publish(frame({ method: 'smoothGrad', ms: 150 })));
    expect(host.textContent).toContain('map computed in 150 ms');
  });

  it('forgets the previous run’s words on a new run', () => {
    act(() => root.render(<SaliencyPanel />));
    act(() => frameBus.publish(frame({ classIndex: 0, predicted: 1, requested: null })));
    expect(host.textContent).toContain('the network predicts one');
    act(() => frameBus.clear());
    expect(host.textContent).not.toContain('the network predicts');
    expect(host.textContent).not.toContain('map computed in');
    expect(options('Class')).toEqual(['The predicted class']);
  });

  it('says when the network is not a classifier, and asks for nothing', () => {
    act(() => useAppStore.getState().patchRun({ runGraph: { ...graph, role: 'autoencoder' } }));
    act(() => root.render(<SaliencyPanel />));
    expect(host.textContent).toContain('Saliency maps explain a classifier');
    expect(currentProbeNeeds()).toEqual([]);
  });
});
