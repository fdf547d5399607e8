import { describe, expect, it } from 'vitest';
import { Tty } from '@codezero-ts/vfs';
import { findShellProgram, linuxTtyPrograms } from '@codezero-ts/userland';
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
