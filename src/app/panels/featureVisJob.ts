/**
 * The Feature visualization panel's job: a visualization is many gradient-ascent iterations, asked of the worker a
 * chunk at a time (engine/train/probes/featureVis.ts), each chunk continuing from the state the last one returned, so
 * no single probe holds training up for long. Small chunks while training (the probe budget spreads them out), large
 * ones while paused. A result of another job (one the user abandoned by changing the layer) is ignored; a chunk that
 * gets no answer (the worker was busy preparing a run) is asked again. Plain logic, tested without React or a worker.
 */
import type {
  FeatureVisParam,
  FeatureVisRegularisers,
  FeatureVisRequest,
  FeatureVisResult,
  FeatureVisTarget,
} from '../../engine/train/probes/types';

export interface FeatureVisSpec {
  readonly target: FeatureVisTarget;
  readonly param: FeatureVisParam;
  readonly regularisers: FeatureVisRegularisers;
}

export interface FeatureVisJobDeps {
  /** `user`: the first chunk of a job the user started (served at the worker's next gap while training). */
  readonly send: (request: FeatureVisRequest, user: boolean) => void;
  /** Iterations per chunk now (e.g. fewer while training). */
  readonly chunkSize: () => number;
  readonly now?: () => number;
  /** Ask a chunk again when it has had no answer for this long. */
  readonly resendMs?: number;
}

export interface FeatureVisJob {
  start(spec: FeatureVisSpec): void;
  /** A result from the frame bus; true when it belongs to the current job (then the next chunk is sent). */
  accept(result: FeatureVisResult): boolean;
  stop(): void;
  /** Call now and then: re-sends a chunk that has waited longer than `resendMs`. */
  tick(): void;
  readonly running: boolean;
  readonly job: number;
}

let jobs = 0;

export function createFeatureVisJob(deps: FeatureVisJobDeps): FeatureVisJob {
  const now = deps.now ?? Date.now;
  const resendMs = deps.resendMs ?? 8000;
  let job = 0;
  let spec: FeatureVisSpec | null = null;
  let pending: FeatureVisRequest | null = null;
  let sentAt = 0;
  const send = (r: FeatureVisRequest): void => {
    pending = r;
    sentAt = now();
    deps.send(r, r.done === 0);
  };
  const chunk = (from: FeatureVisResult | null): FeatureVisRequest | null =>
    spec && {
      kind: 'featureVis',
      job,
      target: spec.target,
      param: spec.param,
      regularisers: spec.regularisers,
      state: from?.state ?? null,
      done: from?.done ?? 0,
      iterations: Math.max(1, Math.round(deps.chunkSize())),
    };
  return {
    start(next) {
      spec = next;
      job = ++jobs;
      const r = chunk(null);
      if (r) send(r);
    },
    accept(result) {
      if (result.job !== job || pending === null || result.done <= pending.done) return false;
      pending = null;
      if (result.done < result.total) {
        const r = chunk(result);
        if (r) send(r);
      }
      return true;
    },
    stop() {
      pending = null;
    },
    tick() {
      if (pending && now() - sentAt >= resendMs) send(pending);
    },
    get running() {
      return pending !== null;
    },
    get job() {
      return job;
    },
  };
}
