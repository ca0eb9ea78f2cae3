// @vitest-environment jsdom
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultLayer } from '../../engine/graph/catalogue';
import { chain } from '../../engine/graph/edit';
import type { Graph } from '../../engine/graph/types';
import { useAppStore } from '../store';
import { DEFAULT_PANEL_PREFS } from '../store/uiSlice';
import { PanelDock } from './PanelDock';
import { PanelsMenu } from './PanelsMenu';
import { panelPlan } from './panelLayout';
import { resetProbeNeeds } from './probeNeeds';
import { mount, unmount } from '../testing/mount';

let root: Root;
let host: HTMLElement;
const initial = useAppStore.getState();
const graph = (role: Graph['role']) => chain(role, [defaultLayer('input')]);

/** Region names of the panels on show, in order (a maximised dock hides the others). */
const shown = () =>
  [...host.querySelectorAll<HTMLElement>('.panel-slot:not([hidden]) > [role="region"]')].map((r) =>
    r.getAttribute('aria-label'),
  );
const button = (name: string) => {
  const b = [...host.querySelectorAll('button')].find(
    (x) => (x.getAttribute('aria-label') ?? x.textContent?.replace('▴', '').trim()) === name,
  );
  if (!b) throw new Error(`No button named ${name}`);
  return b;
};

// The dock's lazy panels: loaded up front, so that a chunk that comes late (a loaded machine) cannot finish loading
// after this file's environment is torn down; each test then lets them render inside act before unmounting.
beforeAll(async () => {
  await Promise.all([
    import('./CompareRunsPanel'),
    import('./SaliencyPanel'),
    import('./FeatureVisPanel'),
    import('./AdversarialPanel'),
    import('./ConvStepPanel'),
    import('./RbmPanels'),
  ]);
}, 240_000);

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null); // jsdom has no canvas
  useAppStore.setState({ panelPrefs: DEFAULT_PANEL_PREFS, collapsedPanels: [] });
  ({ host, root } = mount());
});

afterEach(async () => {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  unmount({ host, root });
  useAppStore.setState(initial, true);
  resetProbeNeeds();
  vi.restoreAllMocks();
});

function render(state: Partial<ReturnType<typeof useAppStore.getState>>) {
  act(() => useAppStore.setState(state));
  act(() =>
    root.render(
      <>
        <PanelsMenu />
        <PanelDock />
      </>,
    ),
  );
}

describe('the panel dock', () => {
  it('shows the panels of the kind being edited, the ones that matter first', () => {
    render({ graph: graph('classifier'), ganGraphs: null });
    expect(shown().slice(0, 4)).toEqual(['Loss', 'Kernels', 'Activation maps', 'Confusion matrix']);
    expect(shown()).not.toContain('GAN samples');
    act(() => useAppStore.setState({ graph: graph('autoencoder') }));
    expect(shown().slice(0, 2)).toEqual(['Reconstructions', 'Loss']);
    expect(shown()).not.toContain('Confusion matrix');
    const g = graph('generator');
    act(() =>
      useAppStore.setState({ graph: g, ganGraphs: { generator: g, discriminator: graph('discriminator') } }),
    );
    expect(shown()).toEqual(['GAN samples', 'Loss', 'Kernels', 'Activation maps', 'Runs', 'Side by side']);
  });

  it('maximises a panel from its header; Restore and Escape give the dock back', () => {
    render({ graph: graph('classifier'), ganGraphs: null });
    act(() => button('Maximize Confusion matrix').click());
    expect(shown()).toEqual(['Confusion matrix']);
    act(() => button('Restore Confusion matrix').click());
    expect(shown()).toHaveLength(panelPlan('classifier').length);
    act(() => button('Maximize Loss').click());
    expect(shown()).toEqual(['Loss']);
    act(() => void document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(shown()).toHaveLength(panelPlan('classifier').length);
    expect(button('Maximize Loss')).toBeTruthy();
  });

  it('hides and shows panels from the Panels menu', () => {
    render({ graph: graph('classifier'), ganGraphs: null });
    act(() => button('Panels').click());
    const box = [...host.querySelectorAll('label')]
      .find((l) => l.textContent === 'Kernels')
      ?.querySelector('input');
    expect(box?.checked).toBe(true);
    act(() => box!.click());
    expect(shown()).not.toContain('Kernels');
    expect(useAppStore.getState().panelPrefs.classifier.hidden).toEqual(['Kernels']);
    act(() => button('Show all').click());
    expect(shown()).toContain('Kernels');
  });
});
