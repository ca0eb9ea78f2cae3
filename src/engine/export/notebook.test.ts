import { describe, expect, it } from 'vitest';
import { PRESETS } from '../graph/presets';
import { moduleOf } from '../layers/registry';
import { sameAxisFormula } from './layerNotes';
import { notebook } from './notebook';
import { presetWork, transferPhaseTwo } from './testWork';
import { torchSections } from './torchScript';

interface Nb {
  nbformat: number;
  nbformat_minor: number;
  metadata: { kernelspec: { name: string; language: string } };
  cells: { cell_type: string; id: string; source: string[]; outputs?: unknown[]; execution_count?: null }[];
}

const preset = (id: string) => PRESETS.find((p) => p.id === id)!;
const parse = (text: string): Nb => JSON.parse(text) as Nb;
const text = (c: Nb['cells'][number]): string => c.source.join('');

describe('notebook', () => {
  it('is an nbformat 4 notebook with a Python kernel, unique cell ids and lines that end in newlines', () => {
    const nb = parse(notebook(presetWork(preset('notes-small'))));
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBe(5);
    expect(nb.metadata.kernelspec).toMatchObject({ name: 'python3', language: 'python' });
    expect(new Set(nb.cells.map((c) => c.id)).size).toBe(nb.cells.length);
    for (const c of nb.cells) {
      c.source.slice(0, -1).forEach((l) => expect(l.endsWith('\n')).toBe(true));
      if (c.cell_type === 'code') expect(c).toMatchObject({ outputs: [], execution_count: null });
    }
  });

  it('runs the PyTorch export’s code, section by section, in order', () => {
    const work = presetWork(preset('stride2'));
    const code = parse(notebook(work))
      .cells.filter((c) => c.cell_type === 'code')
      .map(text);
    const s = torchSections(work);
    const sections = [s.settings, s.data, s.models[0]!.model.lines, s.build, s.train, s.evaluate];
    let at = 0;
    for (const lines of sections) {
      const i = code.findIndex((c, k) => k >= at && c.trim() === lines.join('\n').trim());
      expect(i, lines[0]).toBeGreaterThanOrEqual(at);
      at = i;
    }
    expect(code.join('\n')).toContain('loss.backward()');
  });

  it('explains every layer with the playground’s text, the formula with its numbers and the parameters', () => {
    const p = preset('stride2');
    const md = parse(notebook(presetWork(p)))
      .cells.filter((c) => c.cell_type === 'markdown')
      .map(text);
    for (const n of p.graph.nodes) {
      const cell = md.find((m) => m.startsWith(`### ${n.id} · `));
      expect(cell, n.id).toBeDefined();
      expect(cell).toContain(moduleOf(n.layer).explanation);
    }
    const conv = md.find((m) => m.startsWith('### conv2d_1 · Conv2D → 14×14×8'))!;
    expect(conv).toContain('`W2 = (W1 − F + 2P) / S + 1;  params = (F·F·D1)·K + K`');
    expect(conv).toContain('`ceil(28 / 2) = 14`');
    expect(conv).toContain('`(28 − 3 + 0 + 1) / 2 + 1 = 14`');
    expect(conv).toContain('`(3·3·1)·8 + 8 = 80`');
    expect(conv).toContain('Pad((0, 1, 0, 1))');
    expect(md.join('\n')).toContain('| dense_1 | Dense | 32 | 25120 |');
  });

  it('says what training does with the user’s settings, frozen layers and labels', () => {
    const work = transferPhaseTwo(preset('keras-transfer'));
    const md = parse(notebook({ ...work, hyper: { ...work.hyper, decay: 0.01 } }))
      .cells.filter((c) => c.cell_type === 'markdown')
      .map(text)
      .join('\n');
    expect(md).toContain('η_t = 0.001 / (1 + 0.01·t)');
    expect(md).toContain('Frozen, so not trained: conv2d_1, conv2d_2.');
    expect(md).toContain('Only the labels 5, 6, 7, 8, 9 are used.');
    expect(md).toContain('Batches of 64');
    expect(md).toContain('### conv2d_1 · Conv2D → 26×26×32');
    expect(md).toContain('Frozen in the playground: its weights are not trained.');
  });

  it('a GAN explains both networks and its alternating loop', () => {
    const nb = parse(notebook(presetWork(preset('dcgan'))));
    const md = nb.cells
      .filter((c) => c.cell_type === 'markdown')
      .map(text)
      .join('\n');
    expect(md).toContain('## The generator');
    expect(md).toContain('## The discriminator');
    expect(md).toContain('1 discriminator step(s) on fresh real batches of 16, then 1 generator step(s)');
    expect(md).toContain('0.9 (one-sided label smoothing)');
    expect(md).toContain('Crop(1, 1, 14, 14)');
    const code = nb.cells
      .filter((c) => c.cell_type === 'code')
      .map(text)
      .join('\n');
    expect(code).toContain('class Generator(nn.Module):');
    expect(code).toContain('class Discriminator(nn.Module):');
  });
});

describe('sameAxisFormula', () => {
  it('writes TF’s same padding as P before + P after, rounding down where it does not divide', () => {
    expect(sameAxisFormula(28, 3, 1)).toBe('(28 − 3 + 1 + 1) / 1 + 1 = 28');
    expect(sameAxisFormula(7, 2, 2)).toBe('(7 − 2 + 0 + 1) / 2 + 1 = 4');
    expect(sameAxisFormula(28, 1, 2)).toBe('(28 − 1 + 0 + 0) / 2 + 1 = 14.5 → 14');
  });
});
