// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createPredictions } from './predictions';

describe('createPredictions', () => {
  it('exposes each probability as a meter named by its class, to four places', () => {
    const host = document.createElement('div');
    const r = createPredictions(host);
    r.update({ probabilities: Float32Array.from([0.1, 0.61234, 0.27766]), label: 2, names: ['a', 'b', 'c'] });
    const meters = [...host.querySelectorAll('[role="meter"]')];
    expect(meters.map((m) => m.getAttribute('aria-label'))).toEqual(['a', 'b', 'c']);
    expect(meters.map((m) => m.getAttribute('aria-valuenow'))).toEqual(['0.1000', '0.6123', '0.2777']);
    expect(host.querySelector('.viz-prediction')?.textContent).toBe('Predicted b → 0.61; label c');
    r.update({ probabilities: Float32Array.from([0.9, 0.05, 0.05]), label: null });
    expect(meters.map((m) => m.getAttribute('aria-valuenow'))).toEqual(['0.9000', '0.0500', '0.0500']);
    expect(meters[0]?.getAttribute('aria-label')).toBe('0');
    r.destroy();
    expect(host.childElementCount).toBe(0);
  });
});
