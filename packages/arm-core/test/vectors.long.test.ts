import { describe, expect, it } from 'vitest';
import { readVectors, VectorRunner } from './support/vectors.js';

describe('reference vectors from the unicorn ARM926 model (210 000)', () => {
  it('every vector matches', () => {
    const vectors = [1, 2, 3].flatMap((n) => readVectors(new URL(`./data/vectors-long-${n}.bin.gz`, import.meta.url)));
    expect(vectors.length).toBeGreaterThanOrEqual(200000);
    const runner = new VectorRunner();
    const bad: string[] = [];
    for (const v of vectors) {
      const d = runner.check(v);
      if (d !== null) bad.push(d);
    }
    expect(bad.length, bad.slice(0, 10).join('\n')).toBe(0);
  }, 600_000);
});
