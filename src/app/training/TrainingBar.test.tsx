// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { useAppStore } from '../store';
import { fieldNamed, pressKey, typeText } from '../fields/typeInto';
import { TrainingBar } from './TrainingBar';
import { mount, unmount } from '../testing/mount';

let root: Root;
let host: HTMLElement;
const initial = useAppStore.getState();

const MESSAGE =
  'Training is stuck at step 51: for 50 steps the loss stayed at about 14.6 (a uniform guess scores 2.30) with a ' +
  'zero gradient, so nothing can learn. Layer "dense_2" is where it shows: its softmax is pinned at 0 and 1. ' +
  'Lower the learning rate (now 10.0, try 1.00), add batch normalization after the convolutions or turn on ' +
  'gradient clipping (Gradient clip norm, e.g. 1); then press Reset (training on from these weights rarely recovers).';

describe('training bar: divergence', () => {
  beforeEach(() => {
    useAppStore.setState({ hyper: { ...DEFAULT_HYPER, learningRate: 10 } });
    ({ host, root } = mount());
  });
  afterEach(() => {
    unmount({ host, root });
    useAppStore.setState(initial, true);
  });

  it('shows a paused run with the divergence title, the layer and the remedy', () => {
    useAppStore.setState({ status: 'paused', step: 60, error: { code: 'diverged', message: MESSAGE } });
    act(() => root.render(<TrainingBar />));
    const alert = host.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Training is diverging or stuck (paused):');
    expect(alert?.textContent).toContain('Layer "dense_2"');
    expect(alert?.textContent).toContain('try 1.00');
    expect(host.textContent).toContain('Paused');
  });

  it('offers "Gradient clip norm" (0 = off) and applies a typed value on Enter', () => {
    act(() => root.render(<TrainingBar />));
    const clip = fieldNamed(host, 'Gradient clip norm') as HTMLInputElement;
    expect(clip.value).toBe('0');
    typeText(clip, '1.5');
    pressKey(clip, 'Enter');
    expect(useAppStore.getState().hyper.clipNorm).toBe(1.5);
    typeText(clip, '-1');
    pressKey(clip, 'Enter');
    expect(useAppStore.getState().hyper.clipNorm).toBe(1.5);
    expect(clip.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('training bar: a seconds budget', () => {
  beforeEach(() => {
    ({ host, root } = mount());
  });
  afterEach(() => {
    unmount({ host, root });
    useAppStore.setState(initial, true);
  });

  it('counts the training time against the budget instead of epochs against their total', () => {
    const point = {
      step: 40,
      epoch: 0,
      examplesPerSec: 1,
      loss: 1,
      accuracy: 0.5,
      epochProgress: 0.2,
      learningRate: 0.1,
    };
    useAppStore.setState({
      hyper: { ...DEFAULT_HYPER, epochs: 1000, maxSeconds: 10 },
      status: 'running',
      step: 40,
      runId: initial.runId,
      runs: [
        { runId: initial.runId!, label: 'r', points: [{ ...point, seconds: 7.26 }], stride: 1, open: 0 },
      ],
    } as never);
    act(() => root.render(<TrainingBar />));
    expect(host.textContent).toContain('Time 7.3 / 10 s');
    expect(host.textContent).not.toContain('/ 1,000');
    act(() => useAppStore.setState({ hyper: { ...DEFAULT_HYPER, epochs: 3 } }));
    expect(host.textContent).not.toContain('Time ');
    expect(host.textContent).toContain('/ 3');
  });
});
