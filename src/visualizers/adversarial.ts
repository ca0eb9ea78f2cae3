/**
 * Adversarial example: the image, the perturbation (blue darker, red brighter, amplified so the largest change is full
 * colour) and the attacked image side by side on one canvas, the predictions before and after as text, and a sentence
 * on the smallest ε that flips the prediction by each method. The words are pure functions, tested on their own.
 */
import { divergingIndex, divergingLut, greysLut } from './colormap';
import { blit, el, makeFrame, type Frame } from './canvas';
import { fillImages } from './pixels';
import { createFrameScheduler } from './scheduler';
import { scheduledRenderer, type Renderer } from './renderer';
import type { AdversarialResult } from '../engine/train/probes/types';

export type AdversarialData = Pick<
  AdversarialResult,
  | 'method'
  | 'epsilon'
  | 'steps'
  | 'h'
  | 'w'
  | 'channels'
  | 'original'
  | 'perturbed'
  | 'perturbation'
  | 'before'
  | 'after'
  | 'label'
  | 'searchMax'
  | 'fgsmFlip'
  | 'pgdFlip'
> & { readonly names?: readonly string[] };

const GAP = 8;
/** Each picture is drawn about this many canvas pixels across (a whole zoom of the image). */
const TILE = 112;

const METHOD: Record<AdversarialData['method'], string> = { fgsm: 'FGSM', pgd: 'PGD' };

export const fmtEps = (e: number): string => e.toFixed(3);

export function topClass(p: Float32Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

/** The `n` most probable classes, most probable first, as "7 0.98, 3 0.01". */
export function topText(p: Float32Array, n: number, name: (i: number) => string): string {
  const order = Array.from(p.keys()).sort((a, b) => p[b]! - p[a]! || a - b);
  return order
    .slice(0, n)
    .map((i) => `${name(i)} ${p[i]!.toFixed(2)}`)
    .join(', ');
}

/** "FGSM flips 7 → 3 at ε = 0.080." or "No ε up to 0.300 flips it by FGSM." */
export function flipSentence(
  method: string,
  flip: AdversarialData['fgsmFlip'],
  clean: number,
  max: number,
  name: (i: number) => string,
): string {
  return flip
    ? `${method} flips ${name(clean)} → ${name(flip.to)} at ε = ${fmtEps(flip.epsilon)}.`
    : `No ε up to ${fmtEps(max)} flips it by ${method}.`;
}

/** What happened at the chosen ε: "At ε = 0.100, PGD (10 steps) turns 7 into 3." or "… leaves 7 (0.98 → 0.61)." */
export function outcomeSentence(d: AdversarialData, name: (i: number) => string): string {
  const a = topClass(d.before);
  const b = topClass(d.after);
  const how = d.method === 'pgd' ? `PGD (${d.steps} steps)` : 'FGSM';
  const head = `At ε = ${fmtEps(d.epsilon)}, ${how}`;
  return a === b
    ? `${head} leaves ${name(a)} (${d.before[a]!.toFixed(2)} → ${d.after[a]!.toFixed(2)}).`
    : `${head} turns ${name(a)} into ${name(b)} (${d.after[b]!.toFixed(2)}).`;
}

/** The largest |change|, and the zoom that shows it at full colour (1 / it): ×10 for a change of 0.1. */
export function amplification(perturbation: Float32Array): { absMax: number; factor: number } {
  let absMax = 0;
  for (const v of perturbation) absMax = Math.max(absMax, Math.abs(v));
  return { absMax, factor: absMax > 0 ? 1 / absMax : 0 };
}

export function createAdversarial(element: HTMLElement): Renderer<AdversarialData> {
  const doc = element.ownerDocument;
  const canvas = el(doc, 'canvas', 'viz-canvas');
  Object.assign(canvas.style, { imageRendering: 'pixelated', maxWidth: '100%', height: 'auto' });
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Original, perturbation and perturbed image');
  const caption = el(doc, 'p', 'viz-readout', 'No adversarial example yet.');
  const before = el(doc, 'p', 'viz-readout');
  const after = el(doc, 'p', 'viz-readout');
  const outcome = el(doc, 'p', 'viz-prediction');
  outcome.setAttribute('aria-live', 'polite');
  const search = el(doc, 'p', 'viz-readout');
  element.append(canvas, caption, outcome, before, after, search);
  let frame: Frame | null = null;
  let current: AdversarialData | null = null;

  const draw = (d: AdversarialData): void => {
    current = d;
    const s = Math.max(1, Math.floor(TILE / Math.max(d.h, d.w)));
    const tw = d.w * s;
    frame = makeFrame(3 * tw + 2 * GAP, d.h * s, frame);
    frame.packed.fill(0);
    const grid = { cols: 1, gap: 0, scale: s };
    const grey = greysLut().packed;
    fillImages(frame.packed, frame.width, 0, 0, d.original, 1, d.h, d.w, d.channels, grid, grey);
    fillImages(
      frame.packed,
      frame.width,
      2 * (tw + GAP),
      0,
      d.perturbed,
      1,
      d.h,
      d.w,
      d.channels,
      grid,
      grey,
    );
    // The perturbation: the mean change over the channels of each pixel, on the diverging scale.
    const { absMax, factor } = amplification(d.perturbation);
    const idx = new Uint8Array(d.h * d.w);
    for (let p = 0; p < d.h * d.w; p++) {
      let sum = 0;
      for (let c = 0; c < d.channels; c++) sum += d.perturbation[p * d.channels + c] ?? 0;
      idx[p] = divergingIndex(sum / d.channels, absMax);
    }
    fillImages(frame.packed, frame.width, tw + GAP, 0, idx, 1, d.h, d.w, 1, grid, divergingLut().packed);
    blit(canvas, frame);

    const name = (i: number): string => d.names?.[i] ?? String(i);
    const clean = topClass(d.before);
    caption.textContent =
      absMax > 0
        ? `Original · perturbation ×${factor.toFixed(factor < 10 ? 1 : 0)} (±${fmtEps(absMax)} shown as full blue/red: blue darker, red brighter) · perturbed.`
        : 'Original · perturbation (none: ε is 0 or the gradient is zero) · perturbed.';
    outcome.textContent = outcomeSentence(d, name);
    const label =
      d.label === null
        ? ''
        : d.label === clean
          ? ` (label ${name(d.label)})`
          : ` (label ${name(d.label)}: already wrong)`;
    before.textContent = `Before: ${topText(d.before, 3, name)}${label}`;
    after.textContent = `After: ${topText(d.after, 3, name)}`;
    search.textContent = `Smallest ε that flips it: ${flipSentence('FGSM', d.fgsmFlip, clean, d.searchMax, name)} ${flipSentence('PGD', d.pgdFlip, clean, d.searchMax, name)}`;
  };
  const scheduler = createFrameScheduler(draw);
  return scheduledRenderer(
    scheduler,
    () => current,
    () => {
      for (const n of [canvas, caption, outcome, before, after, search]) n.remove();
    },
  );
}

export const methodName = (m: AdversarialData['method']): string => METHOD[m];
