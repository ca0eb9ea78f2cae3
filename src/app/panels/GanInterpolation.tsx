/** Animated latent interpolation: the slerp path between the two picked samples, played back on a small canvas. */
import { useEffect, useRef, useState } from 'react';
import { createInterpolationPlayer } from '../../visualizers/interpolationPlayer';
import { useFrames, useRenderer } from './usePanelFrames';

export function GanInterpolation({ active, a, b }: { active: boolean; a: number; b: number }) {
  const readout = useRef<HTMLSpanElement | null>(null);
  const [hasPath, setHasPath] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [host, player] = useRenderer(
    (el) =>
      createInterpolationPlayer(el, {
        onFrame: (i, steps) => {
          if (readout.current) readout.current.textContent = `frame ${i + 1} / ${steps}`;
        },
      }),
    { clearOnNewRun: true },
  );
  useFrames('ganSamples', active, (f) => {
    if (!f.interpolation || f.interpolationSteps === 0) return;
    setHasPath(true);
    player.current?.update({
      steps: f.interpolationSteps,
      h: f.h,
      w: f.w,
      channels: f.channels,
      pixels: f.interpolation,
    });
  });
  useEffect(() => {
    if (playing && active) player.current?.play();
    else player.current?.pause();
  }, [playing, active, player]);
  return (
    <div role="group" aria-label="Latent interpolation" className="panel-gan-interp">
      <div className="panel-controls">
        <button type="button" disabled={!hasPath} onClick={() => setPlaying((p) => !p)}>
          {playing ? 'Pause interpolation' : 'Play interpolation'}
        </button>
        <span className="panel-note">
          slerp from sample {a} to sample {b} · {hasPath ? null : 'waiting for the path… '}
          <span ref={readout} />
        </span>
      </div>
      <div ref={host} className="panel-canvas-host" />
    </div>
  );
}
