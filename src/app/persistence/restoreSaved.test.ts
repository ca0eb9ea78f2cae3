/** The Preset select shows what is loaded: a restored network under a reset or mismatched preset is "Custom network". */
import { describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { DEFAULT_PRESET_ID, PRESETS } from '../../engine/graph/presets';
import { createAppStore, partialize, type Saved } from '../store/index';
import { restoreSaved } from './restoreSaved';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

const classifier = PRESETS.find((p) => !p.gan && p.id !== DEFAULT_PRESET_ID)!;
const gan = PRESETS.find((p) => p.gan)!;

/** What the store saves after picking `presetId`, as plain JSON. */
function savedWith(presetId: string): Record<string, unknown> {
  const store = createAppStore(noStorage);
  store.getState().setPreset(presetId);
  return JSON.parse(JSON.stringify(partialize(store.getState()))) as Record<string, unknown>;
}
const defaults = () => createAppStore(noStorage).getState();

describe('the preset shown after restoring an autosave', () => {
  it('a kept network whose preset name was reset shows as Custom network, not the default preset', () => {
    const saved = { ...savedWith(classifier.id), presetId: 42 };
    const r = restoreSaved(saved, defaults());
    expect(r.state.graph).toEqual(classifier.graph);
    expect(r.reset.map((p) => p.label)).toEqual(['Preset']);
    expect(r.state.presetId).toBe('');
  });

  it('kept GAN networks under a classifier preset show as Custom network', () => {
    const saved = { ...savedWith(gan.id), presetId: classifier.id };
    const r = restoreSaved(saved, defaults());
    expect(r.state.ganGraphs?.generator).toEqual(gan.gan!.generator);
    expect(r.state.presetId).toBe('');
  });

  it('a kept classifier under a GAN preset shows as Custom network', () => {
    const saved = { ...savedWith(classifier.id), presetId: gan.id };
    const r = restoreSaved(saved, defaults());
    expect(r.state.ganGraphs).toBeNull();
    expect(r.state.graph).toEqual(classifier.graph);
    expect(r.state.presetId).toBe('');
  });

  it('a matching preset is kept', () => {
    expect(restoreSaved(savedWith(classifier.id), defaults()).state.presetId).toBe(classifier.id);
    expect(restoreSaved(savedWith(gan.id), defaults()).state.presetId).toBe(gan.id);
  });
});
