/** The augmentation per dataset survives a reload; a damaged entry is named and dropped; a deleted dataset's goes. */
import { describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { DEFAULT_AUGMENT } from '../../engine/data/augment';
import { makeUserDataset } from '../../workers/userDatasets/testing';
import { createAppStore, STORAGE_KEY, type Saved } from '../store/index';
import { autosaveStorage } from './autosave';
import { memoryStorage } from './memoryStorage';
import { restoreAugmentByDataset } from './augmentByDataset';

const SHIFT = { ...DEFAULT_AUGMENT, shift: 2, flip: true };
const ROTATE = { ...DEFAULT_AUGMENT, rotate: 10 };

/** A page's storage over one localStorage stand-in: each call is a reload. */
function browser() {
  const raw = memoryStorage();
  const open = () => createAppStore(autosaveStorage(() => raw) as unknown as PersistStorage<Saved>);
  const saved = (): Record<string, unknown> =>
    (JSON.parse(raw.getItem(STORAGE_KEY) ?? '{}') as { state: Record<string, unknown> }).state;
  const write = (state: Record<string, unknown>) =>
    raw.setItem(STORAGE_KEY, JSON.stringify({ state: { ...saved(), ...state }, version: 1 }));
  return { raw, open, saved, write };
}

describe('augmentation per dataset across reloads', () => {
  it('each dataset gets back its own augmentation after a reload', () => {
    const b = browser();
    const s = b.open();
    s.getState().setDataset('mnist');
    s.getState().setHyper({ augment: SHIFT });
    s.getState().setDataset('procedural');
    s.getState().setHyper({ augment: ROTATE });

    const again = b.open();
    expect(again.getState().banner).toBeNull();
    expect(again.getState().dataset).toBe('procedural');
    expect(again.getState().hyper.augment).toEqual(ROTATE);
    again.getState().setDataset('mnist');
    expect(again.getState().hyper.augment).toEqual(SHIFT);
    again.getState().setDataset('procedural');
    expect(again.getState().hyper.augment).toEqual(ROTATE);
  });

  it('a damaged or unknown entry is dropped and named in the banner; the others are kept, nothing throws', () => {
    const b = browser();
    b.open().getState().setDataset('procedural');
    b.write({
      augmentByDataset: {
        mnist: { ...SHIFT, shift: 99 },
        'fashion-mnist': ROTATE,
        'not a dataset': SHIFT,
        'user-abc': 'yes',
      },
    });
    const s = b.open().getState();
    expect(s.augmentByDataset).toEqual({ 'fashion-mnist': ROTATE });
    const message = s.banner?.message ?? '';
    expect(message).toContain('Augmentation of "mnist" (augmentByDataset: "mnist" augment.shift must be');
    expect(message).toContain(
      'Augmentation of "not a dataset" (augmentByDataset: "not a dataset" is not a dataset)',
    );
    expect(message).toContain('augmentByDataset: "user-abc" augment: expected an object');
    expect(message).toContain('every other setting');
    // The copy as it was is kept for download.
    expect(s.banner?.download?.text).toContain('"shift":99');

    b.write({ augmentByDataset: 5 });
    const t = b.open().getState();
    expect(t.augmentByDataset).toEqual({});
    expect(t.banner?.message).toContain('augmentByDataset: expected an object');
  });

  it('a save from before it existed loads with an empty map and no banner', () => {
    const b = browser();
    b.open().getState().setSeed(3);
    const { augmentByDataset: _none, ...old } = b.saved();
    b.raw.setItem(STORAGE_KEY, JSON.stringify({ state: old, version: 1 }));
    const s = b.open().getState();
    expect(s.augmentByDataset).toEqual({});
    expect(s.banner).toBeNull();
    expect(s.seed).toBe(3);
  });

  it('deleting a dataset drops its augmentation, also when it was the chosen one', () => {
    const b = browser();
    const s = b.open();
    const a = makeUserDataset({ id: 'user-a', name: 'A' }).meta;
    const c = makeUserDataset({ id: 'user-c', name: 'C' }).meta;
    s.getState().setUserDatasets([a, c]);
    s.getState().setDataset('user-a');
    s.getState().setHyper({ augment: SHIFT });
    s.getState().setDataset('user-c');
    s.getState().setHyper({ augment: ROTATE });
    s.getState().setDataset('mnist');
    const ids = () => Object.keys(s.getState().augmentByDataset).sort();
    expect(ids()).toEqual(['mnist', 'user-a', 'user-c']);
    s.getState().removeUserDataset('user-a');
    expect(ids()).toEqual(['mnist', 'user-c']);
    s.getState().setDataset('user-c');
    s.getState().removeUserDataset('user-c'); // the chosen one: Dataset goes back to MNIST
    expect(s.getState().dataset).toBe('mnist');
    expect(ids()).toEqual(['mnist']);
    expect(Object.keys(b.open().getState().augmentByDataset)).toEqual(['mnist']);
  });

  it('a user dataset this browser no longer lists loses its entry; an unreadable list keeps every entry', () => {
    const s = createAppStore(autosaveStorage(() => memoryStorage()) as unknown as PersistStorage<Saved>);
    s.setState({ augmentByDataset: { 'user-gone': SHIFT, 'user-kept': ROTATE, procedural: SHIFT } });
    s.getState().setUserDatasets([], 'IndexedDB is not available');
    expect(Object.keys(s.getState().augmentByDataset)).toHaveLength(3);
    s.getState().setUserDatasets([makeUserDataset({ id: 'user-kept' }).meta]);
    expect(s.getState().augmentByDataset).toEqual({ 'user-kept': ROTATE, procedural: SHIFT });
  });

  it('restoreAugmentByDataset checks each entry on its own', () => {
    expect(restoreAugmentByDataset({ mnist: SHIFT, procedural: { ...ROTATE, flip: 'no' } })).toEqual({
      value: { mnist: SHIFT },
      bad: [
        {
          label: 'Augmentation of "procedural"',
          reason: 'augmentByDataset: "procedural" augment.flip: expected true or false',
        },
      ],
    });
  });
});
