import { describe, expect, it } from 'vitest';
import { point } from '../../engine/runs/testPoints';
import { asRunId } from '../../workers/protocol';
import { afterReset } from './resetFence';

const runId = asRunId('r');

describe('afterReset (messages between Reset and the worker confirming it)', () => {
  it("drops the old model's metrics, end state, finish, probes and pausing errors", () => {
    expect(afterReset({ type: 'metrics', runId, points: [point(41)] })).toBe('drop');
    expect(afterReset({ type: 'state', runId, running: false, step: 42, epoch: 0 })).toBe('drop');
    expect(afterReset({ type: 'state', runId, running: true, step: 0, epoch: 0 })).toBe('drop');
    expect(afterReset({ type: 'finished', runId, step: 42, epoch: 1 })).toBe('drop');
    expect(afterReset({ type: 'probe', runId, result: { kind: 'deadRelu', step: 42, layers: [] } })).toBe(
      'drop',
    );
    expect(afterReset({ type: 'error', runId, code: 'nonFinite', message: 'NaN at step 42' })).toBe('drop');
  });

  it("lifts at the fresh model's state (step 0, not running) or when the reset itself fails", () => {
    expect(afterReset({ type: 'state', runId, running: false, step: 0, epoch: 0 })).toBe('lift');
    expect(afterReset({ type: 'error', runId, code: 'internal', message: 'out of memory' })).toBe('lift');
    expect(afterReset({ type: 'notice', runId, message: 'WASM' })).toBe('pass');
  });
});
