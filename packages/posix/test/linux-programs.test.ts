import { describe, expect, it } from 'vitest';
import { linuxPrograms } from '@codezero-ts/userland';
import { boot } from './helpers/boot.js';

describe('Linux-ABI programs match their qemu-arm goldens', () => {
  for (const p of linuxPrograms) {
    it(p.name, () => {
      const { output, exit, system } = boot({ init: `/bin/${p.name}`, argv: [`/bin/${p.name}`, ...p.args], envp: p.env, bootLines: false });
      expect(exit.reason).toBe('exited');
      expect(`${output}[exit ${exit.status}]\n`).toBe(p.readGolden());
      expect(system.stats().processes).toBe(0);
      expect(system.checkIntegrity()).toEqual([]);
    });
  }
});
