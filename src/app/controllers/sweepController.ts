/**
 * The sweep controller: trains a sweep's variants one after another, unattended. A sweep is either one setting tried
 * over several values (node + setting + values) or a list of explicit variants (networks and settings given as they
 * are: a preset's comparison, a shared link's runs). For each valid variant it puts the variant's network and
 * settings in the store (not recorded for undo), with the sweep's budget and the same seed, starts a new run and
 * waits until it finishes and its record has its picture (or fails: the reason is kept and the sweep goes on); see
 * sweepRun.ts. The run recorder records each run; the sweep names its record after the variant ("kernel 5"). At the
 * end, or on Cancel, the user's own network and settings are put back; Reset, a new lesson or an edit of the network
 * during a sweep cancel it and keep what the user did (sweepEnding.ts).
 */
import type { Graph } from '../../engine/graph/types';
import { parseSweepValues, fieldOf, sweepVariants, type SweepTarget } from '../../engine/runs/sweep';
import {
  checkVariants,
  isTrainable,
  type CheckedVariant,
  type ExplicitVariant,
} from '../../engine/runs/explicitVariants';
import { checkBudget, withBudget, type SweepBudget } from '../../engine/runs/sweepBudget';
import { datasetShapeOf, validationContext } from '../graphView/validationContext';
import type { SweepProgress } from '../store/types';
import type { TrainingController } from './trainingController';
import { runVariant, type RunWatch, type SweepStore } from './sweepRun';
import { endSweep, type Ending, type Work } from './sweepEnding';

export type { SweepStore } from './sweepRun';

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

/** What a sweep needs of the training controller; `restartWithNewGraph` rebuilds the user's network at the end. */
export type SweepTrainer = Pick<TrainingController, 'prepare' | 'train' | 'pause'> &
  Partial<Pick<TrainingController, 'restartWithNewGraph'>>;

export function createSweepController(
  store: SweepStore,
  controller: SweepTrainer,
  options: { readonly snapshotWaitMs?: number } = {},
): SweepController {
  const get = () => store.getState();
  let running: Promise<void> = Promise.resolve();
  let active = false;
  let watch: RunWatch | null = null;
  let cancelled = false;

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
    let ending: Ending = null;
    /** The graphs put in the editor, and the dataset last set: what the user changed since tells from them. */
    const shown = new Set<Graph>();
    let lastDataset = original.dataset;
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
        if (v.dataset !== undefined) {
          s.setDataset(v.dataset);
          lastDataset = v.dataset;
        }
        if (v.seed !== undefined) s.setSeed(v.seed);
        shown.add(v.graph);
        s.setGraph(v.graph, { record: false });
        s.setHyper(budget === undefined ? v.hyper : withBudget(v.hyper, budget));
        // A new dataset makes the training controller rebuild its run once the update settles: let it, so that the
        // run started next is the last one built.
        if (newDataset) await macrotask();
        if (cancelled) break;
        const run = runVariant(store, controller, v, options.snapshotWaitMs);
        watch = run;
        const outcome = await run.outcome;
        watch = null;
        if (outcome.ended === 'interrupted') {
          ending = { why: outcome.why, label: v.label };
          controller.pause();
          break;
        }
        if (outcome.ended === 'error')
          progress = {
            ...progress,
            skipped: [...progress.skipped, { label: v.label, reason: `training stopped: ${outcome.reason}` }],
          };
      }
      if (cancelled && ending === null) ending = { why: 'cancel' };
    } finally {
      const said = endSweep(store, ending, original, shown, lastDataset);
      const s = get();
      s.setSweep({ ...progress, done: true, ...(said !== null ? { ended: said } : {}) });
      s.setSweepBase(null);
      // The user's own Cancel is answered in the Runs panel; an interruption may come from anywhere on the page.
      if (said !== null && ending?.why !== 'cancel') s.setBanner({ kind: 'info', message: said });
      active = false;
      // The worker still holds the last variant's model: build the network now in the editor, so the panels,
      // Export model and the next Train are about it (the variant's run is kept in Runs).
      const now = get();
      if (now.runGraph !== now.graph && now.status !== 'running' && now.status !== 'initializing')
        controller.restartWithNewGraph?.();
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
      // A variant would go into the GAN's active network (setGraph), and the pair into the autosave.
      if (s.ganGraphs !== null)
        return 'A GAN lesson is open: sweeps and comparisons train classifiers and autoencoders. Choose another preset first.';
      // Checked against the chosen dataset's images and classes (a user dataset may be 32×32×3 with 3 classes); a
      // variant with its own dataset (a shared run's) against that one's.
      const ctxOf = (dataset = s.dataset) =>
        validationContext(s.hyper.labelSubset, datasetShapeOf(dataset, s.userDatasets));
      const ctx = ctxOf();
      if ('variants' in plan) {
        const bad = plan.budget && checkBudget(plan.budget);
        if (bad) return bad;
        const checked = checkVariants(plan.variants, (v) => ctxOf(v.dataset));
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
      watch?.cancel();
    },
    done: () => running,
  };
}

const macrotask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

const perController = new WeakMap<object, SweepController>();

/** The one sweep controller of a training controller (the Runs panel may unmount while a sweep runs). */
export function sweepControllerFor(store: SweepStore, controller: SweepTrainer): SweepController {
  let c = perController.get(controller);
  if (!c) {
    c = createSweepController(store, controller);
    perController.set(controller, c);
  }
  return c;
}
