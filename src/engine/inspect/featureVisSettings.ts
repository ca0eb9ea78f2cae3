/**
 * Plain settings of feature visualization shared by the worker's probe and the panel (no TF.js): a picture whose
 * values span less than FLAT_SPREAD (0..1 pixel units) is flat — shown as it is, not stretched to full contrast, and
 * the panel says so under it.
 */
export const FLAT_SPREAD = 0.02;
