import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shellPrograms, shellSessions } from '../src/index.js';
import { runOnPty, runSession } from './shell-qemu.js';
import { runQemuTests } from './support-qemu.js';

const hasCompiler = ((): boolean => {
  try {
    execFileSync('sh', ['-c', 'command -v arm-linux-gnueabi-gcc'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('shell sessions under qemu-arm', () => {
  for (const session of shellSessions) {
    it.runIf(runQemuTests)(`${session.name} matches its golden`, () => {
      expect(runSession(session.readInput())).toBe(session.readGolden());
    });
  }

  it.runIf(runQemuTests)('ps lists processes from the host /proc (smoke test: no golden)', () => {
    const out = runSession('ps\n');
    expect(out.startsWith('$ ps\n  PID  PPID  PGRP S COMMAND\n')).toBe(true);
    expect(out).toMatch(/\n *\d+ +\d+ +\d+ [A-Za-z] \S/);
    expect(out.endsWith('$ \n[exit 0]\n')).toBe(true);
  });

  it.runIf(runQemuTests && process.platform === 'linux')('job control on a real terminal: ^C, ^Z, fg, background jobs, exit status', () => {
    // "sh -c 'echo ready; cat'" says when the job runs: a ^C typed before the job owns the
    // terminal would go to the shell, which ignores it.
    const job = "sh -c 'echo ready; cat'\n";
    const t = runOnPty([
      ['echo hi | cat\n', 'hi\r\n$ '],
      [job, 'ready\r\n'],
      ['\x03', '$ '],
      ['echo status $?\n', 'status 130\r\n$ '],
      [job, 'ready\r\n'],
      ['\x1a', '$ '],
      ['jobs\n', '$ '],
      ['fg\n', 'fg\r\nsh -c echo ready; cat\r\n'],
      ['typed\n', 'typed\r\ntyped\r\n'],
      ['\x04', '$ '],
      ['echo status $?\n', 'status 0\r\n$ '],
      ['echo bg > f &\n', '$ '],
      ['wait\n', 'Done echo bg > f\r\n$ '],
      ['cat f\n', 'bg\r\n$ '],
      ['exit 5\n', ''],
    ]);
    expect(t).toContain('ready\r\n^C\r\n$ echo status $?\r\nstatus 130\r\n');
    expect(t).toContain('ready\r\n^Z\r\n[1] Stopped sh -c echo ready; cat\r\n$ jobs\r\n[1] Stopped sh -c echo ready; cat\r\n');
    expect(t).toMatch(/\[1\] \d+\r\n\$ wait\r\n\[1\] Done echo bg > f\r\n/);
    expect(t).toMatch(/\[exit 5\]\n\[ok\]\n$/);
  });
});

describe('shell binaries', () => {
  it.runIf(hasCompiler || process.env.CODEZERO_REQUIRE_TOOLS === '1')('are reproducible: a fresh build gives the committed bytes', () => {
    const out = mkdtempSync(join(tmpdir(), 'cz-shell-build-'));
    try {
      const script = fileURLToPath(new URL('../scripts/build-shell.sh', import.meta.url));
      execFileSync(script, [join(out, 'bin')], { stdio: 'ignore' });
      for (const p of shellPrograms) {
        expect(Buffer.compare(readFileSync(join(out, 'bin', p.name)), readFileSync(p.path)), p.name).toBe(0);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
