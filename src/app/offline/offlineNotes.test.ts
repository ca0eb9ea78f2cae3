// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNotes } from './offlineNotes';

afterEach(() => document.body.replaceChildren());

const notes = () => [...document.querySelectorAll('.offline-note')];

describe('createNotes', () => {
  it('shows a status note with named buttons, replaces a kind, and goes when the last is removed', () => {
    const n = createNotes(document);
    const reload = vi.fn();
    n.show('ready', {
      text: 'Ready to work offline.',
      buttons: [{ label: 'Dismiss', onClick: () => undefined }],
    });
    n.show('update', {
      text: 'A new version is ready — reload',
      buttons: [{ label: 'Reload', primary: true, onClick: reload }],
    });
    // The new-version notice comes first.
    expect(notes().map((x) => x.textContent)).toEqual([
      'A new version is ready — reload Reload',
      'Ready to work offline. Dismiss',
    ]);
    expect(notes().every((x) => x.getAttribute('role') === 'status')).toBe(true);
    const button = notes()[0]?.querySelector('button');
    expect(button?.className).toBe('primary');
    button?.click();
    expect(reload).toHaveBeenCalledTimes(1);
    n.show('ready', { text: 'Again.', buttons: [] });
    expect(notes()).toHaveLength(2);
    n.show('ready', null);
    n.show('update', null);
    expect(document.querySelector('.offline-notes')).toBeNull();
  });
});
