import { describe, expect, it } from 'vitest';
import { CATALOGUE, PALETTE_ORDER, defaultLayer } from './catalogue';
import { LAYER_KINDS, Reader, readLayer } from './parseLayer';

describe('catalogue', () => {
  it('has one entry per layer kind, keyed by its kind, and the palette lists each kind once', () => {
    expect(Object.keys(CATALOGUE).sort()).toEqual([...LAYER_KINDS].sort());
    for (const [key, info] of Object.entries(CATALOGUE)) {
      expect(info.kind).toBe(key);
      expect(info.defaults.kind).toBe(key);
      expect(info.short.length).toBeGreaterThan(10);
      expect(info.explanation.length).toBeGreaterThan(info.short.length);
    }
    expect([...PALETTE_ORDER].sort()).toEqual([...LAYER_KINDS].sort());
  });

  it('every default passes the strict parser (so a freshly added block is always well-formed)', () => {
    for (const kind of LAYER_KINDS) {
      const r = new Reader();
      expect(readLayer(r, defaultLayer(kind), 'layer'), kind).toEqual(defaultLayer(kind));
      expect(r.errors).toEqual([]);
    }
  });

  it('teaches Conv2D with 8 filters of 3×3, stride 1, same padding and He normal before ReLU', () => {
    expect(CATALOGUE.conv2d.defaults).toMatchObject({
      filters: 8,
      kernel: [3, 3],
      stride: [1, 1],
      padding: 'same',
      activation: 'relu',
      initializer: 'heNormal',
    });
    expect(CATALOGUE.conv2d.title).toBe('Conv2D');
    expect(CATALOGUE.maxPool2d.defaults.kind).toBe('maxPool2d');
    expect(CATALOGUE.avgPool2d.defaults.kind).toBe('avgPool2d');
  });
});
