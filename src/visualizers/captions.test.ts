// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { syncCaptions } from './captions';

const make = (): HTMLElement => {
  const d = document.createElement('div');
  d.className = 'viz-caption';
  d.style.position = 'absolute';
  return d;
};

describe('syncCaptions', () => {
  it('makes the captions, then leaves unchanged ones alone and changes only what differs', async () => {
    const box = document.createElement('div');
    syncCaptions(
      box,
      [
        { text: 'conv1 · 28×28×8', top: '0%' },
        { text: 'conv2 · 14×14×16', top: '50%', title: 't' },
      ],
      make,
    );
    expect(
      [...box.children].map((c) => [c.textContent, (c as HTMLElement).style.top, c.getAttribute('title')]),
    ).toEqual([
      ['conv1 · 28×28×8', '0%', null],
      ['conv2 · 14×14×16', '50%', 't'],
    ]);
    expect(box.children[0]?.className).toBe('viz-caption');
    const first = box.children[0];
    const seen: MutationRecord[] = [];
    const mo = new MutationObserver((l) => seen.push(...l));
    mo.observe(box, { subtree: true, childList: true, attributes: true, characterData: true });
    syncCaptions(
      box,
      [
        { text: 'conv1 · 28×28×8', top: '0%' },
        { text: 'conv2 · 14×14×16', top: '50%', title: 't' },
      ],
      make,
    );
    await Promise.resolve();
    expect(seen).toEqual([]);
    syncCaptions(
      box,
      [
        { text: 'conv1 · 28×28×8', top: '0%' },
        { text: 'conv2 · ±0.5', top: '40%' },
      ],
      make,
    );
    await Promise.resolve();
    expect(box.children[0]).toBe(first);
    expect(seen.every((m) => m.target === box.children[1] || m.target.parentNode === box.children[1])).toBe(
      true,
    );
    expect(box.children[1]?.textContent).toBe('conv2 · ±0.5');
    expect(box.children[1]?.hasAttribute('title')).toBe(false);
    mo.disconnect();
  });

  it('adds and removes captions as the layers come and go', () => {
    const box = document.createElement('div');
    syncCaptions(box, [{ text: 'a', top: '0%' }], make);
    syncCaptions(
      box,
      [
        { text: 'a', top: '0%' },
        { text: 'b', top: '30%' },
        { text: 'c', top: '60%' },
      ],
      make,
    );
    expect([...box.children].map((c) => c.textContent)).toEqual(['a', 'b', 'c']);
    syncCaptions(box, [{ text: 'b', top: '0%' }], make);
    expect([...box.children].map((c) => c.textContent)).toEqual(['b']);
    syncCaptions(box, [], make);
    expect(box.children).toHaveLength(0);
  });
});
