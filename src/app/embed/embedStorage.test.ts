// @vitest-environment jsdom
/**
 * The embedded view never reads or writes the autosave: a teacher's embed in a slide must not overwrite the
 * teacher's own project in the same browser. IS_EMBED is read once when the store module loads, so each case loads
 * the store afresh under its own address.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const KEY = 'cnn-playground';

async function freshStore(search: string) {
  history.replaceState(null, '', `/${search}`);
  vi.resetModules();
  return (await import('../store')).useAppStore;
}

afterEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});

describe('the embedded view and the autosave', () => {
  it('starts from the defaults, not the saved work, and leaves the saved work as it was', async () => {
    const own = await freshStore('');
    own.getState().setSeed(4242);
    own.getState().setTheme('dark');
    const saved = localStorage.getItem(KEY);
    expect(saved).toContain('4242');

    const embed = await freshStore('?embed=1&panels=Loss');
    expect(embed.getState().seed).not.toBe(4242);
    expect(embed.getState().theme).toBe('light');
    embed.getState().setSeed(7);
    embed.getState().setPresenter(true);
    expect(localStorage.getItem(KEY)).toBe(saved);
  });

  it('is the full app, with its autosave, without embed=1', async () => {
    const own = await freshStore('?backend=wasm');
    own.getState().setSeed(99);
    expect(localStorage.getItem(KEY)).toContain('"seed":99');
  });
});
