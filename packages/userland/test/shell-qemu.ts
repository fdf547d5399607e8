import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellPrograms } from '../src/index.js';

/** A scratch directory with bin/ wrappers that run each shell program (but poweroff) under qemu-arm. */
export interface Scratch {
  readonly dir: string;
  readonly home: string;
  readonly bin: string;
  readonly qemu: string;
  readonly env: NodeJS.ProcessEnv;
  dispose(): void;
}

export function makeScratch(): Scratch {
  const qemu = execFileSync('sh', ['-c', 'command -v qemu-arm']).toString().trim();
  const base = process.platform === 'linux' ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'cz-shell-'));
  const bin = join(dir, 'bin');
  const home = join(dir, 'home');
  mkdirSync(bin);
  mkdirSync(home);
  for (const p of shellPrograms) {
    if (p.name === 'poweroff') continue; // qemu-arm would pass reboot(2) to the host
    const w = join(bin, p.name);
    writeFileSync(w, `#!/bin/sh\nexec "${qemu}" -0 "$0" "${p.path}" "$@"\n`);
    chmodSync(w, 0o755);
  }
  return {
    dir,
    home,
    bin,
    qemu,
    env: { PATH: bin, HOME: '/', LC_ALL: 'C' },
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `sh -t` on `input` under qemu-arm in a fresh scratch directory: the output (stdout and stderr) and "[exit N]". */
export function runSession(input: string): string {
  const s = makeScratch();
  try {
    const outPath = join(s.dir, 'out.txt');
    const inPath = join(s.dir, 'in.txt');
    writeFileSync(inPath, input);
    const out = openSync(outPath, 'w');
    const inp = openSync(inPath, 'r');
    const sh = shellPrograms[0]?.path ?? '';
    const r = spawnSync(s.qemu, ['-0', 'sh', sh, '-t'], { cwd: s.home, env: s.env, stdio: [inp, out, out], timeout: 120_000 });
    closeSync(out);
    closeSync(inp);
    return `${readFileSync(outPath, 'latin1')}[exit ${String(r.status ?? -1)}]\n`;
  } finally {
    s.dispose();
  }
}

const PTY_DRIVER = fileURLToPath(new URL('../../../scripts/test-kit/pty-driver.py', import.meta.url));

/** Runs the shell under qemu-arm on a real pty (through /usr/bin/python3), typing each step and waiting for its text. */
export function runOnPty(steps: readonly [string, string][]): string {
  const s = makeScratch();
  try {
    const sh = shellPrograms[0]?.path ?? '';
    const input = JSON.stringify(steps.map(([send, wait]) => [Buffer.from(send, 'latin1').toString('hex'), wait]));
    return execFileSync('/usr/bin/python3', [PTY_DRIVER, s.home, s.qemu, '-0', 'sh', sh], { input, env: s.env, timeout: 180_000 }).toString('latin1');
  } finally {
    s.dispose();
  }
}
