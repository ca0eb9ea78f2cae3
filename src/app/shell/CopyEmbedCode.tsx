import { useState } from 'react';
import { useAppStore } from '../store';
import { embedCodeOf } from '../embed/embedCode';

/**
 * "Copy embed code": an <iframe> snippet of the embedded view with the current network, settings and panels, copied
 * to the clipboard and shown in a field to copy by hand where the clipboard is refused. Its visible text is short
 * ("Embed code"): the header's row of actions is full at 1366 px. embedCode.ts is not loaded on demand: a lazy chunk
 * importing the share code made the bundler split the page's code into more chunks, over its size budget.
 */
export function CopyEmbedCode() {
  const [code, setCode] = useState('');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const snippet = embedCodeOf(location.href, useAppStore.getState());
    setCode(snippet);
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <button
        type="button"
        aria-label="Copy embed code"
        title="Copy an <iframe> of this network, for slides"
        onClick={() => void copy()}
      >
        Embed code
      </button>
      {code && (
        <span className="share-link">
          <label htmlFor="embed-code">{copied ? 'Embed code copied' : 'Embed code'}</label>
          <input id="embed-code" readOnly value={code} onFocus={(e) => e.target.select()} />
        </span>
      )}
    </>
  );
}
