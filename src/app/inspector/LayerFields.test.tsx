// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { defaultLayer } from '../../engine/graph/catalogue';
import { chain } from '../../engine/graph/edit';
import type { Graph, LayerKind, LayerNormLayer } from '../../engine/graph/types';
import { LAYERS, LAYER_KINDS } from '../../engine/layers/registry';
import type { LayerModule } from '../../engine/layers/module';
import { useAppStore } from '../store';
import { Inspector } from './Inspector';
import { tooltipOf } from './LayerFields';
import { fieldNamed, pressKey, typeText } from '../fields/typeInto';
import { mount, unmount } from '../testing/mount';

let mounted: { host: HTMLElement; root: Root } | null = null;

/** The inspector with a graph Input → the kind's default layer, that layer selected. */
function inspect(kind: LayerKind): HTMLElement {
  const layers = kind === 'input' ? [defaultLayer('input')] : [defaultLayer('input'), defaultLayer(kind)];
  const graph: Graph = chain('classifier', layers);
  const node = graph.nodes[graph.nodes.length - 1]!;
  useAppStore.setState({
    graph,
    ganGraphs: null,
    activeNetwork: 'main',
    selection: [node.id],
    past: [],
    future: [],
  });
  mounted = mount();
  const { root } = mounted;
  act(() => root.render(<Inspector />));
  return mounted.host;
}

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
});

describe('LayerFields (rendered from the layer modules)', () => {
  it.each(LAYER_KINDS.map((k) => [k]))(
    '%s: every field its module shows has a labelled control with its help as tooltip',
    (kind) => {
      const host = inspect(kind);
      const m = LAYERS[kind] as unknown as LayerModule<{ readonly kind: string }>;
      const shown = m.fields.filter((f) => f.shown?.(m.defaults) ?? true);
      for (const f of shown) {
        expect(fieldNamed(host, f.label), f.label).toBeTruthy();
        // The module's help sentence is the label's tooltip; the accessible name stays the label.
        const label = [...host.querySelectorAll('label')].find((l) => l.textContent === f.label);
        expect(label?.title).toBe(tooltipOf(f as never));
        expect(label?.title.startsWith(f.help)).toBe(true);
      }
      if (shown.length === 0) expect(host.textContent).toContain('This layer has no settings.');
    },
  );

  it('a unit shows in the tooltip: Conv2D Kernel size is in pixels', () => {
    const host = inspect('conv2d');
    const label = [...host.querySelectorAll('label')].find((l) => l.textContent === 'Kernel size');
    expect(label?.title).toBe('F: the height and width of each filter. In pixels.');
  });

  it('LayerNormalization: Epsilon applies on Enter, and an out-of-range value is refused beside the field', () => {
    const host = inspect('layerNorm');
    const eps = (): number =>
      (useAppStore.getState().graph.nodes.find((n) => n.id === 'layer_norm_1')!.layer as LayerNormLayer)
        .epsilon;
    const field = fieldNamed(host, 'Epsilon') as HTMLInputElement;
    typeText(field, '0.01');
    pressKey(field, 'Enter');
    expect(eps()).toBe(0.01);
    typeText(field, '2');
    pressKey(field, 'Enter');
    expect(eps()).toBe(0.01);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('Must be at most 1.');
  });
});
