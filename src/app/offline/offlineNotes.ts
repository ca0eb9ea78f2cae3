/**
 * The offline notes (install offer, ready offline, new version) as plain DOM in a corner of the page, outside the
 * React tree: this chunk loads late and imports nothing the page has (a lazy chunk that shares the page's modules,
 * React or the store, made the bundler split the page's code into more chunks, over its size budget). One note per
 * kind; the new-version notice comes first.
 */
export type NoteKind = 'update' | 'install' | 'ready';

export interface NoteSpec {
  readonly text: string;
  readonly buttons: readonly {
    readonly label: string;
    readonly primary?: boolean;
    readonly onClick: () => void;
  }[];
}

const ORDER: readonly NoteKind[] = ['update', 'install', 'ready'];

export interface Notes {
  /** Shows (or replaces) the note of a kind; null removes it. */
  show(kind: NoteKind, spec: NoteSpec | null): void;
}

export function createNotes(doc: Document): Notes {
  const box = doc.createElement('div');
  box.className = 'offline-notes';
  const notes = new Map<NoteKind, HTMLElement>();
  return {
    show(kind, spec) {
      notes.get(kind)?.remove();
      notes.delete(kind);
      if (spec) {
        const note = doc.createElement('div');
        note.className = 'offline-note';
        note.setAttribute('role', 'status');
        note.append(spec.text);
        for (const b of spec.buttons) {
          const button = doc.createElement('button');
          button.type = 'button';
          button.textContent = b.label;
          if (b.primary) button.className = 'primary';
          button.addEventListener('click', b.onClick);
          note.append(' ', button);
        }
        notes.set(kind, note);
      }
      box.replaceChildren(...ORDER.flatMap((k) => notes.get(k) ?? []));
      if (notes.size === 0) box.remove();
      else if (!box.isConnected) doc.body.append(box);
    },
  };
}
