import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { runBootPosix } from '../src/commands/boot-posix.js';
import type { ConsoleHost } from '../src/commands/console-host.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

/** A piped standard input: `text` arrives at once, then the end of input. */
function piped(text: string): ConsoleHost {
  return {
    interactive: false,
    input: {
      start(onData, onEnd) {
        queueMicrotask(() => {
          onData(new TextEncoder().encode(text));
          onEnd();
        });
      },
      stop: () => undefined,
    },
  };
}

const options = { init: null, tests: [], ramSize: 32 << 20, maxInstructions: Infinity, trace: false, stats: false };

describe('codezero boot: the interactive system (init → sh on the console)', () => {
  it('runs a scripted session from piped input line by line and powers off with status 0', async () => {
    const c = capture();
    const script = 'ls /\necho hi | cat\ncat /proc/vmstat\nps\necho $?\npoweroff\n';
    const status = await runBootPosix({ ...options, stats: true }, c.io, piped(script));
    expect(status).toBe(0);
    const out = c.out.join('');
    expect(out).not.toContain('\r');
    const session = out.slice(out.indexOf('$ '));
    expect(session).toMatch(/^\$ ls \/\nbin\ndev\nproc\nsbin\ntmp\n\$ echo hi \| cat\nhi\n\$ cat \/proc\/vmstat\n/);
    for (const name of ['frames_total', 'frames_free', 'vm_objects', 'page_faults', 'ipc_calls', 'processes']) {
      expect(session).toMatch(new RegExp(`^${name} \\d+$`, 'm'));
    }
    expect(session).toMatch(/\$ ps\n {2}PID {2}PPID {2}PGRP S COMMAND\n {4}1 {5}0 {5}1 S init\n {4}\d+ {5}1 +\d+ S sh\n +\d+ +\d+ +\d+ R ps\n\$ echo \$\?\n0\n\$ poweroff\n$/);
    expect(c.err.join('')).toMatch(/^first prompt: [\d.]+ s \(\d+ instructions\), instructions: /);
    // init and sh are still there at the power-off: they hold frames and vm objects
    const held = /frames in use: (\d+) \((\d+) at boot\), vm objects: (\d+) \((\d+) at boot\)/.exec(c.err.join(''));
    expect(held).not.toBeNull();
    const [frames, bootFrames, objects, bootObjects] = held!.slice(1).map(Number);
    expect(bootFrames).toBeGreaterThan(0);
    expect(frames).toBeGreaterThan(bootFrames!);
    expect(bootObjects).toBeGreaterThan(0);
    expect(objects).toBeGreaterThan(bootObjects!);
  });

  it('the end of input ends the shell, and init powers off', async () => {
    const c = capture();
    expect(await runBootPosix(options, c.io, piped('echo bye\n'))).toBe(0);
    expect(c.out.join('')).toMatch(/\$ echo bye\nbye\n\$ \n?$/);
    // No input at all: the shell reads end of file at once.
    const d = capture();
    expect(await runBootPosix(options, d.io, null)).toBe(0);
    expect(d.out.join('')).toMatch(/\n\$ \n?$/);
  });

  it('--test runs a boot-time program before the shell', async () => {
    const c = capture();
    expect(await runBootPosix({ ...options, tests: ['hello'] }, c.io, piped('exit\n'))).toBe(0);
    const out = c.out.join('');
    expect(out).toContain('hello, world\n');
    expect(out).toContain('init: /bin/hello exited with status 7\n');
    expect(out.indexOf('hello, world')).toBeLessThan(out.indexOf('$ exit'));
  });

  it('^C in the input interrupts the foreground program (status 130)', async () => {
    const c = capture();
    expect(await runBootPosix(options, c.io, piped('cat\n\x03echo $?\n'))).toBe(0);
    expect(c.out.join('')).toContain('$ cat\n^C\n$ echo $?\n130\n');
    // A busy program (it never waits for input) gets the ^C while it runs.
    const d = capture();
    expect(await runBootPosix(options, d.io, piped('loop getpid 1000000000\n\x03echo $?\n'))).toBe(0);
    expect(d.out.join('')).toContain('$ loop getpid 1000000000\n^C\n$ echo $?\n130\n');
  });

  it('^Z stops the foreground job, jobs lists it, fg continues it', async () => {
    const c = capture();
    expect(await runBootPosix(options, c.io, piped('cat\n\x1ajobs\nfg\nabc\n\x03echo $?\n'))).toBe(0);
    expect(c.out.join('')).toContain('$ cat\n^Z\n[1] Stopped cat\n$ jobs\n[1] Stopped cat\n$ fg\ncat\nabc\nabc\n^C\n$ echo $?\n130\n');
  });

  it('the detach key ends a run with a busy guest on an attached terminal: status 125, raw mode off', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const raw: boolean[] = [];
    const typed = { command: false, detach: false };
    let type: ((b: Uint8Array) => void) | null = null;
    let detach: (() => void) | null = null;
    const io = {
      stdout: (t: string) => {
        out.push(t);
        const all = out.join('');
        if (!typed.command && all.endsWith('$ ')) {
          typed.command = true;
          type?.(new TextEncoder().encode('loop getpid 1000000000\r'));
        } else if (typed.command && !typed.detach && all.includes('loop getpid 1000000000\n')) {
          // The program is running (it never waits): detach while it is busy.
          typed.detach = true;
          setTimeout(() => detach?.(), 0);
        }
      },
      stderr: (t: string) => err.push(t),
    };
    const host: ConsoleHost = {
      interactive: true,
      input: {
        start(onData, _onEnd, onDetach) {
          type = onData;
          detach = onDetach ?? null;
        },
        stop: () => undefined,
      },
      setRaw: (on) => raw.push(on),
    };
    expect(await runBootPosix({ ...options, stats: true }, io, host)).toBe(125);
    expect(typed.detach).toBe(true);
    // The program was running (busy with system calls) when the key came.
    const calls = /Linux system calls: (\d+)/.exec(err.join(''));
    expect(Number(calls?.[1])).toBeGreaterThan(2000);
    expect(raw).toEqual([true, false]);
    expect(err[0]).toBe('codezero: console attached; Ctrl-] detaches (exit status 125)\n');
    expect(err.join('')).toContain('codezero boot: detached (Ctrl-]); the guest was stopped\n');
  });

  it('says what boot does in --help', async () => {
    const c = capture();
    expect((await runCli(['boot', '--help'], c.io)).exitCode).toBe(0);
    const text = c.out.join('');
    expect(text).toContain('/sbin/init');
    expect(text).toContain("printf 'ls /\\npoweroff\\n' | codezero boot");
    expect(text).toContain('--test <name|file>');
    expect(text).toContain('Detach key: Ctrl-]');
  });
});
