// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { useAppStore } from '../store';
import { description, fieldNamed, leave, pressKey, typeKeys } from '../fields/typeInto';
import { GanSettings } from './GanSettings';
import { SettingsFields } from './SettingsFields';
import { mount, unmount } from '../testing/mount';

let root: Root;
let host: HTMLElement;
const input = (name: string) => fieldNamed(host, name) as HTMLInputElement;
const hyper = () => useAppStore.getState().hyper;

describe('settings number fields', () => {
  beforeEach(() => {
    useAppStore.setState({ hyper: { ...DEFAULT_HYPER, learningRate: 0.01, batchSize: 32 }, seed: 7 });
    ({ host, root } = mount());
    act(() => root.render(<SettingsFields />));
  });
  afterEach(() => {
    unmount({ host, root });
  });

  it('"1e10" in Learning rate is refused with its reason on Enter, never applied as 10 on the way', () => {
    const lr = input('Learning rate');
    typeKeys(lr, '1e10');
    expect(hyper().learningRate).toBe(0.01);
    pressKey(lr, 'Enter');
    expect(hyper().learningRate).toBe(0.01);
    expect(lr.value).toBe('1e10');
    expect(lr.getAttribute('aria-invalid')).toBe('true');
    expect(description(lr)).toBe('Must be at most 10.');
    // Escape goes back to the applied value and clears the message.
    pressKey(lr, 'Escape');
    expect(lr.value).toBe('0.01');
    expect(lr.getAttribute('aria-describedby')).toBeNull();
  });

  it('"1e6" in Learning rate and "1e9" in Batch size are not applied as 1; leaving the field reverts them', () => {
    const lr = input('Learning rate');
    typeKeys(lr, '1e6');
    leave(lr);
    expect(hyper().learningRate).toBe(0.01);
    expect(lr.value).toBe('0.01');
    expect(description(lr)).toBe('“1e6” was not applied. Must be at most 10.');
    const batch = input('Batch size');
    typeKeys(batch, '1e9');
    leave(batch);
    expect(hyper().batchSize).toBe(32);
    expect(batch.value).toBe('32');
    expect(description(batch)).toBe('“1e9” was not applied. Must be at most 4096.');
  });

  it('Enter or leaving the field applies a valid value once; typing again clears an old message', () => {
    const lr = input('Learning rate');
    typeKeys(lr, '0');
    pressKey(lr, 'Enter');
    expect(description(lr)).toBe('Must be more than 0.');
    typeKeys(lr, '1e-3');
    expect(lr.getAttribute('aria-describedby')).toBeNull();
    pressKey(lr, 'Enter');
    expect(hyper().learningRate).toBe(0.001);
    expect(lr.value).toBe('0.001');
    const seed = input('Seed');
    typeKeys(seed, '1234');
    expect(useAppStore.getState().seed).toBe(7);
    leave(seed);
    expect(useAppStore.getState().seed).toBe(1234);
  });

  it('ArrowUp and ArrowDown step a whole-number setting within its range', () => {
    const batch = input('Batch size');
    pressKey(batch, 'ArrowUp');
    expect(hyper().batchSize).toBe(33);
    act(() => useAppStore.getState().setHyper({ batchSize: 1 }));
    pressKey(batch, 'ArrowDown');
    expect(hyper().batchSize).toBe(1);
  });
});

describe('GAN number fields', () => {
  beforeEach(() => {
    const g = useAppStore.getState().graph;
    useAppStore.setState({ ganGraphs: { generator: g, discriminator: g } });
    ({ host, root } = mount());
    act(() => root.render(<GanSettings />));
  });
  afterEach(() => {
    unmount({ host, root });
  });

  it('apply on Enter only', () => {
    const before = useAppStore.getState().ganHyper.lrD;
    const lrD = input('D learning rate');
    typeKeys(lrD, '0.5');
    expect(useAppStore.getState().ganHyper.lrD).toBe(before);
    pressKey(lrD, 'Enter');
    expect(useAppStore.getState().ganHyper.lrD).toBe(0.5);
  });
});
