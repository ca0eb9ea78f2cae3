// @vitest-environment jsdom
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { updateLayer } from '../../engine/graph/edit';
import { presetById } from '../../engine/graph/presets';
import type { Graph } from '../../engine/graph/types';
import { runsToCsv } from '../../engine/runs/exportRuns';
import { makeRunRecord, type RunRecord } from '../../engine/runs/record';
import { point } from '../../engine/runs/testPoints';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { useAppStore } from '../store';
import { mount, unmount } from '../testing/mount';
import { RunsPanel } from './RunsPanel';

const download = vi.hoisted(() => vi.fn());
vi.mock('../persistence/exportImport', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../persistence/exportImport')>()),
  download,
}));

let root: Root;
let host: HTMLElement;
const initial = useAppStore.getState();
const base = presetById('notes-small')!.graph;

function withKernel(g: Graph, k: number): Graph {
  const conv = g.nodes.find((n) => n.layer.kind === 'conv2d')!.id;
  return updateLayer(g, conv, { kernel: [k, k] });
}

function record(n: number, graph: Graph, extra: { seed?: number; lr?: number } = {}): RunRecord {
  return makeRunRecord({
    id: `run-${n}`,
    name: `Run ${n}`,
    createdAt: n,
    graph,
    dataset: 'procedural',
    hyper: { ...DEFAULT_HYPER, learningRate: extra.lr ?? 0.001 },
    seed: extra.seed ?? 1,
    backend: 'wasm',
    points: [point(1), point(2, { valAccuracy: 0.5 + n / 100, valLoss: 1 })],
    wallTimeMs: 65_000,
    changes: n === 1 ? ['first run'] : [`conv2d_1 kernel 3 → ${n}`],
  });
}

// Run 1: kernel 5 (more params), Run 2: kernel 3, Run 3: kernel 7 (most).
const records = [
  record(1, withKernel(base, 5)),
  record(2, base),
  record(3, withKernel(base, 7), { seed: 9 }),
];

const region = () => host.querySelector<HTMLElement>('[role="region"][aria-label="Runs"]')!;
const table = () => host.querySelector<HTMLTableElement>('table');
const rows = () => [...(table()?.querySelectorAll('tr') ?? [])];
const dataRows = () => rows().slice(1);
const names = () => dataRows().map((r) => r.querySelector<HTMLInputElement>('input[type="text"]')!.value);
const byLabel = <T extends HTMLElement>(label: string): T => {
  const el = host.querySelector<T>(`[aria-label="${label}"]`);
  if (!el) throw new Error(`Nothing labelled ${label}`);
  return el;
};
const button = (name: string, within: HTMLElement = host): HTMLButtonElement => {
  const b = [...within.querySelectorAll('button')].find(
    (x) => (x.getAttribute('aria-label') ?? x.textContent?.trim()) === name,
  );
  if (!b) throw new Error(`No button named ${name}`);
  return b;
};
const header = (title: string) =>
  [...rows()[0]!.querySelectorAll('th')].find((th) => th.textContent?.trim() === title)!;

function render(state: Partial<ReturnType<typeof useAppStore.getState>> = {}) {
  act(() => useAppStore.setState({ records, ...state }));
  act(() => root.render(<RunsPanel />));
}

function type(input: HTMLInputElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const key = (input: HTMLInputElement, k: string) =>
  act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));

beforeEach(() => {
  ({ host, root } = mount());
});
afterEach(() => {
  unmount({ host, root });
  useAppStore.setState(initial, true);
  download.mockReset();
});

describe('RunsPanel', () => {
  it('explains itself when there are no runs', () => {
    render({ records: [] });
    expect(region()).not.toBeNull();
    expect(table()).toBeNull();
    expect(region().textContent).toContain('Each press of Train is recorded here');
    expect(region().textContent).toContain('0 runs kept in this browser');
    expect(button('Export CSV').disabled).toBe(true);
  });

  it('is a table with a header row and one row per run, oldest first', () => {
    render();
    expect(table()?.getAttribute('aria-label')).toBe('Runs');
    expect(rows()).toHaveLength(4);
    expect(rows()[0]!.querySelectorAll('th[scope="col"]').length).toBeGreaterThanOrEqual(8);
    expect(names()).toEqual(['Run 1', 'Run 2', 'Run 3']);
    const cells = [...dataRows()[1]!.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells).toContain('conv2d_1 kernel 3 → 2');
    expect(cells).toContain(records[1]!.params.toLocaleString('en-US'));
    expect(cells).toContain('52.00%');
    expect(cells).toContain('1 min 5 s · wasm');
    expect(region().textContent).toContain('3 runs kept in this browser');
  });

  it('sorts by Params, toggling the order and aria-sort', () => {
    render();
    expect(header('Params').getAttribute('aria-sort')).toBeNull();
    act(() => button('Params').click());
    expect(names()).toEqual(['Run 2', 'Run 1', 'Run 3']);
    expect(header('Params').getAttribute('aria-sort')).toBe('ascending');
    act(() => button('Params').click());
    expect(names()).toEqual(['Run 3', 'Run 1', 'Run 2']);
    expect(header('Params').getAttribute('aria-sort')).toBe('descending');
    act(() => button('Name').click());
    expect(header('Params').getAttribute('aria-sort')).toBeNull();
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');
  });

  it('renames on Enter, and Escape puts the name back', () => {
    render();
    const name = byLabel<HTMLInputElement>('Name of Run 2');
    type(name, '  small kernel ');
    key(name, 'Enter');
    expect(useAppStore.getState().records[1]!.name).toBe('small kernel');
    const renamed = byLabel<HTMLInputElement>('Name of small kernel');
    expect(renamed.value).toBe('small kernel');
    expect(byLabel('Show small kernel in Loss')).not.toBeNull();
    type(renamed, 'oops');
    expect(renamed.value).toBe('oops');
    key(renamed, 'Escape');
    expect(renamed.value).toBe('small kernel');
    expect(useAppStore.getState().records[1]!.name).toBe('small kernel');
    // An empty name is not taken.
    type(renamed, '   ');
    key(renamed, 'Enter');
    expect(useAppStore.getState().records[1]!.name).toBe('small kernel');
  });

  it('deletes a run', () => {
    render();
    act(() => button('Delete Run 2').click());
    expect(useAppStore.getState().records.map((r) => r.id)).toEqual(['run-1', 'run-3']);
    expect(names()).toEqual(['Run 1', 'Run 3']);
  });

  it('pins and unpins a run', () => {
    render();
    act(() => button('Pin Run 2').click());
    expect(useAppStore.getState().records[1]!.pinned).toBe(true);
    expect(button('Pin Run 2').getAttribute('aria-pressed')).toBe('true');
    act(() => button('Pin Run 2').click());
    expect(useAppStore.getState().records[1]!.pinned).toBe(false);
  });

  it('ticks runs into selectedRunIds, in the order they were ticked', () => {
    render();
    act(() => byLabel<HTMLInputElement>('Show Run 3 in Loss').click());
    act(() => byLabel<HTMLInputElement>('Show Run 1 in Loss').click());
    expect(useAppStore.getState().selectedRunIds).toEqual(['run-3', 'run-1']);
    expect(byLabel<HTMLInputElement>('Show Run 3 in Loss').checked).toBe(true);
    expect(byLabel<HTMLInputElement>('Show Run 2 in Loss').checked).toBe(false);
    act(() => byLabel<HTMLInputElement>('Show Run 3 in Loss').click());
    expect(useAppStore.getState().selectedRunIds).toEqual(['run-1']);
  });

  it('restores a run’s network and settings as one undoable step', () => {
    render();
    const before = useAppStore.getState();
    expect(before.graph).not.toEqual(records[2]!.graph);
    const row = dataRows()[2]!;
    act(() => button('Restore', row).click());
    const after = useAppStore.getState();
    expect(after.graph).toEqual(records[2]!.graph);
    expect(after.dataset).toBe('procedural');
    expect(after.hyper).toEqual(records[2]!.hyper);
    expect(after.seed).toBe(9);
    expect(row.querySelector('[role="alert"]')).toBeNull();
    act(() => useAppStore.getState().undo());
    const undone = useAppStore.getState();
    expect(undone.graph).toBe(before.graph);
    expect(undone.dataset).toBe(before.dataset);
    expect(undone.seed).toBe(before.seed);
    expect(undone.hyper).toEqual(before.hyper);
  });

  it('Restore waits while a sweep runs (the sweep would put the user’s own work back over it)', () => {
    render();
    act(() =>
      useAppStore.getState().setSweep({ index: 1, total: 2, label: 'kernel 3', skipped: [], done: false }),
    );
    const restore = button('Restore', dataRows()[0]!) as HTMLButtonElement;
    expect(restore.disabled).toBe(true);
    expect(restore.title).toMatch(/Wait for the sweep/);
    act(() => useAppStore.getState().setSweep(null));
    expect((button('Restore', dataRows()[0]!) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says why a run with a broken graph cannot be restored', () => {
    const broken = { ...records[0]!, graph: { nodes: 'no' } as unknown as Graph };
    render({ records: [broken] });
    const graph = useAppStore.getState().graph;
    act(() => button('Restore').click());
    expect(host.querySelector('[role="alert"]')?.textContent).toMatch(/Run 1/);
    expect(useAppStore.getState().graph).toBe(graph);
  });

  it('exports the runs as CSV and JSON, in the table’s order', () => {
    render();
    act(() => button('Params').click());
    act(() => button('Export CSV').click());
    expect(download).toHaveBeenCalledTimes(1);
    const [file, text, type] = download.mock.calls[0] as [string, string, string];
    expect(file).toMatch(/^runs-.*\.csv$/);
    expect(type).toBe('text/csv');
    expect(text).toBe(runsToCsv([records[1]!, records[0]!, records[2]!]));
    act(() => button('Export runs (JSON)').click());
    const [jsonFile, json, jsonType] = download.mock.calls[1] as [string, string, string];
    expect(jsonFile).toMatch(/^runs-.*\.json$/);
    expect(jsonType).toBe('application/json');
    expect(json).toContain('"Run 3"');
  });

  it('says the runs are kept only until reload, and why, when storage is not persistent', () => {
    render({ labStorage: { persistent: false, message: 'site data is blocked' } });
    expect(region().querySelector('[role="status"]')?.textContent).toBe(
      '3 runs kept only until reload: site data is blocked',
    );
  });
});
