import { describe, expect, it } from 'vitest';
import { curvesFromPoints } from './curves';
import { point } from './testPoints';

describe('curvesFromPoints', () => {
  it('keeps every point when there are few', () => {
    const c = curvesFromPoints([
      point(1, { loss: 2 }),
      point(2, { loss: 1, valLoss: 1.5, valAccuracy: 0.4 }),
    ]);
    expect(c).toEqual({
      steps: [1, 2],
      loss: [2, 1],
      accuracy: [0.5, 0.5],
      valSteps: [2],
      valLoss: [1.5],
      valAccuracy: [0.4],
    });
  });

  it('averages groups into at most max points, each at its last step', () => {
    const pts = Array.from({ length: 10 }, (_, i) => point(i + 1, { loss: i, accuracy: i / 10 }));
    const c = curvesFromPoints(pts, 4);
    // ceil(10 / 4) = 3 per group: [1..3], [4..6], [7..9], [10].
    expect(c.steps).toEqual([3, 6, 9, 10]);
    expect(c.loss).toEqual([1, 4, 7, 9]);
    expect(c.accuracy.map((a) => (a === null ? null : Math.round(a * 100) / 100))).toEqual([
      0.1, 0.4, 0.7, 0.9,
    ]);
  });

  it('averages only the finite values of a group; a group without any is null', () => {
    const pts = [
      point(1, { loss: NaN }),
      point(2, { loss: 4 }),
      point(3, { loss: NaN }),
      point(4, { loss: NaN }),
    ];
    expect(curvesFromPoints(pts, 2).loss).toEqual([4, null]);
  });

  it('thins validation points separately', () => {
    const pts = Array.from({ length: 6 }, (_, i) =>
      point(i + 1, i % 2 ? { valLoss: i, valAccuracy: 0.5 } : {}),
    );
    const c = curvesFromPoints(pts, 2);
    expect(c.valSteps).toEqual([4, 6]);
    expect(c.valLoss).toEqual([2, 5]);
    expect(c.steps).toEqual([3, 6]);
  });
});

describe('curvesFromPoints: training time', () => {
  it('keeps the training time of each kept step, for train and validation points', () => {
    const pts = Array.from({ length: 6 }, (_, i) =>
      point(i + 1, { seconds: (i + 1) * 0.5, ...(i === 3 ? { valLoss: 1, valAccuracy: 0.5 } : {}) }),
    );
    const c = curvesFromPoints(pts, 3);
    expect(c.steps).toEqual([2, 4, 6]);
    expect(c.seconds).toEqual([1, 2, 3]);
    expect(c.valSteps).toEqual([4]);
    expect(c.valSeconds).toEqual([2]);
  });

  it('records without times (older points) have no time series', () => {
    const c = curvesFromPoints([point(1), point(2)]);
    expect(c.seconds).toBeUndefined();
    expect(c.valSeconds).toBeUndefined();
  });
});
