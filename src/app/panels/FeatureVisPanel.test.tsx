// @vitest-environment jsdom
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESETS, DEFAULT_PRESET_ID } from '../../engine/graph/presets';
import type { FeatureVisRequest, FeatureVisResult } from '../../engine/train/probes/types';
import { frameBus } from '../frames/frameBus';
import { useAppStore } from '../store';
import { FeatureVisPanel } from './FeatureVisPanel';
import { onProbeNow, resetProbeNeeds } from './probeNeeds';
import { mount, unmount } from '../testing/mount';

let root: Root;
let host: HTMLElement;
let sent: FeatureVisRequest[] = [];
let off: () => void = () => undefined;
const graph = PRESETS.find((p) => p.id === DEFAULT_PRESET_ID)!.graph;

const answer = (req: FeatureVisRequest, done: number): FeatureVisResult => ({
  kind: 'featureVis',
  step: 1463,
  job: req.job,
  done,
  total: 64,
  count: 8,
  h: 1,
  w: 1,
  channels: 1,
  state: new Float32Array(8),
  stateShape: [8, 1, 1, 1],
  pixels: Uint8Array.from([0, 255, 255, 255, 255, 255, 255, 255]),
  spread: new Float32Array(8),
  mean: Float32Array.from([0.1, 1, 1, 1, 1, 1, 1, 1]),
  values: new Float32Array(8),
  ms: 3,
});

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null); // jsdom has no canvas
  sent = [];
  off = onProbeNow((r) => {
    if (r.kind === 'featureVis') sent.push(r);
  });
  ({ host, root } = mount());
  act(() => useAppStore.getState().patchRun({ runGraph: graph, status: 'paused' }));
});
afterEach(() => {
  off();
  unmount({ host, root });
  frameBus.clear();
  resetProbeNeeds();
  useAppStore.getState().patchRun({ runGraph: null, status: 'idle' });
  vi.restoreAllMocks();
});

const flush = () => new Promise((r) => setTimeout(r, 40));

describe('FeatureVisPanel', () => {
  it('labels each picture and says why a flat one is flat; a new run clears it and starts a fresh job', async () => {
    act(() => root.render(<FeatureVisPanel />));
    expect(sent).toHaveLength(1);
    const first = sent[0]!;
    act(() => frameBus.publish(answer(first, 64)));
    await act(flush);
    const labels = [...host.querySelectorAll('.viz-tile__label')].map((e) => e.textContent);
    expect(labels).toEqual(Array.from({ length: 8 }, (_, i) => `filter ${i + 1}`));
    expect(host.querySelectorAll('figure')[1]?.textContent).toContain('flat white');
    expect(host.textContent).toContain('made at step 1463');
    const bar = host.querySelector('progress');
    expect(bar?.value).toBe(64);

    act(() => frameBus.clear()); // Reset: a new run
    await act(flush);
    expect(host.textContent).not.toContain('made at step');
    expect(host.querySelectorAll('figure')).toHaveLength(0);
    expect(host.querySelector('progress')?.value).toBe(0);
    // The job restarted on the new run; the old job's late answer is ignored.
    expect(sent).toHaveLength(2);
    expect(sent[1]!.job).not.toBe(first.job);
    expect(sent[1]!.done).toBe(0);
    act(() => frameBus.publish(answer(first, 64)));
    await act(flush);
    expect(host.textContent).not.toContain('made at step');
  });

  it('goes on to the end when the panel scrolls off screen, and does not restart when it comes back', async () => {
    const observers: ((entries: { isIntersecting: boolean }[]) => void)[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(cb: (entries: { isIntersecting: boolean }[]) => void) {
          observers.push(cb);
        }
        observe(): void {}
        disconnect(): void {}
      },
    );
    const onScreen = (yes: boolean) => act(() => observers.forEach((cb) => cb([{ isIntersecting: yes }])));
    act(() => root.render(<FeatureVisPanel />));
    expect(sent).toHaveLength(1);
    act(() => frameBus.publish(answer(sent[0]!, 16)));
    await act(flush);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.done).toBe(16);

    onScreen(false); // e.g. the page scrolled up to the Train button
    await act(flush);
    act(() => frameBus.publish(answer(sent[1]!, 32)));
    await act(flush);
    expect(sent).toHaveLength(3);
    expect(sent[2]!.done).toBe(32);
    expect(host.textContent).toContain('iteration 32 / 64');

    onScreen(true);
    await act(flush);
    expect(sent).toHaveLength(3); // the same job: no fresh start from iteration 0
    act(() => frameBus.publish(answer(sent[2]!, 64)));
    await act(flush);
    expect(host.textContent).toContain('made at step 1463');
    vi.unstubAllGlobals();
  });
});
