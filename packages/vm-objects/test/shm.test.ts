import { describe, expect, it } from 'vitest';
import { Errno, Ipc, MapFlags, PAGE_SIZE, Prot, SHM_IDS } from '../src/index.js';
import { kread, kwrite, rig } from './fakes.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('System V shm', () => {
  it('IPC_PRIVATE always creates; IPC_CREAT finds or creates; IPC_EXCL refuses an existing key', () => {
    const { vm } = rig();
    const a = vm.shmget(Ipc.PRIVATE, PAGE_SIZE, 0);
    const b = vm.shmget(Ipc.PRIVATE, PAGE_SIZE, 0);
    expect([a, b]).toEqual([0, 1]);
    expect(vm.shmget(42, PAGE_SIZE, 0)).toBe(-Errno.ENOENT);
    const c = vm.shmget(42, 2 * PAGE_SIZE, Ipc.CREAT);
    expect(c).toBe(2);
    expect(vm.shmget(42, PAGE_SIZE, Ipc.CREAT)).toBe(2);
    expect(vm.shmget(42, PAGE_SIZE, 0)).toBe(2);
    expect(vm.shmget(42, 3 * PAGE_SIZE, Ipc.CREAT)).toBe(-Errno.EINVAL);
    expect(vm.shmget(42, PAGE_SIZE, Ipc.CREAT | Ipc.EXCL)).toBe(-Errno.EEXIST);
    expect(vm.shmget(43, 0, Ipc.CREAT)).toBe(-Errno.EINVAL);
  });

  it('has 64 ids, handed out lowest first', () => {
    const { vm } = rig();
    for (let i = 0; i < SHM_IDS; i++) expect(vm.shmget(Ipc.PRIVATE, PAGE_SIZE, 0)).toBe(i);
    expect(vm.shmget(Ipc.PRIVATE, PAGE_SIZE, 0)).toBe(-Errno.ENOSPC);
  });

  it('attaches every attacher at the same address and shares the contents', () => {
    const r = rig();
    const { vm } = r;
    vm.createSpace(1);
    vm.createSpace(2);
    vm.mmap(2, { addr: 0xa0000000, length: PAGE_SIZE, prot: Prot.READ, flags: MapFlags.PRIVATE | MapFlags.ANONYMOUS });
    const id = vm.shmget(7, 2 * PAGE_SIZE, Ipc.CREAT);
    const a1 = vm.shmat(1, id);
    expect(a1).toBe(0xa0000000);
    expect(vm.shmat(2, id)).toBe(-Errno.EINVAL); // space 2 has something there
    vm.munmap(2, 0xa0000000, PAGE_SIZE);
    expect(vm.shmat(2, id)).toBe(a1);
    expect(kwrite(r, 1, a1 + PAGE_SIZE + 3, bytes(9))).toBe(0);
    expect(kread(r, 2, a1 + PAGE_SIZE + 3, 1)).toEqual(bytes(9));
    expect(vm.shmat(1, id)).toBe(-Errno.EINVAL); // already attached here
    const ro = vm.shmget(8, PAGE_SIZE, Ipc.CREAT);
    const a3 = vm.shmat(1, ro, Ipc.SHM_RDONLY);
    expect(a3).toBe(a1 + 2 * PAGE_SIZE);
    expect(kwrite(r, 1, a3, bytes(1))).toBe(-Errno.EACCES);
  });

  it('destroys a segment with its last detach (exit included): attaching again fails, the id and key are free', () => {
    const r = rig();
    const { vm } = r;
    vm.createSpace(1);
    const id = vm.shmget(5, PAGE_SIZE, Ipc.CREAT);
    const a = vm.shmat(1, id);
    kwrite(r, 1, a, bytes(1));
    vm.fork(1, 2);
    expect(kread(r, 2, a, 1)).toEqual(bytes(1)); // fork shares the attachment
    expect(vm.shmdt(1, a + PAGE_SIZE)).toBe(-Errno.EINVAL);
    expect(vm.shmdt(1, a)).toBe(0);
    expect(vm.shmIdsInUse()).toEqual([id]);
    vm.exit(2);
    expect(vm.shmIdsInUse()).toEqual([]);
    expect(vm.shmat(1, id)).toBe(-Errno.EINVAL);
    expect(vm.shmget(5, PAGE_SIZE, 0)).toBe(-Errno.ENOENT);
    expect(r.frames.freeCount).toBe(r.baseline);
    expect(vm.checkIntegrity().problems).toEqual([]);
  });

  it('shared anonymous memory is a private segment that fork shares', () => {
    const r = rig();
    const { vm } = r;
    vm.createSpace(1);
    const a = vm.mmap(1, { length: PAGE_SIZE, prot: Prot.READ | Prot.WRITE, flags: MapFlags.SHARED | MapFlags.ANONYMOUS });
    expect(kread(r, 1, a, 1)).toEqual(bytes(0)); // a read already creates the shared page: a later write is seen by all
    vm.fork(1, 2);
    kwrite(r, 2, a, bytes(3));
    expect(kread(r, 1, a, 1)).toEqual(bytes(3));
    expect(vm.chainDepth(1, a)).toBe(2); // the segment and /dev/zero
    vm.exit(1);
    vm.exit(2);
    expect(r.frames.freeCount).toBe(r.baseline);
  });
});
