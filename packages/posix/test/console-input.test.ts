import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { ConsoleDevice } from '@codezero-ts/vfs';
import { PosixSystem } from '../src/index.js';

const cat = new Uint8Array(readFileSync(new URL('../../userland/shell/bin/cat', import.meta.url)));

describe('console input from the host', () => {
  it('a reader parked on /dev/console resumes when the host pushes input between runs', () => {
    const platform = new VirtualPlatform({ ramSize: 32 << 20 });
    const kernel = new Kernel(platform, { log: () => undefined });
    let out = '';
    const tty = new ConsoleDevice((b) => (out += new TextDecoder().decode(b)));
    const system = new PosixSystem(kernel, platform, {
      consoleDevice: tty,
      files: { '/bin/cat': cat },
      init: '/bin/cat',
      argv: ['/bin/cat'],
      bootLines: false,
    });
    expect(system.run().reason).toBe('idle'); // cat waits for input
    tty.push('first line\n');
    expect(system.run().reason).toBe('idle');
    expect(out).toBe('first line\n');
    tty.push('second\n');
    tty.endOfInput();
    expect(system.run()).toMatchObject({ reason: 'exited', status: 0 });
    expect(out).toBe('first line\nsecond\n');
  });
});
