import { describe, expect, it } from 'vitest';
import { getDrawnImage, setDrawnImage, subscribeDrawnImage } from './drawnImage';

describe('drawn image holder', () => {
  it('stores 28×28 pixels and tells subscribers', () => {
    const seen: (Uint8Array | null)[] = [];
    const off = subscribeDrawnImage((p) => seen.push(p));
    const px = new Uint8Array(784).fill(7);
    setDrawnImage(px);
    expect(getDrawnImage()).toBe(px);
    off();
    setDrawnImage(null);
    expect(seen).toEqual([px]);
    expect(getDrawnImage()).toBeNull();
  });
  it('rejects a wrong size', () => {
    expect(() => setDrawnImage(new Uint8Array(10))).toThrow(/28×28/);
  });
});
