import { describe, expect, it } from 'vitest';
import { partialize } from '../store';
import { updateLayer } from '../../engine/graph/edit';
import { presetById } from '../../engine/graph/presets';
import { sweepSetup, tick } from '../testing/sweepSetup';
import { makeUserDataset } from '../../workers/userDatasets/testing';

const setup = sweepSetup;

describe('sweep controller', () => {
  it('trains each valid variant in turn, names its record and puts the user’s work back', async () => {
    const { store, graph, conv, sweep, started, endRun, calls } = setup();
    const past = store.getState().past;
    const hyper = store.getState().hyper;
    expect(
      sweep.start({ target: { kind: 'layer', node: conv.id, key: 'kernel' }, values: '3, 5', epochs: 1 }),
    ).toBeNull();
    expect(store.getState().sweep).toMatchObject({ index: 1, total: 2, label: 'kernel 3', done: false });
    expect(store.getState().sweep!.skipped).toEqual([]);
    expect(started).toEqual([{ kernel: [3, 3], epochs: 1, runId: 'run1' }]);
    await endRun();
    expect(store.getState().sweep).toMatchObject({ index: 2, label: 'kernel 5' });
    expect(started.map((r) => r.kernel)).toEqual([
      [3, 3],
      [5, 5],
    ]);
    await endRun();
    await sweep.done();
    const s = store.getState();
    expect(s.records.map((r) => r.name)).toEqual(['kernel 3', 'kernel 5']);
    expect(s.records[1]!.params - s.records[0]!.params).toBe(64);
    expect(s.graph).toBe(graph);
    expect(s.hyper).toEqual(hyper);
    expect(s.past).toBe(past);
    expect(s.sweep).toMatchObject({ done: true, total: 2 });
    // The worker's model is the user's network again, not the last variant (Export model, the panels, Train).
    expect(started).toHaveLength(2);
    expect(calls.at(-1)).toBe('rebuild');
    expect(s.runGraph).toBe(graph);
  });

  it('while the variants train, the autosave keeps the user’s own network and settings', async () => {
    const { store, graph, conv, sweep, endRun } = setup();
    const hyper = store.getState().hyper;
    sweep.start({ target: { kind: 'layer', node: conv.id, key: 'kernel' }, values: '5', epochs: 1 });
    expect(store.getState().graph).not.toBe(graph);
    const saved = partialize(store.getState());
    expect(saved.graph).toBe(graph);
    expect(saved.hyper).toEqual(hyper);
    await endRun();
    await sweep.done();
    expect(store.getState().sweepBase).toBeNull();
    expect(partialize(store.getState()).graph).toBe(graph);
  });

  it('skips a variant whose network does not validate, with the reason', async () => {
    const { store, conv, sweep, started, endRun } = setup();
    sweep.start({ target: { kind: 'layer', node: conv.id, key: 'stride' }, values: '1, 40, 2', epochs: 1 });
    expect(store.getState().sweep).toMatchObject({ index: 1, total: 2, label: 'stride 1' });
    expect(store.getState().sweep!.skipped).toEqual([
      { label: 'stride 40', reason: expect.stringMatching(/1×1/) },
    ]);
    await endRun();
    expect(store.getState().sweep).toMatchObject({ index: 2, total: 2, label: 'stride 2' });
    await endRun();
    await sweep.done();
    expect(started).toHaveLength(2);
    expect(store.getState().records.map((r) => r.name)).toEqual(['stride 1', 'stride 2']);
  });

  it('keeps the reason of a run that fails and goes on with the next', async () => {
    const { store, conv, sweep, started, endRun } = setup();
    sweep.start({ target: { kind: 'layer', node: conv.id, key: 'filters' }, values: '2, 4', epochs: 2 });
    await endRun('Out of memory');
    expect(started).toHaveLength(2);
    await endRun();
    await sweep.done();
    expect(store.getState().sweep!.skipped).toEqual([
      { label: 'filters 2', reason: 'training stopped: Out of memory' },
    ]);
    expect(store.getState().records.map((r) => r.name)).toEqual(['filters 2', 'filters 4']);
  });

  it('varies a training setting with the same network', async () => {
    const { store, graph, sweep, started, endRun } = setup();
    sweep.start({ target: { kind: 'training', key: 'learningRate' }, values: '0.1, 0.01', epochs: 1 });
    expect(store.getState().hyper.learningRate).toBe(0.1);
    await endRun();
    expect(store.getState().hyper.learningRate).toBe(0.01);
    expect(store.getState().graph).toBe(graph);
    await endRun();
    await sweep.done();
    expect(started).toHaveLength(2);
    expect(store.getState().hyper.learningRate).toBe(0.005);
  });

  it('Cancel stops the run, skips the rest and puts the user’s work back', async () => {
    const { store, graph, conv, sweep, started, calls } = setup();
    sweep.start({ target: { kind: 'layer', node: conv.id, key: 'kernel' }, values: '3, 5, 7', epochs: 1 });
    sweep.cancel();
    await sweep.done();
    expect(calls).toContain('pause');
    expect(started).toHaveLength(1);
    expect(store.getState().graph).toBe(graph);
    expect(store.getState().hyper.epochs).toBe(7);
    expect(store.getState().sweep).toMatchObject({ done: true, index: 1 });
  });

  it('refuses bad values, a bad budget and a second sweep, changing nothing', () => {
    const { store, graph, conv, sweep, started } = setup();
    const target = { kind: 'layer', node: conv.id, key: 'kernel' } as const;
    expect(sweep.start({ target, values: '3, big', epochs: 1 })).toBe('"big" is not a number.');
    expect(sweep.start({ target, values: '3', epochs: 0 })).toMatch(/whole number of epochs/);
    expect(sweep.start({ target, values: '3', epochs: 1.5 })).toMatch(/whole number of epochs/);
    const stride = { kind: 'layer', node: conv.id, key: 'stride' } as const;
    expect(sweep.start({ target: stride, values: '40, 50', epochs: 1 })).toMatch(/None of these values/);
    expect(store.getState().sweep!.skipped.map((x) => x.label)).toEqual(['stride 40', 'stride 50']);
    expect(started).toHaveLength(0);
    expect(store.getState().graph).toBe(graph);
    expect(sweep.start({ target, values: '3', epochs: 1 })).toBeNull();
    expect(sweep.start({ target, values: '5', epochs: 1 })).toBe('A sweep is already running.');
  });

  it('refuses while a GAN lesson is open (a variant would replace one of its networks)', () => {
    const { store, conv, sweep, started } = setup();
    const gan = presetById('dcgan')!.gan!;
    store.getState().setGanGraphs(gan);
    const before = store.getState().ganGraphs;
    const target = { kind: 'layer', node: conv.id, key: 'kernel' } as const;
    expect(sweep.start({ target, values: '3, 5', epochs: 1 })).toMatch(/GAN lesson is open/);
    expect(
      sweep.start({ variants: [{ label: 'a', graph: gan.generator, hyper: store.getState().hyper }] }),
    ).toMatch(/GAN lesson is open/);
    expect(started).toHaveLength(0);
    expect(store.getState().ganGraphs).toBe(before);
  });
});

describe('sweep controller: budget', () => {
  it('a steps budget sets each run’s step limit (epochs do not stop it first); the user’s own limit comes back', async () => {
    const { store, conv, sweep, built, endRun } = setup();
    store.getState().setHyper({ maxSteps: 500 });
    const own = store.getState().hyper;
    const target = { kind: 'layer', node: conv.id, key: 'kernel' } as const;
    expect(sweep.start({ target, values: '3, 5', budget: { unit: 'steps', amount: 120 } })).toBeNull();
    await endRun();
    await endRun();
    await sweep.done();
    expect(built.map((b) => [b.hyper.maxSteps, b.hyper.epochs])).toEqual([
      [120, 1000],
      [120, 1000],
    ]);
    expect(store.getState().hyper).toEqual(own);
  });

  it('an epochs budget lifts the user’s step limit for the sweep’s runs', async () => {
    const { store, conv, sweep, built, endRun } = setup();
    store.getState().setHyper({ maxSteps: 500 });
    const target = { kind: 'layer', node: conv.id, key: 'kernel' } as const;
    sweep.start({ target, values: '3', budget: { unit: 'epochs', amount: 2 } });
    await endRun();
    await sweep.done();
    expect(built.map((b) => [b.hyper.maxSteps, b.hyper.epochs])).toEqual([[0, 2]]);
    expect(store.getState().hyper.maxSteps).toBe(500);
  });
});

describe('sweep controller: explicit variants', () => {
  it('trains two different networks in turn, each with its own settings, and puts the user’s work back', async () => {
    const { store, graph, conv, sweep, built, endRun } = setup();
    const before = store.getState();
    const wide = updateLayer(graph, conv.id, { filters: 16 });
    const hyper = { ...before.hyper, learningRate: 0.01, epochs: 3 };
    expect(
      sweep.start({
        variants: [
          { label: 'narrow', graph, hyper },
          { label: 'wide', graph: wide, hyper: { ...hyper, batchSize: 64 }, seed: 9 },
        ],
        budget: { unit: 'epochs', amount: 2 },
      }),
    ).toBeNull();
    expect(store.getState().sweep).toMatchObject({ index: 1, total: 2, label: 'narrow', done: false });
    await endRun();
    expect(store.getState().sweep).toMatchObject({ index: 2, label: 'wide' });
    await endRun();
    await sweep.done();
    expect(
      built.map((b) => [b.graph, b.hyper.learningRate, b.hyper.batchSize, b.hyper.epochs, b.seed]),
    ).toEqual([
      [graph, 0.01, 32, 2, before.seed],
      [wide, 0.01, 64, 2, 9],
    ]);
    const s = store.getState();
    expect(s.records.map((r) => r.name)).toEqual(['narrow', 'wide']);
    expect(s.records[1]!.params).toBeGreaterThan(s.records[0]!.params);
    expect([s.graph, s.hyper, s.seed, s.dataset, s.past]).toEqual([
      before.graph,
      before.hyper,
      before.seed,
      before.dataset,
      before.past,
    ]);
  });

  it('without a budget each variant trains as its own settings say; a variant’s dataset is used and put back', async () => {
    const { store, graph, sweep, built, endRun } = setup();
    const before = store.getState();
    expect(before.dataset).toBe('mnist');
    sweep.start({
      variants: [
        { label: 'shapes', graph, hyper: { ...before.hyper, epochs: 4 }, dataset: 'procedural', seed: 3 },
      ],
    });
    // Set at once (and kept out of the autosave); the run starts once the controller's rebuild has settled.
    expect(store.getState().dataset).toBe('procedural');
    expect(partialize(store.getState())).toMatchObject({ dataset: 'mnist', seed: before.seed });
    expect(built).toHaveLength(0);
    await tick();
    expect(built.map((b) => [b.dataset, b.seed, b.hyper.epochs])).toEqual([['procedural', 3, 4]]);
    await endRun();
    await sweep.done();
    expect(store.getState().dataset).toBe('mnist');
    expect(store.getState().seed).toBe(before.seed);
    expect(store.getState().hyper).toEqual(before.hyper);
  });

  it('skips a variant that does not validate and refuses a list with none that does', async () => {
    const { store, graph, conv, sweep, built, endRun } = setup();
    const hyper = store.getState().hyper;
    const big = updateLayer(graph, conv.id, { kernel: [40, 40], padding: 'valid' });
    expect(sweep.start({ variants: [{ label: 'big', graph: big, hyper }] })).toBe(
      'None of these networks can be trained.',
    );
    expect(store.getState().sweep).toMatchObject({ done: true, skipped: [{ label: 'big' }] });
    expect(sweep.start({ variants: [] })).toBe('Give at least one network to train.');
    expect(
      sweep.start({ variants: [{ label: 'ok', graph, hyper }], budget: { unit: 'steps', amount: 0 } }),
    ).toMatch(/whole number of steps/);
    expect(built).toHaveLength(0);
    expect(
      sweep.start({
        variants: [
          { label: 'big', graph: big, hyper },
          { label: 'ok', graph, hyper },
        ],
      }),
    ).toBeNull();
    expect(store.getState().sweep).toMatchObject({ index: 1, total: 1, label: 'ok' });
    expect(store.getState().sweep!.skipped).toEqual([
      { label: 'big', reason: expect.stringMatching(/40×40/) },
    ]);
    await endRun();
    await sweep.done();
    expect(built.map((b) => b.graph)).toEqual([graph]);
  });
});

describe('sweep controller: a user dataset', () => {
  it('checks the variants against the chosen dataset’s shape, or each variant’s own dataset', async () => {
    const { store, graph, sweep, built, endRun } = setup();
    const rgb = makeUserDataset({ id: 'user-rgb', shape: [32, 32, 3], classes: 10 }).meta;
    store.getState().setUserDatasets([rgb]);
    store.getState().setDataset('user-rgb');
    const hyper = store.getState().hyper;
    const input = graph.nodes.find((n) => n.layer.kind === 'input')!;
    const colour = updateLayer(graph, input.id, { shape: [32, 32, 3] });
    expect(
      sweep.start({
        variants: [
          { label: 'grey', graph, hyper },
          { label: 'colour', graph: colour, hyper },
          { label: 'grey on MNIST', graph, hyper, dataset: 'mnist' },
        ],
      }),
    ).toBeNull();
    expect(store.getState().sweep!.skipped).toEqual([
      { label: 'grey', reason: "The dataset's images are 32×32×3, but this Input expects 28×28×1." },
    ]);
    await tick();
    await endRun();
    await tick();
    await endRun();
    await sweep.done();
    expect(built.map((b) => [b.dataset, b.graph])).toEqual([
      ['user-rgb', colour],
      ['mnist', graph],
    ]);
  });
});
