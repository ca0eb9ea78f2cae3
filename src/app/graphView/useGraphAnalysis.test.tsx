// @vitest-environment jsdom
/** The editor's analysis follows the chosen dataset: a 32×32×3 user dataset flags the 28×28×1 Input, with its fix. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { smallCnn } from '../../engine/graph/testGraphs';
import type { Graph } from '../../engine/graph/types';
import { makeUserDataset } from '../../workers/userDatasets/testing';
import { Inspector } from '../inspector/Inspector';
import { useAppStore } from '../store';
import { mount, unmount } from '../testing/mount';

const graph: Graph = smallCnn();
const input = graph.nodes.find((n) => n.layer.kind === 'input')!;
const rgb = makeUserDataset({ id: 'user-rgb', name: 'colour shapes', shape: [32, 32, 3], classes: 10 }).meta;

let root: Root;
let host: HTMLElement;
const fixButton = (label: string) =>
  [...host.querySelectorAll('button')].find((b) => b.textContent === label) ?? null;

describe('useGraphAnalysis and the chosen dataset', () => {
  beforeEach(() => {
    useAppStore.setState({
      graph,
      ganGraphs: null,
      activeNetwork: 'main',
      selection: [input.id],
      past: [],
      future: [],
      dataset: 'mnist',
      userDatasets: [rgb],
    });
    ({ host, root } = mount());
    act(() => root.render(<Inspector />));
  });
  afterEach(() => {
    unmount({ host, root });
    useAppStore.setState({ dataset: 'mnist', userDatasets: [] });
  });

  it('choosing a 32×32×3 user dataset flags the Input; its fix sets the input to 32×32×3', () => {
    expect(host.textContent).not.toContain("The dataset's images are");
    act(() => useAppStore.getState().setDataset('user-rgb'));
    expect(host.textContent).toContain("The dataset's images are 32×32×3, but this Input expects 28×28×1.");
    const fix = fixButton('shape 32×32×3');
    expect(fix).not.toBeNull();
    act(() => fix!.click());
    const layer = useAppStore.getState().graph.nodes.find((n) => n.id === input.id)!.layer;
    expect(layer).toMatchObject({ kind: 'input', shape: [32, 32, 3] });
    expect(host.textContent).not.toContain("The dataset's images are");
    // Back on MNIST, the 32×32×3 Input is the one that does not fit.
    act(() => useAppStore.getState().setDataset('mnist'));
    expect(host.textContent).toContain("The dataset's images are 28×28×1, but this Input expects 32×32×3.");
  });
});
