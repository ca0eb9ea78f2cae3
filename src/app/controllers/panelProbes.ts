/**
 * The probes the page asks for, wired to the probe scheduler: what the visible panels need, made into requests for
 * the current network and sample; polled while training, asked at once when a panel appears or the sample changes,
 * and the panels' one-shot requests (a confusion cell's images). Every result reaches the frame bus once.
 */
import type { ProbeRequest, ProbeResult } from '../../engine/train/probes/types';
import type { FrameBus } from '../frames/frameBus';
import type { AppState } from '../store/types';
import { createProbeScheduler, needKey, type ProbeNeed, type ProbeNeedKind } from './probeScheduler';
import { sampleRef, toRequest } from './probeRequests';
import { PROBEABLE } from './storeReactions';

/** Probes that depend on the chosen sample (test image or drawing): re-requested when it changes. */
const SAMPLE_KINDS: ReadonlySet<ProbeNeedKind> = new Set([
  'activations',
  'predict',
  'pooling',
  'layerIO',
  'adversarial',
  'adversarialSearch',
  'saliency',
]);

export interface PanelProbesDeps {
  readonly getState: () => AppState;
  /** `user`: the user's own action asked for it (see probeScheduler.ts). */
  readonly probe: (request: ProbeRequest, user: boolean) => Promise<ProbeResult>;
  readonly bus: FrameBus;
  /** Whether there is a run (its model may still be building). */
  readonly hasRun: () => boolean;
  readonly probeNeeds: () => readonly ProbeNeed[];
  readonly onProbeNow?: (cb: (req: ProbeRequest, user: boolean) => void) => () => void;
  /** Called back when the visible panels' needs change, so a panel shown while not training gets a frame at once. */
  readonly onProbeNeedsChange?: (cb: () => void) => () => void;
  readonly drawnImage?: () => Uint8Array | null;
  readonly pollMs?: number;
}

export interface PanelProbes {
  /** Asks for one probe (not urgent: skipped if one of its kind is in flight). */
  request(request: ProbeRequest): void;
  /** Asks for what the visible panels need (not urgent). */
  visible(): void;
  /** The sample changed: the sample-based panels' probes, at once. */
  sampleChanged(): void;
  /** A result that came as a worker message (it may also be the answer to a request: published once). */
  publish(result: ProbeResult): void;
  /** A new run: forget the requests in flight and queued. */
  clear(): void;
  dispose(): void;
}

export function createPanelProbes(deps: PanelProbesDeps): PanelProbes {
  const published = new WeakSet<ProbeResult>();
  function publish(result: ProbeResult): void {
    if (published.has(result)) return;
    published.add(result);
    deps.bus.publish(result);
  }

  const scheduler = createProbeScheduler({
    probe: deps.probe,
    onResult: publish,
    // No model yet: the worker would refuse the probe ("notReady"); 'ready' asks for what the panels need.
    canSend: () => deps.hasRun() && deps.getState().status !== 'initializing',
  });

  /** `user`: the keys of the needs the user's own action asked for (they go at the worker's next gap). */
  function visible(urgent = false, only?: ReadonlySet<ProbeNeedKind>, user?: ReadonlySet<string>): void {
    const s = deps.getState();
    const sample = sampleRef(s.sample, deps.drawnImage?.() ?? null);
    const graph = s.runGraph ?? s.graph;
    scheduler.requestNeeds(
      deps.probeNeeds(),
      (need) => (only && !only.has(need.kind) ? null : toRequest(need, graph, sample)),
      urgent,
      user,
    );
  }

  const offOneShot =
    deps.onProbeNow?.((req, user) => scheduler.request(req, true, user)) ?? (() => undefined);
  // The needs' keys at the last change: a key new since then is a control the user changed or a panel they showed.
  let knownKeys = new Set(deps.probeNeeds().map(needKey));
  const offNeeds =
    deps.onProbeNeedsChange?.(() => {
      const keys = new Set(deps.probeNeeds().map(needKey));
      const fresh = new Set([...keys].filter((k) => !knownKeys.has(k)));
      knownKeys = keys;
      if (deps.hasRun() && PROBEABLE.has(deps.getState().status)) visible(true, undefined, fresh);
    }) ?? (() => undefined);
  const timer = setInterval(() => {
    if (deps.getState().status === 'running') visible();
  }, deps.pollMs ?? 500);

  return {
    request: (req) => scheduler.request(req),
    visible: () => visible(),
    sampleChanged: () => visible(true, SAMPLE_KINDS, new Set(deps.probeNeeds().map(needKey))),
    publish,
    clear: () => scheduler.clear(),
    dispose() {
      clearInterval(timer);
      offOneShot();
      offNeeds();
      scheduler.clear();
    },
  };
}
