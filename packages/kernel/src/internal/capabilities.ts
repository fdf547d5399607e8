import type { Capability } from '../api.js';
import { CapFlags, CapRequest, CapType, Errno } from '../api.js';
import type { Core } from './core.js';
import { FAULTED } from './core.js';
import type { Thread } from './thread.js';

/** Most capabilities one list may hold (a grant that would exceed it fails with -ENOMEM). */
export const MAX_CAPS = 64;

/** A range of one capability type with an access mask, as the guest describes it. */
interface CapRange {
  readonly type: number;
  readonly access: number;
  readonly start: number;
  readonly end: number;
}

/** Index of a capability of `r.type` with exactly `r.access` that covers `[r.start, r.end)`, or -1. */
function covering(caps: readonly Capability[], r: CapRange): number {
  for (let i = 0; i < caps.length; i++) {
    const c = caps[i]!;
    if (c.type === r.type && c.access === r.access && c.start <= r.start && r.end <= c.end) return i;
  }
  return -1;
}

/**
 * Removes `[r.start, r.end)` from the capability at index `i` (which covers it): the
 * capability is replaced by what is left on either side (zero, one or two capabilities).
 */
function carve(caps: Capability[], i: number, r: CapRange): void {
  const c = caps[i]!;
  const rest: Capability[] = [];
  if (c.start < r.start) rest.push({ type: c.type, access: c.access, start: c.start, end: r.start });
  if (r.end < c.end) rest.push({ type: c.type, access: c.access, start: r.end, end: c.end });
  caps.splice(i, 1, ...rest);
}

/** Reads the 8-word descriptor at `buf`: the range, and the target thread (word 4). */
function readDescriptor(core: Core, t: Thread, buf: number): { range: CapRange; target: number } | typeof FAULTED {
  core.clearFault();
  const w: number[] = [];
  for (let k = 0; k < 5; k++) w.push(core.readWord(t, buf + k * 4) >>> 0);
  if (core.hasFault()) return FAULTED;
  return { range: { type: w[0]!, access: w[1]!, start: w[2]!, end: w[3]! }, target: w[4]! };
}

function validRange(r: CapRange): boolean {
  return r.type >= CapType.PhysMem && r.type <= CapType.Irq && r.start < r.end;
}

/** NCAPS: the number of capabilities, written to `buf`. */
function nCaps(core: Core, t: Thread, buf: number): number {
  return core.writeWord(t, buf, t.caps.caps.length) ? 0 : FAULTED;
}

/** READ: every capability as 8 words (type, access, start, end, holder, 0, 0, 0). */
function readCaps(core: Core, t: Thread, buf: number): number {
  const caps = t.caps.caps;
  for (let i = 0; i < caps.length; i++) {
    const cap = caps[i]!;
    const w = [cap.type, cap.access, cap.start, Math.min(cap.end, 0xffffffff), t.tid, 0, 0, 0];
    for (let k = 0; k < CapRequest.Words; k++) {
      if (!core.writeWord(t, buf + (i * CapRequest.Words + k) * 4, w[k]!)) return FAULTED;
    }
  }
  return 0;
}

/** SPLIT: makes `[start, end)` a capability of its own (the rest of the one that covered it stays). */
function split(t: Thread, r: CapRange): number {
  const caps = t.caps.caps;
  const i = covering(caps, r);
  if (i < 0) return -Errno.ENOCAP;
  const c = caps[i]!;
  if (c.start === r.start && c.end === r.end) return i;
  if (caps.length + 2 > MAX_CAPS) return -Errno.ENOMEM;
  carve(caps, i, r);
  caps.push({ type: r.type, access: r.access, start: r.start, end: r.end });
  return caps.length - 1;
}

/** NARROW: gives up `[start, end)` for good. */
function narrow(t: Thread, r: CapRange): number {
  const caps = t.caps.caps;
  const i = covering(caps, r);
  if (i < 0) return -Errno.ENOCAP;
  if (caps.length + 1 > MAX_CAPS) return -Errno.ENOMEM;
  carve(caps, i, r);
  return 0;
}

/** GRANT: gives `[start, end)` to a thread the caller controls; with MOVE the caller loses it. */
function grant(core: Core, t: Thread, r: CapRange, targetId: number, flags: number): number {
  if ((flags & ~CapFlags.Move) !== 0) return -Errno.EINVAL;
  const target = core.lookup(targetId);
  if (target === undefined) return -Errno.ESRCH;
  if (target === t || target.caps === t.caps) return -Errno.EINVAL;
  if (target.pager !== t.tid && !core.hasCap(t, CapType.ThreadControl, target.tid, target.tid + 1)) return -Errno.EPERM;
  const mine = t.caps.caps;
  const i = covering(mine, r);
  if (i < 0) return -Errno.ENOCAP;
  const theirs = target.caps.caps;
  const held = covering(theirs, r) >= 0;
  if (!held && theirs.length + 1 > MAX_CAPS) return -Errno.ENOMEM;
  if ((flags & CapFlags.Move) !== 0) {
    if (mine.length + 1 > MAX_CAPS) return -Errno.ENOMEM;
    carve(mine, i, r);
  }
  if (!held) theirs.push({ type: r.type, access: r.access, start: r.start, end: r.end });
  return 0;
}

/** capability_control(req, flags, buf) for the current thread `t`. */
export function sysCapabilityControl(core: Core, t: Thread): number {
  const req = t.ctx[0]! >>> 0;
  const flags = t.ctx[1]! >>> 0;
  const buf = t.ctx[2]! >>> 0;
  if (req === CapRequest.NCaps) return nCaps(core, t, buf);
  if (req === CapRequest.Read) return readCaps(core, t, buf);
  if (req !== CapRequest.Split && req !== CapRequest.Narrow && req !== CapRequest.Grant) return -Errno.EINVAL;
  const d = readDescriptor(core, t, buf);
  if (d === FAULTED) return FAULTED;
  if (!validRange(d.range)) return -Errno.EINVAL;
  if (req === CapRequest.Split) return split(t, d.range);
  if (req === CapRequest.Narrow) return narrow(t, d.range);
  return grant(core, t, d.range, d.target, flags);
}
