/**
 * The one-click comparison of a lesson ("Kernel size: 3×3 stack vs 10×10", "Stride 1 vs 2", "Optimizers compared"):
 * says which networks it trains and with what budget, and "Start comparison" trains them in turn as a sweep of
 * explicit variants, each with the editor's settings (changed by the variant's own, such as its optimizer) and the
 * lesson's budget. Shown in the Runs panel while such a preset is loaded.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { presetById, type PresetComparison } from '../../engine/graph/presets';
import { budgetText } from '../../engine/runs/sweepBudget';
import { useController } from '../controllers/ControllerContext';
import { sweepControllerFor, type SweepController } from '../controllers/sweepController';
import { useAppStore } from '../store';
import type { AppState } from '../store/types';

const DATASET_NAMES: Readonly<Record<AppState['dataset'], string>> = {
  mnist: 'MNIST',
  'fashion-mnist': 'Fashion-MNIST',
  procedural: 'procedural shapes',
};

/** Starts a lesson's comparison with the editor's settings; the reason when it cannot start. */
export function startComparison(sweeper: SweepController, c: PresetComparison, s: AppState): string | null {
  return sweeper.start({
    variants: c.variants.map((v) => ({ label: v.label, graph: v.graph, hyper: { ...s.hyper, ...v.hyper } })),
    budget: c.budget,
  });
}

/** "3×3 stack and one 10×10", "a, b and c". */
const listed = (names: readonly string[]): string =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

export function ComparisonOffer() {
  const controller = useController();
  const { presetId, status, sweeping, batchSize, dataset, seed } = useAppStore(
    useShallow((s) => ({
      presetId: s.presetId,
      status: s.status,
      sweeping: s.sweep !== null && !s.sweep.done,
      batchSize: s.hyper.batchSize,
      dataset: s.dataset,
      seed: s.seed,
    })),
  );
  const [error, setError] = useState<string | null>(null);
  const comparison = presetById(presetId)?.comparison;
  if (!comparison) return null;
  const busy = sweeping || status === 'running' || status === 'initializing';
  const sweeper = controller ? sweepControllerFor(useAppStore, controller) : null;
  const start = (): void => {
    if (sweeper) setError(startComparison(sweeper, comparison, useAppStore.getState()));
  };
  return (
    <section className="comparison" aria-label="Comparison">
      <p className="panel-note">
        This lesson compares {listed(comparison.variants.map((v) => v.label))}: each trains{' '}
        {budgetText(comparison.budget)}
        {comparison.budget.unit === 'steps' ? ` of ${batchSize} examples` : ''}
        {comparison.budget.unit === 'seconds' ? ' of training (pauses do not count)' : ''} on{' '}
        {DATASET_NAMES[dataset]} with seed {seed}, one after the other ({comparison.duration} on MNIST on a
        2-core laptop). Your own settings come back afterwards.{' '}
        <button type="button" onClick={start} disabled={busy || !sweeper}>
          Start comparison
        </button>
      </p>
      {comparison.explain && <p className="panel-note">{comparison.explain}</p>}
      {error && (
        <p role="alert" className="runs__error">
          {error}
        </p>
      )}
    </section>
  );
}
