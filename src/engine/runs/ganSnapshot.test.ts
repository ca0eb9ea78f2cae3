import { describe, expect, it } from 'vitest';
import { ganSnapshot } from './ganSnapshot';
import { SNAPSHOT_MAX_SAMPLES } from './record';

const grid = (channels: number) => {
  const count = SNAPSHOT_MAX_SAMPLES + 4;
  const size = 2 * 2 * channels;
  return {
    kind: 'ganSamples' as const,
    step: 7,
    count,
    h: 2,
    w: 2,
    channels,
    pixels: Uint8Array.from({ length: count * size }, (_, i) => Math.floor(i / size)),
    interpolation: null,
    interpolationSteps: 0,
    diversity: 1,
  };
};

describe('ganSnapshot', () => {
  it('keeps the first samples whole, grey or colour', () => {
    for (const channels of [1, 3]) {
      const s = ganSnapshot(grid(channels), null).samples!;
      expect(s.count).toBe(SNAPSHOT_MAX_SAMPLES);
      expect(s.channels).toBe(channels);
      expect(s.pixels.length).toBe(SNAPSHOT_MAX_SAMPLES * 4 * channels);
      // The last kept byte belongs to the last kept sample.
      expect(s.pixels[s.pixels.length - 1]).toBe(SNAPSHOT_MAX_SAMPLES - 1);
    }
  });
});
