// @vitest-environment jsdom
/** The page's "Your images…" button loads the dialog's chunk on its first press and opens it when it has come. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unmount } from '../testing/mount';
import { button, click, mountYourImages, settle, type OwnImagesRig } from '../testing/ownImages';

let rig: OwnImagesRig | undefined;
afterEach(() => {
  if (rig) unmount(rig.m);
  rig = undefined;
});

describe('Your images… (lazy)', () => {
  it('shows only the button until pressed, then the open dialog with its region', async () => {
    rig = mountYourImages({ lazy: true });
    const host = rig.m.host;
    expect(host.querySelector('dialog')).toBeNull();
    click(button(host, 'Your images…'));
    await vi.waitFor(
      () => expect(host.querySelector('[role="region"][aria-label="Your images"]')).not.toBeNull(),
      { timeout: 10_000 },
    );
    expect(host.querySelector('dialog')?.open).toBe(true);
    await settle();
    // Closed and opened again: the same dialog, still mounted.
    click(button(host, 'Close'));
    expect(host.querySelector('dialog')?.open).toBe(false);
    click(button(host, 'Your images…'));
    expect(host.querySelector('dialog')?.open).toBe(true);
    expect(host.querySelectorAll('dialog')).toHaveLength(1);
  });
});
