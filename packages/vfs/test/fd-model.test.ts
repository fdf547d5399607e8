import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Errno, F_DUPFD, F_GETFD, FD_CLOEXEC, O_CLOEXEC, O_CREAT, O_RDWR, SEEK_CUR, Vfs } from '../src/index.js';

// Descriptor-table semantics against a reference model: slots map to open file
// descriptions, which carry the shared offset. node:fs has no dup, so the differential test
// cannot check these; the model can, after every step.
const MAX = 12;

type Op =
  | { k: 'open' }
  | { k: 'close'; fd: number }
  | { k: 'dup'; fd: number }
  | { k: 'dup2'; fd: number; to: number }
  | { k: 'dup3'; fd: number; to: number }
  | { k: 'dupfd'; fd: number; min: number }
  | { k: 'write'; fd: number; n: number }
  | { k: 'exec' };

const fdArb = fc.integer({ min: -1, max: MAX });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ k: 'open' as const }),
  fdArb.map((fd) => ({ k: 'close' as const, fd })),
  fdArb.map((fd) => ({ k: 'dup' as const, fd })),
  fc.tuple(fdArb, fdArb).map(([fd, to]) => ({ k: 'dup2' as const, fd, to })),
  fc.tuple(fdArb, fdArb).map(([fd, to]) => ({ k: 'dup3' as const, fd, to })),
  fc.tuple(fdArb, fdArb).map(([fd, min]) => ({ k: 'dupfd' as const, fd, min })),
  fc.tuple(fdArb, fc.integer({ min: 0, max: 50 })).map(([fd, n]) => ({ k: 'write' as const, fd, n })),
  fc.constant({ k: 'exec' as const }),
);

interface Slot {
  desc: { pos: number };
  cloexec: boolean;
}

describe('descriptor tables against a model', () => {
  it('allocate lowest-first, share offsets between duplicates, and honour close-on-exec', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), fc.boolean(), (ops, cloexecOpens) => {
        const vfs = new Vfs();
        const p = vfs.createProcess({ maxFds: MAX });
        const model: (Slot | undefined)[] = [];
        const valid = (fd: number): boolean => fd >= 0 && fd < MAX && model[fd] !== undefined;
        const lowest = (min: number): number => {
          for (let fd = Math.max(min, 0); fd < MAX; fd++) if (model[fd] === undefined) return fd;
          return -Errno.EMFILE;
        };
        const data = new Uint8Array(50);
        let files = 0;
        for (const op of ops) {
          switch (op.k) {
            case 'open': {
              const want = lowest(0);
              const got = p.open(`/f${files++}`, O_CREAT | O_RDWR | (cloexecOpens ? O_CLOEXEC : 0), 0o600);
              expect(got).toBe(want);
              if (want >= 0) model[want] = { desc: { pos: 0 }, cloexec: cloexecOpens };
              break;
            }
            case 'close':
              expect(p.close(op.fd)).toBe(valid(op.fd) ? 0 : -Errno.EBADF);
              if (valid(op.fd)) model[op.fd] = undefined;
              break;
            case 'dup': {
              const want = valid(op.fd) ? lowest(0) : -Errno.EBADF;
              expect(p.dup(op.fd)).toBe(want);
              if (want >= 0) model[want] = { desc: model[op.fd]!.desc, cloexec: false };
              break;
            }
            case 'dup2':
            case 'dup3': {
              let want: number;
              // Linux checks dup3(fd, fd) before it looks at the descriptor.
              if (op.k === 'dup3' && op.fd === op.to) want = -Errno.EINVAL;
              else if (!valid(op.fd)) want = -Errno.EBADF;
              else if (op.to < 0 || op.to >= MAX) want = -Errno.EBADF;
              else want = op.to;
              expect(op.k === 'dup2' ? p.dup2(op.fd, op.to) : p.dup3(op.fd, op.to, O_CLOEXEC)).toBe(want);
              if (want >= 0 && op.fd !== op.to) model[op.to] = { desc: model[op.fd]!.desc, cloexec: op.k === 'dup3' };
              break;
            }
            case 'dupfd': {
              let want: number;
              if (!valid(op.fd)) want = -Errno.EBADF;
              else if (op.min < 0 || op.min >= MAX) want = -Errno.EINVAL;
              else want = lowest(op.min);
              expect(p.fcntl(op.fd, F_DUPFD, op.min)).toBe(want);
              if (want >= 0) model[want] = { desc: model[op.fd]!.desc, cloexec: false };
              break;
            }
            case 'write':
              expect(p.write(op.fd, data, 0, op.n)).toBe(valid(op.fd) ? op.n : -Errno.EBADF);
              if (valid(op.fd)) model[op.fd]!.desc.pos += op.n;
              break;
            case 'exec':
              p.exec();
              for (let fd = 0; fd < MAX; fd++) if (model[fd]?.cloexec === true) model[fd] = undefined;
              break;
          }
          for (let fd = 0; fd < MAX; fd++) {
            const slot = model[fd];
            if (slot === undefined) expect(p.fileOf(fd)).toBeNull();
            else {
              expect(p.lseek(fd, 0, SEEK_CUR)).toBe(slot.desc.pos);
              expect(p.fcntl(fd, F_GETFD)).toBe(slot.cloexec ? FD_CLOEXEC : 0);
            }
          }
        }
        // A forked child sees the same table and shares every offset.
        const child = p.fork();
        for (let fd = 0; fd < MAX; fd++) {
          if (model[fd] === undefined) continue;
          child.write(fd, data, 0, 3);
          model[fd]!.desc.pos += 3;
          for (let g = 0; g < MAX; g++) if (model[g] !== undefined) expect(p.lseek(g, 0, SEEK_CUR)).toBe(model[g]!.desc.pos);
        }
        child.exit();
        p.exit();
        expect(p.openCount()).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
