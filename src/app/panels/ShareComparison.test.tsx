// @vitest-environment jsdom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { updateLayer } from '../../engine/graph/edit';
import { presetById } from '../../engine/graph/presets';
import { makeRunRecord, type RunRecord } from '../../engine/runs/record';
import { point } from '../../engine/runs/testPoints';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { decodeComparison } from '../persistence/shareComparison';
import { useAppStore } from '../store';
import { mount, unmount, type Mounted } from '../testing/mount';
import { ShareComparison } from './ShareComparison';

let m: Mounted;
const base = presetById('notes-small')!.graph;
const conv = base.nodes.find((n) => n.layer.kind === 'conv2d')!.id;

const record = (n: number): RunRecord =>
  makeRunRecord({
    id: `run-${n}`,
    name: `kernel ${n}`,
    createdAt: n,
    graph: updateLayer(base, conv, { kernel: [n, n] }),
    dataset: 'procedural',
    hyper: { ...DEFAULT_HYPER, learningRate: n / 1000 },
    seed: n,
    backend: 'wasm',
    points: [point(1), point(2)],
    wallTimeMs: 1000,
    changes: [],
  });
const records = [3, 5, 7, 9].map(record);
const button = (): HTMLButtonElement =>
  [...m.host.querySelectorAll('button')].find((b) => b.textContent === 'Copy comparison link')!;
const tick = (ids: readonly string[]): void =>
  act(() => {
    for (const r of records) useAppStore.getState().setRunSelected(r.id, false);
    for (const id of ids) useAppStore.getState().setRunSelected(id, true);
  });

const writeText = vi.fn(() => Promise.resolve());
beforeEach(() => {
  writeText.mockClear();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  useAppStore.getState().setRecords(records);
  tick([]);
  m = mount();
  act(() => m.root.render(createElement(ShareComparison)));
});
afterEach(() => unmount(m));

describe('Share comparison', () => {
  it('is enabled with two or three runs ticked only', () => {
    expect(button().disabled).toBe(true);
    tick(['run-3']);
    expect(button().disabled).toBe(true);
    tick(['run-3', 'run-5']);
    expect(button().disabled).toBe(false);
    tick(['run-3', 'run-5', 'run-7']);
    expect(button().disabled).toBe(false);
    tick(['run-3', 'run-5', 'run-7', 'run-9']);
    expect(button().disabled).toBe(true);
  });

  it('copies a link that carries the ticked runs’ settings, in the order they were ticked', async () => {
    tick(['run-7', 'run-3']);
    await act(async () => {
      button().click();
      await Promise.resolve();
    });
    const link = m.host.querySelector<HTMLInputElement>('input[aria-label="Comparison link"]')!.value;
    expect(writeText).toHaveBeenCalledWith(link);
    expect(link.startsWith(`${location.href.split('#')[0]}#s=v1.`)).toBe(true);
    const back = decodeComparison(link.slice(link.indexOf('#')));
    expect(back).toEqual({
      ok: true,
      value: [records[2], records[0]].map((r) => ({
        name: r!.name,
        graph: r!.graph,
        hyper: r!.hyper,
        dataset: r!.dataset,
        seed: r!.seed,
      })),
    });
    expect(m.host.querySelector('[role="status"]')?.textContent).toBe('Link to 2 runs copied.');
  });
});
