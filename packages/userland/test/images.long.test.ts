import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const scripts = fileURLToPath(new URL('../scripts/', import.meta.url));
const requireTools = process.env['CODEZERO_REQUIRE_TOOLS'] === '1';

function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function runScript(script: string, args: string[]): { status: number | null; output: string } {
  const r = spawnSync(`${scripts}${script}`, args, { encoding: 'utf8', timeout: 280_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const tools: Record<string, string> = {
  'arm-none-eabi-gcc': 'gcc-arm-none-eabi',
  'qemu-system-arm': 'qemu-system-arm',
};
const missing = Object.keys(tools).filter((t) => !hasTool(t));

describe('images against the real toolchain and QEMU', () => {
  if (missing.length > 0) {
    const message = `missing ${missing.join(', ')} (apt-get install ${missing.map((t) => tools[t]).join(' ')})`;
    it('needs the cross compiler and QEMU', () => {
      if (requireTools) throw new Error(`CODEZERO_REQUIRE_TOOLS=1 but ${message}`);
      console.warn(`userland long tests not run: ${message}`);
      expect(requireTools).toBe(false);
    });
    return;
  }

  it('rebuilds every image byte for byte', () => {
    const r = runScript('check-images.sh', []);
    expect(r.output).not.toContain('skipping');
    expect(r.status, r.output).toBe(0);
  }, 300_000);

  it('reproduces every golden output on qemu-system-arm (twice each)', () => {
    const version = execFileSync('qemu-system-arm', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    const r = runScript('golden.sh', ['--check']);
    expect(r.status, `${version}\n${r.output}`).toBe(0);
  }, 300_000);
});
