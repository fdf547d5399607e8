import { findL4Image, l4Images } from '@codezero-ts/userland';
import { describe, expect, it } from 'vitest';
import { bootL4 } from '../src/index.js';

const MiB = 1024 * 1024;
const boot = (name: string) => bootL4({ elf: findL4Image(name).readImage(), ramSize: 32 * MiB, maxInstructions: 200_000_000 });
const results = new Map<string, ReturnType<typeof boot>>();
/** Each program's first run, shared by the tests below. */
const firstRun = (name: string): ReturnType<typeof boot> => {
  let r = results.get(name);
  if (r === undefined) {
    r = boot(name);
    results.set(name, r);
  }
  return r;
};

describe('the userland L4 programs on the PB926 platform', () => {
  for (const image of l4Images) {
    it(`${image.name}: the console equals the expected output, status 0`, () => {
      const result = firstRun(image.name);
      expect(result.console).toBe(image.readExpected());
      expect(result).toMatchObject({ status: 0, outcome: 'idle' });
    });
  }

  it('l4-test-suite prints every PASSED line of the spec in order, with the kernel’s page-fault line, identically on every run', () => {
    const first = firstRun('l4-test-suite');
    const lines = first.console.split('\n').filter((l) => !l.startsWith('code0: ') && l !== '');
    expect(lines).toEqual([
      'THREAD CONTROL:            -- PASSED --',
      'Thread (3) page-faulted and got interrupted by its pager.',
      'GETID:                     -- PASSED --',
      'EXCHANGE REGISTERS:        -- PASSED --',
      'MAP/UNMAP:                 -- PASSED --',
      'IPC:                       -- PASSED --',
      'USERSPACE MUTEX:           -- PASSED --',
      'CACHE CONTROL:             -- PASSED --',
      'Test parent thread exiting...',
    ]);
    const second = boot('l4-test-suite');
    expect(second).toEqual(first);
    expect(first.ticks).toBeGreaterThan(0);
  });
});
