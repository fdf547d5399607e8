import { describe, expect, it } from 'vitest';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { findLinuxProgram } from '@codezero-ts/userland';
import { ConsoleDevice } from '@codezero-ts/vfs';
import { PosixSystem } from '../src/index.js';
import { boot } from './helpers/boot.js';

/** Boots program `name` of the userland Linux set with `args`. */
function run(name: string, args: readonly string[] = []): ReturnType<typeof boot> {
  const p = findLinuxProgram(name);
  return boot({ init: `/bin/${name}`, argv: [`/bin/${name}`, ...args], envp: p.env, bootLines: false });
}

describe('sleeping, timers and readiness waits (issue 10)', () => {
  it('sleeping processes idle the machine until the next deadline instead of spinning', () => {
    const { output, exit, kernel } = run('sleep');
    expect(output).toContain('woke in order: BCA');
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    // About 1.8 s of guest time passed, but the CPU ran only the programs' own code: the
    // idle time was skipped tick by tick, not spent in a loop of guest instructions.
    expect(exit.instructions).toBeLessThan(2_000_000);
    expect(kernel.pendingTimers).toBe(0);
  });

  it('poll/select waits leave no timer or descriptor wait behind', () => {
    const { exit, kernel, system } = run('poll');
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    expect(kernel.pendingTimers).toBe(0);
    expect(system.checkIntegrity()).toEqual([]);
  });
});

describe('readiness of the console', () => {
  it('select and poll on standard input wait until the host types a line', () => {
    const platform = new VirtualPlatform({ ramSize: 32 << 20 });
    const kernel = new Kernel(platform, { log: () => undefined });
    let out = '';
    const tty = new ConsoleDevice((b) => (out += new TextDecoder().decode(b)));
    const system = new PosixSystem(kernel, platform, {
      consoleDevice: tty,
      files: { '/bin/poll': findLinuxProgram('poll').readBinary() },
      init: '/bin/poll',
      argv: ['/bin/poll', 'console'],
      bootLines: false,
    });
    expect(system.run().reason).toBe('idle'); // select waits for input
    expect(out).toBe('');
    tty.push('first\n');
    expect(system.run().reason).toBe('idle'); // then poll waits
    expect(out).toBe('select: 1, read 6 bytes: first\n');
    tty.push('second\n');
    expect(system.run()).toMatchObject({ reason: 'exited', status: 0 });
    expect(out).toBe('select: 1, read 6 bytes: first\npoll: 1 (IN), read 7 bytes: second\n');
    expect(kernel.pendingTimers).toBe(0);
  });
});

describe('mremap', () => {
  it('grows in place when the following pages are free (qemu-arm always moves, so this is not in the golden)', () => {
    const { output, exit } = run('mremap', ['inplace']);
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    expect(output.split('\n')[0]).toBe('grow: in place');
  });

  it('fails with the errors of Linux (where qemu-arm differs)', () => {
    const { output, exit } = run('mremap', ['errors']);
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    for (const line of [
      'unaligned old address: EINVAL',
      'unknown flag: EINVAL',
      'FIXED without MAYMOVE: EINVAL',
      'new size 0: EINVAL',
      'overlapping FIXED target: EINVAL',
      'unmapped old range: EFAULT',
    ]) {
      expect(output).toContain(`${line}\n`);
    }
  });
});
