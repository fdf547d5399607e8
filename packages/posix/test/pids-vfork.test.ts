import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PID_MAX, PidAllocator, RESERVED_PIDS } from '../src/internal/pids.js';
import { boot } from './helpers/boot.js';

describe('PidAllocator', () => {
  it('gives 1, 2, 3… in order and skips ids in use', () => {
    const a = new PidAllocator();
    const used = new Set([3]);
    const got = [1, 2, 3, 4].map(() => a.allocate((id) => used.has(id)));
    expect(got).toEqual([1, 2, 4, 5]);
  });

  it('does not reuse a freed id until it wraps, then restarts at RESERVED_PIDS', () => {
    const a = new PidAllocator();
    let last = 0;
    for (let i = 1; i < PID_MAX; i++) last = a.allocate(() => false);
    expect(last).toBe(PID_MAX - 1);
    expect(a.allocate(() => false)).toBe(RESERVED_PIDS);
  });

  it('returns -1 when every id is taken', () => {
    const a = new PidAllocator(8, 2);
    expect(a.allocate(() => true)).toBe(-1);
  });

  it('never gives a live id, and gives one whenever one is free (model)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(-1), fc.nat(20)), { maxLength: 200 }), (ops) => {
        const max = 16;
        const a = new PidAllocator(max, 4);
        const live = new Set<number>();
        let last = 0;
        for (const op of ops) {
          if (op >= 0) {
            live.delete(op);
            continue;
          }
          const id = a.allocate((x) => live.has(x));
          if (live.size >= max - 1) {
            expect(id).toBe(-1);
            continue;
          }
          expect(id).toBeGreaterThan(0);
          expect(id).toBeLessThan(max);
          expect(live.has(id)).toBe(false);
          // Increasing, except for a wrap (back to 4 or above).
          if (id <= last) expect(id).toBeGreaterThanOrEqual(4);
          last = id;
          live.add(id);
        }
      }),
    );
  });
});

describe('Linux pids on the booted system', () => {
  it('init is pid 1 and CLONE_PARENT from init is EINVAL', () => {
    const { output, exit } = boot({ init: '/bin/vfork', argv: ['/bin/vfork', 'as-init'], bootLines: false });
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    expect(output).toBe('init: pid 1, clone(CLONE_PARENT) EINVAL\n');
  });

  it('threads get Linux tids from the same space as pids', () => {
    const lines: string[] = [];
    const { exit } = boot({ init: '/bin/threads', argv: ['/bin/threads'], bootLines: false, trace: (l) => lines.push(l) });
    expect(exit.reason).toBe('exited');
    const tids = lines.flatMap((l) => /^\[1\] clone thread -> (\d+)$/.exec(l)?.[1] ?? []).map(Number);
    expect(tids.length).toBeGreaterThan(1);
    expect(tids[0]).toBe(2);
    // Increasing while the ids are far from pid_max: a live or recent id is not given again.
    for (let i = 1; i < tids.length; i++) expect(tids[i]).toBeGreaterThan(tids[i - 1]!);
  });

  it('an unresolvable fault names the Linux pid', () => {
    const { output } = boot({ init: '/bin/signals', argv: ['/bin/signals'], bootLines: false });
    expect(output).toMatch(/^mm0: pid \d+ \(signals\) killed by signal 11: unresolvable page fault at 0x00000000/m);
  });
});

describe('vfork, clone(CLONE_VM) and CLONE_PARENT with Linux semantics', () => {
  it('shares memory with the suspended parent until exec or exit', () => {
    const { output, exit, system } = boot({ init: '/bin/vfork', argv: ['/bin/vfork', 'linux'], bootLines: false });
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    expect(output).toBe(
      [
        'vfork: parent sees the child\'s write: yes',
        'vfork: returned the child\'s pid: yes',
        'vfork: child\'s ppid == my pid: yes',
        'vfork: parent resumed after the child exited: yes',
        'vfork: the waiting parent\'s state in /proc: D',
        'vfork: child _exit status 7',
        'exec\'d child: ppid == vfork parent: yes',
        'vfork+exec: parent resumed after the child\'s execve began: yes',
        'vfork+exec: exit status 5',
        'clone(CLONE_VM|CLONE_VFORK): parent sees the child\'s write: yes',
        'clone(CLONE_VM|CLONE_VFORK): exit status 3',
        'clone(CLONE_VM): a process sharing memory, exit status 3',
        'exec\'d child: ppid == vfork parent: yes',
        'posix_spawn: ok',
        'posix_spawn: exit status 5',
        'waitpid(0) reaps the child of my group: yes, status 22',
        'waitpid(0) with only another group\'s child left: ECHILD',
        'waitpid(-pgid) reaps the child of that group: yes, status 21',
        'waitpid(-1) after both: ECHILD',
        'CLONE_PARENT: the middle process cannot wait for it: yes',
        'CLONE_PARENT: child\'s ppid == my pid: yes',
        'CLONE_PARENT: its SIGCHLD came to me: yes',
        '',
      ].join('\n'),
    );
    const st = system.stats();
    expect(st.processes).toBe(0);
    expect(st.freeFrames).toBe(st.totalFrames - 1);
    expect(system.checkIntegrity()).toEqual([]);
  });
});
