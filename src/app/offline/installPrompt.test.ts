import { describe, expect, it, vi } from 'vitest';
import { watchInstallPrompt } from './installPrompt';

function offerEvent() {
  const e = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
    prompt: () => Promise<unknown>;
  };
  e.prompt = vi.fn(() => Promise.resolve({ outcome: 'accepted' }));
  return e;
}

describe('watchInstallPrompt', () => {
  it('keeps the browser’s offer for a button, shows it once when used, then drops it', () => {
    const win = new EventTarget() as unknown as Window;
    const onChange = vi.fn<(install: (() => void) | null) => void>();
    watchInstallPrompt(win, onChange);
    const e = offerEvent();
    win.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(true);
    const install = onChange.mock.calls[0]![0];
    expect(install).toBeTypeOf('function');
    install?.();
    expect(e.prompt).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it('drops the offer once the app is installed', () => {
    const win = new EventTarget() as unknown as Window;
    const onChange = vi.fn();
    watchInstallPrompt(win, onChange);
    win.dispatchEvent(offerEvent());
    win.dispatchEvent(new Event('appinstalled'));
    expect(onChange).toHaveBeenLastCalledWith(null);
  });
});
