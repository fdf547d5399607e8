/**
 * The keeper: a TypeScript pager that keeps hostile ARM threads going. It answers every
 * message; for the threads it pages it also repairs what made them fault: code pages are
 * mapped back (read/execute, from the anchor's frames), data, stack, UTCB and playground
 * pages get a scratch frame, and anything else is skipped (a faulting instruction is passed
 * over, a faulting system call returns -EFAULT, a jump into nowhere restarts the thread, a
 * thread restarted twice without a system call in between is destroyed). Threads the host
 * finds stuck in a blocking call are interrupted with SUSPEND and RUN.
 */
import type { ServerBody } from '../../src/index.js';
import { Errno, Exregs, IpcTag, MapFlags, Syscall, ThreadAction, receive, send, syscall } from '../../src/index.js';
import { Layout } from './hostile-guest.js';

/** What the keeper knows and what it reports to the host. */
export interface KeeperState {
  /** Physical address of the code frames and their number. */
  codePa: number;
  codePages: number;
  /** Where a restarted thread begins. */
  child: number;
  /** First scratch frame (256 follow). */
  scratch: number;
  /** The thread the keeper is replying to (blocked in send), or -1. */
  sendingTo: number;
  /** Messages received. */
  messages: number;
  /** Repairs by kind. */
  readonly repairs: { code: number; scratch: number; skip: number; restart: number; failed: number; destroyed: number };
  /**
   * Asked at each of the ticker's calls: the threads asleep in a blocking call. The keeper
   * interrupts them (SUSPEND, then RUN), so the call returns -EINTR.
   */
  readonly stuck: () => number[];
  /** The ticker thread (its calls carry tag {@link TICK}). */
  ticker: number;
  /** Threads interrupted that way. */
  nudged: number;
  /** System calls thread `tid` has made so far (told by the host). */
  readonly progress: (tid: number) => number;
}

const EXR_BYTES = 0x200;
const EXR = EXR_BYTES / 4;
/** The tag of the ticker's calls. */
export const TICK = 0x77;
/** Word index of the thread_control ids buffer. */
const IDS = 0x300 / 4;

function inside(a: number, base: number, size: number): boolean {
  return a >= base && a < base + size;
}

/** Pages the keeper maps on demand (besides the code). */
function mappable(va: number): boolean {
  const L = Layout;
  return inside(va, L.Data, L.DataSize) || inside(va, L.Play, L.PlaySize) || inside(va, L.Utcb, 0x1000) || inside(va, L.StackTop - L.StackSize, L.StackSize);
}

/** The keeper's body. */
export function keeper(st: KeeperState): ServerBody {
  return function* (self) {
    const x = self.memory.subarray(EXR, EXR + Exregs.Size / 4);
    let lastTid = -1;
    let lastPc = -1;
    let lastFar = -1;
    let repeats = 0;
    /** Progress of each thread when it was last restarted: a thread restarted twice without a system call in between is destroyed. */
    const restartedAt = new Map<number, number>();
    /** Undefined instructions of each thread since its last system call. */
    const undefAt = new Map<number, { progress: number; count: number }>();
    for (;;) {
      st.sendingTo = -1;
      const r = yield receive();
      if (r < 0) continue;
      st.messages++;
      const u = self.utcb;
      const tag = u[0]!;
      const tid = u[1]!;
      const pc = u[2]! >>> 0;
      const fsr = u[3]!;
      const far = u[4]! >>> 0;
      let mine = false;
      if (tag === IpcTag.PageFault || tag === IpcTag.UndefFault) {
        x.fill(0);
        x[Exregs.ValidVector] = 0xffff;
        x[Exregs.Flags] = Exregs.Read | Exregs.SetPager;
        mine = (yield syscall(Syscall.ExchangeRegisters, EXR_BYTES, tid)) >= 0 && x[Exregs.Pager] === self.tid;
      }
      const lr = x[14]!;
      if (mine && tag === IpcTag.UndefFault) {
        // Undefined instructions one after the other with no system call: it runs through data; restart it.
        const p = st.progress(tid);
        const u = undefAt.get(tid);
        if (u?.progress !== p) undefAt.set(tid, { progress: p, count: 1 });
        else if (++u.count > 16) {
          undefAt.delete(tid);
          x.fill(0);
          x[15] = st.child;
          x[Exregs.ValidVector] = 1 << 15;
          yield syscall(Syscall.ExchangeRegisters, EXR_BYTES, tid);
          st.repairs.restart++;
        }
      }
      if (mine && tag === IpcTag.PageFault) {
        if (tid === lastTid && pc === lastPc && far === lastFar) repeats++;
        else repeats = 0;
        lastTid = tid;
        lastPc = pc;
        lastFar = far;
        const status = fsr & 0xf;
        const translation = status === 5 || status === 7;
        const inSyscall = pc >>> 12 === 0xfffff;
        const code = inside(far, Layout.Code, st.codePages * 4096);
        let action: 'code' | 'scratch' | 'skip' | 'restart';
        if (repeats > 2) action = inSyscall ? 'skip' : 'restart';
        else if (translation && code) action = 'code';
        else if (!inSyscall && far === pc) action = 'restart';
        else if (translation && mappable(far)) action = 'scratch';
        else action = 'skip';
        if (action === 'code' || action === 'scratch') {
          const page = far & ~0xfff;
          const res: number =
            action === 'code'
              ? yield syscall(Syscall.Map, st.codePa, Layout.Code, st.codePages, MapFlags.UserRx, tid)
              : yield syscall(Syscall.Map, st.scratch + ((page >>> 12) & 0xff) * 4096, page >>> 0, 1, MapFlags.UserRw, tid);
          if (res < 0) {
            st.repairs.failed++;
            action = inSyscall ? 'skip' : 'restart';
          }
        }
        if (action === 'restart') {
          const p = st.progress(tid);
          if (restartedAt.get(tid) === p) {
            // It is going nowhere (e.g. stuck in Thumb state, which exchange_registers cannot change).
            restartedAt.delete(tid);
            self.memory[IDS] = tid;
            yield syscall(Syscall.ThreadControl, ThreadAction.Destroy, IDS * 4);
            st.repairs.destroyed++;
            continue;
          }
          restartedAt.set(tid, p);
        }
        if (action === 'skip' || action === 'restart') {
          x.fill(0);
          if (action === 'restart') {
            x[15] = st.child;
            x[Exregs.ValidVector] = 1 << 15;
          } else if (inSyscall) {
            x[15] = lr;
            x[0] = -Errno.EFAULT >>> 0;
            x[Exregs.ValidVector] = (1 << 15) | 1;
          } else {
            x[15] = (pc + 4) >>> 0;
            x[Exregs.ValidVector] = 1 << 15;
          }
          yield syscall(Syscall.ExchangeRegisters, EXR_BYTES, tid);
        }
        st.repairs[action]++;
      }
      st.sendingTo = tid;
      yield send(tid);
      if (tid === st.ticker && tag === TICK) {
        for (const t of st.stuck()) {
          self.memory[IDS] = t;
          if ((yield syscall(Syscall.ThreadControl, ThreadAction.Suspend, IDS * 4)) < 0) continue;
          yield syscall(Syscall.ThreadControl, ThreadAction.Run, IDS * 4);
          st.nudged++;
        }
      }
    }
  };
}
