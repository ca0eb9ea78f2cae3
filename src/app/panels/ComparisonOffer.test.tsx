// @vitest-environment jsdom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRESET_ID, presetById } from '../../engine/graph/presets';
import { ControllerContext } from '../controllers/ControllerContext';
import type { TrainingController } from '../controllers/trainingController';
import { sweepControllerFor } from '../controllers/sweepController';
import { useAppStore } from '../store';
import { mount, unmount, type Mounted } from '../testing/mount';
import { ComparisonOffer, startComparison } from './ComparisonOffer';

let m: Mounted;
let controller: TrainingController;
/** The network and settings of each run the comparison started. */
let built: { graph: unknown; hyper: ReturnType<typeof useAppStore.getState>['hyper'] }[];

const button = (): HTMLButtonElement | undefined =>
  [...m.host.querySelectorAll('button')].find((b) => b.textContent === 'Start comparison');

beforeEach(() => {
  built = [];
  // A new controller each test: the sweep controller is one per training controller.
  controller = {
    prepare() {
      const s = useAppStore.getState();
      built.push({ graph: s.graph, hyper: s.hyper });
      s.patchRun({ status: 'initializing' });
    },
    train() {},
    pause() {},
  } as unknown as TrainingController;
  useAppStore.getState().setSweep(null);
  useAppStore.getState().setPreset(DEFAULT_PRESET_ID);
  useAppStore.getState().patchRun({ status: 'idle' });
  m = mount();
  act(() =>
    m.root.render(
      createElement(ControllerContext.Provider, { value: controller }, createElement(ComparisonOffer)),
    ),
  );
});
afterEach(async () => {
  sweepControllerFor(useAppStore, controller).cancel();
  await sweepControllerFor(useAppStore, controller).done();
  unmount(m);
});

describe('ComparisonOffer', () => {
  it('is shown only for a lesson with a comparison, and says what it trains and with what budget', () => {
    expect(m.host.textContent).toBe('');
    act(() => useAppStore.getState().setPreset('compare-kernel-size'));
    expect(m.host.querySelector('[aria-label="Comparison"]')).not.toBeNull();
    expect(m.host.textContent).toContain(
      'This lesson compares 3×3 stack and one 10×10: each trains 300 steps of 32 examples on MNIST with seed 1',
    );
    act(() => useAppStore.getState().setPreset('compare-stride'));
    expect(m.host.textContent).toContain('compares stride 1 and stride 2: each trains 1,200 steps');
    expect(button()?.disabled).toBe(false);
  });

  it('Start comparison trains the lesson’s networks in turn with the editor’s settings and the lesson’s budget', () => {
    act(() => useAppStore.getState().setPreset('compare-kernel-size'));
    act(() => useAppStore.getState().setHyper({ learningRate: 0.003 }));
    const own = useAppStore.getState().hyper;
    act(() => button()!.click());
    expect(useAppStore.getState().sweep).toMatchObject({
      index: 1,
      total: 2,
      label: '3×3 stack',
      done: false,
    });
    const c = presetById('compare-kernel-size')!.comparison!;
    expect(built).toHaveLength(1);
    expect(built[0]!.graph).toBe(c.variants[0]!.graph);
    expect(built[0]!.hyper).toMatchObject({ learningRate: 0.003, maxSteps: 300 });
    // The user's own settings are what the autosave keeps, and the button waits for the sweep to end.
    expect(useAppStore.getState().sweepBase?.hyper).toBe(own);
    expect(button()!.disabled).toBe(true);
  });

  it('the optimizer comparison gives each run its own optimizer and learning rate, and the same seconds', () => {
    act(() => useAppStore.getState().setPreset('optimizers-compared'));
    expect(m.host.textContent).toContain(
      'This lesson compares SGD, Momentum, Adam, Adadelta, L-BFGS and Conjugate gradient: each trains 10 seconds of training (pauses do not count) on MNIST',
    );
    expect(m.host.textContent).toContain('each one takes longer');
    act(() => useAppStore.getState().setHyper({ batchSize: 64 }));
    act(() => button()!.click());
    expect(useAppStore.getState().sweep).toMatchObject({ index: 1, total: 6, label: 'SGD' });
    // The variant's settings over the editor's: its optimizer and rate, the editor's batch size, the lesson's budget.
    expect(built[0]!.hyper).toMatchObject({
      optimizer: 'sgd',
      learningRate: 0.1,
      batchSize: 64,
      maxSeconds: 10,
      maxSteps: 0,
    });
  });

  it('startComparison: variants without settings of their own train with the editor’s (the older lessons)', () => {
    const started: unknown[] = [];
    const sweeper = {
      start: (plan: unknown) => (started.push(plan), null),
      cancel() {},
      done: async () => {},
    };
    const s = { ...useAppStore.getState(), hyper: { ...useAppStore.getState().hyper, learningRate: 0.007 } };
    const c = presetById('compare-stride')!.comparison!;
    expect(startComparison(sweeper, c, s)).toBeNull();
    expect(started).toEqual([
      {
        variants: c.variants.map((v) => ({ label: v.label, graph: v.graph, hyper: s.hyper })),
        budget: c.budget,
      },
    ]);
  });

  it('is disabled while another run trains', () => {
    act(() => useAppStore.getState().setPreset('compare-stride'));
    act(() => useAppStore.getState().patchRun({ status: 'running' }));
    expect(button()!.disabled).toBe(true);
  });
});
