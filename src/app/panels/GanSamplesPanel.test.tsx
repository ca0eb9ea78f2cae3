// @vitest-environment jsdom
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultLayer } from '../../engine/graph/catalogue';
import { chain } from '../../engine/graph/edit';
import { asRunId } from '../../workers/protocol';
import type { ProbeRequest } from '../../engine/train/probes/types';
import { frameBus } from '../frames/frameBus';
import { useAppStore } from '../store';
import { GanSamplesPanel } from './GanSamplesPanel';
import { currentProbeNeeds, onProbeNow, resetProbeNeeds } from './probeNeeds';
import { mount, unmount } from '../testing/mount';

let root: Root;
let host: HTMLElement;

function field(name: string): HTMLInputElement {
  const label = [...host.querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
  const input = label?.querySelector('input');
  if (!input) throw new Error(`No field named ${name}`);
  return input;
}

const frame = (step: number, count: number) => ({
  kind: 'ganSamples' as const,
  step,
  count,
  h: 2,
  w: 2,
  channels: 1,
  pixels: new Uint8Array(count * 4).map((_, i) => (i * 37 + step) % 256),
  interpolation: new Uint8Array(16 * 4),
  interpolationSteps: 16,
  diversity: 0.2,
});

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null); // jsdom has no canvas
  ({ host, root } = mount());
});
afterEach(() => {
  unmount({ host, root });
  frameBus.clear();
  resetProbeNeeds();
  useAppStore.getState().clearMetrics();
  useAppStore.getState().patchRun({ runGraph: null, status: 'idle' });
  vi.restoreAllMocks();
});

describe('GanSamplesPanel', () => {
  it('asks for the grid with an interpolation, follows picked ends, and reads frames and metrics', () => {
    const oneShots: ProbeRequest[] = [];
    onProbeNow((r) => oneShots.push(r));
    // A classifier run would fail a GAN probe: nothing is asked.
    act(() => useAppStore.getState().patchRun({ runGraph: chain('classifier', [defaultLayer('input')]) }));
    act(() => root.render(<GanSamplesPanel />));
    expect(host.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe('GAN samples');
    expect(host.textContent).toContain('Train a GAN preset');
    expect(currentProbeNeeds()).toEqual([]);
    expect(oneShots).toEqual([]);
    act(() =>
      useAppStore
        .getState()
        .patchRun({ runGraph: chain('generator', [defaultLayer('input')]), status: 'initializing' }),
    );
    expect(currentProbeNeeds()).toEqual([{ kind: 'ganSamples', interpolate: { a: 0, b: 63, steps: 16 } }]);
    // A GAN run is being prepared, then trains: the panel never says to train a GAN preset.
    expect(host.textContent).not.toContain('Train a GAN preset');
    expect(host.querySelector('[role="status"]')?.textContent).toContain('Preparing');
    act(() => useAppStore.getState().patchRun({ status: 'running' }));
    expect(host.querySelector('[role="status"]')?.textContent).toBe('Waiting for the first samples…');

    // A 4-sample grid clamps the end to the last cell; the diversity warning shows.
    act(() => frameBus.publish(frame(10, 4)));
    expect(host.textContent).toContain('step 10');
    expect(host.textContent).not.toContain('Waiting');
    expect(currentProbeNeeds()).toEqual([{ kind: 'ganSamples', interpolate: { a: 0, b: 3, steps: 16 } }]);
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('possible mode collapse');
    const play = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Play interpolation');
    expect(play?.disabled).toBe(false);
    act(() => play?.click());
    expect(play?.textContent).toBe('Pause interpolation');

    // Typing a start sample changes the need and asks for the new path at once.
    const start = field('Start sample');
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(start, '2');
      start.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(currentProbeNeeds()).toEqual([{ kind: 'ganSamples', interpolate: { a: 2, b: 3, steps: 16 } }]);
    expect(oneShots.at(-1)).toEqual({ kind: 'ganSamples', interpolate: { a: 2, b: 3, steps: 16 } });

    // The balance meter follows the latest GAN metric point.
    const runId = asRunId('r1');
    act(() => {
      useAppStore.getState().startMetricsRun(runId, 'GAN');
      useAppStore.getState().appendMetrics(runId, [
        {
          step: 1,
          epoch: 0,
          examplesPerSec: 1,
          loss: 0.7,
          accuracy: Number.NaN,
          epochProgress: 0,
          learningRate: 2e-4,
          gan: { dLoss: 0.3, gLoss: 2, dReal: 0.95, dFake: 0.1 },
        },
      ]);
    });
    expect(host.querySelector('[data-balance]')?.getAttribute('data-balance')).toBe('D winning');

    act(() => root.render(<></>));
    expect(currentProbeNeeds()).toEqual([]);
  });
});
