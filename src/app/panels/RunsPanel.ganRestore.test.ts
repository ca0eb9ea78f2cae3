// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { updateLayer } from '../../engine/graph/edit';
import { presetById } from '../../engine/graph/presets';
import { asNodeId, type Graph } from '../../engine/graph/types';
import { DEFAULT_GAN_HYPER } from '../../engine/gan/ganHyper';
import { makeRunRecord, type RunRecord } from '../../engine/runs/record';
import { point } from '../../engine/runs/testPoints';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { useAppStore } from '../store';
import { dockKindOf } from './panelLayout';
import { restoreRun } from './RunsPanel';

const initial = useAppStore.getState();
afterEach(() => useAppStore.setState(initial, true));

const dcgan = presetById('dcgan')!.gan!;
/** A GAN pair the user changed: 32 filters in the generator's first transposed conv. */
const pair = {
  generator: updateLayer(dcgan.generator, asNodeId('conv2d_transpose_1'), { filters: 32 }),
  discriminator: dcgan.discriminator,
};
const ganHyper = { ...DEFAULT_GAN_HYPER, lrD: 0.0001, kD: 2 };

function ganRecord(): RunRecord {
  return makeRunRecord({
    id: 'run-1-0',
    name: 'GAN run',
    createdAt: 1,
    graph: pair.discriminator, // the editor showed the discriminator when it started
    gan: pair,
    ganHyper,
    dataset: 'procedural',
    hyper: { ...DEFAULT_HYPER, batchSize: 32 },
    seed: 5,
    backend: 'wasm',
    points: [point(1, { gan: { dLoss: 1, gLoss: 1, dReal: 0.5, dFake: 0.5 } })],
    wallTimeMs: 10,
    changes: ['first run'],
  });
}

describe('restoreRun of a GAN run', () => {
  it('puts both networks and the GAN settings back from a classifier editor, as one undoable step', () => {
    const before = useAppStore.getState();
    expect(before.ganGraphs).toBeNull();
    expect(restoreRun(before, ganRecord())).toBeNull();
    const s = useAppStore.getState();
    expect(s.ganGraphs).toEqual(pair);
    expect(s.graph).toEqual(pair.generator);
    expect(dockKindOf(s)).toBe('gan');
    expect(s.ganHyper).toEqual(ganHyper);
    expect(s.hyper.batchSize).toBe(32);
    expect([s.dataset, s.seed]).toEqual(['procedural', 5]);
    useAppStore.getState().undo();
    const undone = useAppStore.getState();
    expect(undone.ganGraphs).toBeNull();
    expect(undone.graph).toBe(before.graph);
  });

  it('says why a run with a broken network cannot be restored, and changes nothing', () => {
    // The record's `graph` is fine; its discriminator is not.
    const r = ganRecord();
    const broken = {
      ...r,
      graph: pair.generator,
      gan: { ...pair, discriminator: { nodes: 'no' } as unknown as Graph },
    };
    const before = useAppStore.getState();
    expect(restoreRun(before, broken)).toMatch(/discriminator of run "GAN run"/);
    expect(useAppStore.getState().ganGraphs).toBeNull();
    expect(useAppStore.getState().graph).toBe(before.graph);
  });
});
