import { useRef, useState } from 'react';
import { useController } from '../controllers/ControllerContext';
import { useAppStore } from '../store';
import type * as Reader from '../import/importModelFiles';
import { ImportConfirm } from './ImportConfirm';

type Pending = { readonly reader: typeof Reader; readonly prepared: Reader.PreparedImport };

/**
 * "Import model": a TF.js Layers model.json with its weights files (picked together, or their zip) or a Keras JSON
 * config. The reader is a chunk of its own, loaded on the first pick (the page's JavaScript stays in its budget). A
 * run that has trained is only replaced once the user says so; the network itself stays in Undo.
 */
export function ImportModel() {
  const ctl = useController();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (files: readonly File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    const fail = (why: string) =>
      useAppStore.getState().setBanner({
        kind: 'error',
        message: `Could not import the model: ${why} Your network is unchanged.`,
      });
    try {
      const reader = await import('../import/importModelFiles');
      const r = await reader.readModelFiles(files, useAppStore.getState());
      if (!r.ok) fail(r.message);
      else if (r.value.replacesTraining) setPending({ reader, prepared: r.value });
      else reader.applyImport(r.value, useAppStore.getState, ctl);
    } catch (e) {
      fail(`the model reader could not be loaded (${e instanceof Error ? e.message : String(e)}).`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" onClick={() => input.current?.click()} aria-busy={busy}>
        Import model
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".json,.bin,.zip,.keras,.h5,application/json,application/zip"
        className="sr-only"
        tabIndex={-1}
        aria-label="Model files"
        onChange={(e) => {
          void pick([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      {pending && (
        <ImportConfirm
          source={pending.prepared.model.source}
          onImport={() => {
            pending.reader.applyImport(pending.prepared, useAppStore.getState, ctl);
            setPending(null);
          }}
          onKeep={() => setPending(null)}
        />
      )}
    </>
  );
}
