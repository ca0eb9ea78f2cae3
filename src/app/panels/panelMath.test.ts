import { describe, expect, it } from 'vitest';
import { clampIndex, runKindOf, stackRows } from './panelMath';

describe('clampIndex', () => {
  it('parses and clamps a typed grid index', () => {
    expect(clampIndex('5', 64)).toBe(5);
    expect(clampIndex('99', 64)).toBe(63);
    expect(clampIndex('-3', 64)).toBe(0);
    expect(clampIndex('', 64)).toBeNull();
    expect(clampIndex('x', 64)).toBeNull();
  });
});

describe('stackRows', () => {
  it('puts all inputs before all outputs, ignoring extra images', () => {
    const inputs = Uint8Array.from([1, 1, 2, 2, 9, 9]);
    const outputs = Uint8Array.from([3, 3, 4, 4, 9, 9]);
    expect([...stackRows(inputs, outputs, 2, 2)]).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });
});

describe('runKindOf', () => {
  it('tells GAN, autoencoder and classifier runs apart', () => {
    expect(runKindOf({ role: 'generator' })).toBe('gan');
    expect(runKindOf({ role: 'discriminator' })).toBe('gan');
    expect(runKindOf({ role: 'autoencoder' })).toBe('autoencoder');
    expect(runKindOf({ role: 'classifier' })).toBe('classifier');
    expect(runKindOf(null)).toBeNull();
  });
});
