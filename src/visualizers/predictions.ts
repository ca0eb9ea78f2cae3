/**
 * Predictions: softmax probabilities as horizontal bars with class names; the label is marked. DOM only.
 * Each bar is a meter named by its class, so a screen reader (and a test) reads every probability to four places,
 * while the visible text keeps two.
 */
import { el } from './canvas';
import type { Renderer } from './renderer';

export interface PredictionData {
  readonly probabilities: Float32Array;
  readonly label: number | null;
  readonly names?: readonly string[];
}

export function topClass(p: Float32Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

export function createPredictions(element: HTMLElement): Renderer<PredictionData> {
  const doc = element.ownerDocument;
  const summary = el(doc, 'div', 'viz-prediction', 'No prediction yet.');
  summary.setAttribute('aria-live', 'polite');
  const list = el(doc, 'div', 'viz-bars');
  element.append(summary, list);
  let rows: {
    row: HTMLDivElement;
    track: HTMLDivElement;
    bar: HTMLDivElement;
    value: HTMLSpanElement;
    name: HTMLSpanElement;
  }[] = [];
  return {
    update(d) {
      const n = d.probabilities.length;
      if (rows.length !== n) {
        rows = Array.from({ length: n }, () => {
          const row = el(doc, 'div', 'viz-bar-row');
          const name = el(doc, 'span', 'viz-bar-name');
          const track = el(doc, 'div', 'viz-bar-track');
          track.setAttribute('role', 'meter');
          track.setAttribute('aria-valuemin', '0');
          track.setAttribute('aria-valuemax', '1');
          const bar = el(doc, 'div', 'viz-bar');
          const value = el(doc, 'span', 'viz-bar-value');
          track.appendChild(bar);
          row.append(name, track, value);
          return { row, track, bar, value, name };
        });
        list.replaceChildren(...rows.map((r) => r.row));
      }
      const best = topClass(d.probabilities);
      const name = (i: number) => d.names?.[i] ?? String(i);
      rows.forEach((r, i) => {
        const p = d.probabilities[i]!;
        r.track.setAttribute('aria-label', name(i));
        r.track.setAttribute('aria-valuenow', p.toFixed(4));
        r.bar.style.width = `${Math.max(0, Math.min(1, p)) * 100}%`;
        r.bar.dataset['kind'] = i === d.label ? 'label' : i === best ? 'top' : '';
        r.value.textContent = p.toFixed(2);
        r.name.textContent = name(i) + (i === d.label ? ' (label)' : '');
      });
      const lbl = d.label === null ? '' : `; label ${name(d.label)}`;
      summary.textContent = `Predicted ${name(best)} → ${d.probabilities[best]!.toFixed(2)}${lbl}`;
    },
    resize() {},
    destroy() {
      summary.remove();
      list.remove();
    },
  };
}
