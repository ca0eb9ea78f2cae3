import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { parseHyper, parseSettings } from './settings';
import { decodeShare, encodeShare, type SharedState } from './share';
import { smallCnn } from '../../engine/graph/testGraphs';

const settings = {
  presetId: 'optimizers-compared',
  dataset: 'mnist',
  seed: 1,
  backendPolicy: 'auto',
  hyper: { ...DEFAULT_HYPER, maxSeconds: 8 },
} as const;

describe('maxSeconds setting (a seconds budget)', () => {
  it('is kept in settings and share links', () => {
    expect(parseSettings(settings)).toEqual({ ok: true, value: settings });
    const shared: SharedState = { graph: smallCnn(), ganGraphs: null, settings };
    const back = decodeShare(encodeShare(shared));
    expect(back.ok && back.value.settings.hyper.maxSeconds).toBe(8);
  });

  it('an older save or link without it loads with no time limit (0)', () => {
    const { maxSeconds: _dropped, ...old } = settings.hyper;
    expect(parseHyper(old)).toEqual({ ok: true, value: { ...old, maxSeconds: 0 } });
  });

  it('refuses a negative, non-finite or absurd time limit, naming the field', () => {
    for (const bad of [-1, Number.NaN, Infinity, 1e9, '1']) {
      const r = parseHyper({ ...DEFAULT_HYPER, maxSeconds: bad });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toContain('hyper.maxSeconds');
    }
  });
});
