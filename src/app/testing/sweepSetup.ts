/**
 * A store, a run recorder and a fake training controller for the sweep controller's tests: `prepare` starts a run
 * (its id, its curves) and notes what it was built with; `endRun` plays the worker's side of a run to its end.
 */
import type { PersistStorage } from 'zustand/middleware';
import { createAppStore, type Saved } from '../store';
import { smallCnn } from '../../engine/graph/testGraphs';
import type { Conv2DLayer, Graph } from '../../engine/graph/types';
import type { DatasetId } from '../../engine/data/types';
import type { Hyper } from '../../engine/train/hyper';
import { updateLayer } from '../../engine/graph/edit';
import { point } from '../../engine/runs/testPoints';
import { asRunId, type RunId } from '../../workers/protocol';
import { startRunRecorder } from '../controllers/runRecorder';
import { createSweepController } from '../controllers/sweepController';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};
const sink = {
  persistent: false,
  list: () => Promise.resolve([]),
  put: () => Promise.resolve({ dropped: [] }),
  remove: () => Promise.resolve(),
};
export const tick = () => new Promise((r) => setTimeout(r, 0));

export function sweepSetup(opts: { snapshotWaitMs?: number } = {}) {
  const store = createAppStore(noStorage);
  const cnn = smallCnn();
  const convId = cnn.nodes.find((n) => n.layer.kind === 'conv2d')!.id;
  // 'same' padding: the kernel size changes only the conv's own parameters, (F·F·D1)·K + K.
  const graph = updateLayer(cnn, convId, { padding: 'same' });
  store.getState().setGraph(graph);
  store.getState().setHyper({ epochs: 7, learningRate: 0.005 });
  const conv = graph.nodes.find((n) => n.layer.kind === 'conv2d')!;
  /** The worker's answer when the recorder asks for a finished run's picture (none: null, at once). */
  const pictures = { next: (): Promise<null> => Promise.resolve(null) };
  const recorder = startRunRecorder(store, sink, Date.now, () => pictures.next());
  let n = 0;
  /** What each started run was built with. */
  const started: { kernel: readonly number[]; epochs: number; runId: RunId }[] = [];
  /** The whole network and settings of each started run. */
  const built: { graph: Graph; hyper: Hyper; dataset: DatasetId; seed: number }[] = [];
  const calls: string[] = [];
  const controller = {
    prepare() {
      calls.push('prepare');
      const s = store.getState();
      const runId = asRunId(`run${++n}`);
      s.patchRun({ status: 'initializing', runId, runGraph: s.graph });
      s.startMetricsRun(runId, `Run ${n}`);
      const layer = s.graph.nodes.find((x) => x.id === conv.id)!.layer as Conv2DLayer;
      started.push({ kernel: layer.kernel, epochs: s.hyper.epochs, runId });
      built.push({ graph: s.graph, hyper: s.hyper, dataset: s.dataset, seed: s.seed });
    },
    train: () => void calls.push('train'),
    /** The sweep's last word: the user's own network is built again (not counted in `started`). */
    restartWithNewGraph() {
      const s = store.getState();
      calls.push('rebuild');
      s.patchRun({ status: 'initializing', runId: asRunId(`rebuild${++n}`), runGraph: s.graph });
    },
    pause() {
      calls.push('pause');
      store.getState().patchRun({ status: 'paused' });
    },
  };
  /** The worker's side of the current run: some metrics, then finished (or an error). */
  async function endRun(error?: string): Promise<void> {
    const s = store.getState();
    const runId = started[started.length - 1]!.runId;
    s.patchRun({ status: 'running' });
    s.appendMetrics(runId, [point(1), point(2)]);
    if (error) s.patchRun({ status: 'error', error: { code: 'backend', message: error } });
    else s.patchRun({ status: 'finished' });
    await tick();
  }
  /** The worker's side of some training of the current run: `step` steps done, still running. */
  function trainTo(step: number): void {
    const s = store.getState();
    s.patchRun({ status: 'running', step });
    s.appendMetrics(started[started.length - 1]!.runId, [point(step)]);
  }
  const sweep = createSweepController(store, controller, opts);
  return { store, graph, conv, sweep, started, built, calls, endRun, trainTo, recorder, pictures };
}
