import { describe, expect, it } from 'vitest';
import { MapFlags, PAGE_SIZE, Prot, checkIntegrity } from '../src/index.js';
import type { VmObject } from '../src/internal/vm-object.js';
import type { VmState } from '../src/internal/vm-state.js';
import { kwrite, rig } from './fakes.js';

/** A forked pair sharing a frozen shadow, and a handle on the internals to break them. */
function setup(): { r: ReturnType<typeof rig>; st: VmState; frozen: VmObject } {
  const r = rig();
  r.vm.createSpace(1);
  const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: Prot.READ | Prot.WRITE, flags: MapFlags.PRIVATE | MapFlags.ANONYMOUS });
  kwrite(r, 1, a, Uint8Array.of(1));
  r.vm.fork(1, 2);
  const st = (r.vm as unknown as { st: VmState }).st;
  const frozen = [...st.objects].find((o) => o.kind === 0)!;
  return { r, st, frozen };
}

describe('integrity checker', () => {
  it('passes on a consistent system', () => {
    expect(checkIntegrity(setup().r.vm)).toEqual({ ok: true, problems: [] });
  });

  it('reports a link count that disagrees with the vmas', () => {
    const { r, frozen } = setup();
    frozen.nlinks++;
    const rep = checkIntegrity(r.vm);
    expect(rep.ok).toBe(false);
    expect(rep.problems.join('\n')).toMatch(/2 links counted, nlinks 3/);
  });

  it('reports a shadow count that disagrees with the shadowers, and their sum', () => {
    const { r, st } = setup();
    st.devzero.shadows++;
    const text = checkIntegrity(r.vm).problems.join('\n');
    expect(text).toMatch(/1 shadowers, shadows 2/);
    expect(text).toMatch(/1 shadow objects but shadows sum to 2/);
  });

  it('reports a second /dev/zero, a wrong task count and a writable shadow below the top', () => {
    const { r, st, frozen } = setup();
    st.newObject(1);
    st.spaceCount++;
    kwrite(r, 1, 0x40000000 + PAGE_SIZE, Uint8Array.of(2)); // parent gets a new top above the frozen shadow
    frozen.writable = true;
    const text = checkIntegrity(r.vm).problems.join('\n');
    expect(text).toMatch(/2 \/dev\/zero objects/);
    expect(text).toMatch(/task count 3 != 2 spaces/);
    expect(text).toMatch(/is not first in its chain/);
  });

  it('reports a frame held by two objects', () => {
    const { r, st, frozen } = setup();
    const other = st.newShadow(frozen);
    const frame = frozen.pages.values().next().value!;
    other.pages.set(0, frame);
    expect(checkIntegrity(r.vm).problems.join('\n')).toMatch(/is held by objects/);
  });
});
