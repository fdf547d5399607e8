import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { Tty } from '@codezero-ts/vfs';
import { findLinuxProgram } from '@codezero-ts/userland';
import { PosixError, PosixSystem, bootPosix } from '../src/index.js';
import { boot } from './helpers/boot.js';

const hello = findLinuxProgram('hello');

describe('PosixSystem', () => {
  it('prints the boot lines; mm0 is thread 1 and init thread 2', () => {
    const { output, exit, kernel } = boot({ init: '/bin/hello', argv: ['/bin/hello'] });
    expect(output.split('\n').slice(0, 4)).toEqual([
      'mm0: Started with thread id 1',
      'mm0: Mounted memfs root filesystem.',
      'mm0: Memory/Process manager initialized. Listening requests.',
      'hello, world',
    ]);
    expect(exit).toMatchObject({ reason: 'exited', status: 7 });
    expect(exit.instructions).toBeGreaterThan(1000);
    expect(kernel.thread(1)?.name).toBe('mm0');
    expect(kernel.thread(3)?.name).toBe('fs0');
  });

  it('init is pid 1 (its kernel thread is 2)', () => {
    const { output } = boot({ init: '/bin/hello', argv: ['/bin/hello'], bootLines: false, trace: true });
    expect(output).toMatch(/^\[1\] brk\(0x0/m);
  });

  it('traces system calls and reports unknown ones, which return -ENOSYS', () => {
    const lines: string[] = [];
    const { exit } = boot({ init: '/bin/hello', argv: ['/bin/hello'], bootLines: false, trace: (l) => lines.push(l) });
    expect(exit.status).toBe(7);
    expect(lines).toContain('[1] exit_group(0x7, 0x0, 0x7, 0x0) = ?');
    expect(lines).toContain('[1] write(0x1, 0xbeefdd5c, 0x7, 0x1) = 7');
    expect(lines.some((l) => /^\[1\] fault 0x[0-9a-f]{8} pc 0x[0-9a-f]{8} (read|write) = 0$/.test(l))).toBe(true);
    // set_robust_list and rseq are known and refused; nothing hello does is unknown.
    expect(lines.filter((l) => l.endsWith('(unknown)'))).toEqual([]);
    expect(lines.some((l) => l.startsWith('[1] rseq(') && l.endsWith(' = -38'))).toBe(true);
  });

  it('is deterministic: two boots give the same output and instruction count', () => {
    const a = boot({ init: '/bin/fork-wait', argv: ['/bin/fork-wait'] });
    const b = boot({ init: '/bin/fork-wait', argv: ['/bin/fork-wait'] });
    expect(a.output).toBe(b.output);
    expect(a.exit).toEqual(b.exit);
  });

  it('fork beyond the process limit fails with EAGAIN and the system goes on', () => {
    const { output, exit, system } = boot({ init: '/bin/fork-wait', argv: ['/bin/fork-wait'], bootLines: false, maxProcesses: 3 });
    expect(exit).toMatchObject({ reason: 'exited', status: 1 });
    expect(output).toMatch(/^FAILED: pid >= 0 \(line \d+\)$/m);
    // init's exit ends the run; the two children it could fork have not run yet.
    expect(system.stats().processes).toBe(2);
  });

  it('reboot(POWER_OFF) ends the run with status 0', () => {
    const poweroff = new Uint8Array(readFileSync(new URL('../../userland/shell/bin/poweroff', import.meta.url)));
    const lines: string[] = [];
    const { exit } = boot({ files: { '/bin/poweroff': poweroff }, init: '/bin/poweroff', argv: ['/bin/poweroff'], bootLines: false, trace: (l) => lines.push(l) });
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    expect(lines).toContain('[1] reboot: power off');
  });

  it('/dev/console can be another device, such as a vfs Tty', () => {
    let out = '';
    const tty = new Tty({ sink: (b) => (out += new TextDecoder().decode(b)) });
    const { exit, system } = boot({ init: '/bin/hello', argv: ['/bin/hello'], bootLines: false, consoleDevice: tty });
    expect(exit.status).toBe(7);
    expect(system.console).toBe(tty);
    expect(out.replace(/\r\n/g, '\n')).toBe('hello, world\nargc=1\n');
  });

  it('a missing init ends the run at once with status -1', () => {
    const { output, exit } = boot({ init: '/bin/nothing' });
    expect(output).toContain('mm0: cannot start /bin/nothing: error 2');
    expect(exit).toMatchObject({ reason: 'killed', status: -1 });
  });

  it('a file that is not an executable cannot be init', () => {
    const { output, exit } = boot({ init: '/etc/motd', files: { '/etc/motd': new TextEncoder().encode('hi\n') } });
    expect(output).toContain('mm0: /etc/motd: ');
    expect(exit.reason).toBe('killed');
  });

  it('stops at the instruction budget', () => {
    const { exit } = boot({ init: '/bin/threads', argv: ['/bin/threads'] }, 20_000);
    expect(exit.reason).toBe('budget');
    expect(exit.status).toBe(-1);
  });

  it('rejects bad options and a second start', () => {
    const platform = new VirtualPlatform({ ramSize: 16 << 20 });
    const kernel = new Kernel(platform, { log: () => undefined });
    expect(() => new PosixSystem(kernel, platform, { maxProcesses: 0 })).toThrow(PosixError);
    const sys = new PosixSystem(kernel, platform, { files: { '/bin/init': hello.readBinary() }, console: () => undefined });
    sys.start();
    expect(() => {
      sys.start();
    }).toThrow(/already started/);
  });

  it('bootPosix writes to the platform console by default', () => {
    let out = '';
    const platform = new VirtualPlatform({ ramSize: 16 << 20, onConsoleByte: (b) => (out += String.fromCharCode(b)) });
    const kernel = new Kernel(platform, { log: () => undefined });
    const exit = bootPosix(kernel, platform, { files: { '/bin/init': hello.readBinary() }, argv: ['init', 'x'] });
    expect(exit).toMatchObject({ reason: 'exited', status: 7 });
    expect(out).toContain('mm0: Started with thread id 1\n');
    expect(out).toContain('hello, world\nargc=2\nargv[1]=x\n');
  });
});
