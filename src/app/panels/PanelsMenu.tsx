/**
 * "Panels": a popover of checkboxes that shows or hides each panel the dock has for the current kind of network.
 * The choice is kept per kind and autosaved. Escape or a click outside closes it and gives focus back to the button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import { KIND_LABELS, dockKindOf, panelPlan, shownPanels, withAllShown, withPanelShown } from './panelLayout';

export function PanelsMenu() {
  const { kind, prefs } = useAppStore(useShallow((s) => ({ kind: dockKindOf(s), prefs: s.panelPrefs })));
  const hidden = prefs[kind].hidden;
  const update = useAppStore((s) => s.updatePanelPrefs);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement | null>(null);
  const button = useRef<HTMLButtonElement | null>(null);
  const popover = useRef<HTMLDivElement | null>(null);
  const id = useId();
  const plan = panelPlan(kind);
  const shownCount = shownPanels(kind, prefs).length;

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    popover.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onDown = (e: PointerEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  return (
    <div
      className="panels-menu"
      ref={root}
      onBlur={(e) => {
        // Tabbing out of the menu closes it (a click outside is handled on pointerdown).
        const to = e.relatedTarget as Node | null;
        if (open && to && !root.current?.contains(to)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        Panels <span aria-hidden="true">▴</span>
      </button>
      <span className="panels-menu__summary">
        {shownCount} of {plan.length} {KIND_LABELS[kind]} panels shown
      </span>
      {open ? (
        <div
          id={id}
          ref={popover}
          className="panels-menu__popover"
          role="dialog"
          aria-label="Choose panels"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            close(true);
          }}
        >
          <fieldset>
            <legend>Show in the dock ({KIND_LABELS[kind]})</legend>
            {plan.map(({ name }) => (
              <label key={name} className="panels-menu__item">
                <input
                  type="checkbox"
                  checked={!hidden.includes(name)}
                  onChange={(e) => update((p) => withPanelShown(p, kind, name, e.target.checked))}
                />
                {name}
              </label>
            ))}
          </fieldset>
          <div className="panels-menu__actions">
            <button
              type="button"
              disabled={shownCount === plan.length}
              onClick={() => update((p) => withAllShown(p, kind))}
            >
              Show all
            </button>
            <button type="button" onClick={() => close(true)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
