import type { IntegrityReport } from './api.js';
import type { VmSystem } from './vm-system.js';

/**
 * The integrity checker of spec §3.3, as run on the pager's SYNC and after every step of the
 * tests: counted links = nlinks and counted shadowers = shadows for every object; number of
 * shadow objects = sum of `shadows`; number of vm files = number of file objects; exactly one
 * /dev/zero; task count = number of spaces. It also checks the chain shape (each shadow is
 * followed by the object it shadows, only the top may be writable, no merge left pending)
 * and that no frame is held twice.
 */
export function checkIntegrity(vm: VmSystem): IntegrityReport {
  return vm.checkIntegrity();
}
