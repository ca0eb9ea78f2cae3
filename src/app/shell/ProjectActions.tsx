import { useRef, useState } from 'react';
import { useController } from '../controllers/ControllerContext';
import { useAppStore } from '../store';
import { download, exportGraphJson, exportModelFiles, importGraphFile } from '../persistence/exportImport';
import { downloadCode } from '../persistence/codeExport';
import type { CodeExportKind } from '../../engine/export/codeExports';
import { KEPT_AUTOSAVES_FILE, keptAutosavesJson, pageStorage } from '../persistence/keptAutosaves';
import { sharedStateOf, shareUrl } from '../persistence/share';
import { CopyEmbedCode } from './CopyEmbedCode';
import { ImportModel } from './ImportModel';

/**
 * Share link, graph JSON export/import, trained-model export (TF.js files) and code that trains (Keras, PyTorch, a
 * notebook); the kept autosaves, while any exist.
 */
export function ProjectActions() {
  const ctl = useController();
  const fileInput = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState('');
  const [copied, setCopied] = useState(false);
  const hasRun = useAppStore((s) => s.runId !== null && s.step > 0);
  // Autosaves are kept aside only while the store loads, before this renders.
  const [hasKept] = useState(() => keptAutosavesJson(pageStorage()) !== null);

  const share = async () => {
    const url = shareUrl(location.href, sharedStateOf(useAppStore.getState()));
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const r = await importGraphFile(file);
    const s = useAppStore.getState();
    if (r.ok) {
      s.setGraph(r.value);
      s.setBanner({ kind: 'info', message: `Imported the network from ${file.name}.` });
    } else {
      s.setBanner({
        kind: 'error',
        message: `Could not import ${file.name}: ${r.reason}. Your network is unchanged.`,
      });
    }
  };

  const exportModel = async () => {
    if (!ctl) return;
    try {
      exportModelFiles(await ctl.exportModel());
    } catch (e) {
      useAppStore.getState().setBanner({
        kind: 'error',
        message: `Model export failed: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  };

  const exportCode = async (kind: CodeExportKind) => {
    try {
      await downloadCode(kind, useAppStore.getState());
    } catch (e) {
      useAppStore.getState().setBanner({
        kind: 'error',
        message: `Code export failed: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  };

  return (
    <div className="project-actions" role="group" aria-label="Save and share">
      <button type="button" onClick={() => void share()}>
        Share
      </button>
      <CopyEmbedCode />
      <button type="button" onClick={() => exportGraphJson(useAppStore.getState().graph)}>
        Export JSON
      </button>
      <button type="button" onClick={() => fileInput.current?.click()}>
        Import JSON
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-label="Graph JSON file"
        onChange={(e) => {
          void onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <button
        type="button"
        onClick={() => void exportModel()}
        disabled={!hasRun}
        title={hasRun ? undefined : 'Train first'}
      >
        Export model
      </button>
      <ImportModel />
      <button
        type="button"
        title="model.py: trains this network in tf.keras"
        onClick={() => void exportCode('keras')}
      >
        Export Keras
      </button>
      <button
        type="button"
        title="model_pytorch.py: trains this network in PyTorch"
        onClick={() => void exportCode('pytorch')}
      >
        Export PyTorch
      </button>
      <button
        type="button"
        title="model.ipynb: each layer explained with your numbers, then trained in PyTorch"
        onClick={() => void exportCode('notebook')}
      >
        Export notebook
      </button>
      {hasKept && (
        <button
          type="button"
          title="Autosaves that could not be read in full, kept aside in this browser (as one JSON file)"
          onClick={() => {
            const json = keptAutosavesJson(pageStorage());
            if (json !== null) download(KEPT_AUTOSAVES_FILE, json, 'application/json');
          }}
        >
          Download kept autosaves
        </button>
      )}
      {link && (
        <span className="share-link">
          <label htmlFor="share-link">{copied ? 'Link copied' : 'Share link'}</label>
          <input id="share-link" readOnly value={link} onFocus={(e) => e.target.select()} />
        </span>
      )}
    </div>
  );
}
