/**
 * Scoring generated digits with a classifier (the GAN bench's criterion): each sample counts for the class the
 * classifier likes best, at that class's probability. The samples are digits when at least 9 of the 10 classes appear
 * and the mean of those best probabilities is at least 0.8.
 */

export interface DigitScore {
  /** Classes that are the top choice for at least one sample. */
  readonly classesSeen: number;
  /** Mean over samples of the top class's probability. */
  readonly meanConfidence: number;
  /** Samples per top class. */
  readonly histogram: number[];
}

export const MIN_CLASSES = 9;
export const MIN_CONFIDENCE = 0.8;

/** `probabilities` holds `classes` values per sample, sample after sample. */
export function scoreDigits(probabilities: ArrayLike<number>, classes = 10): DigitScore {
  const n = Math.floor(probabilities.length / classes);
  if (n === 0 || n * classes !== probabilities.length)
    throw new Error(`scoreDigits: ${probabilities.length} values are not whole rows of ${classes}`);
  const histogram = new Array<number>(classes).fill(0);
  let conf = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++)
      if ((probabilities[i * classes + c] as number) > (probabilities[i * classes + best] as number))
        best = c;
    histogram[best] = (histogram[best] as number) + 1;
    conf += probabilities[i * classes + best] as number;
  }
  return { classesSeen: histogram.filter((h) => h > 0).length, meanConfidence: conf / n, histogram };
}

export const looksLikeDigits = (s: Pick<DigitScore, 'classesSeen' | 'meanConfidence'>): boolean =>
  s.classesSeen >= MIN_CLASSES && s.meanConfidence >= MIN_CONFIDENCE;
