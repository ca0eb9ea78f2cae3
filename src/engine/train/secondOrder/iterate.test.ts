import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { iterate, type Objective } from './iterate';
import { Lbfgs } from './lbfgs';
import { rosenbrock } from './testProblems';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('iterate', () => {
  it('moves downhill along the direction and hands back the evaluation at the new point', async () => {
    const before = tf.memory().numTensors;
    const method = new Lbfgs(5);
    const x = tf.tensor1d([-1.2, 1]);
    const r = await iterate(method, rosenbrock, x, null);
    expect(r.outcome.status).toBe('wolfe');
    expect(r.outcome.f).toBeLessThan(r.outcome.f0);
    expect(r.outcome.f0).toBeCloseTo(24.2, 4);
    const again = rosenbrock(r.x);
    expect(await r.at.f.data()).toEqual(await again.f.data());
    expect(method.memory).toBe(1);
    tf.dispose([x, r.x, r.at.f, r.at.g, again.f, again.g]);
    method.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a NaN loss stops at once (nonFinite); a line search that finds nothing leaves x and clears the memory', async () => {
    const before = tf.memory().numTensors;
    const method = new Lbfgs(5);
    const x = tf.tensor1d([0.5, 0.5]);
    const nan: Objective = (v) => ({ f: tf.scalar(NaN), g: tf.onesLike(v) });
    const r1 = await iterate(method, nan, x, null);
    expect(r1.outcome.status).toBe('nonFinite');
    expect(Array.from(await r1.x.data())).toEqual([0.5, 0.5]);
    tf.dispose([r1.x, r1.at.f, r1.at.g]);
    // A gradient that points the wrong way: the loss rises along −g however short the step.
    const liar: Objective = (v) =>
      tf.tidy(() => ({ f: tf.sum(v) as tf.Scalar, g: tf.neg(tf.onesLike(v)) as tf.Tensor1D }));
    const r2 = await iterate(method, liar, x, null, { maxEvaluations: 6 });
    expect(r2.outcome.status).toBe('failed');
    expect(r2.outcome.evaluations).toBe(6);
    expect(Array.from(await r2.x.data())).toEqual([0.5, 0.5]);
    expect(method.memory).toBe(0);
    tf.dispose([x, r2.x, r2.at.f, r2.at.g]);
    method.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops without searching once the gradient is within the tolerance', async () => {
    const method = new Lbfgs(5);
    const x = tf.tensor1d([1, 1]);
    const r = await iterate(method, rosenbrock, x, null, { gradTol: 1e-6 });
    expect(r.outcome.status).toBe('converged');
    expect(r.outcome.evaluations).toBe(0);
    tf.dispose([x, r.x, r.at.f, r.at.g]);
    method.dispose();
  });
});
