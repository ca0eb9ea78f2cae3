// @vitest-environment jsdom
import { axisBottom, axisLeft, scaleLinear, scaleLog, select } from 'd3';
import { describe, expect, it } from 'vitest';
import { createSvgAxis, type AxisScale } from './svgAxis';

const NS = 'http://www.w3.org/2000/svg';
const group = (): SVGGElement => {
  const svg = document.createElementNS(NS, 'svg');
  document.body.append(svg);
  const g = document.createElementNS(NS, 'g');
  svg.append(g);
  return g;
};

/** d3's axis and ours on the same scale: the same domain line and ticks, element by element. */
function both(scale: AxisScale, orient: 'left' | 'bottom', count: number, specifier?: string) {
  const d3g = group();
  const d3axis = (orient === 'left' ? axisLeft : axisBottom)(scale as never).ticks(count, specifier);
  select(d3g).call(d3axis as never);
  const ours = group();
  createSvgAxis(ours, orient).update(scale, count, specifier);
  return { d3: d3g, ours };
}

const SCALES: [string, AxisScale, 'left' | 'bottom', number, string | undefined][] = [
  ['loss, linear', scaleLinear().domain([0, 2.4]).range([200, 20]).nice(), 'left', 4, undefined],
  ['loss, log', scaleLog().domain([0.003, 2.4]).range([200, 20]).clamp(true), 'left', 4, '.0e'],
  ['accuracy', scaleLinear().domain([0, 1]).range([400, 220]), 'left', 3, '.0%'],
  ['steps', scaleLinear().domain([1, 12_345]).range([44, 590]), 'bottom', 9, 's'],
];

describe('createSvgAxis', () => {
  it.each(SCALES)("draws d3's axis (%s)", (_, scale, orient, count, specifier) => {
    const { d3, ours } = both(scale, orient, count, specifier);
    expect(ours.innerHTML).toBe(d3.innerHTML);
    for (const a of ['fill', 'font-family', 'text-anchor'])
      expect(ours.getAttribute(a)).toBe(d3.getAttribute(a));
  });

  it('touches nothing when the axis is unchanged, and only moves the ticks that stay', async () => {
    const g = group();
    const axis = createSvgAxis(g, 'bottom');
    const x = scaleLinear().domain([0, 1000]).range([0, 500]);
    axis.update(x, 5, 's');
    const textOf = (label: string) =>
      [...g.querySelectorAll('text')].find((t) => t.textContent === label)?.firstChild;
    const node = textOf('400');
    const seen: MutationRecord[] = [];
    const mo = new MutationObserver((l) => seen.push(...l));
    mo.observe(g, { subtree: true, childList: true, attributes: true, characterData: true });
    axis.update(x, 5, 's');
    await Promise.resolve();
    expect(seen).toEqual([]);
    axis.update(x.copy().domain([0, 1100]), 5, 's'); // same ticks 0…1000, moved left
    await Promise.resolve();
    expect(
      seen.every(
        (m) => m.type === 'attributes' && (m.attributeName === 'transform' || m.attributeName === 'd'),
      ),
    ).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(textOf('400')).toBe(node);
    mo.disconnect();
    // And as d3 draws that domain.
    const { d3 } = both(x.copy().domain([0, 1100]), 'bottom', 5, 's');
    expect(g.innerHTML).toBe(d3.innerHTML);
  });

  it('keeps ticks in value order when new ones come between, and clear empties it', () => {
    const g = group();
    const axis = createSvgAxis(g, 'left');
    axis.update(scaleLinear().domain([0, 1]).range([100, 0]), 2);
    axis.update(scaleLinear().domain([0, 1]).range([100, 0]), 10);
    const { d3 } = both(scaleLinear().domain([0, 1]).range([100, 0]), 'left', 10);
    expect(g.innerHTML).toBe(d3.innerHTML);
    axis.clear();
    expect(g.childNodes).toHaveLength(0);
  });
});
