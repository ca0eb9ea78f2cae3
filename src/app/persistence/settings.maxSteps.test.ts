import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { parseHyper, parseSettings } from './settings';
import { decodeShare, encodeShare, type SharedState } from './share';
import { smallCnn } from '../../engine/graph/testGraphs';

const settings = {
  presetId: 'notes-small',
  dataset: 'mnist',
  seed: 1,
  backendPolicy: 'auto',
  hyper: { ...DEFAULT_HYPER, maxSteps: 300 },
} as const;

describe('maxSteps setting (stop at step)', () => {
  it('is kept in settings and share links', () => {
    expect(parseSettings(settings)).toEqual({ ok: true, value: settings });
    const shared: SharedState = { graph: smallCnn(), ganGraphs: null, settings };
    const back = decodeShare(encodeShare(shared));
    expect(back.ok && back.value.settings.hyper.maxSteps).toBe(300);
  });

  it('an older save or link without it loads with no step limit (0)', () => {
    const { maxSteps: _dropped, ...old } = settings.hyper;
    const r = parseHyper(old);
    expect(r).toEqual({ ok: true, value: { ...old, maxSteps: 0 } });
  });

  it('refuses a negative, non-finite or fractional or absurd step limit, naming the field', () => {
    for (const bad of [-1, 2.5, Number.NaN, Infinity, 1e9, '1']) {
      const r = parseHyper({ ...DEFAULT_HYPER, maxSteps: bad });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toContain('hyper.maxSteps');
    }
  });
});
