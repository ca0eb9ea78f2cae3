/**
 * A sweep and what the user does meanwhile: Pause waits (Train goes on), Reset / a new lesson / an edit / a new run
 * cancel the sweep and keep what the user did; and each finished run waits for its record's picture.
 */
import { describe, expect, it } from 'vitest';
import { updateLayer } from '../../engine/graph/edit';
import { asRunId } from '../../workers/protocol';
import { partialize } from '../store';
import { sweepSetup, tick } from '../testing/sweepSetup';

const kernels = (s: ReturnType<typeof sweepSetup>, values = '3, 5, 7') =>
  s.sweep.start({ target: { kind: 'layer', node: s.conv.id, key: 'kernel' }, values, epochs: 1 });

describe('a sweep while the user acts', () => {
  it('Pause holds the sweep on its run; Train goes on and the sweep continues when the run finishes', async () => {
    const t = sweepSetup();
    // Each request gets a picture of its own (the pause's and the end's).
    t.pictures.next = () =>
      Promise.resolve({ step: 1e9, sampleIndex: 0, kernels: null, layers: [] } as never);
    kernels(t, '3, 5');
    t.trainTo(10);
    t.store.getState().patchRun({ status: 'paused' });
    await tick();
    expect(t.store.getState().sweep).toMatchObject({ index: 1, done: false });
    expect(t.started).toHaveLength(1);
    await t.endRun();
    expect(t.store.getState().sweep).toMatchObject({ index: 2, label: 'kernel 5' });
    await t.endRun();
    await t.sweep.done();
    expect(t.store.getState().sweep).toMatchObject({ done: true });
    expect(t.store.getState().sweep!.ended).toBeUndefined();
  });

  it('a run that pauses itself on an error fails its variant, and the sweep goes on', async () => {
    const t = sweepSetup();
    kernels(t, '3, 5');
    t.trainTo(10);
    t.store
      .getState()
      .patchRun({ status: 'paused', error: { code: 'diverged', message: 'The loss is rising.' } });
    await tick();
    expect(t.store.getState().sweep).toMatchObject({ index: 2, label: 'kernel 5' });
    expect(t.store.getState().sweep!.skipped).toEqual([
      { label: 'kernel 3', reason: 'training stopped: The loss is rising.' },
    ]);
  });

  it('Reset cancels the sweep, says so and puts the user’s own network and settings back', async () => {
    const t = sweepSetup();
    const own = t.store.getState();
    kernels(t);
    t.trainTo(12);
    // The training controller's reset: the same run back at step 0, fresh curves.
    const s = t.store.getState();
    s.patchRun({ status: 'ready', step: 0 });
    s.startMetricsRun(s.runId!, 'Run 1 (reset)');
    await t.sweep.done();
    const after = t.store.getState();
    expect(t.started).toHaveLength(1);
    expect(t.calls).toContain('pause');
    expect(after.sweep).toMatchObject({
      done: true,
      ended: 'Sweep cancelled: you pressed Reset. Your own network and settings are back.',
    });
    expect(after.banner?.message).toBe(after.sweep!.ended);
    expect([after.graph, after.hyper, after.past]).toEqual([own.graph, own.hyper, own.past]);
  });

  it('a run being prepared is not mistaken for a reset (it is at step 0 before it trains)', async () => {
    const t = sweepSetup();
    kernels(t, '3, 5');
    t.store.getState().patchRun({ status: 'ready', step: 0 });
    await tick();
    expect(t.store.getState().sweep).toMatchObject({ index: 1, done: false });
  });

  it('a new lesson cancels the sweep and stays in the editor; Undo goes back to the user’s own network', async () => {
    const t = sweepSetup();
    const own = t.store.getState();
    kernels(t);
    t.trainTo(5);
    t.store.getState().setPreset('lenet5');
    const lenet = t.store.getState().graph;
    await t.sweep.done();
    const after = t.store.getState();
    expect(after.presetId).toBe('lenet5');
    expect(after.graph).toBe(lenet);
    expect(after.hyper).toEqual({ ...own.hyper, epochs: 1, learningRate: 0.001, schedule: 'decay' });
    expect(after.sweep!.ended).toMatch(/^Sweep cancelled: you chose a new lesson, which stays in the editor/);
    expect(partialize(after).graph).toBe(lenet);
    after.undo();
    expect(t.store.getState().graph).toBe(own.graph);
  });

  it('an edit of the network cancels the sweep and stays, with the user’s own settings; Undo gives their network', async () => {
    const t = sweepSetup();
    const own = t.store.getState();
    kernels(t);
    t.trainTo(5);
    // The user edits the variant in the editor (kernel 3 of the sweep), e.g. 12 filters instead of 8.
    t.store.getState().edit((g) => updateLayer(g, t.conv.id, { filters: 12 }));
    const edited = t.store.getState().graph;
    await t.sweep.done();
    const after = t.store.getState();
    expect(after.graph).toBe(edited);
    expect(after.hyper).toEqual(own.hyper);
    expect(after.sweep!.ended).toBe(
      'Sweep cancelled: you edited the network while "kernel 3" trained. Your edit stays in the editor, with your own settings; Undo goes back to your own network.',
    );
    expect(t.calls).toContain('pause');
    expect(t.started).toHaveLength(1);
    after.undo();
    expect(t.store.getState().graph).toBe(own.graph);
    t.store.getState().redo();
    expect(t.store.getState().graph).toBe(edited);
  });

  it('moving a node is not an edit of the network: the sweep goes on', async () => {
    const t = sweepSetup();
    kernels(t, '3, 5');
    const g = t.store.getState().graph;
    t.store.getState().setGraph({
      ...g,
      nodes: g.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: n.position.x + 40, y: 0 } } : n)),
    });
    await t.endRun();
    expect(t.store.getState().sweep).toMatchObject({ index: 2, done: false });
  });

  it('a new run replacing the sweep’s (a new dataset) cancels it; the dataset the user picked stays', async () => {
    const t = sweepSetup();
    const own = t.store.getState();
    kernels(t);
    t.trainTo(5);
    t.store.getState().setDataset('procedural');
    // The training controller rebuilds the run for the new dataset.
    t.store.getState().patchRun({ runId: asRunId('rebuilt'), status: 'initializing', step: 0 });
    await t.sweep.done();
    const after = t.store.getState();
    expect(after.dataset).toBe('procedural');
    expect([after.graph, after.hyper]).toEqual([own.graph, own.hyper]);
    expect(after.sweep!.ended).toBe(
      'Sweep cancelled: the run of "kernel 3" was restarted (a new dataset, backend or network). Your own network and settings are back, with the dataset you picked.',
    );
  });

  it('Cancel says so in the Runs panel, not in a banner', async () => {
    const t = sweepSetup();
    kernels(t);
    t.sweep.cancel();
    await t.sweep.done();
    expect(t.store.getState().sweep!.ended).toBe('Sweep cancelled. Your own network and settings are back.');
    expect(t.store.getState().banner).toBeNull();
  });
});

describe('a finished run’s picture', () => {
  it('the next variant starts only once the finished run’s record has its picture', async () => {
    const t = sweepSetup();
    let give: (x: null) => void = () => undefined;
    t.pictures.next = () => new Promise((r) => (give = r));
    kernels(t, '3, 5');
    await t.endRun();
    expect(t.started).toHaveLength(1);
    expect(t.store.getState().sweep).toMatchObject({ index: 1 });
    give(null);
    await tick();
    expect(t.started).toHaveLength(2);
    expect(t.store.getState().records[0]!.snapshot).toBeNull();
  });

  it('waits at most the given time when no picture comes', async () => {
    const t = sweepSetup({ snapshotWaitMs: 40 });
    t.pictures.next = () => new Promise(() => undefined);
    kernels(t, '3, 5');
    const at = Date.now();
    await t.endRun();
    expect(t.started).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(t.started).toHaveLength(2);
    expect(Date.now() - at).toBeGreaterThanOrEqual(40);
  });
});

describe('a finished run’s picture after an earlier pause', () => {
  it('a rename during the wait does not count as the end picture (the pause picture is the same object)', async () => {
    const t = sweepSetup({ snapshotWaitMs: 60 });
    const pausePicture = { step: 10, sampleIndex: 0, kernels: null, layers: [] };
    t.pictures.next = () => Promise.resolve(pausePicture as never);
    kernels(t, '3, 5');
    t.trainTo(10);
    t.store.getState().patchRun({ status: 'paused' });
    await tick();
    const id = t.store.getState().liveRecordId!;
    expect(t.store.getState().records.find((r) => r.id === id)!.snapshot).toBe(pausePicture);
    t.pictures.next = () => new Promise(() => undefined); // the end picture is slow to come
    await t.endRun();
    t.store.getState().renameRecord(id, 'my kernel 3');
    t.store.getState().setRecordPinned(id, true);
    await tick();
    expect(t.started).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 90));
    expect(t.started).toHaveLength(2);
  });
});
