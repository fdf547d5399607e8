import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boot } from './helpers/boot.js';

const l4ipc = new Uint8Array(readFileSync(new URL('../../userland/linux/bin/l4-ipc', import.meta.url)));

describe('a Linux process using the L4 ABI too', () => {
  it('has a UTCB (also after fork) and gets MR2..MR59 zeroed by a SYNC_FULL call to mm0', () => {
    const lines: string[] = [];
    const { output, exit } = boot({ files: { '/bin/l4-ipc': l4ipc }, init: '/bin/l4-ipc', argv: ['/bin/l4-ipc'], bootLines: false, trace: (l) => lines.push(l) });
    expect(lines).toContain('[2] ipc SYNC_FULL to mm0');
    expect(output).toBe('utcb present\nipc result 0, MR2..MR59 zeroed\nchild utcb same address\nboth ABIs ok\n');
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
  });
});
