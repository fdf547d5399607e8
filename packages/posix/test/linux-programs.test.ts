import { describe, expect, it } from 'vitest';
import { linuxPrograms } from '@codezero-ts/userland';
import { boot } from './helpers/boot.js';

/** mm0's line for a process killed by an unresolvable fault (Linux prints nothing). */
const KILL_LINE = /^mm0: pid \d+ \([^)]*\) killed by signal \d+: .*\n/gm;

describe('Linux-ABI programs match their qemu-arm goldens', () => {
  for (const p of linuxPrograms) {
    it(p.name, () => {
      const { output, exit, system } = boot({ init: `/bin/${p.name}`, argv: [`/bin/${p.name}`, ...p.args], envp: p.env, bootLines: false });
      expect(exit.reason).toBe('exited');
      expect(`${output.replace(KILL_LINE, '')}[exit ${exit.status}]\n`).toBe(p.readGolden());
      // Every process is gone, every frame but the shared zero page is free again.
      const st = system.stats();
      expect(st.processes).toBe(0);
      expect(st.freeFrames).toBe(st.totalFrames - 1);
      expect(st.vmObjects).toBe(1); // /dev/zero
      expect([st.freeFrames, st.vmObjects]).toEqual([st.bootFreeFrames, st.bootVmObjects]);
      expect(system.checkIntegrity()).toEqual([]);
    });
  }

  it('an unresolvable fault prints pid, name, address and reason, and the system goes on', () => {
    const { output, exit } = boot({ init: '/bin/signals', argv: ['/bin/signals'], bootLines: false });
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    const lines = output.match(KILL_LINE) ?? [];
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^mm0: pid 2 \(signals\) killed by signal 11: unresolvable page fault at 0x00000000 \(pc 0x[0-9a-f]{8}, no mapping\)/);
    expect(lines[1]).toMatch(/^mm0: pid 3 \(signals\) killed by signal 4: undefined instruction 0xe7f000f0 at pc 0x[0-9a-f]{8}/);
  });
});
