import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FreeBitmap } from '../src/internal/free-bitmap.js';

describe('FreeBitmap', () => {
  it('is empty at first and finds the lowest member', () => {
    const b = new FreeBitmap(100);
    expect(b.first()).toBe(-1);
    b.add(77);
    b.add(5);
    expect(b.first()).toBe(5);
    b.remove(5);
    expect(b.first()).toBe(77);
    expect(b.has(77)).toBe(true);
    expect(b.has(5)).toBe(false);
  });

  it('keeps its members across growth through several levels', () => {
    const b = new FreeBitmap(32);
    b.add(31);
    b.grow(40_000); // 3 levels
    expect(b.capacity).toBeGreaterThanOrEqual(40_000);
    expect(b.first()).toBe(31);
    b.add(39_999);
    b.remove(31);
    expect(b.first()).toBe(39_999);
    b.addRange(1000, 70);
    expect(b.first()).toBe(1000);
    b.removeRange(1000, 70);
    expect(b.first()).toBe(39_999);
  });

  it('agrees with a Set model under random operations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('add', 'remove', 'grow', 'take', 'addIfAbsent'), fc.nat({ max: 70_000 })), { maxLength: 300 }),
        (ops) => {
          const b = new FreeBitmap(64);
          const model = new Set<number>();
          for (const [op, n] of ops) {
            if (op === 'grow') b.grow(n + 1);
            const i = n % b.capacity;
            if (op === 'add') {
              b.add(i);
              model.add(i);
            } else if (op === 'remove') {
              b.remove(i);
              model.delete(i);
            } else if (op === 'take') {
              const min = model.size === 0 ? -1 : Math.min(...model);
              expect(b.takeFirst()).toBe(min);
              model.delete(min);
            } else if (op === 'addIfAbsent') {
              expect(b.addIfAbsent(i)).toBe(!model.has(i));
              model.add(i);
            }
            const min = model.size === 0 ? -1 : Math.min(...model);
            expect(b.first()).toBe(min);
            expect(b.has(i)).toBe(model.has(i));
          }
        },
      ),
    );
  });
});
