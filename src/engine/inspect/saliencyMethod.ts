/** The saliency methods and their settings, as plain data (no TF.js: the app imports this). */
export type SaliencyMethod = 'gradient' | 'smoothGrad' | 'gradCam';

export const SALIENCY_METHODS: readonly { readonly id: SaliencyMethod; readonly label: string }[] = [
  { id: 'gradient', label: 'Gradient' },
  { id: 'smoothGrad', label: 'SmoothGrad' },
  { id: 'gradCam', label: 'Grad-CAM' },
];

/** SmoothGrad: how many noisy copies, and the noise's standard deviation as a share of the image's value range. */
export const SMOOTHGRAD_SAMPLES = 16;
export const SMOOTHGRAD_NOISE = 0.15;
