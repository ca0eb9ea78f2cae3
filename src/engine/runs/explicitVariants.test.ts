import { describe, expect, it } from 'vitest';
import { smallCnn } from '../graph/testGraphs';
import { updateLayer } from '../graph/edit';
import { DEFAULT_HYPER } from '../train/hyper';
import { checkVariants, isTrainable, type ExplicitVariant } from './explicitVariants';
import { MAX_SWEEP_VALUES } from './sweep';

const graph = smallCnn();
const conv = graph.nodes.find((n) => n.layer.kind === 'conv2d')!;
const ctx = { imageShape: [28, 28, 1] as const, classes: 10 };
const variant = (label: string, patch: Partial<ExplicitVariant> = {}): ExplicitVariant => ({
  label,
  graph,
  hyper: DEFAULT_HYPER,
  ...patch,
});

describe('checkVariants', () => {
  it('keeps valid variants as given, dataset and seed included', () => {
    const wide = updateLayer(graph, conv.id, { filters: 16 });
    const r = checkVariants(
      [variant('narrow'), variant('wide', { graph: wide, dataset: 'procedural', seed: 7 })],
      ctx,
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.variants.map((v) => v.label)).toEqual(['narrow', 'wide']);
    expect(r.variants.every(isTrainable)).toBe(true);
    expect(r.variants[1]).toEqual({
      label: 'wide',
      graph: wide,
      hyper: DEFAULT_HYPER,
      dataset: 'procedural',
      seed: 7,
    });
  });

  it('skips a variant whose network does not validate, with the reason', () => {
    const big = updateLayer(graph, conv.id, { kernel: [40, 40] });
    const r = checkVariants([variant('ok'), variant('big', { graph: big })], ctx);
    if (!r.ok) throw new Error(r.error);
    expect(isTrainable(r.variants[0]!)).toBe(true);
    expect(r.variants[1]).toEqual({ label: 'big', skipped: expect.stringMatching(/^Kernel 40×40 on 28×28/) });
  });

  it('validates each variant with its own label subset', () => {
    // A 5-unit head fits a five-label subset, not all ten classes.
    const dense = graph.nodes.find((n) => n.layer.kind === 'dense')!;
    const five = updateLayer(graph, dense.id, { units: 5 });
    const r = checkVariants(
      [
        variant('five, all labels', { graph: five }),
        variant('five, five labels', {
          graph: five,
          hyper: { ...DEFAULT_HYPER, labelSubset: [0, 1, 2, 3, 4] },
        }),
      ],
      ctx,
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.variants.map(isTrainable)).toEqual([false, true]);
  });

  it('makes labels unique and names an empty one', () => {
    const r = checkVariants([variant('Run 1'), variant('Run 1'), variant(' '), variant('Run 1')], ctx);
    if (!r.ok) throw new Error(r.error);
    expect(r.variants.map((v) => v.label)).toEqual(['Run 1', 'Run 1 (2)', 'variant', 'Run 1 (3)']);
  });

  it('refuses an empty list and too many variants', () => {
    expect(checkVariants([], ctx)).toEqual({ ok: false, error: 'Give at least one network to train.' });
    const many = Array.from({ length: MAX_SWEEP_VALUES + 1 }, (_, i) => variant(`v${i}`));
    expect(checkVariants(many, ctx)).toMatchObject({ ok: false, error: /At most 20 networks/ });
  });
});
