import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { END, START, regeneratedReadme, renderSpeedSection, withSection } from './bench-readme.mjs';

describe('the README speed section', () => {
  it('is what npm run bench:readme makes of the committed bench files', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(START);
    expect(await regeneratedReadme()).toBe(readme);
  });

  it('quotes each figure and its target from the files', () => {
    const section = renderSpeedSection({
      results: {
        rows: [
          {
            backend: 'wasm',
            model: 'default preset',
            examplesPerSecApp: 2541,
            examplesPerSecBare: 2562,
            ratio: 0.992,
            mainThreadFps: 60,
            longTasks: [],
          },
          {
            backend: 'cpu',
            model: 'default preset',
            examplesPerSecApp: 149,
            ratio: 0.959,
            longTasks: [61, 52],
          },
        ],
        summary: {
          secondsTo99: 47.4,
          oneEpochAccuracy: 0.9812,
          convnetjsRatio: 16.25,
          threads: 1,
          autoBackend: 'wasm',
        },
      },
      gan: { backend: 'wasm', minutesToDigits: 6.2, gan: { checks: [{ iteration: 1900 }] } },
    });
    // Prose lines are wrapped; read them as one line.
    const prose = section.replace(/\n {0,2}(?=[^|<\n-])/g, ' ');
    expect(prose).toContain('**47 s** (target ≤ 60 s: reached)');
    expect(prose).toContain('**98.12%** test accuracy (target ≥ 98.8%');
    expect(section).toContain('98.6%: not reached');
    expect(prose).toContain('**6.2** (1,900 iterations) (target ≤ 5: not reached)');
    expect(prose).toContain('(wasm, 1 thread) trains **16.3×**');
    expect(section).toContain('| wasm | default preset | 2,541 | 2,562 | 0.99 | 60 | none |');
    expect(section).toContain('| 2, longest 61 ms |');
    const replaced = withSection(`a\n${START}\nold\n${END}\nb`, section);
    expect(replaced.startsWith('a\n' + START)).toBe(true);
    expect(replaced.endsWith(END + '\nb')).toBe(true);
    expect(replaced).not.toContain('old');
    expect(() => withSection('no markers', section)).toThrow(/no/);
  });
});
