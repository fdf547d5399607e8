import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTable } from './support/expect-table.js';
import { hostInterpreter } from './support/host-table.js';

const dir = new URL('./tables/', import.meta.url);

describe('pjdfstest-style expectation tables', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.expect')).sort()) {
    it(name, () => {
      const { failures, steps } = runTable(readFileSync(new URL(name, dir), 'utf8'));
      expect(failures).toEqual([]);
      expect(steps).toBeGreaterThan(10);
    });
  }
});

// The tables state Linux behaviour: they must hold on the host kernel too. Lines with other
// credentials switch the effective ids around the call, which needs root (the test machines
// run as root); access(2) lines with other credentials are skipped (it checks the real ids).
describe.runIf(process.geteuid?.() === 0 && typeof process.seteuid === 'function')('expectation tables agree with the host kernel', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.expect')).sort()) {
    it(name, () => {
      const base = mkdtempSync(join(tmpdir(), 'vfs-table-'));
      chmodSync(base, 0o755);
      try {
        const text = readFileSync(new URL(name, dir), 'utf8');
        const { failures, steps } = runTable(text, hostInterpreter(base));
        expect(failures.filter((f) => f.got !== 'skip')).toEqual([]);
        expect(steps).toBeGreaterThan(10);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    });
  }
});
