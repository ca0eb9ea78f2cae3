import { describe, expect, it, vi } from 'vitest';
import { SKIP_WAITING as SW_SKIP_WAITING } from '../../workers/serviceWorker/swCore';
import { registerServiceWorker, SKIP_WAITING, type Container } from './serviceWorkerClient';

class FakeWorker extends EventTarget {
  readonly messages: unknown[] = [];
  constructor(public state: ServiceWorkerState) {
    super();
  }
  postMessage(m: unknown): void {
    this.messages.push(m);
  }
  to(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  /** A new version starts installing. */
  found(w: FakeWorker): void {
    this.installing = w;
    this.dispatchEvent(new Event('updatefound'));
  }
}

function setup(opts: { controlled: boolean; registration?: FakeRegistration | undefined | 'reject' }) {
  const reg =
    opts.registration === undefined && 'registration' in opts
      ? undefined
      : (opts.registration ?? new FakeRegistration());
  const target = new EventTarget();
  const container = {
    controller: opts.controlled ? ({} as ServiceWorker) : null,
    register: vi.fn(() =>
      reg === 'reject'
        ? Promise.reject(new Error('blocked'))
        : Promise.resolve(reg as unknown as ServiceWorkerRegistration),
    ),
    addEventListener: target.addEventListener.bind(target),
  };
  const hooks = { onUpdate: vi.fn<(apply: () => void) => void>(), onOfflineReady: vi.fn(), reload: vi.fn() };
  /** The browser hands the page to another worker. */
  const controllerChange = () => {
    container.controller = {} as ServiceWorker;
    target.dispatchEvent(new Event('controllerchange'));
  };
  return {
    reg: reg as FakeRegistration,
    container: container as unknown as Container,
    hooks,
    controllerChange,
  };
}

describe('registerServiceWorker', () => {
  it('tells when the first install is done, offers no update, and reloads nothing when the page is claimed', async () => {
    const s = setup({ controlled: false });
    await registerServiceWorker(s.container, '/sw.js', s.hooks);
    const w = new FakeWorker('installing');
    s.reg.found(w);
    expect(s.hooks.onOfflineReady).not.toHaveBeenCalled();
    w.to('installed');
    expect(s.hooks.onOfflineReady).toHaveBeenCalledTimes(1);
    w.to('activated');
    s.controllerChange();
    expect(s.hooks.onUpdate).not.toHaveBeenCalled();
    expect(s.hooks.reload).not.toHaveBeenCalled();
  });

  it('announces a new version that waits, and lets it take over only when applied, then reloads', async () => {
    const s = setup({ controlled: true });
    await registerServiceWorker(s.container, '/sw.js', s.hooks);
    const w = new FakeWorker('installing');
    s.reg.found(w);
    w.to('installed');
    expect(s.hooks.onUpdate).toHaveBeenCalledTimes(1);
    expect(s.hooks.onOfflineReady).not.toHaveBeenCalled();
    expect(w.messages).toEqual([]);
    const apply = s.hooks.onUpdate.mock.calls[0]![0];
    apply();
    expect(w.messages).toEqual([{ type: SKIP_WAITING }]);
    expect(s.hooks.reload).not.toHaveBeenCalled();
    s.controllerChange();
    expect(s.hooks.reload).toHaveBeenCalledTimes(1);
  });

  it('announces a version already waiting when the page opens', async () => {
    const reg = new FakeRegistration();
    reg.waiting = new FakeWorker('installed');
    const s = setup({ controlled: true, registration: reg });
    await registerServiceWorker(s.container, '/sw.js', s.hooks);
    expect(s.hooks.onUpdate).toHaveBeenCalledTimes(1);
  });

  it('never reloads by itself when another tab applied the update: it announces it', async () => {
    const s = setup({ controlled: true });
    await registerServiceWorker(s.container, '/sw.js', s.hooks);
    s.controllerChange();
    expect(s.hooks.reload).not.toHaveBeenCalled();
    expect(s.hooks.onUpdate).toHaveBeenCalledTimes(1);
    s.hooks.onUpdate.mock.calls[0]![0]();
    expect(s.hooks.reload).toHaveBeenCalledTimes(1);
  });

  it('gives null when the browser refuses or hands back no registration', async () => {
    const refused = setup({ controlled: false, registration: 'reject' });
    expect(await registerServiceWorker(refused.container, '/sw.js', refused.hooks)).toBeNull();
    const none = setup({ controlled: false, registration: undefined });
    expect(await registerServiceWorker(none.container, '/sw.js', none.hooks)).toBeNull();
  });

  it('posts the message the worker listens for', () => {
    expect(SKIP_WAITING).toBe(SW_SKIP_WAITING);
  });
});
