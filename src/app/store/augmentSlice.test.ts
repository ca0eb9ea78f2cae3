import { describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { DEFAULT_AUGMENT } from '../../engine/data/augment';

const SHIFT = { ...DEFAULT_AUGMENT, shift: 2, flip: true };
const ROTATE = { ...DEFAULT_AUGMENT, rotate: 10 };

describe('augmentation per dataset', () => {
  it('switching Dataset brings back the augmentation last used with it (off for one not used yet)', () => {
    const s = createAppStore();
    s.getState().setDataset('mnist');
    s.getState().setHyper({ augment: SHIFT });
    s.getState().setDataset('procedural');
    expect(s.getState().hyper.augment).toEqual(DEFAULT_AUGMENT);
    s.getState().setHyper({ augment: ROTATE });
    s.getState().setDataset('mnist');
    expect(s.getState().hyper.augment).toEqual(SHIFT);
    s.getState().setDataset('procedural');
    expect(s.getState().hyper.augment).toEqual(ROTATE);
  });

  it('an update that sets the dataset and the augmentation together keeps its own', () => {
    const s = createAppStore();
    s.getState().setDataset('mnist');
    s.setState({ dataset: 'procedural', hyper: { ...s.getState().hyper, augment: ROTATE } });
    expect(s.getState().hyper.augment).toEqual(ROTATE);
  });
});
