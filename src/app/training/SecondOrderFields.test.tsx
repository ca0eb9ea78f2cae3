// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { chain } from '../../engine/graph/edit';
import { L } from '../../engine/graph/layerBuilders';
import { useAppStore } from '../store';
import { fieldNamed, leave, typeKeys, typeText } from '../fields/typeInto';
import { SettingsFields } from './SettingsFields';
import { mount, unmount } from '../testing/mount';

let root: Root;
let host: HTMLElement;
const hyper = () => useAppStore.getState().hyper;
const optimizerSelect = () => fieldNamed(host, 'Optimizer') as HTMLSelectElement;
const hasField = (name: string) => [...host.querySelectorAll('label')].some((l) => l.textContent === name);
/** Waits for the lazily loaded second-order fields. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50 && !hasField('Examples per step'); i++)
    await act(() => new Promise((r) => setTimeout(r, 10)));
}
const logistic = chain('classifier', [L.image(), L.flatten(), L.dense(10, 'softmax')]);
// 784·256 + 256 + 256·10 + 10 = 203,530 trainable parameters.
const wide = chain('classifier', [L.image(), L.flatten(), L.dense(256, 'relu'), L.dense(10, 'softmax')]);

describe('L-BFGS and conjugate gradient in the settings bar', () => {
  beforeEach(() => {
    useAppStore.setState({ hyper: { ...DEFAULT_HYPER }, graph: logistic });
    ({ host, root } = mount());
    act(() => root.render(<SettingsFields />));
  });
  afterEach(() => unmount({ host, root }));

  it('"Optimizer" offers L-BFGS and Conjugate gradient; their fields show only while one is chosen', async () => {
    const options = [...optimizerSelect().options].map((o) => o.textContent);
    expect(options).toEqual([
      'SGD',
      'Momentum',
      'Adam',
      'Adadelta',
      'RMSprop',
      'L-BFGS',
      'Conjugate gradient',
    ]);
    expect(hasField('History size')).toBe(false);
    typeText(optimizerSelect(), 'lbfgs');
    await settle();
    expect(hyper().optimizer).toBe('lbfgs');
    expect(hasField('History size')).toBe(true);
    expect(host.querySelector('[role="group"][aria-label="L-BFGS settings"]')).not.toBeNull();
    expect(host.textContent).toContain('the learning rate is not used');
    const m = fieldNamed(host, 'History size') as HTMLInputElement;
    expect(m.value).toBe('10');
    typeKeys(m, '5');
    leave(m);
    expect(hyper().historySize).toBe(5);
    const batch = fieldNamed(host, 'Examples per step') as HTMLInputElement;
    typeKeys(batch, '60001');
    leave(batch);
    expect(hyper().secondOrderBatch).toBe(1024); // over the limit: not applied
    typeKeys(batch, '4096');
    leave(batch);
    expect(hyper().secondOrderBatch).toBe(4096);
    typeText(optimizerSelect(), 'cg');
    expect(hasField('History size')).toBe(false); // L-BFGS only
    expect(hasField('Examples per step')).toBe(true);
    typeText(optimizerSelect(), 'adam');
    expect(hasField('Examples per step')).toBe(false);
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('says before Train that a model over 200,000 trainable parameters is too large, naming its count', async () => {
    act(() => useAppStore.setState({ graph: wide }));
    typeText(optimizerSelect(), 'cg');
    await settle();
    const alert = host.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Conjugate gradient is for small models');
    expect(alert?.textContent).toContain('203,530');
    act(() => useAppStore.setState({ graph: logistic }));
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });
});
