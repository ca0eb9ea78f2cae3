import { describe, expect, it } from 'vitest';
import { gaussian, gaussianPair, mulberry32, permutation, randInt, shuffleInPlace } from './random';

describe('mulberry32', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 50 }, a);
    expect(Array.from({ length: 50 }, b)).toEqual(sa);
    expect(Array.from({ length: 50 }, c)).not.toEqual(sa);
  });

  it('gives floats in [0, 1) spread over the range', () => {
    const r = mulberry32(7);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 20000; i++) {
      const v = r();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      bins[Math.floor(v * 10)]! += 1;
    }
    for (const n of bins) expect(Math.abs(n - 2000)).toBeLessThan(200);
  });
});

describe('gaussian', () => {
  it('has roughly the asked mean and standard deviation', () => {
    const r = mulberry32(1);
    const xs = Array.from({ length: 20000 }, () => gaussian(r, 3, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(3, 1);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
  });

  it('gaussianPair gives two uncorrelated unit normals', () => {
    const r = mulberry32(2);
    const pair: [number, number] = [0, 0];
    let s0 = 0;
    let s1 = 0;
    let s01 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      gaussianPair(r, pair);
      s0 += pair[0] ** 2;
      s1 += pair[1] ** 2;
      s01 += pair[0] * pair[1];
    }
    expect(Math.abs(s0 / n - 1)).toBeLessThan(0.05);
    expect(Math.abs(s1 / n - 1)).toBeLessThan(0.05);
    expect(Math.abs(s01 / n)).toBeLessThan(0.03);
  });
});

describe('shuffles', () => {
  it('permutation holds every index once and depends on the seed', () => {
    const p = permutation(1000, mulberry32(5));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...p]).not.toEqual([...permutation(1000, mulberry32(6))]);
    expect([...p]).toEqual([...permutation(1000, mulberry32(5))]);
  });

  it('shuffleInPlace keeps the elements', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i);
    const out = shuffleInPlace([...xs], mulberry32(9));
    expect(out).not.toEqual(xs);
    expect([...out].sort((a, b) => a - b)).toEqual(xs);
  });

  it('shuffleInPlace gives the same order for a seed on arrays and typed arrays (pinned: batch order)', () => {
    const pinned = [0, 7, 3, 5, 2, 1, 8, 9, 4, 6];
    const ints = Int32Array.from({ length: 10 }, (_, i) => i);
    expect([...shuffleInPlace(ints, mulberry32(42))]).toEqual(pinned);
    expect(
      shuffleInPlace(
        Array.from({ length: 10 }, (_, i) => i),
        mulberry32(42),
      ),
    ).toEqual(pinned);
    expect([...permutation(10, mulberry32(42))]).toEqual(pinned);
  });

  it('randInt stays in range and hits both ends', () => {
    const r = mulberry32(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(randInt(r, 5));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
