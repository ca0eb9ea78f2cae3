/**
 * "Make dataset": checks the staging and the space in words first, then runs the preparation worker with progress
 * and Cancel. A made dataset is listed and chosen in "Dataset" at once (the graph's validation then says if the Input
 * needs its shape, with the fix); the staging is emptied. Nothing is sent anywhere but the worker.
 */
import { useCallback, useRef, useState } from 'react';
import type { PrepareOptions, SkippedFile, UserDatasetMeta } from '../../engine/data/userDataset';
import { megabytes } from '../../workers/userDatasets/storeErrors';
import { useAppStore } from '../store';
import { emptyStaging, stagedBytes, stagingProblem, toPrepareItems, type Staging } from './staging';
import type { OwnImagesDeps } from './ownImagesDeps';

export type MakeResult =
  | { readonly kind: 'done'; readonly meta: UserDatasetMeta; readonly warnings: readonly string[] }
  | { readonly kind: 'failed'; readonly message: string; readonly skipped: readonly SkippedFile[] }
  | { readonly kind: 'cancelled' }
  /** Stopped before anything was sent: the staging is not a dataset yet, or there is no room. */
  | { readonly kind: 'problem'; readonly message: string };

export interface MakeProgress {
  readonly done: number;
  /** 0 until the worker has counted the files (a zip's entries). */
  readonly total: number;
}

export type Estimate = { readonly usage: number; readonly quota: number } | null;

/** The sentence when the staged images clearly do not fit in the space the browser has left; null otherwise. */
export function spaceProblem(needed: number, estimate: Estimate): string | null {
  if (!estimate) return null;
  const free = Math.max(0, estimate.quota - estimate.usage);
  if (needed <= free) return null;
  return (
    `Not enough space in this browser for these images: they need about ${megabytes(needed)} MB once ` +
    `prepared, and about ${megabytes(free)} MB are free. Delete a dataset you no longer need, or choose a ` +
    'smaller image size, grey instead of RGB, or fewer images.'
  );
}

export function useMakeDataset(deps: OwnImagesDeps, storeError: string | null, estimate: Estimate) {
  const [progress, setProgress] = useState<MakeProgress | null>(null);
  const [result, setResult] = useState<MakeResult | null>(null);
  const job = useRef<{ cancel(): void } | null>(null);

  const make = useCallback(
    async (staging: Staging, name: string, options: PrepareOptions): Promise<Staging> => {
      if (job.current) return staging;
      const problem =
        storeError ??
        stagingProblem(staging) ??
        spaceProblem(stagedBytes(staging, options.size, options.colour), estimate);
      if (problem) {
        setResult({ kind: 'problem', message: problem });
        return staging;
      }
      setResult(null);
      setProgress({ done: 0, total: 0 });
      const running = deps
        .prepareClient()
        .prepare(name, toPrepareItems(staging), options, (done, total) => setProgress({ done, total }));
      job.current = running;
      const outcome = await running.done;
      job.current = null;
      setProgress(null);
      switch (outcome.type) {
        case 'done': {
          const s = useAppStore.getState();
          s.upsertUserDataset(outcome.meta);
          s.setDataset(outcome.meta.id);
          setResult({ kind: 'done', meta: outcome.meta, warnings: outcome.warnings });
          return emptyStaging;
        }
        case 'failed':
          setResult({ kind: 'failed', message: outcome.message, skipped: outcome.skipped });
          return staging;
        case 'cancelled':
          setResult({ kind: 'cancelled' });
          return staging;
      }
    },
    [deps, storeError, estimate],
  );

  const cancel = useCallback(() => job.current?.cancel(), []);
  const dismiss = useCallback(() => setResult(null), []);
  return { make, cancel, progress, result, dismiss, busy: progress !== null };
}
