/**
 * A left or bottom SVG axis drawn like d3's axisLeft/axisBottom (same ticks, labels, classes and geometry), but
 * updated in place: ticks are keyed by value, a tick that stays only moves (its transform), and an unchanged axis
 * touches nothing. d3's axis sets every label's text on every call, which replaces the text nodes and makes the
 * browser lay out and shape them again; the Loss chart redraws several times a second while training (issue 16).
 */
export interface AxisScale {
  (x: number): number;
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (d: number) => string;
  range(): number[];
}

export interface SvgAxis {
  /** Draws `scale` with about `count` ticks labelled by d3's `specifier` (as axis.ticks(count, specifier)). */
  update(scale: AxisScale, count: number, specifier?: string): void;
  /** Removes the ticks and the domain line (the axis is not shown). */
  clear(): void;
}

const SVG = 'http://www.w3.org/2000/svg';
const TICK = 6;
const PADDING = 3;

export function createSvgAxis(g: SVGGElement, orient: 'left' | 'bottom'): SvgAxis {
  const doc = g.ownerDocument;
  const left = orient === 'left';
  g.setAttribute('fill', 'none');
  g.setAttribute('font-family', 'sans-serif');
  g.setAttribute('text-anchor', left ? 'end' : 'middle');
  let domain: SVGPathElement | null = null;
  const ticks = new Map<number, { g: SVGGElement; text: Text; label: string; at: string }>();
  const set = (e: Element, name: string, value: string): void => {
    if (e.getAttribute(name) !== value) e.setAttribute(name, value);
  };

  const makeTick = (label: string): { g: SVGGElement; text: Text } => {
    const t = doc.createElementNS(SVG, 'g');
    t.setAttribute('class', 'tick');
    t.setAttribute('opacity', '1');
    const line = doc.createElementNS(SVG, 'line');
    line.setAttribute('stroke', 'currentColor');
    line.setAttribute(left ? 'x2' : 'y2', String(left ? -TICK : TICK));
    const text = doc.createElementNS(SVG, 'text');
    text.setAttribute('fill', 'currentColor');
    text.setAttribute(left ? 'x' : 'y', String(left ? -(TICK + PADDING) : TICK + PADDING));
    text.setAttribute('dy', left ? '0.32em' : '0.71em');
    const node = doc.createTextNode(label);
    text.append(node);
    t.append(line, text);
    return { g: t, text: node };
  };

  return {
    update(scale, count, specifier) {
      // d3 offsets by half a pixel on low-density screens so 1 px lines fall on pixels.
      const offset = (doc.defaultView?.devicePixelRatio ?? 1) > 1 ? 0 : 0.5;
      const [r0 = 0, r1 = 0] = scale.range();
      const d = left
        ? `M${-TICK},${r0 + offset}H${offset}V${r1 + offset}H${-TICK}`
        : `M${r0 + offset},${TICK}V${offset}H${r1 + offset}V${TICK}`;
      if (!domain) {
        domain = doc.createElementNS(SVG, 'path');
        domain.setAttribute('class', 'domain');
        domain.setAttribute('stroke', 'currentColor');
        g.prepend(domain);
      }
      set(domain, 'd', d);
      const format = scale.tickFormat(count, specifier);
      const values = scale.ticks(count);
      const keep = new Set(values);
      for (const [v, t] of ticks)
        if (!keep.has(v)) {
          t.g.remove();
          ticks.delete(v);
        }
      for (const v of values) {
        const label = format(v);
        const pos = scale(v) + offset;
        const at = left ? `translate(0,${pos})` : `translate(${pos},0)`;
        let t = ticks.get(v);
        if (!t) {
          const made = makeTick(label);
          t = { ...made, label, at: '' };
          ticks.set(v, t);
          g.append(made.g);
        } else if (t.label !== label) {
          t.text.data = label;
          t.label = label;
        }
        if (t.at !== at) {
          t.g.setAttribute('transform', at);
          t.at = at;
        }
      }
      // Document order follows the values, as d3's (a tick that came in between is moved into place).
      let prev: Element | null = domain;
      for (const v of values) {
        const t = ticks.get(v)!;
        if (prev.nextSibling !== t.g) prev.after(t.g);
        prev = t.g;
      }
    },
    clear() {
      for (const t of ticks.values()) t.g.remove();
      ticks.clear();
      domain?.remove();
      domain = null;
    },
  };
}
