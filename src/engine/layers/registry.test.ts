import { describe, expect, it } from 'vitest';
import { LAYERS, LAYER_KINDS, moduleOf } from './registry';
import type { LayerSpec } from './registry';
import { Reader, readLayer } from '../graph/parseLayer';

const modules = LAYER_KINDS.map((k) => [k, LAYERS[k]] as const);

describe('layer registry', () => {
  it('maps each kind to the module of that kind, with a unique id prefix', () => {
    for (const [kind, m] of modules) {
      expect(m.kind).toBe(kind);
      expect(m.defaults.kind).toBe(kind);
    }
    const prefixes = modules.map(([, m]) => m.idPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it.each(modules)('%s: its defaults read back unchanged through its own field descriptors', (_kind, m) => {
    const r = new Reader();
    const json = JSON.parse(JSON.stringify(m.defaults)) as unknown;
    expect(readLayer(r, json, 'layer')).toEqual(m.defaults);
    expect(r.errors).toEqual([]);
  });

  it.each(modules)('%s: every setting of its defaults has a field, and every field a setting', (_kind, m) => {
    const keys = Object.keys(m.defaults).filter((k) => k !== 'kind');
    const fields = m.fields.map((f) => f.key as string);
    const optional = m.fields.filter((f) => f.type === 'select' && f.optionalDefault !== undefined);
    expect(fields.filter((k) => !optional.some((f) => f.key === k)).sort()).toEqual([...keys].sort());
    for (const f of m.fields) {
      expect(f.label.length).toBeGreaterThan(0);
      expect(f.help.length).toBeGreaterThan(10);
    }
  });

  it.each(modules)('%s: a bad value for each field is refused with the path of the field', (_kind, m) => {
    for (const f of m.fields) {
      const r = new Reader();
      const bad = { ...m.defaults, [f.key]: f.type === 'check' ? 'yes' : -7.5 };
      expect(readLayer(r, bad, 'n')).toBeUndefined();
      expect(r.errors.map((e) => e.path.split('.')[1]?.replace(/\[.*$/, ''))).toContain(f.key);
    }
  });

  it('summaries and faces are plain text for every default', () => {
    for (const [, m] of modules) {
      const spec = m.defaults as LayerSpec;
      expect(typeof moduleOf(spec).summary(spec)).toBe('string');
      expect(moduleOf(spec).face(spec, m.title).title.length).toBeGreaterThan(0);
    }
  });
});
