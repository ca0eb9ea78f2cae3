import { describe, expect, it } from 'vitest';
import type { FeatureVisRequest, FeatureVisResult } from '../../engine/train/probes/types';
import { asNodeId } from '../../engine/graph/types';
import { createFeatureVisJob, type FeatureVisSpec } from './featureVisJob';

const spec: FeatureVisSpec = {
  target: { mode: 'filters', node: asNodeId('conv2d_1'), units: [0, 1] },
  param: 'pixels',
  regularisers: { jitter: true, blur: true, decay: true },
};

function answer(req: FeatureVisRequest, total = 12): FeatureVisResult {
  return {
    kind: 'featureVis',
    step: 1,
    job: req.job,
    done: Math.min(total, req.done + req.iterations),
    total,
    count: 2,
    h: 2,
    w: 2,
    channels: 1,
    state: new Float32Array([req.done]),
    stateShape: [1, 1, 1, 1],
    pixels: new Uint8Array(8),
    spread: new Float32Array(2),
    mean: new Float32Array(2),
    values: new Float32Array(2),
    ms: 1,
  };
}

describe('feature visualization job', () => {
  it('sends chunk after chunk, each continuing the last state, until done', () => {
    const sent: FeatureVisRequest[] = [];
    let size = 4;
    const job = createFeatureVisJob({ send: (r) => sent.push(r), chunkSize: () => size });
    job.start(spec);
    expect(sent[0]).toMatchObject({ done: 0, iterations: 4, state: null, job: job.job });
    expect(job.accept(answer(sent[0]!))).toBe(true);
    expect(sent[1]).toMatchObject({ done: 4, iterations: 4 });
    expect(Array.from(sent[1]!.state!)).toEqual([0]);
    size = 8; // paused: bigger chunks
    job.accept(answer(sent[1]!));
    expect(sent[2]).toMatchObject({ done: 8, iterations: 8 });
    expect(job.running).toBe(true);
    job.accept(answer(sent[2]!));
    expect(sent).toHaveLength(3);
    expect(job.running).toBe(false);
  });

  it("marks a job's first chunk as the user's (served at once while training), not the chunks that follow", () => {
    const marks: boolean[] = [];
    const job = createFeatureVisJob({ send: (_, user) => marks.push(user), chunkSize: () => 4 });
    const sent: FeatureVisRequest[] = [];
    const job2 = createFeatureVisJob({ send: (r) => sent.push(r), chunkSize: () => 4 });
    job.start(spec);
    job2.start(spec);
    job.accept({ ...answer(sent[0]!), job: job.job });
    job.start(spec);
    expect(marks).toEqual([true, false, true]);
  });

  it('ignores results of an abandoned job and repeated answers; Stop sends nothing more', () => {
    const sent: FeatureVisRequest[] = [];
    const job = createFeatureVisJob({ send: (r) => sent.push(r), chunkSize: () => 4 });
    job.start(spec);
    const old = sent[0]!;
    job.start({ ...spec, target: { mode: 'classes', units: [3] } });
    expect(job.accept(answer(old))).toBe(false);
    expect(sent).toHaveLength(2);
    const current = answer(sent[1]!);
    expect(job.accept(current)).toBe(true);
    expect(job.accept(current)).toBe(false);
    expect(sent).toHaveLength(3);
    job.stop();
    expect(job.running).toBe(false);
    expect(job.accept(answer(sent[2]!))).toBe(false);
    expect(sent).toHaveLength(3);
  });

  it('asks an unanswered chunk again after the resend delay', () => {
    const sent: FeatureVisRequest[] = [];
    let t = 0;
    const job = createFeatureVisJob({
      send: (r) => sent.push(r),
      chunkSize: () => 4,
      now: () => t,
      resendMs: 100,
    });
    job.start(spec);
    t = 50;
    job.tick();
    expect(sent).toHaveLength(1);
    t = 150;
    job.tick();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
  });
});
