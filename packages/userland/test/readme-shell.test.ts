import { describe, expect, it } from 'vitest';
import { findShellProgram, shellPrograms, shellSessions } from '../src/index.js';

describe('README shell example', () => {
  it('runs as written', () => {
    expect(findShellProgram('sh').readBinary().subarray(0, 4)).toEqual(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]));
    expect(shellPrograms.map((p) => p.name)).toEqual(['sh', 'ls', 'cat', 'echo', 'mkdir', 'rm', 'ps', 'vmstat', 'poweroff', 'init']);
    expect(shellSessions[0]?.readGolden()).toMatch(/^\$ echo hello, world\nhello, world\n/);
  });
});
