// @vitest-environment jsdom
/**
 * "Import model" on the page: a Keras config replaces the network as one undoable step and prepares its run; a file
 * it cannot read leaves the network as it was and says why; a run that has trained is replaced only once the user
 * says so in the dialog.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KERAS2_SEQUENTIAL } from '../../engine/import/kerasFixtures';
import { ControllerContext } from '../controllers/ControllerContext';
import type { TrainingController } from '../controllers/trainingController';
import { useAppStore } from '../store';
import { mount, unmount } from '../testing/mount';
import { ImportModel } from './ImportModel';

let root: Root;
let host: HTMLElement;
let startImported: ReturnType<typeof vi.fn>;
const initial = useAppStore.getState();

beforeEach(() => {
  useAppStore.setState(initial, true);
  ({ host, root } = mount());
  startImported = vi.fn();
  const ctl = { startImported } as unknown as TrainingController;
  act(() =>
    root.render(
      <ControllerContext.Provider value={ctl}>
        <ImportModel />
      </ControllerContext.Provider>,
    ),
  );
});
afterEach(() => unmount({ host, root }));

function pick(...files: File[]): void {
  const input = host.querySelector<HTMLInputElement>('input[aria-label="Model files"]');
  if (!input) throw new Error('no file input');
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  act(() => input.dispatchEvent(new Event('change', { bubbles: true })));
}
const kerasConfig = () =>
  new File([JSON.stringify(KERAS2_SEQUENTIAL)], 'model.json', { type: 'application/json' });
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);
const kinds = () => useAppStore.getState().graph.nodes.map((n) => n.layer.kind);

describe('Import model', () => {
  it('a Keras config replaces the network (Undo brings it back) and prepares an untrained run', async () => {
    const before = useAppStore.getState().graph;
    expect(button('Import model')).toBeDefined();
    pick(kerasConfig());
    await vi.waitFor(() => expect(startImported).toHaveBeenCalledTimes(1));
    const graph = useAppStore.getState().graph;
    expect(kinds()).toEqual([
      'input',
      'conv2d',
      'maxPool2d',
      'conv2d',
      'maxPool2d',
      'flatten',
      'dropout',
      'dense',
    ]);
    expect(startImported).toHaveBeenCalledWith(graph, null);
    expect(useAppStore.getState().banner?.message).toMatch(
      /^Imported the architecture in model.json \(8 layers\)\. .*untrained.* Undo brings your previous network back\.$/,
    );
    act(() => useAppStore.getState().undo());
    expect(useAppStore.getState().graph).toBe(before);
  });

  it('a file it cannot read leaves the network as it was and says why', async () => {
    const before = useAppStore.getState().graph;
    pick(new File(['{"modelTopology": '], 'model.json'));
    await vi.waitFor(() => expect(useAppStore.getState().banner?.kind).toBe('error'));
    expect(useAppStore.getState().banner?.message).toMatch(
      /^Could not import the model: model.json is not valid JSON .* Your network is unchanged\.$/,
    );
    expect(useAppStore.getState().graph).toBe(before);
    expect(startImported).not.toHaveBeenCalled();
  });

  it('asks before replacing a run that has trained: Keep my network keeps it, Import the model imports', async () => {
    act(() => useAppStore.getState().patchRun({ runId: 'run-1' as never, step: 12 }));
    const before = useAppStore.getState().graph;
    pick(kerasConfig());
    await vi.waitFor(() => expect(document.querySelector('dialog')).not.toBeNull());
    expect(document.querySelector('dialog h2')?.textContent).toBe(
      'Replace your network with the imported model?',
    );
    act(() => button('Keep my network')?.click());
    expect(document.querySelector('dialog')).toBeNull();
    expect(useAppStore.getState().graph).toBe(before);
    expect(startImported).not.toHaveBeenCalled();

    pick(kerasConfig());
    await vi.waitFor(() => expect(button('Import the model')).toBeDefined());
    act(() => button('Import the model')?.click());
    expect(document.querySelector('dialog')).toBeNull();
    expect(kinds()[1]).toBe('conv2d');
    expect(startImported).toHaveBeenCalledTimes(1);
  });
});
