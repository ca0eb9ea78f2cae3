import { describe, expect, it } from 'vitest';
import { sortRuns } from './sortRuns';
import type { RunRecord } from './record';

const run = (name: string, extra: Partial<RunRecord> = {}): RunRecord =>
  ({ name, createdAt: 0, params: 0, bestValAccuracy: null, examplesPerSec: null, ...extra }) as RunRecord;

const names = (rs: readonly RunRecord[]): string[] => rs.map((r) => r.name);

describe('sortRuns', () => {
  it('sorts names as people read numbers in them, case ignored', () => {
    const rs = [run('Run 10'), run('run 2'), run('Run 1')];
    expect(names(sortRuns(rs, 'name', 'asc'))).toEqual(['Run 1', 'run 2', 'Run 10']);
    expect(names(sortRuns(rs, 'name', 'desc'))).toEqual(['Run 10', 'run 2', 'Run 1']);
  });

  it('sorts numbers both ways and keeps runs without a value last in both', () => {
    const rs = [
      run('a', { bestValAccuracy: 0.5 }),
      run('b'),
      run('c', { bestValAccuracy: 0.9 }),
      run('d', { bestValAccuracy: NaN }),
      run('e', { bestValAccuracy: 0.7 }),
    ];
    expect(names(sortRuns(rs, 'bestValAccuracy', 'asc'))).toEqual(['a', 'e', 'c', 'b', 'd']);
    expect(names(sortRuns(rs, 'bestValAccuracy', 'desc'))).toEqual(['c', 'e', 'a', 'b', 'd']);
  });

  it('is stable: equal values keep their order in both directions', () => {
    const rs = [
      run('x', { params: 5 }),
      run('y', { params: 1 }),
      run('z', { params: 5 }),
      run('w', { params: 1 }),
    ];
    expect(names(sortRuns(rs, 'params', 'asc'))).toEqual(['y', 'w', 'x', 'z']);
    expect(names(sortRuns(rs, 'params', 'desc'))).toEqual(['x', 'z', 'y', 'w']);
  });

  it('returns a new array and leaves the input as it was', () => {
    const rs = [run('b', { createdAt: 2 }), run('a', { createdAt: 1 })];
    const sorted = sortRuns(rs, 'createdAt', 'asc');
    expect(names(sorted)).toEqual(['a', 'b']);
    expect(names(rs)).toEqual(['b', 'a']);
  });
});
