import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { parseHyper, parseSettings } from './settings';
import { decodeShare, encodeShare, type SharedState } from './share';
import { smallCnn } from '../../engine/graph/testGraphs';
import { describeChanges } from '../../engine/runs/changes';

const settings = {
  presetId: 'fast-mnist',
  dataset: 'mnist',
  seed: 1,
  backendPolicy: 'auto',
  hyper: { ...DEFAULT_HYPER, schedule: 'linear', learningRate: 0.005 },
} as const;

describe('learning-rate schedule setting', () => {
  it('is kept in settings and share links', () => {
    expect(parseSettings(settings)).toEqual({ ok: true, value: settings });
    const shared: SharedState = { graph: smallCnn(), ganGraphs: null, settings };
    const back = decodeShare(encodeShare(shared));
    expect(back.ok && back.value.settings.hyper.schedule).toBe('linear');
  });

  it('an older save or link without it loads with the decay schedule and its own decay', () => {
    const { schedule: _dropped, ...old } = { ...settings.hyper, decay: 0.01 };
    expect(parseHyper(old)).toEqual({ ok: true, value: { ...old, schedule: 'decay' } });
  });

  it('refuses an unknown schedule, naming the field', () => {
    for (const bad of ['cosine', 1, null]) {
      const r = parseHyper({ ...DEFAULT_HYPER, schedule: bad });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toContain('hyper.schedule');
    }
  });

  it('the Runs table names a schedule change', () => {
    const run = (schedule: 'decay' | 'linear') => ({
      graph: smallCnn(),
      dataset: 'mnist' as const,
      labelSubset: [],
      seed: 1,
      hyper: { ...DEFAULT_HYPER, schedule },
    });
    expect(describeChanges(run('decay'), run('linear'))).toEqual(['learning-rate schedule decay → linear']);
  });
});
