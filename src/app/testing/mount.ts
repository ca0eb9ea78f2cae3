/** A React root on a fresh element in the document, for component tests in jsdom. */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mounted {
  readonly host: HTMLElement;
  readonly root: Root;
}

export function mount(): Mounted {
  const host = document.createElement('div');
  document.body.append(host);
  return { host, root: createRoot(host) };
}

export function unmount({ host, root }: Mounted): void {
  act(() => root.unmount());
  host.remove();
}
