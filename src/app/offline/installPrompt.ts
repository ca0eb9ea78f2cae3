/**
 * The browser's offer to install the app (Chromium's `beforeinstallprompt`): kept so that an "Install app" button can
 * show it when the user asks, and dropped once used or once the app is installed. Browsers without the event never
 * show the button.
 */

/** Chromium's event; not in the DOM typings. */
export interface InstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
}

/**
 * Calls `onChange` with a function that shows the offer, or with null when there is none (any more). */
export function watchInstallPrompt(
  win: Pick<Window, 'addEventListener'>,
  onChange: (install: (() => void) | null) => void,
): void {
  const offer = (e: Event): void => {
    // Keeps the browser from showing its own bar: the button shows the offer instead.
    e.preventDefault();
    onChange(() => {
      onChange(null);
      void (e as InstallPromptEvent).prompt().catch(() => undefined);
    });
  };
  win.addEventListener('beforeinstallprompt', offer);
  win.addEventListener('appinstalled', () => onChange(null));
}
