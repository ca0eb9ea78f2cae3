import type { StateCreator } from 'zustand';
import { appendHistory, EMPTY_HISTORY } from './metricHistory';
import type { AppState, MetricsSlice } from './types';

/** Older runs beyond this many are dropped from the overlay so memory stays bounded. */
export const MAX_RUNS = 4;

export const createMetricsSlice: StateCreator<AppState, [], [], MetricsSlice> = (set) => ({
  runs: [],
  startMetricsRun: (runId, label) =>
    set((s) => ({
      runs: [...s.runs.filter((r) => r.runId !== runId), { runId, label, ...EMPTY_HISTORY }].slice(-MAX_RUNS),
    })),
  appendMetrics: (runId, points) =>
    set((s) => {
      if (points.length === 0) return s;
      const i = s.runs.findIndex((r) => r.runId === runId);
      if (i < 0)
        return {
          runs: [...s.runs, { runId, label: String(runId), ...appendHistory(EMPTY_HISTORY, points) }].slice(
            -MAX_RUNS,
          ),
        };
      const runs = s.runs.slice();
      const run = runs[i]!;
      runs[i] = { ...run, ...appendHistory(run, points) };
      return { runs };
    }),
  clearMetrics: () => set({ runs: [] }),
});
