import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const DRIVER = fileURLToPath(new URL('pty-driver.py', import.meta.url));

/** What a real Linux pseudo-terminal did with one input: its echo and successive reads (null = 0 bytes). */
export interface PtyOutcome {
  readonly echo: string;
  readonly reads: (string | null)[];
}

/** True when the host can run the pty driver (Linux with /usr/bin/python3). */
export function ptyAvailable(): boolean {
  if (process.platform !== 'linux' || !existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import pty; pty.openpty()'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const hex = (s: string): string => Buffer.from(s, 'latin1').toString('hex');
const unhex = (h: string): string => Buffer.from(h, 'hex').toString('latin1');

/** Runs every input through its own Linux pty (n_tty, default termios) and returns the outcomes. */
export function runOnLinuxPty(inputs: readonly string[]): PtyOutcome[] {
  const out = execFileSync(PYTHON, [DRIVER], { input: JSON.stringify(inputs.map(hex)), maxBuffer: 64 << 20 });
  const parsed = JSON.parse(out.toString()) as { echo: string; reads: (string | null)[] }[];
  return parsed.map((r) => ({ echo: unhex(r.echo), reads: r.reads.map((x) => (x === null ? null : unhex(x))) }));
}
