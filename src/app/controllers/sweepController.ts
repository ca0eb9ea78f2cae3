/**
 * The sweep controller: trains a sweep's variants one after another, unattended. A sweep is either one setting tried
 * over several values (node + setting + values) or a list of explicit variants (networks and settings given as they
 * are: a preset's comparison, a shared link's runs). For each valid variant it puts the variant's network and
 * settings in the store (not recorded for undo), with the sweep's budget and the same seed, starts a new run and
 * waits until it finishes (or fails: the reason is kept and the sweep goes on). The run recorder records each run;
 * the sweep names its record after the variant ("kernel 5"). At the end, or on Cancel, the user's own network and
 * settings are put back.
 */
import type { Graph } from '../../engine/graph/types';
import type { DatasetId } from '../../engine/data/types';
import type { Hyper } from '../../engine/train/hyper';
import { parseSweepValues, fieldOf, sweepVariants, type SweepTarget } from '../../engine/runs/sweep';
import {
  checkVariants,
  isTrainable,
  type CheckedVariant,
  type ExplicitVariant,
} from '../../engine/runs/explicitVariants';
import { checkBudget, withBudget, type SweepBudget } from '../../engine/runs/sweepBudget';
import { validationContext } from '../graphView/validationContext';
import type { AppState, SweepProgress } from '../store/types';
import type { TrainingController } from './trainingController';

export interface SweepStore {
  getState(): AppState;
  subscribe(listener: (s: AppState, prev: AppState) => void): () => void;
}

/** One setting over several values, with the budget of each run (in epochs: `epochs`, the first form). */
export type SweepPlan = {
  readonly target: SweepTarget;
  /** The values as typed, e.g. "3, 5, 7, 10". */
  readonly values: string;
} & ({ readonly epochs: number } | { readonly budget: SweepBudget });

/** A sweep over networks and settings given as they are. */
export interface VariantsPlan {
  readonly variants: readonly ExplicitVariant[];
  /** The budget of each run; absent: each variant trains as long as its own settings say. */
  readonly budget?: SweepBudget;
}

export interface SweepController {
  /** Starts a sweep; returns the reason when it cannot (bad values, nothing valid, a sweep already running). */
  start(plan: SweepPlan | VariantsPlan): string | null;
  cancel(): void;
  /** Settles when the sweep under way (if any) has ended and the user's work is back. */
  done(): Promise<void>;
}

type Outcome =
  | { readonly ended: 'finished' }
  | { readonly ended: 'error'; readonly reason: string }
  | { readonly ended: 'cancelled' };

export function createSweepController(
  store: SweepStore,
  controller: Pick<TrainingController, 'prepare' | 'train' | 'pause'>,
): SweepController {
  const get = () => store.getState();
  let running: Promise<void> = Promise.resolve();
  let active = false;
  let cancelWait: (() => void) | null = null;
  let cancelled = false;

  /** Waits for the run just started to finish or fail, naming its record `label` as soon as it exists. */
  function runVariant(label: string): Promise<Outcome> {
    return new Promise((resolve) => {
      let recordId: string | null = null;
      let settled = false;
      const check = (s: AppState): void => {
        if (settled) return;
        recordId ??= s.liveRecordId;
        if (recordId !== null) {
          const r = s.records.find((x) => x.id === recordId);
          if (r && r.name !== label) s.renameRecord(recordId, label);
        }
        if (s.status === 'finished') finish({ ended: 'finished' });
        else if (s.status === 'error')
          finish({ ended: 'error', reason: s.error?.message ?? 'the run stopped with an error.' });
      };
      const finish = (o: Outcome): void => {
        settled = true;
        off();
        cancelWait = null;
        resolve(o);
      };
      // Started before listening: until the new run exists, liveRecordId still names the previous run's record.
      controller.prepare();
      controller.train();
      const off = store.subscribe((s) => check(s));
      cancelWait = () => finish({ ended: 'cancelled' });
      check(get());
    });
  }

  /** The user's own work, put back at the end. */
  type Work = { graph: Graph; hyper: Hyper; dataset: DatasetId; seed: number };

  async function sweep(
    variants: readonly CheckedVariant[],
    budget: SweepBudget | undefined,
    original: Work,
  ): Promise<void> {
    const valid = variants.filter(isTrainable);
    let progress: SweepProgress = {
      index: 0,
      total: valid.length,
      label: '',
      skipped: variants.flatMap((v) => ('skipped' in v ? [{ label: v.label, reason: v.skipped }] : [])),
      done: false,
    };
    // While the variants train, the autosave keeps the user's own network and settings (a reload mid-sweep
    // brings those back, not a variant).
    get().setSweepBase(original);
    try {
      for (const [i, v] of valid.entries()) {
        if (cancelled) break;
        progress = { ...progress, index: i + 1, label: v.label };
        const s = get();
        s.setSweep(progress);
        const newDataset = v.dataset !== undefined && v.dataset !== s.dataset;
        if (newDataset) s.setDataset(v.dataset);
        if (v.seed !== undefined) s.setSeed(v.seed);
        s.setGraph(v.graph, { record: false });
        s.setHyper(budget === undefined ? v.hyper : withBudget(v.hyper, budget));
        // A new dataset makes the training controller rebuild its run once the update settles: let it, so that the
        // run started next is the last one built.
        if (newDataset) await macrotask();
        if (cancelled) break;
        const outcome = await runVariant(v.label);
        if (outcome.ended === 'error')
          progress = {
            ...progress,
            skipped: [...progress.skipped, { label: v.label, reason: `training stopped: ${outcome.reason}` }],
          };
      }
    } finally {
      const s = get();
      if (s.dataset !== original.dataset) s.setDataset(original.dataset);
      if (s.seed !== original.seed) s.setSeed(original.seed);
      s.setGraph(original.graph, { record: false });
      s.setHyper(original.hyper);
      s.setSweep({ ...progress, done: true });
      s.setSweepBase(null);
      active = false;
    }
  }

  /** Starts checked variants, or says why not. */
  function begin(
    variants: readonly CheckedVariant[],
    budget: SweepBudget | undefined,
    noneValid: string,
  ): string | null {
    const s = get();
    if (!variants.some(isTrainable)) {
      s.setSweep({
        index: 0,
        total: 0,
        label: '',
        skipped: variants.map((v) => ({ label: v.label, reason: 'skipped' in v ? v.skipped : '' })),
        done: true,
      });
      return noneValid;
    }
    active = true;
    cancelled = false;
    running = sweep(variants, budget, { graph: s.graph, hyper: s.hyper, dataset: s.dataset, seed: s.seed });
    return null;
  }

  return {
    start(plan) {
      if (active) return 'A sweep is already running.';
      const s = get();
      const ctx = validationContext(s.hyper.labelSubset);
      if ('variants' in plan) {
        const bad = plan.budget && checkBudget(plan.budget);
        if (bad) return bad;
        const checked = checkVariants(plan.variants, ctx);
        if (!checked.ok) return checked.error;
        return begin(checked.variants, plan.budget, 'None of these networks can be trained.');
      }
      const field = fieldOf(s.graph, plan.target);
      if (!field) return 'That setting is not in the network any more.';
      const parsed = parseSweepValues(plan.values, field);
      if (!parsed.ok) return parsed.error;
      const budget: SweepBudget = 'budget' in plan ? plan.budget : { unit: 'epochs', amount: plan.epochs };
      const bad = checkBudget(budget);
      if (bad) return bad;
      const variants = sweepVariants({ graph: s.graph, hyper: s.hyper }, plan.target, parsed.values, ctx);
      return begin(variants, budget, 'None of these values gives a network that can be trained.');
    },
    cancel() {
      if (!active) return;
      cancelled = true;
      controller.pause();
      cancelWait?.();
    },
    done: () => running,
  };
}

const macrotask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

const perController = new WeakMap<object, SweepController>();

/** The one sweep controller of a training controller (the Runs panel may unmount while a sweep runs). */
export function sweepControllerFor(
  store: SweepStore,
  controller: Pick<TrainingController, 'prepare' | 'train' | 'pause'>,
): SweepController {
  let c = perController.get(controller);
  if (!c) {
    c = createSweepController(store, controller);
    perController.set(controller, c);
  }
  return c;
}
