import { describe, expect, it } from 'vitest';
import { serializeGraph } from '../../engine/graph/parse';
import { importGraphFile, withWeightsPath } from './exportImport';
import { smallCnn } from '../../engine/graph/testGraphs';

const file = (text: string, name = 'net.json') => Object.assign(new Blob([text]), { name });

describe('graph files', () => {
  it('reads back an exported graph', async () => {
    const g = smallCnn();
    expect(await importGraphFile(file(serializeGraph(g)))).toEqual({ ok: true, value: g });
  });

  it('says what is wrong with a bad file', async () => {
    const r = await importGraphFile(
      file('{"version":1,"role":"classifier","nodes":[{"id":"a"}],"edges":[]}'),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^net\.json\.nodes\[0\]/);
    const notJson = await importGraphFile(file('hello'));
    expect(notJson.ok ? '' : notJson.reason).toMatch(/not valid JSON/);
  });
});

describe('model export', () => {
  it('points the weights manifest at weights.bin', () => {
    const json = JSON.stringify({
      modelTopology: {},
      weightsManifest: [{ paths: ['weights.bin.old'], weights: [] }],
    });
    expect(JSON.parse(withWeightsPath(json)).weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(withWeightsPath('nope')).toBe('nope');
  });
});
