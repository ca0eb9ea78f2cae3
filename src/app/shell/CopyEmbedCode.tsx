import { useState } from 'react';
import { useAppStore } from '../store';

/**
 * "Copy embed code": an <iframe> snippet of the embedded view with the current network, settings and panels
 * (embed/embedCode.ts, loaded on the first click), copied to the clipboard and shown in a field to copy by hand
 * where the clipboard is refused.
 */
export function CopyEmbedCode() {
  const [code, setCode] = useState('');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const { embedCodeOf } = await import('../embed/embedCode');
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
      <button type="button" onClick={() => void copy()} title="An <iframe> of this network, for slides">
        Copy embed code
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
