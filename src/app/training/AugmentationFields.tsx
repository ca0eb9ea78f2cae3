import { useEffect, useId, useState } from 'react';
import { AUGMENT_LIMITS, type AugmentSettings } from '../../engine/data/augment';
import { createImageGrid } from '../../visualizers/imageGrid';
import { frameBus } from '../frames/frameBus';
import { useRenderer } from '../panels/usePanelFrames';
import { useController } from '../controllers/ControllerContext';
import { NumberField } from '../fields/NumberField';
import { useAppStore } from '../store';

/**
 * "Augmentation…": a toggle that opens the random changes applied to each training image (shift, flip, rotate, zoom,
 * colour jitter) and a Preview strip of what the network sees: the original, then 8 changed copies. Kept behind the
 * toggle so the training bar does not grow.
 */
export function AugmentationFields() {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="settings__augment">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        Augmentation…
      </button>
      {open && <AugmentationGroup id={id} />}
    </span>
  );
}

function AugmentationGroup({ id }: { readonly id: string }) {
  const augment = useAppStore((s) => s.hyper.augment);
  const setHyper = useAppStore((s) => s.setHyper);
  // The images live in the training worker, which loads the dataset for a preview without a run.
  const ctl = useController();
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const set = (patch: Partial<AugmentSettings>) => setHyper({ augment: { ...augment, ...patch } });
  const flipId = useId();
  const [seed, setSeed] = useState(1);
  const [host, grid] = useRenderer((el) => createImageGrid(el, { scale: 3 }));
  const [shown, setShown] = useState(false);
  useEffect(
    () =>
      frameBus.subscribe('augmentPreview', (f) => {
        grid.current?.update({
          count: f.count,
          h: f.h,
          w: f.w,
          channels: f.channels,
          pixels: f.pixels,
          cols: f.count,
        });
        setShown(true);
      }),
    [grid],
  );
  const preview = () => {
    if (!ctl) return;
    setLoading(true);
    setFailed(null);
    ctl
      .previewAugment(augment, seed)
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)))
      .finally(() => setLoading(false));
    setSeed((s) => s + 1);
  };
  return (
    <div id={id} role="group" aria-label="Augmentation" className="augment-popover">
      <p className="lesson">
        Each training batch gets randomly moved, mirrored, turned, zoomed and recoloured copies of its images,
        so the network learns what stays the same; the test images are never changed.
      </p>
      <NumberField
        layout="inline"
        label="Shift"
        value={augment.shift}
        rule={{ min: 0, max: AUGMENT_LIMITS.shift, integer: true }}
        step={1}
        hint="largest move in pixels, each way"
        onChange={(shift) => set({ shift })}
      />
      <span className="field">
        <input
          id={flipId}
          type="checkbox"
          checked={augment.flip}
          onChange={(e) => set({ flip: e.target.checked })}
        />
        <label htmlFor={flipId}>Flip</label>
      </span>
      <NumberField
        layout="inline"
        label="Rotate"
        value={augment.rotate}
        rule={{ min: 0, max: AUGMENT_LIMITS.rotate, integer: false }}
        step={5}
        hint="largest turn in degrees, either way"
        onChange={(rotate) => set({ rotate })}
      />
      <NumberField
        layout="inline"
        label="Zoom"
        value={augment.zoom}
        rule={{ min: 0, max: AUGMENT_LIMITS.zoom, integer: false }}
        step={0.05}
        hint="largest zoom in or out, as a fraction"
        onChange={(zoom) => set({ zoom })}
      />
      <NumberField
        layout="inline"
        label="Colour jitter"
        value={augment.jitter}
        rule={{ min: 0, max: AUGMENT_LIMITS.jitter, integer: false }}
        step={0.05}
        hint="largest change of brightness, contrast and (colour images) each channel"
        onChange={(jitter) => set({ jitter })}
      />
      <button type="button" onClick={preview} disabled={!ctl || loading}>
        Preview
      </button>
      {loading && (
        <span className="lesson" role="status">
          Loading the images…
        </span>
      )}
      {failed && (
        <span className="lesson" role="alert">
          No preview: {failed}
        </span>
      )}
      <div
        ref={host}
        className="augment-preview"
        role="img"
        aria-label={shown ? 'A training image, then 8 changed copies' : 'No preview yet'}
      />
    </div>
  );
}
