import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { Tty } from '@codezero-ts/vfs';
import { PosixSystem } from '../src/index.js';

const bin = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../userland/shell/bin/${name}`, import.meta.url)));
const files = { '/bin/sh': bin('sh'), '/bin/ps': bin('ps'), '/bin/vmstat': bin('vmstat'), '/bin/cat': bin('cat'), '/bin/ls': bin('ls') };
const dec = new TextDecoder();

function boot(argv: string[], consoleDevice?: Tty, out?: { text: string }): PosixSystem {
  const platform = new VirtualPlatform({ ramSize: 32 << 20 });
  const kernel = new Kernel(platform, { log: () => undefined });
  const sink = out ?? { text: '' };
  return new PosixSystem(kernel, platform, {
    files,
    init: '/bin/sh',
    argv,
    bootLines: false,
    console: (b) => (sink.text += dec.decode(b)),
    ...(consoleDevice === undefined ? {} : { consoleDevice }),
  });
}

describe('/proc', () => {
  it('ps lists the processes from /proc/<pid>/stat, vmstat reads /proc/vmstat', () => {
    const out = { text: '' };
    const system = boot(['sh', '-c', 'ps; vmstat; ls /proc'], undefined, out);
    expect(system.run()).toMatchObject({ reason: 'exited', status: 0 });
    const lines = out.text.split('\n');
    expect(lines[0]).toMatch(/PID\s+PPID\s+PGRP\s+S\s+COMMAND/);
    // init (the shell here) is pid 1, its children are pids 2, 3, 4 in order.
    expect(lines.some((l) => /^\s*1\s+0\s+1\s+S\s+sh$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s*2\s+1\s+\d+\s+R\s+ps$/.test(l))).toBe(true);
    for (const name of ['frames_total', 'frames_free', 'vm_objects', 'page_faults', 'ipc_calls', 'processes']) {
      expect(out.text).toMatch(new RegExp(`^${name}\\s+[1-9]\\d*$`, 'm'));
    }
    // ls /proc after ps and vmstat ended: only the shell and ls itself are left.
    const tail = lines.slice(lines.findIndex((l) => l.startsWith('processes')) + 1).filter((l) => l !== '');
    expect(tail).toHaveLength(3);
    expect(tail[0]).toBe('1');
    expect(tail[1]).toBe('4');
    expect(tail[2]).toBe('vmstat');
  });

  it('a terminal ^C terminates the foreground group through signalGroup', () => {
    const out = { text: '' };
    let system: PosixSystem | null = null;
    const tty = new Tty({ sink: (b) => (out.text += dec.decode(b)), onSignal: (sig, pgrp) => system?.signalGroup(pgrp, sig) });
    system = boot(['sh'], tty, out);
    expect(system.run().reason).toBe('idle'); // the prompt
    expect(out.text).toBe('$ ');
    tty.input(new TextEncoder().encode('cat\n'));
    expect(system.run().reason).toBe('idle'); // cat waits for input
    tty.input(new Uint8Array([3])); // ^C
    expect(system.run().reason).toBe('idle');
    tty.input(new TextEncoder().encode('exit $?\n'));
    expect(system.run()).toMatchObject({ reason: 'exited', status: 130 });
    expect(out.text).toBe('$ cat\r\n^C\r\n$ exit $?\r\n');
  });
});
