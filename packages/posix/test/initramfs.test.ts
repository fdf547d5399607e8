import { describe, expect, it } from 'vitest';
import { readLinuxInitramfs } from '@codezero-ts/userland';
import { boot } from './helpers/boot.js';

describe('booting from the committed initramfs', () => {
  it('unpacks the cpio archive as the root file system and runs a program from it', () => {
    const { output, exit, system } = boot({ files: {}, initramfs: readLinuxInitramfs(), init: '/bin/exec', argv: ['/bin/exec'], bootLines: false });
    expect(output).toBe('new image: argc 5 [one] [two words] [three]\nenv CZ_A=1 CZ_B=two OTHER=x\nfd 5 after exec: closed\nfd 6 after exec: open\nexec child status 42\n');
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    const root = system.vfs.createProcess();
    const buf = new Uint8Array(16);
    expect(new TextDecoder().decode(buf.subarray(0, root.readlink('/bin/init', buf)))).toBe('test0');
  });
});
