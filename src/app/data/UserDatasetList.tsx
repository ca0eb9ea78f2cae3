/**
 * "Your datasets": each dataset this browser keeps, with its shape, classes, images and size on disk; Use, Rename,
 * Show images, Export zip, Delete (asked first; deleting the chosen one goes back to MNIST). Then the storage used
 * and allowed, and that the images never leave this browser.
 */
import { useState } from 'react';
import type { UserDatasetId } from '../../engine/data/types';
import type { UserDatasetMeta } from '../../engine/data/userDataset';
import { megabytes } from '../../workers/userDatasets/storeErrors';
import { useAppStore } from '../store';
import { selectUserDatasets } from '../store/selectors';
import { fmtInt } from '../training/format';
import { datasetZip, safeName } from './exportZip';
import type { OwnImagesDeps } from './ownImagesDeps';
import type { Estimate } from './useMakeDataset';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export const PRIVACY =
  'Your images never leave this browser: they are prepared and kept on this computer (in the browser’s ' +
  'IndexedDB storage), and this page is not allowed to connect to any other site.';

function storageText(estimate: Estimate): string {
  if (!estimate) return 'This browser does not say how much space it gives this page.';
  return `This page uses ${megabytes(estimate.usage)} MB of the about ${fmtInt(estimate.quota / 1_048_576)} MB this browser allows it.`;
}

function Rename(props: {
  readonly meta: UserDatasetMeta;
  readonly onSave: (name: string) => void;
  readonly onCancel: () => void;
}) {
  const [draft, setDraft] = useState(props.meta.name);
  return (
    <form
      className="own__rename"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(draft);
      }}
    >
      <input
        aria-label="New name"
        value={draft}
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            props.onCancel();
          }
        }}
      />
      <button type="submit" disabled={draft.trim() === ''}>
        Save
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}

export function UserDatasetList(props: {
  readonly deps: OwnImagesDeps;
  readonly estimate: Estimate;
  readonly storeError: string | null;
  readonly onChanged: () => void;
  readonly onShowImages: (id: UserDatasetId) => void;
}) {
  const { deps } = props;
  const datasets = useAppStore(selectUserDatasets);
  const chosen = useAppStore((s) => s.dataset);
  const [renaming, setRenaming] = useState<UserDatasetId | null>(null);
  const [deleting, setDeleting] = useState<UserDatasetId | null>(null);
  const [exporting, setExporting] = useState<{ id: UserDatasetId; done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const act = async (what: () => Promise<void>) => {
    setError(null);
    setNote(null);
    try {
      await what();
    } catch (e) {
      setError(messageOf(e));
    }
    props.onChanged();
  };
  const rename = (m: UserDatasetMeta, name: string) =>
    act(async () => {
      setRenaming(null);
      if (name.trim() === m.name) return;
      const store = await deps.openStore();
      useAppStore.getState().upsertUserDataset(await store.rename(m.id, name));
    });
  const remove = (m: UserDatasetMeta) =>
    act(async () => {
      setDeleting(null);
      const store = await deps.openStore();
      await store.remove(m.id);
      const wasChosen = useAppStore.getState().dataset === m.id;
      useAppStore.getState().removeUserDataset(m.id);
      setNote(`Deleted “${m.name}”.${wasChosen ? ' The Dataset is MNIST again.' : ''}`);
    });
  const exportZip = (m: UserDatasetMeta) =>
    act(async () => {
      setExporting({ id: m.id, done: 0, total: m.counts.train + m.counts.test });
      try {
        const store = await deps.openStore();
        const got = await store.get(m.id);
        if (!got) throw new Error(`“${m.name}” is not in this browser any more.`);
        const zip = await datasetZip(got.meta, got.data, {
          encode: deps.encodePng,
          onProgress: (done, total) => setExporting({ id: m.id, done, total }),
        });
        if (zip)
          deps.download(
            `${safeName(m.name, 'dataset')}.zip`,
            zip as Uint8Array<ArrayBuffer>,
            'application/zip',
          );
      } finally {
        setExporting(null);
      }
    });

  return (
    <section className="own__list" aria-labelledby="own-datasets-title">
      <h3 id="own-datasets-title">Your datasets</h3>
      {props.storeError && (
        <p role="alert" className="own__error">
          {props.storeError}
        </p>
      )}
      {datasets.length === 0 && !props.storeError && (
        <p className="own__help">None yet: the datasets you make are listed here and in “Dataset”.</p>
      )}
      <ul aria-label="Your datasets" className="own__datasets">
        {datasets.map((m) => {
          const [h, w, c] = m.shape;
          const total = m.counts.train + m.counts.test;
          const isChosen = chosen === m.id;
          return (
            <li
              key={m.id}
              aria-label={m.name}
              className={isChosen ? 'own__dataset own__dataset--chosen' : 'own__dataset'}
            >
              {renaming === m.id ? (
                <Rename meta={m} onSave={(n) => void rename(m, n)} onCancel={() => setRenaming(null)} />
              ) : (
                <strong className="own__dataset-name">{m.name}</strong>
              )}
              {isChosen && <span className="own__badge">chosen</span>}
              <span className="own__facts">
                {h}×{w}×{c} · {m.classNames.length} classes ({m.classNames.slice(0, 6).join(', ')}
                {m.classNames.length > 6 ? ', …' : ''}) · {fmtInt(total)} images ({fmtInt(m.counts.train)}{' '}
                train · {fmtInt(m.counts.test)} test) · {megabytes(m.bytes)} MB
              </span>
              <span className="own__actions">
                <button
                  type="button"
                  aria-label={`Use ${m.name}`}
                  disabled={isChosen}
                  onClick={() => useAppStore.getState().setDataset(m.id)}
                >
                  Use
                </button>
                <button type="button" aria-label={`Rename ${m.name}`} onClick={() => setRenaming(m.id)}>
                  Rename
                </button>
                <button
                  type="button"
                  aria-label={`Show images of ${m.name}`}
                  onClick={() => props.onShowImages(m.id)}
                >
                  Show images
                </button>
                <button
                  type="button"
                  aria-label={`Export zip of ${m.name}`}
                  disabled={exporting !== null}
                  onClick={() => void exportZip(m)}
                >
                  Export zip
                </button>
                <button type="button" aria-label={`Delete ${m.name}`} onClick={() => setDeleting(m.id)}>
                  Delete
                </button>
              </span>
              {exporting?.id === m.id && (
                <span className="own__progress" role="status">
                  <progress max={exporting.total} value={exporting.done} aria-label="Exporting images" />
                  Exporting {fmtInt(exporting.done)} / {fmtInt(exporting.total)}…
                </span>
              )}
              {deleting === m.id && (
                <span className="own__confirm" role="group" aria-label="Confirm delete">
                  Delete “{m.name}” and its {fmtInt(total)} images from this browser? This cannot be undone.
                  <button type="button" className="danger" onClick={() => void remove(m)}>
                    Delete for good
                  </button>
                  <button type="button" onClick={() => setDeleting(null)}>
                    Keep it
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="own__error">
          {error}
        </p>
      )}
      {note && (
        <p role="status" className="own__note">
          {note}
        </p>
      )}
      <p className="own__storage">{storageText(props.estimate)}</p>
      <p className="own__privacy">{PRIVACY}</p>
    </section>
  );
}
