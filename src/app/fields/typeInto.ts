/**
 * Test helpers: drive React-controlled fields in jsdom the way a browser does, one keystroke or one pasted
 * value at a time, then Enter, Escape or leaving the field.
 */
import { act } from 'react';

type Control = HTMLInputElement | HTMLSelectElement;

/** The form control whose <label> reads exactly `name`. */
export function fieldNamed(host: HTMLElement, name: string): Control {
  const label = [...host.querySelectorAll('label')].find((l) => l.textContent === name);
  const el = label ? host.ownerDocument.getElementById(label.htmlFor) : null;
  if (!el) throw new Error(`No field named ${name}`);
  return el as Control;
}

/** Sets the whole text at once (native setter + input/change event), as a paste or Playwright's fill does. */
export function typeText(el: Control, value: string): void {
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  act(() => {
    el.focus();
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

/** Replaces the text key by key: each prefix of `value` is in the field for one input event. */
export function typeKeys(el: HTMLInputElement, value: string): void {
  typeText(el, '');
  for (let i = 1; i <= value.length; i++) typeText(el, value.slice(0, i));
}

export function pressKey(el: HTMLElement, key: string): void {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

/** Moves focus out of the field (Tab, a click elsewhere). */
export function leave(el: HTMLElement): void {
  act(() => el.blur());
}

/** The text of what the field's aria-describedby points at (what a screen reader reads after its name). */
export function description(el: HTMLElement): string {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
}
