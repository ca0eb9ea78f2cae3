import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { DEFAULT_AUGMENT } from '../../engine/data/augment';
import { parseHyper, parseSettings } from './settings';
import { decodeShare, encodeShare, type SharedState } from './share';
import { smallCnn } from '../../engine/graph/testGraphs';

const augment = { shift: 2, flip: true, rotate: 10, zoom: 0.1, jitter: 0.2 };
const settings = {
  presetId: 'notes-small',
  dataset: 'mnist',
  seed: 1,
  backendPolicy: 'auto',
  hyper: { ...DEFAULT_HYPER, augment },
} as const;

describe('augment setting', () => {
  it('is kept in settings and share links', () => {
    expect(parseSettings(settings)).toEqual({ ok: true, value: settings });
    const shared: SharedState = { graph: smallCnn(), ganGraphs: null, settings };
    const back = decodeShare(encodeShare(shared));
    expect(back.ok && back.value.settings.hyper.augment).toEqual(augment);
  });

  it('an older save or link without it loads with augmentation off; a damaged one is refused, naming the field', () => {
    const { augment: _dropped, ...old } = settings.hyper;
    expect(parseHyper(old)).toEqual({ ok: true, value: { ...old, augment: DEFAULT_AUGMENT } });
    const r = parseHyper({ ...old, augment: { ...augment, shift: undefined } });
    expect(!r.ok && r.reason).toContain('hyper.augment.shift');
  });

  it('refuses out-of-range, fractional shift or non-boolean flip, naming the field', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ shift: 9 }, 'hyper.augment.shift'],
      [{ shift: 1.5 }, 'hyper.augment.shift'],
      [{ rotate: -1 }, 'hyper.augment.rotate'],
      [{ zoom: 0.5 }, 'hyper.augment.zoom'],
      [{ jitter: Number.NaN }, 'hyper.augment.jitter'],
      [{ flip: 'yes' }, 'hyper.augment.flip'],
    ];
    for (const [a, field] of bad) {
      const r = parseHyper({ ...DEFAULT_HYPER, augment: { ...augment, ...a } });
      expect(!r.ok && r.reason).toContain(field);
    }
    const r = parseHyper({ ...DEFAULT_HYPER, augment: 3 });
    expect(!r.ok && r.reason).toContain('hyper.augment');
  });
});
