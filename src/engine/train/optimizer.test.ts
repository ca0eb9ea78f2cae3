import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OptimizerId } from './hyper';
import { disposeOptimizer, getLearningRate, makeOptimizer, setLearningRate, setMomentum } from './optimizer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const variableOne = (): tf.Variable => {
  const s = tf.scalar(1);
  const v = tf.variable(s);
  s.dispose();
  return v;
};

/** One step on f(w) = w² from w = 1; returns the new w. */
function stepOnce(opt: tf.Optimizer, w: tf.Variable): number {
  opt.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w]);
  return w.dataSync()[0] as number;
}

describe('optimizer', () => {
  const ids: OptimizerId[] = ['sgd', 'momentum', 'adam', 'adadelta', 'rmsprop'];

  it.each(ids)(
    '%s: the learning rate set in place is the one the next step uses, and dispose frees everything',
    (id) => {
      const before = tf.memory().numTensors;
      const run = (lr: number, changeTo: number | null): number => {
        const w = variableOne();
        const opt = makeOptimizer({ optimizer: id, learningRate: lr, momentum: 0.9 }, lr);
        if (changeTo !== null) setLearningRate(opt, changeTo);
        const v = stepOnce(opt, w);
        disposeOptimizer(opt);
        w.dispose();
        return v;
      };
      // Changing 0.1 → 0.01 in place must step exactly like an optimizer created with 0.01.
      expect(run(0.1, 0.01)).toBeCloseTo(run(0.01, null), 7);
      expect(run(0.1, 0.01)).not.toBeCloseTo(run(0.1, null), 7);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('getLearningRate reads what was set', () => {
    const opt = makeOptimizer({ optimizer: 'adam', learningRate: 0.1, momentum: 0 }, 0.1);
    setLearningRate(opt, 0.25);
    expect(getLearningRate(opt)).toBe(0.25);
    disposeOptimizer(opt);
  });

  it('setMomentum changes the momentum the next step uses', () => {
    const two = (m1: number, m2: number | null): number => {
      const w = variableOne();
      const opt = makeOptimizer({ optimizer: 'momentum', learningRate: 0.1, momentum: m1 }, 0.1);
      stepOnce(opt, w);
      if (m2 !== null) setMomentum(opt, m2);
      const v = stepOnce(opt, w);
      disposeOptimizer(opt);
      w.dispose();
      return v;
    };
    expect(two(0.9, 0.1)).not.toBeCloseTo(two(0.9, null), 6);
  });
});
