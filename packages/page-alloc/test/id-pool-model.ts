/** Boolean-array model and fast-check steps for IdPool; shared by default and long suites. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { IdPool, PageAllocError } from '../src/index.js';

/** One step of an id-pool scenario. */
export type IdStep =
  | { readonly op: 'alloc' }
  | { readonly op: 'claim'; readonly pick: number }
  | { readonly op: 'free'; readonly pick: number }
  | { readonly op: 'range'; readonly count: number; readonly alignLog: number }
  | { readonly op: 'freeRange'; readonly pick: number; readonly count: number }
  | { readonly op: 'fork' };

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
/** Arbitrary id-pool steps. */
export const idStepArb: fc.Arbitrary<IdStep> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('alloc' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('claim' as const), pick: unit }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('free' as const), pick: unit }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('range' as const), count: fc.integer({ min: 1, max: 70 }), alignLog: fc.integer({ min: 0, max: 5 }) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('freeRange' as const), pick: unit, count: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('fork' as const) }) },
);

function code(fn: () => void): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PageAllocError);
    return (e as PageAllocError).code;
  }
  return undefined;
}

/** Runs `steps` on an IdPool and a boolean-array model side by side. */
export function runIdScenario(capacity: number, firstId: number, steps: readonly IdStep[]): void {
  let pool = new IdPool(capacity, { firstId });
  let used = new Array<boolean>(capacity).fill(false);
  const lowestFree = (): number => used.indexOf(false);
  for (const step of steps) {
    switch (step.op) {
      case 'alloc': {
        const want = lowestFree();
        expect(pool.allocate()).toBe(want < 0 ? -1 : want + firstId);
        if (want >= 0) used[want] = true;
        break;
      }
      case 'claim': {
        const i = Math.floor(step.pick * capacity);
        expect(pool.claim(i + firstId)).toBe(!used[i]);
        used[i] = true;
        break;
      }
      case 'free': {
        const i = Math.floor(step.pick * capacity);
        const c = code(() => { pool.free(i + firstId); });
        expect(c).toBe(used[i] ? undefined : 'double-free');
        used[i] = false;
        break;
      }
      case 'range': {
        const align = 1 << step.alignLog;
        let want = -1;
        if (step.count <= capacity) {
          for (let s = 0; s + step.count <= capacity; s++) {
            if ((s + firstId) % align !== 0) continue;
            if (used.slice(s, s + step.count).every((u) => !u)) {
              want = s;
              break;
            }
          }
          expect(pool.allocateRange(step.count, align)).toBe(want < 0 ? -1 : want + firstId);
          if (want >= 0) used.fill(true, want, want + step.count);
        } else {
          expect(code(() => pool.allocateRange(step.count, align))).toBe('bad-size');
        }
        break;
      }
      case 'freeRange': {
        const i = Math.floor(step.pick * capacity);
        const n = step.count;
        const c = code(() => { pool.freeRange(i + firstId, n); });
        if (i + n > capacity) expect(c).toBe('bad-size');
        else if (used.slice(i, i + n).some((u) => !u)) expect(c).toBe('double-free');
        else {
          expect(c).toBeUndefined();
          used.fill(false, i, i + n);
        }
        break;
      }
      case 'fork': {
        const child = pool.clone();
        // The parent keeps changing; the child must not see it and vice versa.
        const snapshot = [...used];
        const got = pool.allocate();
        if (got >= 0) {
          expect(child.isUsed(got)).toBe(false);
          used[got - firstId] = true;
        }
        expect(child.usedIds()).toEqual(snapshot.flatMap((u, i) => (u ? [i + firstId] : [])));
        // Continue with the child half of the time, as the forked process would.
        if (got % 2 === 0) {
          pool = child;
          used = snapshot;
        }
        break;
      }
    }
    expect(pool.usedCount).toBe(used.filter(Boolean).length);
    expect(pool.freeCount).toBe(capacity - pool.usedCount);
  }
  expect(pool.usedIds()).toEqual(used.flatMap((u, i) => (u ? [i + firstId] : [])));
  for (const id of pool.usedIds()) pool.free(id);
  expect(pool.usedCount).toBe(0);
  expect(pool.allocate()).toBe(firstId);
}
