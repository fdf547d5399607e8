import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const scripts = fileURLToPath(new URL('../scripts/', import.meta.url));
const requireTools = process.env['CODEZERO_REQUIRE_TOOLS'] === '1';

function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

const tools: Record<string, string> = {
  'arm-linux-gnueabi-gcc': 'gcc-arm-linux-gnueabi libc6-dev-armel-cross',
  'qemu-arm': 'qemu-user',
};
const missing = Object.keys(tools).filter((t) => !hasTool(t));

describe('Linux programs against the real cross compiler and qemu-arm', () => {
  if (missing.length > 0) {
    const message = `missing ${missing.join(', ')} (apt-get install ${missing.map((t) => tools[t]).join(' ')})`;
    it('needs the Linux cross compiler and qemu-arm', () => {
      if (requireTools) throw new Error(`CODEZERO_REQUIRE_TOOLS=1 but ${message}`);
      console.warn(`Linux program checks not run: ${message}`);
      expect(requireTools).toBe(false);
    });
    return;
  }

  it('rebuilds every program and the initramfs byte for byte, and every golden matches qemu-arm', () => {
    const r = spawnSync(`${scripts}check-linux.sh`, [], { encoding: 'utf8', timeout: 600_000 });
    const output = `${r.stdout}${r.stderr}`;
    expect(r.status, output).toBe(0);
    expect(output).toContain('binaries reproducible, goldens match');
  }, 620_000);
});
