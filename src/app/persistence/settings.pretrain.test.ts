import { describe, expect, it } from 'vitest';
import { parseHyper } from './settings';

describe('parseHyper and RBM pretraining', () => {
  it('keeps the epochs per layer, and reads saves without it (or with a wrong value) as off', () => {
    const on = parseHyper({ rbmPretrainEpochs: 3 });
    expect(on.ok && on.value.rbmPretrainEpochs).toBe(3);
    for (const v of [undefined, 0, -1, 2.5, 21, 'x']) {
      const r = parseHyper(v === undefined ? {} : { rbmPretrainEpochs: v });
      expect(r.ok && 'rbmPretrainEpochs' in r.value, String(v)).toBe(false);
    }
  });
});
