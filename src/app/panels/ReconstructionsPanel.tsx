/** "Reconstructions" (autoencoder runs): test images as the model sees them (noisy for denoising runs) over its outputs. */
import { useState } from 'react';
import { createImageGrid } from '../../visualizers/imageGrid';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Reconstructions';
export const RECONSTRUCT_COUNT = 8;

/** One stack of 2·count images: the inputs (top row) then the outputs (bottom row). */
export function stackRows(inputs: Uint8Array, outputs: Uint8Array, count: number, size: number): Uint8Array {
  const out = new Uint8Array(2 * count * size);
  out.set(inputs.subarray(0, count * size), 0);
  out.set(outputs.subarray(0, count * size), count * size);
  return out;
}

function ReconstructionsBody() {
  const [step, setStep] = useState<number | null>(null);
  const [host, grid] = useRenderer((el) => createImageGrid(el, { scale: 2 }));
  const active = useOnScreen(host);
  useProbeNeed({ kind: 'reconstruct', count: RECONSTRUCT_COUNT }, active);
  useFrames('reconstruct', active, (f) => {
    grid.current?.update({ count: 2 * f.count, h: f.h, w: f.w, pixels: stackRows(f.inputs, f.outputs, f.count, f.h * f.w), cols: f.count });
    setStep(f.step);
  });
  return (
    <>
      {step === null ? (
        <p className="panel-note">Train an autoencoder preset (compression or denoising) to see its reconstructions.</p>
      ) : (
        <p className="panel-note">
          Step {step}. Top row: the input (noisy for denoising runs) → bottom row: the model&apos;s reconstruction.
        </p>
      )}
      <div ref={host} className="panel-canvas-host" role="img" aria-label="Inputs (top) and reconstructions (bottom)" />
    </>
  );
}

export function ReconstructionsPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <ReconstructionsBody />}</Panel>;
}
