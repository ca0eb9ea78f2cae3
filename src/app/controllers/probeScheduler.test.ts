import { describe, expect, it } from 'vitest';
import { asNodeId } from '../../engine/graph/types';
import type { ProbeRequest, ProbeResult } from '../../engine/train/probes/types';
import { createProbeScheduler, distinctNeeds, needKey, type ProbeNeed } from './probeScheduler';

/** A client whose probes settle when the test says so. */
function fakeProbes() {
  const sent: {
    req: ProbeRequest;
    user: boolean;
    resolve: (r: ProbeResult) => void;
    reject: (e: Error) => void;
  }[] = [];
  const results: ProbeResult[] = [];
  let clock = 0;
  let open = true;
  const scheduler = createProbeScheduler({
    probe: (req, user) =>
      new Promise<ProbeResult>((resolve, reject) => sent.push({ req, user, resolve, reject })),
    onResult: (r) => results.push(r),
    canSend: () => open,
    now: () => clock,
    timeoutMs: 5000,
  });
  return {
    scheduler,
    sent,
    results,
    kinds: () => sent.map((s) => s.req.kind),
    advance: (ms: number) => void (clock += ms),
    close: () => void (open = false),
  };
}

const settle = () => new Promise<void>((r) => setTimeout(r, 0));
const deadRelu = (step: number): ProbeResult => ({ kind: 'deadRelu', step, layers: [] });
const predict = (index: number): ProbeRequest => ({ kind: 'predict', sample: { from: 'test', index } });

describe('distinct needs', () => {
  it('dedupes equal needs', () => {
    const needs: ProbeNeed[] = [
      { kind: 'kernels', gradients: false },
      { kind: 'kernels', gradients: false },
      { kind: 'kernels', gradients: true },
      { kind: 'pooling', node: asNodeId('p1') },
    ];
    expect(distinctNeeds(needs)).toHaveLength(3);
    expect([...new Set(distinctNeeds(needs).map((n) => n.kind))]).toEqual(['kernels', 'pooling']);
  });
  it('keys adversarial needs by method and ε', () => {
    const k = (method: 'fgsm' | 'pgd', epsilon: number) => needKey({ kind: 'adversarial', method, epsilon });
    expect(new Set([k('fgsm', 0.1), k('pgd', 0.1), k('fgsm', 0.05)]).size).toBe(3);
    expect(k('pgd', 0.1)).toBe(k('pgd', 0.1));
  });
  it('keys GAN and reconstruction needs by their parameters', () => {
    const plain = needKey({ kind: 'ganSamples' });
    const ab = needKey({ kind: 'ganSamples', interpolate: { a: 0, b: 63, steps: 16 } });
    const ba = needKey({ kind: 'ganSamples', interpolate: { a: 63, b: 0, steps: 16 } });
    expect(new Set([plain, ab, ba]).size).toBe(3);
    expect(needKey({ kind: 'ganSamples', interpolate: { a: 0, b: 63, steps: 16 } })).toBe(ab);
    expect(needKey({ kind: 'reconstruct', count: 8 })).not.toBe(needKey({ kind: 'reconstruct', count: 4 }));
    const needs: ProbeNeed[] = [
      { kind: 'ganSamples', interpolate: { a: 1, b: 2, steps: 16 } },
      { kind: 'ganSamples', interpolate: { a: 1, b: 2, steps: 16 } },
      { kind: 'reconstruct', count: 8 },
    ];
    expect(distinctNeeds(needs)).toEqual([
      { kind: 'ganSamples', interpolate: { a: 1, b: 2, steps: 16 } },
      { kind: 'reconstruct', count: 8 },
    ]);
    expect(distinctNeeds(needs.slice(1))).toHaveLength(2);
  });
});

describe('probe scheduler', () => {
  it('keeps one request per kind in flight; a poll finding its kind busy is skipped', async () => {
    const f = fakeProbes();
    f.scheduler.request({ kind: 'deadRelu' });
    f.scheduler.request({ kind: 'deadRelu' });
    f.scheduler.request({ kind: 'health' });
    expect(f.kinds()).toEqual(['deadRelu', 'health']);
    f.sent[0]?.resolve(deadRelu(1));
    await settle();
    expect(f.results).toEqual([deadRelu(1)]);
    expect(f.kinds()).toEqual(['deadRelu', 'health']);
    f.scheduler.request({ kind: 'deadRelu' });
    expect(f.kinds()).toEqual(['deadRelu', 'health', 'deadRelu']);
  });

  it('an urgent request waits for its kind and goes next, the newest winning', async () => {
    const f = fakeProbes();
    f.scheduler.request(predict(3), true);
    f.scheduler.request(predict(4), true);
    f.scheduler.request(predict(5), true);
    expect(f.sent.map((s) => s.req)).toEqual([predict(3)]);
    f.sent[0]?.reject(new Error('run failed'));
    await settle();
    expect(f.sent.map((s) => s.req)).toEqual([predict(3), predict(5)]);
  });

  it("passes the user's mark on, and keeps it when a newer request of its kind replaces a queued one", async () => {
    const f = fakeProbes();
    f.scheduler.request(predict(1), false, true);
    f.scheduler.request(predict(2), false, true);
    f.scheduler.request(predict(3), true); // e.g. a panel's need re-sent: newer, not the user's own
    expect(f.sent.map((s) => s.user)).toEqual([true]);
    f.sent[0]?.resolve(deadRelu(1));
    await settle();
    expect(f.sent.map((s) => [s.req, s.user])).toEqual([
      [predict(1), true],
      [predict(3), true],
    ]);
    f.scheduler.requestNeeds(
      [{ kind: 'deadRelu' }, { kind: 'health' }],
      (n) => ({ kind: n.kind }) as ProbeRequest,
      true,
      new Set(['health']),
    );
    expect(f.sent.slice(2).map((s) => [s.req.kind, s.user])).toEqual([
      ['deadRelu', false],
      ['health', true],
    ]);
  });

  it('a request unanswered after the timeout no longer holds its kind back', () => {
    const f = fakeProbes();
    f.scheduler.request({ kind: 'confusion' });
    f.advance(4999);
    f.scheduler.request({ kind: 'confusion' });
    expect(f.kinds()).toEqual(['confusion']);
    f.advance(1);
    f.scheduler.request({ kind: 'confusion' });
    expect(f.kinds()).toEqual(['confusion', 'confusion']);
  });

  it('sends nothing while the worker cannot take probes, queued requests included', async () => {
    const f = fakeProbes();
    f.scheduler.request(predict(1));
    f.scheduler.request(predict(2), true);
    f.close();
    f.scheduler.request({ kind: 'health' });
    f.sent[0]?.resolve(deadRelu(1));
    await settle();
    expect(f.kinds()).toEqual(['predict']);
  });

  it('after clear (a new run) drops the old answers and frees every kind', async () => {
    const f = fakeProbes();
    f.scheduler.request({ kind: 'deadRelu' });
    f.scheduler.request({ kind: 'deadRelu' }, true);
    f.scheduler.clear();
    f.scheduler.request({ kind: 'deadRelu' });
    expect(f.kinds()).toEqual(['deadRelu', 'deadRelu']);
    f.sent[0]?.resolve(deadRelu(1));
    await settle();
    expect(f.results).toEqual([]);
    expect(f.kinds()).toEqual(['deadRelu', 'deadRelu']);
    f.sent[1]?.resolve(deadRelu(2));
    await settle();
    expect(f.results).toEqual([deadRelu(2)]);
  });

  it('requests each distinct need once, skipping those with no request', () => {
    const f = fakeProbes();
    const needs: ProbeNeed[] = [
      { kind: 'kernels', gradients: false },
      { kind: 'kernels', gradients: false },
      { kind: 'confusion' },
      { kind: 'deadRelu' },
    ];
    f.scheduler.requestNeeds(needs, (n) =>
      n.kind === 'kernels' ? { kind: 'kernels', gradients: n.gradients } : n.kind === 'deadRelu' ? n : null,
    );
    expect(f.sent.map((s) => s.req)).toEqual([{ kind: 'kernels', gradients: false }, { kind: 'deadRelu' }]);
  });

  it('urgent needs of a busy kind go once it is free', async () => {
    const f = fakeProbes();
    f.scheduler.request({ kind: 'deadRelu' });
    f.scheduler.requestNeeds([{ kind: 'deadRelu' }], () => ({ kind: 'deadRelu' }), true);
    expect(f.kinds()).toEqual(['deadRelu']);
    f.sent[0]?.resolve(deadRelu(1));
    await settle();
    expect(f.kinds()).toEqual(['deadRelu', 'deadRelu']);
  });
});
