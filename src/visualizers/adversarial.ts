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
import type { AdversarialResult, AdversarialSearchResult } from '../engine/train/probes/types';

export type AttackView = Pick<
  AdversarialResult,
  | 'step'
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
  | 'ms'
>;
export type SearchView = Pick<AdversarialSearchResult, 'step' | 'searchMax' | 'fgsmFlip' | 'pgdFlip' | 'ms'>;

/** The picture at the slider's ε, and the newest search (it comes as a probe of its own, maybe of another step). */
export interface AdversarialData {
  readonly attack: AttackView;
  readonly search: SearchView | null;
  readonly names?: readonly string[];
}

const GAP = 8;
/** Each picture is drawn about this many canvas pixels across (a whole zoom of the image). */
const TILE = 84;

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
  flip: SearchView['fgsmFlip'],
  clean: number,
  max: number,
  name: (i: number) => string,
): string {
  return flip
    ? `${method} flips ${name(clean)} → ${name(flip.to)} at ε = ${fmtEps(flip.epsilon)}.`
    : `No ε up to ${fmtEps(max)} flips it by ${method}.`;
}

/**
 * Two probabilities with enough digits that a change shows: "0.98 → 0.61", but "0.999 → 0.981" rather than
 * "1.00 → 0.98" (up to 4 decimals; equal values stay at 2).
 */
export function changeText(a: number, b: number): string {
  // More digits while rounding hides the change, or shows a probability below 1 as "1.00".
  const hides = (d: number): boolean =>
    (a !== b && a.toFixed(d) === b.toFixed(d)) ||
    [a, b].some((x) => x < 1 && x.toFixed(d) === (1).toFixed(d));
  let digits = 2;
  while (digits < 4 && hides(digits)) digits++;
  return `${a.toFixed(digits)} → ${b.toFixed(digits)}`;
}

/** What happened at the chosen ε: "At ε = 0.100, PGD (10 steps) turns 7 into 3." or "… leaves 7 (0.98 → 0.61)." */
export function outcomeSentence(d: AttackView, name: (i: number) => string): string {
  const a = topClass(d.before);
  const b = topClass(d.after);
  const how = d.method === 'pgd' ? `PGD (${d.steps} steps)` : 'FGSM';
  const head = `At ε = ${fmtEps(d.epsilon)}, ${how}`;
  return a === b
    ? `${head} leaves ${name(a)} (${changeText(d.before[a]!, d.after[a]!)}).`
    : `${head} turns ${name(a)} into ${name(b)} (${d.after[b]!.toFixed(2)}).`;
}

/** The largest |change|, and the zoom that shows it at full colour (1 / it): ×10 for a change of 0.1. */
export function amplification(perturbation: Float32Array): { absMax: number; factor: number } {
  let absMax = 0;
  for (const v of perturbation) absMax = Math.max(absMax, Math.abs(v));
  return { absMax, factor: absMax > 0 ? 1 / absMax : 0 };
}

/** The search's words: both methods, with the step it was made at when the picture is of a later one. */
export function searchText(
  s: SearchView | null,
  clean: number,
  step: number,
  name: (i: number) => string,
): string {
  if (!s) return 'Smallest ε that flips it: searching…';
  const when = s.step === step ? '' : ` (at step ${s.step})`;
  const fgsm = flipSentence('FGSM', s.fgsmFlip, clean, s.searchMax, name);
  return `Smallest ε that flips it${when}: ${fgsm} ${flipSentence('PGD', s.pgdFlip, clean, s.searchMax, name)}`;
}

export function createAdversarial(element: HTMLElement): Renderer<AdversarialData> {
  const doc = element.ownerDocument;
  const box = el(doc, 'div', 'viz-adversarial');
  const figure = el(doc, 'div', 'viz-adversarial__pictures');
  const canvas = el(doc, 'canvas', 'viz-canvas');
  // Drawn at a whole zoom of TILE px per picture, shown as wide as the panel lets it (CSS, pixelated): the pictures
  // grow when the panel is maximised.
  Object.assign(canvas.style, {
    imageRendering: 'pixelated',
    width: '100%',
    maxWidth: '100%',
    height: 'auto',
    display: 'block',
  });
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Original, perturbation and perturbed image');
  const caption = el(doc, 'p', 'viz-readout', 'No adversarial example yet.');
  figure.append(canvas, caption);
  const words = el(doc, 'div', 'viz-adversarial__words');
  const outcome = el(doc, 'p', 'viz-prediction');
  outcome.setAttribute('aria-live', 'polite');
  const before = el(doc, 'p', 'viz-readout');
  const after = el(doc, 'p', 'viz-readout');
  const search = el(doc, 'p', 'viz-readout');
  words.append(outcome, before, after, search);
  box.append(figure, words);
  element.append(box);
  let frame: Frame | null = null;
  let current: AdversarialData | null = null;

  const draw = (data: AdversarialData): void => {
    current = data;
    const d = data.attack;
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
    // Worker times, for measurements (not shown).
    canvas.dataset['attackMs'] = d.ms.toFixed(1);
    if (data.search) canvas.dataset['searchMs'] = data.search.ms.toFixed(1);

    const name = (i: number): string => data.names?.[i] ?? String(i);
    const clean = topClass(d.before);
    caption.textContent =
      absMax > 0
        ? `Original · perturbation ×${factor.toFixed(factor < 10 ? 1 : 0)} (±${fmtEps(absMax)} shown as full red/blue: red brighter, blue darker) · perturbed`
        : 'Original · perturbation (none: ε is 0 or the gradient is zero) · perturbed';
    outcome.textContent = outcomeSentence(d, name);
    const label =
      d.label === null
        ? ''
        : d.label === clean
          ? ` (label ${name(d.label)})`
          : ` (label ${name(d.label)}: already wrong)`;
    before.textContent = `Before: ${topText(d.before, 3, name)}${label}`;
    after.textContent = `After: ${topText(d.after, 3, name)}`;
    search.textContent = searchText(data.search, clean, d.step, name);
  };
  const scheduler = createFrameScheduler(draw);
  return scheduledRenderer(
    scheduler,
    () => current,
    () => box.remove(),
  );
}
