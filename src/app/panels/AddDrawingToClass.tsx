/**
 * The draw pad as a source of "Your images": "Add to class" puts the current drawing (28×28 grey, centred like
 * MNIST) into the shared staging as a PNG named "drawing N" of the class in "Class for drawings", shows the class's
 * count, and clears the pad for the next one (`onAdded`).
 */
import { useId, useState } from 'react';
import { greyPngBlob } from '../data/greyPng';
import { addGenerated, selectClassSize, useStagingStore } from '../data/stagingStore';
import { DRAWN_SIZE, getDrawnImage } from './drawnImage';

export function AddDrawingToClass({ onAdded }: { onAdded: () => void }) {
  const [className, setClassName] = useState('');
  const [said, setSaid] = useState('');
  const name = className.trim();
  const count = useStagingStore(selectClassSize(name));
  const id = useId();

  const add = (): void => {
    const pixels = getDrawnImage();
    if (name === '') return setSaid('Type a class name first (for example “seven”).');
    if (!pixels) return setSaid('Draw something first.');
    addGenerated(name, 'drawing', greyPngBlob(pixels, DRAWN_SIZE, DRAWN_SIZE));
    setSaid(`Added the drawing to “${name}”. Draw the next one.`);
    onAdded();
  };

  return (
    <div className="draw-to-class">
      <label htmlFor={id}>Class for drawings</label>
      <input
        id={id}
        type="text"
        value={className}
        placeholder="e.g. seven"
        onChange={(e) => setClassName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') add();
        }}
      />
      <button type="button" onClick={add}>
        Add to class
      </button>
      {name === '' ? null : (
        <span className="draw-to-class__count">
          {count.toLocaleString('en')} {count === 1 ? 'image' : 'images'} in “{name}”
        </span>
      )}
      <p className="panel-note" aria-live="polite">
        {said}
      </p>
    </div>
  );
}
