import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { frameBus } from '../frames/frameBus';
import { useAppStore } from '../store';
import { selectDatasetStatus } from '../store/selectors';
import { fmtInt } from '../training/format';
import { drawSampleStrip } from './drawSamples';

const fmtMB = (bytes: number): string => (bytes / 1_000_000).toFixed(1);

/**
 * The dataset's loading progress (bytes of total, while the worker fetches it), then its size as
 * "60,000 train · 10,000 test" and a strip of test images drawn from a 'samples' probe (via the frame bus).
 */
export function DatasetStatus() {
  const { progress, counts } = useAppStore(useShallow(selectDatasetStatus));
  const canvas = useRef<HTMLCanvasElement>(null);
  const [labels, setLabels] = useState<string>('');

  useEffect(() => {
    // The strip shows the first test images; other 'samples' frames (a confusion cell's images) are not for it.
    const isStrip = (f: { split: string; indices: readonly number[] }) =>
      f.split === 'test' && f.indices.every((v, i) => v === i);
    const draw = () => {
      const frame = frameBus.latest('samples');
      const c = canvas.current;
      if (!frame || !c || !isStrip(frame)) return;
      drawSampleStrip(c, frame.pixels, frame.indices.length, frame.h, frame.w, frame.channels);
      setLabels(Array.from(frame.labels).join(', '));
    };
    draw();
    return frameBus.subscribe('samples', () => requestAnimationFrame(draw));
  }, [counts]);

  // Loading until the worker moves on to the backend and the model (its first 'preparing' message).
  const preparing = useAppStore((s) => s.status === 'initializing' && s.preparing === null);
  const loading = progress !== null || (preparing && counts === null);
  const percent = progress && progress.total > 0 ? Math.round((100 * progress.loaded) / progress.total) : 0;
  return (
    <div className="dataset-status" aria-live="polite">
      {loading ? (
        <span className="dataset-status__progress">
          {progress ? (
            <progress
              max={100}
              value={percent}
              aria-label="Loading images"
              aria-valuetext={`${percent}%: ${fmtMB(progress.loaded)} of ${fmtMB(progress.total)} MB`}
            />
          ) : (
            <progress aria-label="Loading images" aria-valuetext="starting" />
          )}
          <span>
            {progress
              ? progress.loaded >= progress.total
                ? `Unpacking ${fmtMB(progress.total)} MB…`
                : `Loading ${fmtMB(progress.loaded)} / ${fmtMB(progress.total)} MB`
              : 'Loading the dataset…'}
          </span>
        </span>
      ) : counts ? (
        <span className="dataset-status__counts">
          {fmtInt(counts.train)} train · {fmtInt(counts.test)} test
        </span>
      ) : null}
      <canvas
        ref={canvas}
        className="sample-strip"
        width={0}
        height={0}
        hidden={!counts || loading}
        role="img"
        aria-label={labels ? `Sample test images, labels ${labels}` : 'Sample test images'}
      />
    </div>
  );
}
