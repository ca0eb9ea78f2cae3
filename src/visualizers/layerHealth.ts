/** Layer health: one line per layer with weight norm, gradient norm and update/weight ratio; NaN/Inf in red. */
import { el } from './canvas';
import type { Renderer } from './renderer';

export interface HealthRow {
  readonly node: string;
  readonly label: string;
  readonly weightNorm: number;
  readonly gradNorm: number;
  readonly updateRatio: number;
  readonly nonFinite: boolean;
}

const num = (v: number): string =>
  !Number.isFinite(v) ? String(v) : Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(1);

/** A ratio far from ~1e-3 is worth a look (the usual rule of thumb for SGD-like updates). */
export function ratioNote(r: number): string {
  if (!Number.isFinite(r)) return 'not a number';
  if (r > 1e-2) return 'large updates';
  if (r > 0 && r < 1e-5) return 'barely moving';
  return '';
}

export function createLayerHealth(element: HTMLElement): Renderer<readonly HealthRow[]> {
  const doc = element.ownerDocument;
  const list = el(doc, 'ul', 'viz-health');
  element.appendChild(list);
  return {
    update(rows) {
      list.replaceChildren(
        ...rows.map((r) => {
          const bad = r.nonFinite || ![r.weightNorm, r.gradNorm, r.updateRatio].every(Number.isFinite);
          const li = el(doc, 'li', bad ? 'viz-health-row viz-bad' : 'viz-health-row');
          if (bad) li.style.color = '#d62728';
          const note = bad ? 'NaN/Inf!' : ratioNote(r.updateRatio);
          // Each "name value" pair is unbreakable: a narrow panel wraps between pairs, never inside one.
          const parts = [
            `${r.label}:`,
            `|W| ${num(r.weightNorm)}`,
            `|∇W| ${num(r.gradNorm)}`,
            `update/weight ${num(r.updateRatio)}`,
          ];
          if (note) parts.push(note);
          li.replaceChildren(
            ...parts.flatMap((text, i) => {
              const span = el(doc, 'span', 'viz-nowrap', text);
              return i === 0 ? [span] : [doc.createTextNode(i === 1 ? ' ' : ' · '), span];
            }),
          );
          return li;
        }),
      );
    },
    resize() {},
    destroy() {
      list.remove();
    },
  };
}
