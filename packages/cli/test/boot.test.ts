import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findL4Image, findLinuxProgram } from '@codezero-ts/userland';
import { runCli } from '../src/index.js';
import { runBootL4 } from '../src/commands/boot.js';
import { hostThreadTimes } from '../src/commands/host-threads.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { buildElf } from '../../../scripts/test-kit/elf-builder.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'codezero-boot-'));
function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const UART0 = 0x101f1000;
const VA = 0x20000000;

/** Prints `first`, counts down `delay` loop rounds, prints `second`, and destroys itself. */
function program(first: string, delay: number, second: string): Uint8Array {
  const a = new Asm(0x8000);
  a.sub(10, 13, 64).movr(0, 10).ldr(12, 0xfffff024).blx(12); // getid(r10)
  a.mov(0, UART0).mov(1, VA).mov(2, 1).mov(3, 4).ldrw(4, 10, 0).ldr(12, 0xfffff020).blx(12); // map UART0, USR_IO
  const say = (label: string): void => {
    a.ldr(2, label).mov(1, VA).label(`${label}-next`).word(0xe4d20001); // ldrb r0, [r2], #1
    a.cmp(0, 0).b(`${label}-end`, 0x00000000).strw(0, 1, 0).b(`${label}-next`).label(`${label}-end`);
  };
  say('first');
  a.mov(6, delay).label('delay').sub(6, 6, 1).cmp(6, 0).b('delay', 0x10000000);
  say('second');
  a.mov(0, 0x30000000).movr(1, 10).ldr(12, 0xfffff008).blx(12); // thread_control(DESTROY, ids)
  for (const [label, text] of [['first', first], ['second', second]] as const) {
    a.label(label);
    const b = new TextEncoder().encode(`${text}\0\0\0\0`);
    for (let i = 0; i + 4 <= b.length; i += 4) a.word(b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
  }
  return buildElf([{ vaddr: 0x8000, bytes: a.bytes(), flags: 7 }], 0x8000);
}

/** Echoes UART0 input (polling FR.RXFE) until it reads 'q', then destroys itself. */
function echoProgram(): Uint8Array {
  const a = new Asm(0x8000);
  a.sub(10, 13, 64).movr(0, 10).ldr(12, 0xfffff024).blx(12); // getid(r10)
  a.mov(0, UART0).mov(1, VA).mov(2, 1).mov(3, 4).ldrw(4, 10, 0).ldr(12, 0xfffff020).blx(12); // map UART0, USR_IO
  a.mov(11, VA).label('poll').ldrw(5, 11, 0x18).word(0xe3150010).b('poll', 0x10000000); // tst r5, #RXFE; bne poll
  a.ldrw(0, 11, 0).strw(0, 11, 0).cmp(0, 0x71).b('poll', 0x10000000);
  a.mov(0, 0x30000000).movr(1, 10).ldr(12, 0xfffff008).blx(12);
  return buildElf([{ vaddr: 0x8000, bytes: a.bytes(), flags: 7 }], 0x8000);
}

/** Registers UART0's receive interrupt (VIC 12) and waits for it. */
function waitForInputProgram(): Uint8Array {
  const a = new Asm(0x8000);
  a.sub(10, 13, 64).movr(0, 10).ldr(12, 0xfffff024).blx(12);
  a.mov(0, UART0).mov(1, VA).mov(2, 1).mov(3, 4).ldrw(4, 10, 0).ldr(12, 0xfffff020).blx(12);
  a.mov(11, VA).mov(0, 0x10).strw(0, 11, 0x38); // IMSC: RX
  a.mov(0, 0).mov(1, 0).mov(2, 12).ldr(12, 0xfffff018).blx(12); // irq_control REGISTER slot 0, irq 12
  a.mov(0, 2).mov(1, 0).mov(2, 12).ldr(12, 0xfffff018).blx(12); // WAIT
  a.label('spin').b('spin');
  return buildElf([{ vaddr: 0x8000, bytes: a.bytes(), flags: 7 }], 0x8000);
}

describe('codezero boot --l4', () => {
  it('boots an ELF file: the kernel lines and the program on stdout, status 0 when nothing can run', async () => {
    const c = capture();
    const path = file('hello.elf', program('hello, L4\n', 10, 'bye\n'));
    const result = await runCli(['boot', '--l4', path, '--memory', '16M', '--stats'], c.io);
    expect(result.exitCode).toBe(0);
    expect(c.out.join('')).toMatch(/^code0: start kernel\.\.\.\n(code0: .*\n)*hello, L4\nbye\n$/);
    // then, where Linux gives per-thread figures, the host line (its format is checked with test0's boot)
    const host = hostThreadTimes() === undefined ? '' : 'host \\(since the process started\\): .*\\n';
    expect(c.err.join('')).toMatch(
      new RegExp(`^instructions: \\d+, seconds: [0-9.]+, ticks: \\d+, system calls: 3, IPC calls: 0, faults: 0, MIPS: [0-9.]+\\n${host}$`),
    );
  });

  it('boots the userland L4 test suite by name: every PASSED line, status 0', async () => {
    const c = capture();
    const result = await runCli(['boot', '--l4', 'l4-test-suite', '--memory', '32M'], c.io);
    expect(result.exitCode).toBe(0);
    expect(c.out.join('')).toBe(findL4Image('l4-test-suite').readExpected());
    const hello = capture();
    expect((await runCli(['boot', '--l4', 'hello', '--memory', '16M'], hello.io)).exitCode).toBe(0);
    expect(hello.out.join('')).toContain('Hello world from hello_world0!\n');
    const wall = capture();
    expect((await runCli(['boot', '--wall-clock', '--l4', 'l4-threads-demo', '--memory', '16M'], wall.io)).exitCode).toBe(0);
    expect(wall.out.join('')).toBe(findL4Image('l4-threads-demo').readExpected());
  });

  it('streams the console while the program runs', async () => {
    const c = capture();
    // About 3 × 3 M instructions between the two lines: more than one run step.
    const result = await runCli(['boot', '--memory', '16M', '--l4', file('slow.elf', program('early\n', 3_000_000, 'late\n'))], c.io);
    expect(result.exitCode).toBe(0);
    const firstEarly = c.out.findIndex((t) => t.includes('early'));
    const firstLate = c.out.findIndex((t) => t.includes('late'));
    expect(firstEarly).toBeGreaterThanOrEqual(0);
    expect(firstLate).toBeGreaterThan(firstEarly);
  });

  it('feeds standard input to UART0: an echo program prints what it reads', async () => {
    const c = capture();
    const feeder: { feed: ((b: Uint8Array) => void) | null } = { feed: null };
    const input = {
      start: (onData: (b: Uint8Array) => void) => {
        feeder.feed = onData;
      },
      stop: () => undefined,
    };
    const options = { l4: file('echo.elf', echoProgram()), ramSize: 16 << 20, maxInstructions: Infinity, wallClock: false, stats: false };
    const running = runBootL4(options, c.io, input);
    await new Promise((r) => setTimeout(r, 20));
    feeder.feed?.(new TextEncoder().encode('typed!q'));
    expect(await running).toBe(0);
    expect(c.out.join('')).toMatch(/\ntyped!q$/);
  });

  it('stops with a note when every thread waits for an interrupt and no input can come', async () => {
    const c = capture();
    const result = await runCli(['boot', '--memory', '16M', '--l4', file('wait.elf', waitForInputProgram())], c.io);
    expect(result.exitCode).toBe(124);
    expect(c.err.join('')).toContain('every thread waits for an interrupt');
  });

  it('stops at --max-instructions with status 124 and a note on stderr', async () => {
    const c = capture();
    const result = await runCli(['boot', '--memory', '16M', '--max-instructions', '5000', '--l4', file('long.elf', program('a\n', 100_000, 'b\n'))], c.io);
    expect(result.exitCode).toBe(124);
    expect(c.err.join('')).toContain('instruction limit (5000)');
    expect(c.out.join('')).toContain('a\n');
    expect(c.out.join('')).not.toContain('b\n');
  });

  it('errors: one line on stderr, status 2, no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['boot', '--init', 'no-such-program'], /unknown program 'no-such-program' \(available: .*test0/],
      [['boot', '--init', join(dir, 'missing-init')], /cannot read .*missing-init.*no such file/],
      [['boot', '--l4', 'hello', '--init', 'test0'], /--init, --test and --trace belong to the POSIX system/],
      [['boot', '--wall-clock', '--init', 'no-such-program'], /unknown program 'no-such-program'/],
      [['boot', '--init', 'test0', '--test', 'hello'], /--test is run by our init: it cannot be combined with --init/],
      [['boot', '--test', 'no-such-test'], /unknown program 'no-such-test'/],
      [['boot', '--l4', join(dir, 'missing.elf')], /cannot read .*missing\.elf.*no such file/],
      [['boot', '--l4', file('text.elf', new TextEncoder().encode('not an elf'))], /not an ARM ELF executable/],
      [['boot', '--l4', 'no-such-program'], /unknown L4 program 'no-such-program' \(available: l4-hello, .*l4-test-suite/],
      [['boot', '--l4', dir], /cannot read .*is a directory/],
      [['boot', '--memory', 'lots', '--l4', 'x'], /bad --memory/],
      [['boot', '--max-instructions', '0', '--l4', 'x'], /bad --max-instructions/],
    ];
    for (const [argv, pattern] of cases) {
      const c = capture();
      const result = await runCli(argv, c.io);
      expect(result.exitCode, argv.join(' ')).toBe(2);
      const err = c.err.join('');
      expect(err, argv.join(' ')).toMatch(pattern);
      expect(err.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });

  it('explains itself in --help', async () => {
    const c = capture();
    expect((await runCli(['boot', '--help'], c.io)).exitCode).toBe(0);
    const text = c.out.join('');
    expect(text).toContain('--l4 <name|file>');
    expect(text).toContain('--max-instructions');
    expect(text).toContain('124');
    expect(text).toContain('l4-test-suite');
  });
});

describe('codezero boot (the POSIX system)', () => {
  it('boots mm0, fs0 and test0 with --init test0: the spec lines of every test, status 0', async () => {
    const c = capture();
    const before = hostThreadTimes();
    const result = await runCli(['boot', '--init', 'test0', '--memory', '32M', '--stats'], c.io);
    expect(result.exitCode).toBe(0);
    const lines = c.out.join('').split('\n');
    expect(lines.slice(3, 8)).toEqual([
      'mm0: Started with thread id 1',
      'mm0: Mounted memfs root filesystem.',
      'mm0: Memory/Process manager initialized. Listening requests.',
      'test0: Started with thread id 2',
      'test0: Running POSIX API tests.',
    ]);
    expect(lines.filter((l) => l.includes('-- PASSED --'))).toHaveLength(12);
    expect(lines.some((l) => l.includes('FAILED'))).toBe(false);
    // --stats counts the L4 calls of the ARM threads too: each of the USER MUTEX TEST's
    // 16 × 2000 rounds yields once through the syscall page, and the two IPC tests call ipc.
    const stats =
      /Linux system calls: (\d+), page faults: (\d+), frames in use: (\d+) \((\d+) at boot\), vm objects: (\d+) \((\d+) at boot\), L4 system calls: (\d+), IPC calls: (\d+), MIPS: [\d.]+\n/.exec(
        c.err.join(''),
      );
    expect(stats).not.toBeNull();
    const [linux, faults, frames, bootFrames, objects, bootObjects, l4, ipc] = stats!.slice(1).map(Number);
    // every process has exited: frames and vm objects are back to their boot-time counts
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBe(bootFrames);
    expect(objects).toBeGreaterThan(0);
    expect(objects).toBe(bootObjects);
    expect(linux).toBeGreaterThan(500);
    expect(faults).toBeGreaterThan(500);
    expect(l4).toBeGreaterThan(32_000);
    expect(ipc).toBeGreaterThan(0);
    expect(ipc).toBeLessThan(l4!);
    // On Linux the last line gives this process's processor time by thread, read at the end:
    // the main thread's figure has grown by the boot since the one read before it.
    const hostLine = /\nhost \(since the process started\): main thread ([\d.]+) s on a processor and ([\d.]+) s waiting for one, (\d+) helper threads \(V8's compiler, the garbage collector\) ([\d.]+) s\n$/.exec(c.err.join(''));
    if (before === undefined) {
      expect(hostLine).toBeNull();
    } else {
      expect(hostLine).not.toBeNull();
      const [run, wait, helpers, helperRun] = hostLine!.slice(1).map(Number);
      expect(run! * 1000).toBeGreaterThan(before.mainRunMs);
      expect(wait! * 1000).toBeGreaterThanOrEqual(Math.floor(before.mainWaitMs));
      expect(helpers).toBeGreaterThan(0);
      expect(helperRun).toBeGreaterThanOrEqual(0);
    }
  });

  it('runs another init program and exits with its status', async () => {
    const c = capture();
    const result = await runCli(['boot', '--init', 'hello', '--memory', '32M'], c.io);
    expect(result.exitCode).toBe(7);
    expect(c.out.join('')).toContain('hello, world\nargc=1\n');
    // The same binary from a host file: it becomes /bin/myinit.
    const path = file('myinit', new Uint8Array(readFileSync(findLinuxProgram('hello').path)));
    const f = capture();
    expect((await runCli(['boot', '--init', path, '--memory', '32M'], f.io)).exitCode).toBe(7);
    expect(f.out.join('')).toContain('hello, world\n');
  });
});

describe('codezero boot --initramfs, --board and root file system paths', () => {
  it('boots a root file system of the user\'s and runs a program named by its guest path', async () => {
    const { O_CREAT, O_WRONLY, Vfs, packCpio } = await import('@codezero-ts/vfs');
    const vfs = new Vfs();
    const p = vfs.createProcess({ uid: 0, gid: 0, umask: 0o022 });
    p.mkdir('/opt', 0o755);
    const fd = p.open('/opt/hi', O_CREAT | O_WRONLY, 0o755);
    p.write(fd, findLinuxProgram('hello').readBinary());
    p.close(fd);
    const archive = file('root.cpio', packCpio(vfs));
    const c = capture();
    const result = await runCli(['boot', '--board', 'pb926', '--initramfs', archive, '--init', '/opt/hi', '--memory', '32M'], c.io);
    expect(c.out.join('')).toContain('hello, world');
    expect(result.exitCode).toBe(7);
    // Without --init the archive needs /sbin/init.
    const c2 = capture();
    const r2 = await runCli(['boot', '--initramfs', archive], c2.io);
    expect(r2.exitCode).toBe(2);
    expect(c2.err.join('')).toMatch(/has no \/sbin\/init: give --init PATH/);
  });

  it('--init /bin/NAME names a program of the default root file system by its path', async () => {
    const c = capture();
    const result = await runCli(['boot', '--init', '/bin/hello', '--memory', '32M'], c.io);
    expect(result.exitCode).toBe(7);
    expect(c.out.join('')).toContain('hello, world');
  });

  it('rejects an unknown board and a bad archive in one line', async () => {
    for (const [argv, pattern] of [
      [['boot', '--board', 'realview'], /unknown board 'realview' \(available: pb926\)/],
      [['boot', '--initramfs', file('junk.cpio', new TextEncoder().encode('junk'))], /bad --initramfs .*junk\.cpio/],
      [['boot', '--l4', 'hello', '--initramfs', 'x'], /--initramfs belongs to the POSIX system/],
    ] as const) {
      const c = capture();
      const result = await runCli([...argv], c.io);
      expect(result.exitCode, argv.join(' ')).toBe(2);
      expect(c.err.join('').trimEnd().split('\n')).toHaveLength(1);
      expect(c.err.join('')).toMatch(pattern);
    }
  });
});
