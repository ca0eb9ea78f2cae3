/**
 * The one number format of the Convolution step region: three significant digits in plain decimals (0.0457, −1.23,
 * 12.3, 1234), a real minus sign (−, U+2212), powers of ten only for the really tiny or huge; and the value a shown
 * number stands for, so a displayed sum can be computed from displayed parts and read as correct arithmetic.
 */

const MINUS = '\u2212';
const SUPER: Record<string, string> = {
  '-': '\u207b',
  '0': '\u2070',
  '1': '\u00b9',
  '2': '\u00b2',
  '3': '\u00b3',
  '4': '\u2074',
  '5': '\u2075',
  '6': '\u2076',
  '7': '\u2077',
  '8': '\u2078',
  '9': '\u2079',
};

/** The number rounded as fmt shows it. */
export function shownValue(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const a = Math.abs(v);
  if (a >= 1000 && a < 1e6) return Math.round(v);
  return Number(v.toPrecision(3));
}

export function fmt(v: number): string {
  if (Number.isNaN(v)) return 'not a number';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : `${MINUS}∞`;
  const r = shownValue(v);
  if (r === 0) return '0';
  const a = Math.abs(r);
  const sign = r < 0 ? MINUS : '';
  if (a < 1e-4 || a >= 1e6) {
    const [m, e] = a.toExponential(2).split('e') as [string, string];
    const exp = String(Number(e));
    return `${sign}${m}×10${[...exp].map((ch) => SUPER[ch] ?? ch).join('')}`;
  }
  if (a >= 1000) return `${sign}${a.toFixed(0)}`;
  // toPrecision never uses an exponent in [1e-4, 1e3) except for none: strip nothing, keep trailing zeros (0.100).
  return `${sign}${a.toPrecision(3)}`;
}

/** a + b as the reader would add the two shown numbers, shown the same way. */
export function shownSum(a: number, b: number): number {
  return shownValue(shownValue(a) + shownValue(b));
}
