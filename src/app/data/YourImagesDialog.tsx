/**
 * "Your images…" beside the Dataset select opens the "Your images" region in a large modal dialog: making a dataset
 * from the user's own images on the left (drop anything onto the region), their datasets on the right (or one
 * dataset's gallery). Its content is rendered only while it is open (a closed dialog's fields would share labels
 * such as "Dataset name" with the page's), but its state lives here and in the staging store, so a dataset being
 * made and the images gathered so far are still there when it opens again. The store is opened on first open; if
 * this browser cannot keep datasets the region says why. It loads as its own chunk (YourImages.tsx) on the first press
 * of the button, which then opens it at once (`openAtFirst`).
 */
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { UserDatasetId } from '../../engine/data/types';
import { useAppStore } from '../store';
import { Gallery } from './Gallery';
import { MakeDataset, useMakeForm } from './MakeDataset';
import { useOwnImagesDeps } from './ownImagesDeps';
import { UserDatasetList } from './UserDatasetList';
import type { Estimate } from './useMakeDataset';
import { useStaging } from './useStaging';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const hasFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files');

export function YourImagesDialog({ openAtFirst = false }: { readonly openAtFirst?: boolean }) {
  const deps = useOwnImagesDeps();
  const [open, setOpen] = useState(openAtFirst);
  const [opened, setOpened] = useState(false);
  const [openError, setOpenError] = useState<string | null>(null);
  const [estimate, setEstimate] = useState<Estimate>(null);
  const [gallery, setGallery] = useState<UserDatasetId | null>(null);
  const [dragging, setDragging] = useState(false);
  const startupError = useAppStore((s) => s.userDatasetsError);
  const st = useStaging();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const storeError = openError ?? (opened ? null : startupError);
  const form = useMakeForm(deps, storeError, estimate);

  const refresh = useCallback(() => {
    deps.openStore().then(
      async (store) => {
        setOpenError(null);
        setOpened(true);
        setEstimate(await store.estimate());
      },
      (e: unknown) => setOpenError(messageOf(e)),
    );
  }, [deps]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', ''); // jsdom
    }
    if (!open && d.open) {
      if (typeof d.close === 'function') d.close();
      else d.removeAttribute('open');
    }
  }, [open]);
  useEffect(() => {
    if (open) refresh();
  }, [open, refresh]);

  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDragging(false);
    void st.drop(e.dataTransfer);
  };
  return (
    <>
      <button
        type="button"
        className="own__open"
        onClick={() => setOpen(true)}
        title="Make a dataset from your own images; they stay in this browser"
      >
        Your images…
      </button>
      <dialog
        ref={dialog}
        className="own__dialog"
        aria-labelledby={titleId}
        onCancel={(e) => {
          e.preventDefault();
          setOpen(false);
        }}
        onClose={() => setOpen(false)}
      >
        {open && (
          <section
            role="region"
            aria-label="Your images"
            className={dragging ? 'own own--dragging' : 'own'}
            onDragOver={(e) => {
              if (!hasFiles(e)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'copy';
              setDragging(true);
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
            }}
            onDrop={onDrop}
          >
            <header className="own__head">
              <h2 id={titleId}>Your images</h2>
              <button type="button" onClick={() => setOpen(false)}>
                Close
              </button>
            </header>
            <div className="own__body">
              <MakeDataset st={st} form={form} storeError={storeError} onMade={refresh} />
              {gallery ? (
                <Gallery id={gallery} deps={deps} onBack={() => setGallery(null)} onChanged={refresh} />
              ) : (
                <UserDatasetList
                  deps={deps}
                  estimate={estimate}
                  storeError={storeError}
                  onChanged={refresh}
                  onShowImages={setGallery}
                />
              )}
            </div>
          </section>
        )}
      </dialog>
    </>
  );
}
