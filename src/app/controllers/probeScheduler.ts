/**
 * The page's probe scheduler, the one place that dedupes probes. Panels only declare what they need
 * (panels/probeNeeds.ts); here equal needs become one request (`needKey`), and at most one request per kind is in
 * flight. A poll that finds its kind busy is skipped (the next poll comes soon); an urgent request (the user drew,
 * picked a sample, showed a panel, asked for a cell's images) waits, the newest of its kind winning, and goes when
 * the one in flight settles. A request unanswered after `timeoutMs` no longer holds its kind back.
 *
 * Below this nothing drops a request it sends: the client (workers/trainingClient.ts) only matches a result to its
 * request by kind, and the worker's queue of the newest request per kind (workerState.ts `pendingProbes`) only
 * replaces a request of a kind sent again after the timeout.
 */
import type { NodeId } from '../../engine/graph/types';
import type { SaliencyMethod } from '../../engine/inspect/saliencyMethod';
import type { ProbeRequest, ProbeResult, RbmProbeRequest } from '../../engine/train/probes/types';

/** A probe a panel wants polled. Sample-based kinds carry no sample: the controller uses the store's. */
export type ProbeNeed =
  | { readonly kind: 'kernels'; readonly gradients: boolean }
  | { readonly kind: 'activations' }
  | { readonly kind: 'pooling'; readonly node: NodeId | null }
  | { readonly kind: 'deadRelu' }
  | { readonly kind: 'health' }
  | { readonly kind: 'confusion' }
  | { readonly kind: 'predict' }
  /** Convolution step: one conv, pooling or dense layer's input, output and weights for the chosen sample. */
  | { readonly kind: 'layerIO'; readonly node: NodeId }
  /** GAN runs: the fixed-noise grid, plus a slerp path between grid cells `a` and `b` when asked. Same shape as the request. */
  | {
      readonly kind: 'ganSamples';
      readonly interpolate?: { readonly a: number; readonly b: number; readonly steps: number };
    }
  /** Autoencoders: the first `count` test images and their reconstructions. Same shape as the request. */
  | { readonly kind: 'reconstruct'; readonly count: number }
  /** Classifiers: the chosen sample attacked by FGSM or PGD at ε (pixel units, 0..1). */
  | { readonly kind: 'adversarial'; readonly method: 'fgsm' | 'pgd'; readonly epsilon: number }
  /** Classifiers: the smallest ε that flips the chosen sample's prediction. */
  | { readonly kind: 'adversarialSearch' }
  /** RBM runs: the filters and the dream chain (advanced by `dreamSteps` each poll). Same shape as the request. */
  | RbmProbeRequest
  /** Classifiers: a saliency map of the chosen sample for a class (null: the prediction), Grad-CAM at `layer`. */
  | {
      readonly kind: 'saliency';
      readonly method: SaliencyMethod;
      readonly classIndex: number | null;
      readonly layer: NodeId | null;
    };

export type ProbeNeedKind = ProbeNeed['kind'];

/** Key that makes two equal needs one (two panels asking for kernels poll once). */
export function needKey(n: ProbeNeed): string {
  switch (n.kind) {
    case 'kernels':
      return `kernels:${n.gradients ? 'g' : 'w'}`;
    case 'pooling':
      return `pooling:${n.node ?? ''}`;
    case 'ganSamples':
      return n.interpolate
        ? `ganSamples:${n.interpolate.a}-${n.interpolate.b}x${n.interpolate.steps}`
        : 'ganSamples';
    case 'reconstruct':
      return `reconstruct:${n.count}`;
    case 'layerIO':
      return `layerIO:${n.node}`;
    case 'adversarial':
      return `adversarial:${n.method}:${n.epsilon}`;
    case 'saliency':
      return `saliency:${n.method}:${n.classIndex ?? ''}:${n.layer ?? ''}`;
    default:
      return n.kind;
  }
}

/** The distinct needs, the first of each key, in the order given. */
export function distinctNeeds(needs: Iterable<ProbeNeed>): ProbeNeed[] {
  const seen = new Map<string, ProbeNeed>();
  for (const n of needs) {
    const k = needKey(n);
    if (!seen.has(k)) seen.set(k, n);
  }
  return [...seen.values()];
}

export const PROBE_TIMEOUT_MS = 5000;

export interface ProbeSchedulerDeps {
  /**
   * Sends a request; settles with its result, or rejects when the run fails or ends first. `user`: the user's own
   * action asked for it (the worker serves it at the next gap while training).
   */
  readonly probe: (request: ProbeRequest, user: boolean) => Promise<ProbeResult>;
  /** Each result of a request sent since the last `clear`. */
  readonly onResult: (result: ProbeResult) => void;
  /** Whether the worker can take a probe now (there is a run with a model); asked for queued requests too. */
  readonly canSend: () => boolean;
  readonly now?: () => number;
  readonly timeoutMs?: number;
}

export interface ProbeScheduler {
  /** `user` (implies urgent): the user's own action asked for it; kept when a newer request of its kind replaces it in the queue. */
  request(request: ProbeRequest, urgent?: boolean, user?: boolean): void;
  /**
   * Requests the distinct `needs` that `toRequest` turns into a request (null: not now, or not for this run); those
   * whose key `user` holds as asked by the user.
   */
  requestNeeds(
    needs: readonly ProbeNeed[],
    toRequest: (need: ProbeNeed) => ProbeRequest | null,
    urgent?: boolean,
    user?: ReadonlySet<string>,
  ): void;
  /** A new run: forgets what is in flight and queued; answers to earlier requests are ignored. */
  clear(): void;
}

export function createProbeScheduler(deps: ProbeSchedulerDeps): ProbeScheduler {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? PROBE_TIMEOUT_MS;
  /** When the request of each kind in flight was sent. */
  const inFlight = new Map<ProbeRequest['kind'], number>();
  /** Newest urgent request per kind that arrived while one of its kind was in flight (and whether the user asked). */
  const queued = new Map<ProbeRequest['kind'], { readonly req: ProbeRequest; readonly user: boolean }>();
  let generation = 0;

  function request(req: ProbeRequest, urgent = false, user = false): void {
    if (!deps.canSend()) return;
    const kind = req.kind;
    const since = inFlight.get(kind);
    if (since !== undefined && now() - since < timeoutMs) {
      if (urgent || user) queued.set(kind, { req, user: user || queued.get(kind)?.user === true });
      return;
    }
    inFlight.set(kind, now());
    const sentIn = generation;
    const settled = (): void => {
      if (sentIn !== generation) return;
      inFlight.delete(kind);
      const next = queued.get(kind);
      if (next) {
        queued.delete(kind);
        request(next.req, true, next.user);
      }
    };
    deps.probe(req, user).then((r) => {
      if (sentIn === generation) deps.onResult(r);
      settled();
    }, settled);
  }

  return {
    request,
    requestNeeds(needs, toRequest, urgent = false, user) {
      for (const need of distinctNeeds(needs)) {
        const req = toRequest(need);
        if (req) request(req, urgent, user?.has(needKey(need)) === true);
      }
    },
    clear() {
      generation += 1;
      inFlight.clear();
      queued.clear();
    },
  };
}
