// @vitest-environment jsdom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smallCnn } from '../../engine/graph/testGraphs';
import { presetById } from '../../engine/graph/presets';
import { ControllerContext } from '../controllers/ControllerContext';
import { sweepControllerFor } from '../controllers/sweepController';
import type { TrainingController } from '../controllers/trainingController';
import { useAppStore } from '../store';
import { mount, unmount, type Mounted } from '../testing/mount';
import { MAX_SWEEP_NODES, SweepForm } from './SweepForm';
import { chain } from '../../engine/graph/edit';

let m: Mounted;
const controller = { prepare() {}, train() {}, pause() {} } as unknown as TrainingController;

function select(label: string): HTMLSelectElement {
  const l = [...m.host.querySelectorAll('label')].find((x) => x.textContent === label);
  return document.getElementById(l!.htmlFor) as HTMLSelectElement;
}
const options = (s: HTMLSelectElement): string[] => [...s.options].map((o) => o.textContent ?? '');
const startButton = (): HTMLButtonElement =>
  [...m.host.querySelectorAll('button')].find((b) => b.textContent === 'Start sweep')!;

beforeEach(() => {
  useAppStore.getState().setGraph(smallCnn());
  useAppStore.getState().patchRun({ status: 'idle' });
  useAppStore.getState().setSweep(null);
  m = mount();
  act(() =>
    m.root.render(createElement(ControllerContext.Provider, { value: controller }, createElement(SweepForm))),
  );
});
afterEach(() => unmount(m));

describe('SweepForm', () => {
  it('offers the nodes with settings and Training settings, and the chosen node’s fields', () => {
    expect(options(select('Sweep node'))).toEqual(['conv2d_1', 'max_pool_1', 'dense_1', 'Training settings']);
    expect(select('Sweep node').value).toBe('conv2d_1');
    expect(options(select('Sweep setting'))).toContain('Kernel size');
    act(() => {
      select('Sweep node').value = '__training';
      select('Sweep node').dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(options(select('Sweep setting'))).toEqual(['Learning rate', 'Batch size', 'Optimizer']);
  });

  it('shows the progress and Cancel while sweeping, and is disabled while another run trains', () => {
    act(() =>
      useAppStore.getState().setSweep({
        index: 2,
        total: 4,
        label: 'kernel 5',
        skipped: [{ label: 'kernel 40', reason: 'Too big.' }],
        done: false,
      }),
    );
    expect(m.host.querySelector('[role="status"]')?.textContent).toBe('Sweep 2/4: kernel 5…');
    expect(m.host.textContent).toContain('Cancel sweep');
    expect(m.host.textContent).toContain('Skipped kernel 40: Too big.');
    act(() => useAppStore.getState().setSweep(null));
    expect(m.host.querySelector('[role="status"]')).toBeNull();
    expect(startButton().closest('fieldset')!.disabled).toBe(false);
    act(() => useAppStore.getState().patchRun({ status: 'running' }));
    expect(startButton().closest('fieldset')!.disabled).toBe(true);
  });

  it('a budget in steps sets each run’s step limit; in epochs it lifts it; the user’s settings come back', async () => {
    const own = { ...useAppStore.getState().hyper, epochs: 3, maxSteps: 0 };
    act(() => useAppStore.getState().setHyper(own));
    expect(select('Sweep budget').value).toBe('1');
    expect(select('Budget unit').value).toBe('epochs');
    expect(options(select('Budget unit'))).toEqual(['Epochs', 'Steps', 'Seconds']);
    const change = (label: string, value: string): void =>
      act(() => {
        const el = select(label);
        // React tracks the value it set: go through the native setter so the change event is seen.
        const proto =
          el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
        el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
      });
    change('Sweep values', '3, 5');
    change('Sweep budget', '40');
    change('Budget unit', 'steps');
    act(() => startButton().click());
    expect(m.host.querySelector('[role="alert"]')).toBeNull();
    expect(useAppStore.getState().sweep).toMatchObject({ index: 1, total: 2, label: 'filters 3' });
    expect(useAppStore.getState().hyper).toMatchObject({ maxSteps: 40, epochs: 1000 });
    const sweeper = sweepControllerFor(useAppStore, controller);
    sweeper.cancel();
    await sweeper.done();
    expect(useAppStore.getState().hyper).toEqual(own);

    change('Sweep budget', '0');
    act(() => startButton().click());
    expect(m.host.querySelector('[role="alert"]')?.textContent).toMatch(/whole number of steps, 1 or more/);

    // In seconds: each run's time limit, no step limit.
    change('Sweep budget', '8');
    change('Budget unit', 'seconds');
    act(() => startButton().click());
    expect(useAppStore.getState().hyper).toMatchObject({ maxSeconds: 8, maxSteps: 0, epochs: 1000 });
    sweeper.cancel();
    await sweeper.done();
    expect(useAppStore.getState().hyper).toEqual(own);
  });

  it('says when the sweep is paused and that Train goes on, and how a cancelled sweep ended', () => {
    const progress = { index: 1, total: 2, label: 'kernel 3', skipped: [], done: false };
    act(() => {
      useAppStore.getState().setSweep(progress);
      useAppStore.getState().patchRun({ status: 'paused' });
    });
    expect(m.host.querySelector('[role="status"]')?.textContent).toBe(
      'Sweep 1/2: kernel 3 is paused. Press Train to go on; the sweep continues when this run finishes.',
    );
    act(() => useAppStore.getState().patchRun({ status: 'running' }));
    expect(m.host.querySelector('[role="status"]')?.textContent).toBe('Sweep 1/2: kernel 3…');
    act(() =>
      useAppStore
        .getState()
        .setSweep({ ...progress, done: true, ended: 'Sweep cancelled: you pressed Reset.' }),
    );
    expect(m.host.querySelector('[role="status"]')?.textContent).toBe('Sweep cancelled: you pressed Reset.');
    act(() => useAppStore.getState().setSweep({ ...progress, done: true }));
    expect(m.host.querySelector('[role="status"]')).toBeNull();
  });
});

describe('SweepForm on a GAN', () => {
  it('says sweeps are not for GANs instead of offering the generator’s layers', () => {
    act(() => useAppStore.getState().setGanGraphs(presetById('dcgan')!.gan!));
    expect(m.host.querySelector('select')).toBeNull();
    expect(m.host.textContent).toMatch(/GAN's two networks cannot be swept/);
    act(() => useAppStore.getState().setGanGraphs(null, smallCnn()));
    expect(options(select('Sweep node'))).toContain('conv2d_1');
  });
});

describe('SweepForm on a very large network', () => {
  it(`offers at most ${MAX_SWEEP_NODES} layers (a thousand options would slow every keystroke in the page)`, () => {
    const layers = [
      { kind: 'input', source: 'dataset', shape: [28, 28, 1] },
      { kind: 'flatten' },
      ...Array.from({ length: 150 }, () => ({
        kind: 'dense',
        units: 4,
        activation: 'relu',
        useBias: true,
        initializer: 'heNormal',
      })),
    ] as unknown as Parameters<typeof chain>[1];
    act(() => useAppStore.getState().setGraph(chain('classifier', layers)));
    const nodeSelect = select('Sweep node');
    expect(nodeSelect.options).toHaveLength(MAX_SWEEP_NODES + 1);
    expect(options(nodeSelect).at(-1)).toBe('Training settings');
    expect(nodeSelect.title).toBe(`The first ${MAX_SWEEP_NODES} of 150 layers with settings`);
  });
});
