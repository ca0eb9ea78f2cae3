/** "Reconstructions" (autoencoder runs): test images as the model sees them (noisy for denoising runs) over its outputs. */
import { useState } from 'react';
import { createImageGrid } from '../../visualizers/imageGrid';
import { useAppStore } from '../store';
import { runKindOf, stackRows } from './panelMath';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Reconstructions';
export const RECONSTRUCT_COUNT = 8;

function ReconstructionsBody() {
  const [step, setStep] = useState<number | null>(null);
  const [host, grid] = useRenderer((el) => createImageGrid(el, { scale: 2 }), { clearOnNewRun: true });
  // Only autoencoder runs answer this probe; asking another run would end it with an error.
  const visible = useOnScreen(host);
  const autoencoderRun = useAppStore((s) => runKindOf(s.runGraph) === 'autoencoder');
  const active = visible && autoencoderRun;
  useProbeNeed({ kind: 'reconstruct', count: RECONSTRUCT_COUNT }, active);
  useFrames('reconstruct', active, (f) => {
    grid.current?.update({
      count: 2 * f.count,
      h: f.h,
      w: f.w,
      channels: f.channels,
      pixels: stackRows(f.inputs, f.outputs, f.count, f.h * f.w * f.channels),
      cols: f.count,
    });
    setStep(f.step);
  });
  return (
    <>
      {step === null ? (
        <p className="panel-note">
          Train an autoencoder preset (compression or denoising) to see its reconstructions.
        </p>
      ) : (
        <p className="panel-note">
          Step {step}. Top row: the input (noisy for denoising runs) → bottom row: the model&apos;s
          reconstruction.
        </p>
      )}
      <div
        ref={host}
        className="panel-canvas-host"
        role="img"
        aria-label="Inputs (top) and reconstructions (bottom)"
      />
    </>
  );
}

export function ReconstructionsPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <ReconstructionsBody />}</Panel>;
}
