// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCurves, type CurveRun, type XAxis } from './curves';

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

function chart(runs: readonly CurveRun[], expectLower?: 'accuracy' | 'gan', xAxis?: XAxis) {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null); // jsdom has no canvas
  const host = document.createElement('div');
  document.body.appendChild(host);
  const c = createCurves(host, { fillHeight: true });
  c.update({
    runs,
    logScale: false,
    smoothing: 0,
    ...(expectLower ? { expectLower } : {}),
    ...(xAxis ? { xAxis } : {}),
  });
  return host;
}
const svgText = (host: HTMLElement) => host.querySelector('svg')?.textContent ?? '';
const points = (accuracy: number) =>
  Array.from({ length: 5 }, (_, i) => ({ step: i + 1, loss: 1 / (i + 1), accuracy, valLoss: 1.1 / (i + 1) }));

describe('curves chart', () => {
  it('draws no accuracy axis for runs without accuracy (autoencoder)', async () => {
    const host = chart([{ label: 'ae', points: points(Number.NaN) }]);
    await vi.waitFor(() => expect(svgText(host)).toContain('loss'));
    expect(svgText(host)).not.toContain('accuracy');
    expect(svgText(host)).not.toContain('100%');
    expect(host.querySelector('canvas')?.getAttribute('aria-label')).toBe('Loss curves');
  });
  it('draws the accuracy axis and the train/validation key for a classifier', async () => {
    const host = chart([{ label: 'c', points: points(0.5) }]);
    await vi.waitFor(() => expect(svgText(host)).toContain('accuracy'));
    expect(svgText(host)).toContain('100%');
    expect(svgText(host)).toContain('validation');
    expect(host.querySelector('canvas')?.getAttribute('aria-label')).toBe('Loss and accuracy curves');
  });
  it('keeps the accuracy axis a classifier expects before its first point', async () => {
    const host = chart([], 'accuracy');
    await vi.waitFor(() => expect(svgText(host)).toContain('accuracy'));
  });
  it('names the x axis with its unit: step, or training time in seconds', async () => {
    const timed = points(0.5).map((p) => ({ ...p, seconds: p.step * 2 }));
    const byStep = chart([{ label: 'c', points: timed }]);
    await vi.waitFor(() => expect(byStep.querySelector('.viz-curves-xtitle')?.textContent).toBe('step'));
    document.body.replaceChildren();
    const byTime = chart([{ label: 'c', points: timed }], 'accuracy', 'seconds');
    await vi.waitFor(() =>
      expect(byTime.querySelector('.viz-curves-xtitle')?.textContent).toBe('training time (s)'),
    );
    // The axis spans the training time (0 to 10 s), not the steps (1 to 5).
    const ticks = [...byTime.querySelectorAll('.tick text')].map((t) => t.textContent);
    expect(ticks).toContain('10');
  });
  it('spreads 30 steps beside 3,000 on a log step axis: ticks at powers of ten from step 1', async () => {
    const run = (label: string, steps: number): CurveRun => ({
      label,
      points: Array.from({ length: steps }, (_, i) => ({ step: i + 1, loss: 1 / (i + 1), accuracy: 0.5 })),
    });
    const host = chart([run('sgd', 3000), run('lbfgs', 30)], 'accuracy', 'logStep');
    await vi.waitFor(() =>
      expect(host.querySelector('.viz-curves-xtitle')?.textContent).toBe('step (log scale)'),
    );
    const ticks = [...host.querySelectorAll('.viz-curves-x .tick text')].map((t) => t.textContent);
    expect(ticks).toEqual(expect.arrayContaining(['1', '10', '100', '1k']));
    // Step 30 sits at log(30)/log(3000) of the axis, about 42%, not at 1% as on a linear axis.
    const at = (label: string): number => {
      const tick = [...host.querySelectorAll('.viz-curves-x .tick')].find((t) => t.textContent === label);
      return Number(/translate\(([\d.]+)/.exec(tick?.getAttribute('transform') ?? '')?.[1]);
    };
    expect((at('10') - at('1')) / (at('1k') - at('1'))).toBeCloseTo(1 / 3, 2);
  });
});
