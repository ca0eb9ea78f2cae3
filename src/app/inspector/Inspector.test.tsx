// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { defaultLayer } from '../../engine/graph/catalogue';
import { chain } from '../../engine/graph/edit';
import type { Conv2DLayer, Graph } from '../../engine/graph/types';
import { asNodeId } from '../../engine/graph/types';
import { useAppStore } from '../store';
import { Inspector } from './Inspector';
import { description, fieldNamed, leave, pressKey, typeKeys, typeText } from '../fields/typeInto';
import { MAX_SIZE } from '../../engine/graph/parseLayer';
import { mount, unmount } from '../testing/mount';

const graph: Graph = chain('classifier', [
  defaultLayer('input'),
  { ...defaultLayer('conv2d'), kernel: [5, 5], padding: 'valid' },
  defaultLayer('flatten'),
  { ...defaultLayer('dense'), units: 10, activation: 'softmax' },
]);

let root: Root;
let host: HTMLElement;

const field = (name: string) => fieldNamed(host, name);
/** Types the whole value, then presses Enter (a select applies on change). */
function type(el: HTMLInputElement | HTMLSelectElement, value: string): void {
  typeText(el, value);
  if (el instanceof HTMLInputElement) pressKey(el, 'Enter');
}

const conv = (): Conv2DLayer =>
  useAppStore.getState().graph.nodes.find((n) => n.id === 'conv2d_1')!.layer as Conv2DLayer;

describe('Inspector', () => {
  beforeEach(() => {
    useAppStore.setState({
      graph,
      ganGraphs: null,
      activeNetwork: 'main',
      selection: [],
      past: [],
      future: [],
      presetId: 'notes-small',
    });
    ({ host, root } = mount());
    act(() => root.render(<Inspector />));
  });
  afterEach(() => {
    unmount({ host, root });
  });

  it('is a region named Inspector that summarises the model when nothing is selected', () => {
    const region = host.querySelector('[role="region"]');
    expect(region?.getAttribute('aria-label')).toBe('Inspector');
    // conv 5×5×1×8 + 8 = 208; dense 24·24·8 = 4608 inputs → 4608·10 + 10 = 46090.
    expect(host.querySelector('[data-testid="total-params"]')?.textContent).toBe('46,298');
    expect(host.textContent).toContain('Output shape10');
  });

  it('applies Kernel size and Stride on Enter and shows the filled-in formulas', () => {
    act(() => useAppStore.getState().select([asNodeId('conv2d_1')]));
    expect(host.querySelector('[data-testid="output-formula"]')?.textContent).toBe('(28 − 5) / 1 + 1 = 24');
    type(field('Kernel size') as HTMLInputElement, '10');
    type(field('Stride') as HTMLInputElement, '2');
    expect(conv().kernel).toEqual([10, 10]);
    expect(conv().stride).toEqual([2, 2]);
    expect(host.querySelector('[data-testid="output-formula"]')?.textContent).toBe('(28 − 10) / 2 + 1 = 10');
    expect(host.querySelector('[data-testid="param-formula"]')?.textContent).toBe('(10·10·1)·8 + 8 = 808');
    expect(host.textContent).toContain('10×10×8');
    expect(useAppStore.getState().past).toHaveLength(2);
  });

  it('shows an inline error for an invalid number and does not apply it', () => {
    act(() => useAppStore.getState().select([asNodeId('conv2d_1')]));
    const filters = field('Filters') as HTMLInputElement;
    type(filters, '0');
    expect(conv().filters).toBe(8);
    expect(filters.getAttribute('aria-invalid')).toBe('true');
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('Must be at least 1.');
    type(filters, 'abc');
    expect(conv().filters).toBe(8);
    type(filters, '16');
    expect(conv().filters).toBe(16);
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('applies nothing while typing: "1e10" is refused with its reason, not applied as 10 or 1', () => {
    act(() => useAppStore.getState().select([asNodeId('conv2d_1')]));
    const filters = field('Filters') as HTMLInputElement;
    typeKeys(filters, '1e10');
    // "1" and "1e1" were valid on the way; neither was applied.
    expect(conv().filters).toBe(8);
    expect(useAppStore.getState().past).toHaveLength(0);
    expect(filters.value).toBe('1e10');
    pressKey(filters, 'Enter');
    expect(conv().filters).toBe(8);
    expect(filters.value).toBe('1e10');
    expect(filters.getAttribute('aria-invalid')).toBe('true');
    expect(description(filters)).toBe(`Must be at most ${MAX_SIZE}.`);
  });

  it('Escape goes back to the applied value; Enter applies the typed one as one undo step', () => {
    act(() => useAppStore.getState().select([asNodeId('conv2d_1')]));
    const filters = field('Filters') as HTMLInputElement;
    typeKeys(filters, '32');
    pressKey(filters, 'Escape');
    expect(filters.value).toBe('8');
    expect(conv().filters).toBe(8);
    typeKeys(filters, '32');
    pressKey(filters, 'Enter');
    expect(conv().filters).toBe(32);
    expect(filters.value).toBe('32');
    expect(useAppStore.getState().past).toHaveLength(1);
  });

  it('leaving the field applies a valid value; an invalid one reverts and says it was not applied', () => {
    act(() => useAppStore.getState().select([asNodeId('conv2d_1')]));
    const stride = field('Stride') as HTMLInputElement;
    typeKeys(stride, '2');
    leave(stride);
    expect(conv().stride).toEqual([2, 2]);
    typeKeys(stride, '0');
    leave(stride);
    expect(conv().stride).toEqual([2, 2]);
    expect(stride.value).toBe('2');
    expect(stride.getAttribute('aria-invalid')).toBeNull();
    expect(description(stride)).toBe('“0” was not applied. Must be at least 1.');
  });

  it('follows undo: the field shows the restored value', () => {
    act(() => useAppStore.getState().select([asNodeId('conv2d_1')]));
    type(field('Kernel size') as HTMLInputElement, '7');
    expect((field('Kernel size') as HTMLInputElement).value).toBe('7');
    act(() => useAppStore.getState().undo());
    expect((field('Kernel size') as HTMLInputElement).value).toBe('5');
  });

  it('switches Padding to explicit with a Padding amount, and toggles Frozen', () => {
    act(() => useAppStore.getState().select([asNodeId('conv2d_1')]));
    type(field('Padding'), 'explicit');
    expect(conv().padding).toEqual({ explicit: 0 });
    type(field('Padding amount') as HTMLInputElement, '2');
    expect(conv().padding).toEqual({ explicit: 2 });
    expect(host.querySelector('[data-testid="output-formula"]')?.textContent).toContain('= 28');
    const frozen = field('Frozen') as HTMLInputElement;
    act(() => frozen.click());
    expect(useAppStore.getState().graph.nodes.find((n) => n.id === 'conv2d_1')?.frozen).toBe(true);
  });
});
