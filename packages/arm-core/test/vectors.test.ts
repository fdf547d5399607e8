import { describe, expect, it } from 'vitest';
import { readVectors, VectorRunner } from './support/vectors.js';

describe('reference vectors from the unicorn ARM926 model (5 000)', () => {
  it('every vector matches', () => {
    const vectors = readVectors(new URL('./data/vectors-5k.bin.gz', import.meta.url));
    expect(vectors.length).toBe(5000);
    expect(vectors.some((v) => v.thumb)).toBe(true);
    const runner = new VectorRunner();
    const bad: string[] = [];
    for (const v of vectors) {
      const d = runner.check(v);
      if (d !== null) bad.push(d);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
