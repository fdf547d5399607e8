import { describe, expect, it } from 'vitest';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { Tty } from '@codezero-ts/vfs';
import { findLinuxProgram, findShellProgram, linuxTtyPrograms } from '@codezero-ts/userland';
import { PosixSystem } from '../src/index.js';
import { allPrograms, boot } from './helpers/boot.js';

/** Boots /sbin/init on a vfs Tty console; init runs `program` in the foreground, then a shell that reads end of file. */
function onTerminal(program: string): { screen: string; status: number | undefined } {
  let screen = '';
  const dec = new TextDecoder();
  const tty = new Tty({ sink: (b) => (screen += dec.decode(b)) });
  tty.endOfInput();
  const files: Record<string, Uint8Array> = { ...allPrograms(), '/sbin/init': findShellProgram('init').readBinary(), '/bin/sh': findShellProgram('sh').readBinary() };
  for (const p of linuxTtyPrograms) files[`/bin/${p.name}`] = p.readBinary();
  const { exit } = boot({ files, init: '/sbin/init', argv: ['/sbin/init', program], bootLines: false, consoleDevice: tty });
  return { screen: screen.replace(/\r\n/g, '\n'), status: exit.reason === 'exited' ? exit.status : undefined };
}

describe('terminal job control (SIGTTIN, SIGTTOU)', () => {
  it('sigttio under init on a terminal shows what qemu-arm showed on a pseudo-terminal', () => {
    const p = linuxTtyPrograms.find((x) => x.name === 'sigttio')!;
    const { screen, status } = onTerminal('/bin/sigttio');
    // The golden ends with the program's exit; here init goes on to a shell, which reads EOF.
    const golden = p.readGolden().replace(/\[exit 0\]\n$/, '');
    expect(screen.slice(0, golden.length)).toBe(golden);
    expect(screen.slice(golden.length)).not.toContain('init:');
    expect(status).toBe(0);
  });
});

describe('^Z and fg of a program looping in user code', () => {
  it('a counting loop with no system call stops at ^Z at once and fg lets it finish', () => {
    let screen = '';
    const dec = new TextDecoder();
    const enc = new TextEncoder();
    let system: PosixSystem | null = null;
    const tty = new Tty({ sink: (b) => (screen += dec.decode(b)), onSignal: (sig, pgrp) => system?.signalGroup(pgrp, sig) });
    const platform = new VirtualPlatform({ ramSize: 32 << 20 });
    const kernel = new Kernel(platform, { log: () => undefined });
    const files = { '/bin/sh': findShellProgram('sh').readBinary(), '/bin/sigasync': findLinuxProgram('sigasync').readBinary() };
    system = new PosixSystem(kernel, platform, { files, init: '/bin/sh', argv: ['sh'], bootLines: false, consoleDevice: tty });
    expect(system.run().reason).toBe('idle'); // the prompt
    tty.input(enc.encode('sigasync count 4000000\n'));
    // It counts in user code (about 20 M instructions in all): stop it early.
    expect(system.run(3_000_000).reason).toBe('budget');
    expect(screen).toContain('counting to 4000000');
    tty.input(new Uint8Array([0x1a])); // ^Z
    // Taken before the loop's next instruction: the shell reports the stop and waits.
    expect(system.run(20_000_000).reason).toBe('idle');
    expect(screen).toMatch(/\^Z\r\n\[1\] Stopped\s+sigasync count 4000000\r\n\$ $/);
    expect(screen).not.toContain('counted');
    tty.input(enc.encode('fg\n'));
    expect(system.run(100_000_000).reason).toBe('idle');
    expect(screen).toMatch(/counted to 4000000\r\n\$ $/);
  });
});
