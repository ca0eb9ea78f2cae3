// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  amplification,
  createAdversarial,
  flipSentence,
  outcomeSentence,
  changeText,
  searchText,
  topText,
  type AttackView,
  type SearchView,
} from './adversarial';
import { captureCanvases } from './testCanvas';
import { divergingLut, greysLut } from './colormap';

const name = (i: number): string => String(i);
const probs = (...p: number[]): Float32Array => Float32Array.from(p);

/** A 2×2 grey image: the perturbation is +0.1 on pixel 0, −0.05 on pixel 1, none elsewhere. */
const attack = (patch: Partial<AttackView> = {}): AttackView => ({
  step: 40,
  method: 'fgsm',
  epsilon: 0.1,
  steps: 0,
  h: 2,
  w: 2,
  channels: 1,
  original: Uint8Array.from([0, 255, 128, 64]),
  perturbed: Uint8Array.from([26, 242, 128, 64]),
  perturbation: Float32Array.from([0.1, -0.05, 0, 0]),
  before: probs(0.1, 0.8, 0.1),
  after: probs(0.2, 0.3, 0.5),
  label: 1,
  ms: 5,
  ...patch,
});
const search: SearchView = {
  step: 40,
  searchMax: 0.3,
  fgsmFlip: { epsilon: 0.075, to: 2 },
  pgdFlip: null,
  ms: 90,
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('adversarial words', () => {
  it('the top classes, most probable first', () => {
    expect(topText(probs(0.1, 0.6, 0.3), 2, name)).toBe('1 0.60, 2 0.30');
  });

  it('says the smallest flipping ε, or that none up to the limit flips it', () => {
    expect(flipSentence('FGSM', { epsilon: 0.08, to: 3 }, 7, 0.3, name)).toBe(
      'FGSM flips 7 → 3 at ε = 0.080.',
    );
    expect(flipSentence('PGD', null, 7, 0.3, name)).toBe('No ε up to 0.300 flips it by PGD.');
  });

  it('says whether the attack at ε changed the prediction', () => {
    expect(outcomeSentence(attack(), name)).toBe('At ε = 0.100, FGSM turns 1 into 2 (0.50).');
    expect(outcomeSentence(attack({ method: 'pgd', steps: 10, after: probs(0.1, 0.6, 0.3) }), name)).toBe(
      'At ε = 0.100, PGD (10 steps) leaves 1 (0.80 → 0.60).',
    );
  });

  it('shows enough digits that a change rounding would hide is seen', () => {
    expect(changeText(0.8, 0.6)).toBe('0.80 → 0.60');
    expect(changeText(0.999, 0.981)).toBe('0.999 → 0.981');
    expect(changeText(0.99991, 0.99962)).toBe('0.9999 → 0.9996');
    expect(changeText(1, 1)).toBe('1.00 → 1.00');
    expect(
      outcomeSentence(
        attack({ before: probs(0.0005, 0.999, 0.0005), after: probs(0.01, 0.981, 0.009) }),
        name,
      ),
    ).toBe('At ε = 0.100, FGSM leaves 1 (0.999 → 0.981).');
  });

  it('gives the search, saying its step when the picture is of a later one', () => {
    expect(searchText(null, 1, 40, name)).toBe('Smallest ε that flips it: searching…');
    expect(searchText(search, 1, 40, name)).toBe(
      'Smallest ε that flips it: FGSM flips 1 → 2 at ε = 0.075. No ε up to 0.300 flips it by PGD.',
    );
    expect(searchText(search, 1, 55, name)).toMatch(/^Smallest ε that flips it \(at step 40\): FGSM/);
  });

  it('amplifies the perturbation so its largest change is full colour', () => {
    const a = amplification(Float32Array.from([0.05, -0.1, 0]));
    expect(a.absMax).toBeCloseTo(0.1, 6);
    expect(a.factor).toBeCloseTo(10, 4);
    expect(amplification(new Float32Array(3))).toEqual({ absMax: 0, factor: 0 });
  });
});

describe('createAdversarial', () => {
  it('draws original, perturbation and perturbed side by side, and writes the predictions and the search', () => {
    const cap = captureCanvases();
    const host = document.createElement('div');
    const r = createAdversarial(host);
    r.update({ attack: attack(), search });
    return new Promise<void>((done) => {
      setTimeout(() => {
        const canvas = host.querySelector('canvas') as HTMLCanvasElement;
        // 2×2 images at zoom 42 (84 px), 8 px gaps.
        expect([canvas.width, canvas.height]).toEqual([3 * 84 + 16, 84]);
        // Shown as wide as the panel (CSS), so a maximised panel shows bigger pictures.
        expect(canvas.style.width).toBe('100%');
        expect(canvas.style.imageRendering).toBe('pixelated');
        const grey = (v: number) => Array.from(greysLut().rgba.subarray(v * 4, v * 4 + 4));
        const div = (i: number) => Array.from(divergingLut().rgba.subarray(i * 4, i * 4 + 4));
        expect(cap.rgbaAt(canvas, 1, 1)).toEqual(grey(0));
        expect(cap.rgbaAt(canvas, 92 + 1, 1)).toEqual(div(255)); // +0.1 = the largest change: full red
        expect(cap.rgbaAt(canvas, 92 + 43, 1)).toEqual(div(64)); // −0.05: half-way to blue
        expect(cap.rgbaAt(canvas, 184 + 1, 1)).toEqual(grey(26));
        const text = host.textContent ?? '';
        expect(text).toContain('perturbation ×10');
        expect(text).toContain('At ε = 0.100, FGSM turns 1 into 2 (0.50).');
        expect(text).toContain('Before: 1 0.80, 0 0.10, 2 0.10 (label 1)');
        expect(text).toContain('After: 2 0.50, 1 0.30, 0 0.20');
        expect(text).toContain('FGSM flips 1 → 2 at ε = 0.075. No ε up to 0.300 flips it by PGD.');
        r.destroy();
        expect(host.childElementCount).toBe(0);
        done();
      }, 40);
    });
  });
});
