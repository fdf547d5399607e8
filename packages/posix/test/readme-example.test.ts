import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { findLinuxProgram } from '@codezero-ts/userland';
import { bootPosix } from '../src/index.js';

describe('README example', () => {
  it('boots hello and returns its exit status', () => {
    const helloPath = findLinuxProgram('hello').path;
    const platform = new VirtualPlatform({ ramSize: 32 << 20 });
    const kernel = new Kernel(platform, { log: () => undefined });
    let console = '';
    const exit = bootPosix(kernel, platform, {
      files: { '/bin/hello': new Uint8Array(readFileSync(helloPath)) },
      init: '/bin/hello',
      argv: ['/bin/hello', 'one'],
      console: (bytes) => (console += new TextDecoder().decode(bytes)),
    });
    expect(console).toBe(
      'mm0: Started with thread id 1\nmm0: Mounted memfs root filesystem.\nmm0: Memory/Process manager initialized. Listening requests.\nhello, world\nargc=2\nargv[1]=one\n',
    );
    expect(exit.reason).toBe('exited');
    expect(exit.status).toBe(7);
    expect(exit.instructions).toBeGreaterThan(0);
  });
});
