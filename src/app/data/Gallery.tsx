/**
 * The images of one class of a user dataset, a page at a time (so thousands stay quick), each a small canvas with a
 * checkbox; "Remove selected" drops the chosen ones from the dataset in IndexedDB (store.removeImages).
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { UserDatasetId } from '../../engine/data/types';
import type { UserDatasetData, UserDatasetMeta } from '../../engine/data/userDataset';
import { useController } from '../controllers/ControllerContext';
import { useAppStore } from '../store';
import { fmtInt } from '../training/format';
import { imageRgba } from './exportZip';
import type { OwnImagesDeps } from './ownImagesDeps';

export const PAGE_SIZE = 60;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

function Thumb(props: {
  readonly data: UserDatasetData;
  readonly meta: UserDatasetMeta;
  readonly index: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { data, meta, index } = props;
  const [h, w] = meta.shape;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(w, h);
    img.data.set(imageRgba(data, meta.shape, index));
    ctx.putImageData(img, 0, 0);
  }, [data, meta.shape, index, h, w]);
  return <canvas ref={ref} width={w} height={h} className="own__thumb" aria-hidden="true" />;
}

export function Gallery(props: {
  readonly id: UserDatasetId;
  readonly deps: OwnImagesDeps;
  readonly onBack: () => void;
  readonly onChanged: () => void;
}) {
  const { id, deps } = props;
  const ctl = useController();
  const meta = useAppStore((s) => s.userDatasets.find((m) => m.id === id) ?? null);
  const revision = meta?.revision ?? 0;
  const [data, setData] = useState<UserDatasetData | null>(null);
  const [cls, setCls] = useState(0);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const classId = useId();

  useEffect(() => {
    let live = true;
    deps
      .openStore()
      .then((s) => s.get(id))
      .then(
        (got) =>
          live && (got ? setData(got.data) : setError('This dataset is not in this browser any more.')),
        (e: unknown) => live && setError(messageOf(e)),
      );
    return () => {
      live = false;
    };
  }, [deps, id, revision]);

  const indices = useMemo(() => {
    if (!data) return [];
    const out: number[] = [];
    for (let i = 0; i < data.count; i++) if (data.labels[i] === cls) out.push(i);
    return out;
  }, [data, cls]);
  const pages = Math.max(1, Math.ceil(indices.length / PAGE_SIZE));
  const at = Math.min(page, pages - 1);
  const shown = indices.slice(at * PAGE_SIZE, (at + 1) * PAGE_SIZE);

  if (!meta) return null;
  const toggle = (i: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  const remove = async () => {
    if (!data || selected.size === 0) return;
    const left = new Array<number>(meta.classNames.length).fill(0);
    for (let i = 0; i < data.count; i++) if (!selected.has(i)) left[data.labels[i] ?? 0]!++;
    if (left.filter((n) => n > 0).length < 2) {
      setError('A classifier needs images in at least two classes: these images cannot all go.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const store = await deps.openStore();
      const next = await store.removeImages(id, [...selected]);
      const s = useAppStore.getState();
      s.upsertUserDataset(next);
      const emptied = meta.classNames.filter((_, c) => left[c] === 0);
      let said = `Removed ${fmtInt(selected.size)} image${selected.size === 1 ? '' : 's'}.`;
      if (emptied.length > 0) said += ` ${emptied.map((n) => `“${n}”`).join(', ')} has no images left.`;
      if (s.dataset === id) {
        // The run holds the images it loaded: a run not under way is prepared again on the changed set; one under
        // way is built again on the next Train or Step (the dataset's revision is part of its key: initArgs.ts).
        if (s.status === 'running' || s.status === 'initializing' || s.status === 'paused')
          said +=
            ' The run under way keeps the images it started with; the next Train or Step starts a new run on the changed set.';
        else ctl?.prepare();
      }
      setSelected(new Set());
      setNote(said);
      props.onChanged();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const perClass = (c: number) => (meta.perClass.train[c] ?? 0) + (meta.perClass.test[c] ?? 0);
  const className = meta.classNames[cls] ?? '';
  return (
    <section className="own__gallery" aria-label={`Images of ${meta.name}`}>
      <div className="own__gallery-bar">
        <button type="button" onClick={props.onBack}>
          Back to your datasets
        </button>
        <h3>{meta.name}</h3>
        <span className="field">
          <label htmlFor={classId}>Class</label>
          <select
            id={classId}
            value={cls}
            onChange={(e) => {
              setCls(Number(e.target.value));
              setPage(0);
            }}
          >
            {meta.classNames.map((n, c) => (
              <option key={n} value={c}>
                {n} ({fmtInt(perClass(c))})
              </option>
            ))}
          </select>
        </span>
      </div>
      {error && (
        <p role="alert" className="own__error">
          {error}
        </p>
      )}
      {!data && !error && <p role="status">Loading the images…</p>}
      {data && (
        <>
          <div className="own__gallery-bar">
            <button type="button" disabled={at === 0} onClick={() => setPage(at - 1)}>
              Previous page
            </button>
            <span>
              Page {at + 1} of {pages}
            </span>
            <button type="button" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>
              Next page
            </button>
            <button
              type="button"
              onClick={() => setSelected((s) => new Set([...s, ...shown]))}
              disabled={shown.length === 0}
            >
              Select this page
            </button>
            <button type="button" onClick={() => setSelected(new Set())} disabled={selected.size === 0}>
              Clear selection
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => void remove()}
              disabled={selected.size === 0 || busy}
            >
              Remove {fmtInt(selected.size)} selected
            </button>
          </div>
          <ul className="own__thumbs" aria-label={`Images of class ${className}`}>
            {shown.map((i) => {
              const name = data.names[i] ?? `image ${i + 1}`;
              return (
                <li key={i}>
                  <label title={name}>
                    <Thumb data={data} meta={meta} index={i} />
                    <input type="checkbox" checked={selected.has(i)} onChange={() => toggle(i)} />
                    <span className="own__thumb-name">{baseName(name)}</span>
                    {data.split[i] === 1 && <span className="own__test"> (test)</span>}
                  </label>
                </li>
              );
            })}
          </ul>
          {note && (
            <p role="status" className="own__note">
              {note}
            </p>
          )}
        </>
      )}
    </section>
  );
}
