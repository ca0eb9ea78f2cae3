/** The adversarial example's settings, shared by the probe and the page (no TF.js here: the page imports it). */

/** The ε slider's range (0..1 pixel units), and the largest ε the search tries. */
export const EPSILON_MAX = 0.3;
export const PGD_STEPS = 10;
/** PGD's step size as a share of ε: with 10 steps of ε/4 the walk can reach the ball's edge and move along it. */
export const PGD_ALPHA_RATIO = 0.25;
/** ε values per pass of the search: a coarse scan over (0, max], then as many between the last held and first flip. */
export const SEARCH_POINTS = 12;
