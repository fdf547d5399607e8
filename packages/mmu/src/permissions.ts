import type { ProtectionBits, WalkResult } from './api.js';
import { FaultStatus } from './fault-status.js';

/**
 * Whether the AP value `ap` allows the access, per the ARMv5 table: AP 11 read-write for
 * all; 10 privileged read-write, user read-only; 01 privileged read-write only; 00 depends
 * on c1.S and c1.R — S=1,R=0 privileged read-only; S=0,R=1 read-only for all; otherwise no
 * access (S=1,R=1 is reserved: we deny, and document it).
 */
export function apAllows(ap: number, bits: ProtectionBits, write: boolean, privileged: boolean): boolean {
  switch (ap & 3) {
    case 3:
      return true;
    case 2:
      return privileged || !write;
    case 1:
      return privileged;
    default:
      if (write) return false;
      if (bits.system && !bits.rom) return privileged;
      return bits.rom && !bits.system;
  }
}

/**
 * Checks an access against a successful walk: the domain's DACR field (00 no access and the
 * reserved 10 → domain fault, 11 manager → allowed, 01 client → AP check). Returns 0 when
 * allowed, else the domain or permission fault status for a section or a page.
 */
export function checkAccess(found: WalkResult, dacr: number, bits: ProtectionBits, write: boolean, privileged: boolean): number {
  const kind = (dacr >>> (found.domain << 1)) & 3;
  if (kind === 3) return 0;
  if (kind !== 1) return found.section ? FaultStatus.DomainSection : FaultStatus.DomainPage;
  if (apAllows(found.ap, bits, write, privileged)) return 0;
  return found.section ? FaultStatus.PermissionSection : FaultStatus.PermissionPage;
}
