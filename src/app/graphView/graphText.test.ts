import { describe, expect, it } from 'vitest';
import type { NodeInfo } from '../../engine/graph/shapes';
import type { Shape } from '../../engine/graph/types';
import { paramsText, shapeText } from './graphText';

/** Only the output shape matters to shapeText. */
const withOutput = (output: Shape | null) => ({ output }) as NodeInfo;

describe('graph text', () => {
  it('counts parameters in English, singular for one', () => {
    expect(paramsText(1)).toBe('1 param');
    expect(paramsText(0)).toBe('0 params');
    expect(paramsText(25_120)).toBe('25,120 params');
  });

  it('writes a shape with the × sign, and ? while it is unknown', () => {
    expect(shapeText(withOutput([28, 28, 8]))).toBe('28×28×8');
    expect(shapeText(withOutput(null))).toBe('?');
    expect(shapeText(undefined)).toBe('?');
  });
});
