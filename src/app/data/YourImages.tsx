/**
 * "Your images…" beside the Dataset select. The dialog behind it (making datasets from the user's own images, their
 * list and gallery: YourImagesDialog.tsx) is its own chunk, loaded on the first press, so the page's first
 * JavaScript stays small; it opens as soon as it has come, and stays mounted from then on (what the user gathered is
 * kept while it is closed).
 */
import { lazy, Suspense, useState } from 'react';
import './ownImages.css';

const Dialog = lazy(async () => ({ default: (await import('./YourImagesDialog')).YourImagesDialog }));

export function YourImages() {
  const [wanted, setWanted] = useState(false);
  const button = (
    <button
      type="button"
      className="own__open"
      onClick={() => setWanted(true)}
      aria-busy={wanted}
      title="Make a dataset from your own images; they stay in this browser"
    >
      Your images…
    </button>
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <Dialog openAtFirst />
    </Suspense>
  );
}
