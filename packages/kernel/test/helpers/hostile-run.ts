/**
 * Runs hostile ARM guests on a kernel and keeps score: every SWI into the syscall page is
 * counted (a wrapper around the CPU's `run` sees each trap), with the result each call
 * returned to its thread; invariants are checked at every checkpoint; stuck threads are
 * killed and new hostile programs started so the machine never runs dry; at the end every
 * thread is killed and the memory must be back to its boot state.
 */
import { ExceptionKind, StopReason } from '@codezero-ts/arm-core';
import { ThreadState } from '@codezero-ts/scheduler';
import type { Kernel } from '../../src/index.js';
import type { VirtualPlatform } from '../../src/index.js';
import { Errno, KernelError, Syscall, VIRTUAL_UART_BASE } from '../../src/index.js';
import { ArmGen, C, Op } from './arm-gen.js';
import { Prng, Layout, buildHostileImage } from './hostile-guest.js';
import type { HostileImage } from './hostile-guest.js';
import { kernelProblems } from './invariants.js';
import { TICK, keeper } from './keeper.js';
import type { KeeperState } from './keeper.js';
import { machine } from './machine.js';

/** Options of a hostile run. */
export interface HostileOptions {
  readonly seed: number;
  /** Hostile ARM threads to keep alive (new programs are started below this). */
  readonly threads?: number;
  /** Guest instructions between checkpoints. */
  readonly checkpoint?: number;
  /** Checkpoints without a system call after which a thread counts as stuck and is killed. */
  readonly stuckAfter?: number;
}

/** Pseudo-results of a call that did not return normally. */
const FAULT_RETRY = 0x100000000;
const OTHER = 0x100000001;

/** Names of the calls by slot (slot 15 collects offsets past the last call). */
export const CALL_NAMES = [
  'ipc', 'thread_switch', 'thread_control', 'exchange_registers', 'schedule', 'unmap', 'irq_control', 'ipc_control',
  'map', 'getid', 'capability_control', 'container_control', 'time', 'mutex_control', 'cache_control', '(no such call)',
] as const;

const ERRNO_NAMES = new Map<number, string>(Object.entries(Errno).map(([k, v]) => [-v, `-${k}`]));

/** A result as printed: `ok`, `-EINVAL`, `pfault→retry`… */
export function resultName(r: number): string {
  if (r === FAULT_RETRY) return 'pfault→retry';
  if (r === OTHER) return 'resumed elsewhere';
  if (r >= 0) return 'ok';
  return ERRNO_NAMES.get(r) ?? `${r}`;
}

const RAM = 16 * 1024 * 1024;

/** The ticker's code: yield a few times (the hostile threads run first), then call the keeper (tag TICK), again. */
function ticker(keeperTid: number): Uint8Array {
  const g = new ArmGen(Layout.Code);
  g.label('loop').mov(5, 16).label('yield').mov(12, 0xfffff000 + Syscall.ThreadSwitch).blx(12).dpi(Op.SUB, 5, 5, 1).dpi(Op.CMP, 0, 5, 0).b('yield', C.NE);
  g.mov(0, keeperTid).dpr(Op.MOV, 1, 0, 0).mov(2, 0).mov(3, TICK).mov(12, 0xfffff000).blx(12).b('loop');
  return g.bytes();
}

const SCRATCH = RAM - 0x100000;
const MAX_TIDS = 1024;

/** One machine under hostile load. */
export class HostileRun {
  readonly kernel: Kernel;
  readonly platform: VirtualPlatform;
  readonly log: string[];
  /** Traps into the syscall page, by slot (0..14, 15 = past the last call). */
  readonly calls = new Float64Array(16);
  /** Results by slot: result → count. */
  readonly results: Map<number, number>[] = Array.from({ length: 16 }, () => new Map<number, number>());
  /** Other traps. */
  readonly traps = { swiOutside: 0, thumbSwi: 0, undefined: 0, prefetchAbort: 0, dataAbort: 0 };
  /** Host interventions. */
  readonly host = { programs: 0, stuckKilled: 0, zombiesReaped: 0, keeperUnblocked: 0, spawnFailed: 0, irqsRaised: 0, idleStops: 0 };
  /** Invariant violations and panics seen (empty on a good run). */
  readonly problems: string[] = [];
  /** Memory statistics right after boot. */
  readonly boot: ReturnType<Kernel['memoryStats']>;
  readonly keeperTid: number;
  readonly anchorTid: number;
  /** An ARM thread that calls the keeper now and then, so the keeper can act on the host's requests. */
  readonly tickerTid: number;
  readonly keeperState: KeeperState;
  readonly image: HostileImage;
  readonly outcomes = new Map<string, number>();
  #checkpoints = 0;
  readonly #opts: Required<HostileOptions>;
  readonly #rnd: Prng;
  readonly #pendSlot = new Int32Array(MAX_TIDS).fill(-1);
  readonly #pendLr = new Float64Array(MAX_TIDS);
  readonly #pendPc = new Float64Array(MAX_TIDS);
  readonly #lastCall = new Int32Array(MAX_TIDS);
  readonly #perTid = new Float64Array(MAX_TIDS);
  readonly #present = new Set<number>();
  #lastSending = -1;
  #lastMessages = -1;

  constructor(options: HostileOptions) {
    this.#opts = { threads: 8, checkpoint: 200_000, stuckAfter: 3, ...options };
    this.#rnd = new Prng(options.seed);
    const m = machine({ ramSize: RAM, instructionsPerSecond: 10_000_000 });
    this.kernel = m.kernel;
    this.platform = m.platform;
    this.log = m.log;
    this.boot = this.kernel.memoryStats();
    this.#wrapCpu();
    this.#guardIdle();
    this.keeperState = { codePa: 0, codePages: 0, child: 0, scratch: SCRATCH, sendingTo: -1, messages: 0, repairs: { code: 0, scratch: 0, skip: 0, restart: 0, failed: 0, destroyed: 0 }, stuck: () => this.#stuck(), ticker: -1, nudged: 0, progress: (tid) => this.#perTid[tid] ?? 0 };
    this.keeperTid = this.kernel.spawnServer(keeper(this.keeperState), { name: 'keeper', priority: 8 });
    // The anchor holds the canonical code frames: it waits forever for the keeper.
    this.image = buildHostileImage(options.seed, { keeper: this.keeperTid, scratch: SCRATCH, device: VIRTUAL_UART_BASE });
    this.anchorTid = this.#spawn(this.image, this.image.park, 0);
    Object.assign(this.keeperState, { codePa: this.#findFrames(this.image.code), codePages: this.image.codePages, child: this.image.child });
    this.tickerTid = this.kernel.spawnProgram({ image: ticker(this.keeperTid), loadAddress: Layout.Code, pager: this.keeperTid, priority: 1, name: 'ticker' });
    this.keeperState.ticker = this.tickerTid;
  }

  /** System calls counted so far. */
  get syscalls(): number {
    let n = 0;
    for (const c of this.calls) n += c;
    return n;
  }

  /** Checkpoints run. */
  get checkpoints(): number {
    return this.#checkpoints;
  }

  /** Runs checkpoints until `syscalls` calls were made (or `maxCheckpoints`, or a problem). */
  runUntil(syscalls: number, maxCheckpoints = Infinity): void {
    while (this.syscalls < syscalls && this.#checkpoints < maxCheckpoints && this.problems.length === 0) this.step();
  }

  /** One checkpoint: top up the hostile threads, run, check, tidy up. */
  step(): void {
    const k = this.kernel;
    this.#topUp();
    let outcome: string;
    try {
      outcome = k.run(this.#opts.checkpoint);
    } catch (e) {
      this.problems.push(`host exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return;
    }
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    this.#checkpoints++;
    if (outcome === 'panic') this.problems.push(`kernel panic: ${this.log.filter((l) => l.includes('panic')).join(' | ')}`);
    for (const p of kernelProblems(k)) this.problems.push(`checkpoint ${this.#checkpoints}: ${p}`);
    this.#tidy();
    if (this.#rnd.chance(0.5)) {
      this.platform.raise(1 + this.#rnd.below(31));
      this.host.irqsRaised++;
    }
  }

  /** Kills every thread and checks that memory, tables and the scheduler are back to boot. */
  finish(): void {
    const k = this.kernel;
    for (const tid of k.threadIds()) k.kill(tid);
    if (k.threadIds().length !== 0) this.problems.push(`threads left after killing all: ${k.threadIds().join(',')}`);
    const now = k.memoryStats();
    if (JSON.stringify(now) !== JSON.stringify(this.boot)) this.problems.push(`memory not back to boot: ${JSON.stringify(now)} vs ${JSON.stringify(this.boot)}`);
    for (const p of kernelProblems(k)) this.problems.push(`after killing all: ${p}`);
    if (k.scheduler.totalPriority !== 0) this.problems.push(`priority sum ${k.scheduler.totalPriority} after killing all`);
    if (k.scheduler.threads().join() !== '0') this.problems.push(`scheduler still holds ${k.scheduler.threads().join(',')}`);
  }

  /** A printable table of calls and their results. */
  table(): string {
    const rows: string[] = [];
    const total = this.syscalls;
    rows.push(`${'call'.padEnd(20)}${'count'.padStart(10)}  results`);
    this.calls.forEach((n, slot) => {
      if (n === 0) return;
      const res = [...this.results[slot]!.entries()].sort((a, b) => b[1] - a[1]).map(([r, c]) => `${resultName(r)} ${c}`);
      rows.push(`${CALL_NAMES[slot]!.padEnd(20)}${String(n).padStart(10)}  ${res.join(', ')}`);
    });
    rows.push(`${'total'.padEnd(20)}${String(total).padStart(10)}`);
    rows.push(`other traps: ${JSON.stringify(this.traps)}`);
    rows.push(`keeper: ${this.keeperState.messages} messages, repairs ${JSON.stringify(this.keeperState.repairs)}, ${this.keeperState.nudged} blocked threads interrupted`);
    rows.push(`host: ${JSON.stringify(this.host)}, run outcomes ${JSON.stringify(Object.fromEntries(this.outcomes))}, ${this.#checkpoints} checkpoints, ${this.kernel.instructions} instructions`);
    return rows.join('\n');
  }

  #spawn(img: HostileImage, entry: number, seed: number): number {
    const data = new Uint8Array(0);
    return this.kernel.spawnProgram({
      segments: [
        { address: Layout.Code, bytes: img.code, memSize: img.codePages * 4096, writable: false, executable: true },
        { address: Layout.Data, bytes: data, memSize: Layout.DataSize, writable: true },
      ],
      entry,
      stackTop: Layout.StackTop,
      stackSize: Layout.StackSize,
      pager: this.keeperTid,
      priority: 1 + (seed % 8),
      args: [seed],
      quota: { threads: 6, spaces: 3, mutexes: 16 },
    });
  }

  /** The physical address of the (page-aligned) frames holding `bytes`. */
  #findFrames(bytes: Uint8Array): number {
    const ram = this.platform.memory.ram;
    outer: for (let off = 0; off + bytes.length <= ram.length; off += 4096) {
      for (let i = 0; i < bytes.length; i++) if (ram[off + i] !== bytes[i]) continue outer;
      return this.platform.memory.ramBase + off;
    }
    throw new Error('the anchor code is not in RAM');
  }

  #isHostile(tid: number): boolean {
    return tid !== this.keeperTid && tid !== this.anchorTid && tid !== this.tickerTid;
  }

  #topUp(): void {
    const k = this.kernel;
    let live = 0;
    for (const tid of k.threadIds()) if (this.#isHostile(tid) && k.thread(tid)?.exited === false) live++;
    while (live < this.#opts.threads) {
      const seed = this.#rnd.next();
      try {
        const tid = this.#spawn(this.image, this.image.entry, seed);
        this.#present.add(tid);
        this.#lastCall[tid] = this.#checkpoints;
        this.#pendSlot[tid] = -1;
        this.host.programs++;
      } catch (e) {
        if (!(e instanceof KernelError)) throw e;
        this.host.spawnFailed++;
        return;
      }
      live++;
    }
  }

  /** Reaps zombies, kills stuck threads, unblocks the keeper if a reply is stuck. */
  #tidy(): void {
    const k = this.kernel;
    const now = this.#checkpoints;
    const ids = k.threadIds();
    const seen = new Set(ids);
    for (const tid of ids) {
      if (!this.#isHostile(tid)) continue;
      if (!this.#present.has(tid)) {
        this.#present.add(tid);
        this.#lastCall[tid] = now;
      }
      const t = k.thread(tid);
      if (t?.exited === true) {
        this.#kill(tid);
        this.host.zombiesReaped++;
      } else if (now - this.#lastCall[tid]! >= this.#opts.stuckAfter) {
        this.#kill(tid);
        this.host.stuckKilled++;
      }
    }
    for (const tid of [...this.#present]) if (!seen.has(tid)) this.#present.delete(tid);
    const st = this.keeperState;
    if (st.sendingTo >= 0 && st.sendingTo === this.#lastSending && st.messages === this.#lastMessages && this.#isHostile(st.sendingTo)) {
      this.#kill(st.sendingTo);
      this.host.keeperUnblocked++;
    }
    this.#lastSending = st.sendingTo;
    this.#lastMessages = st.messages;
  }

  /** Hostile threads asleep (in a blocking call). */
  #stuck(): number[] {
    const out: number[] = [];
    for (const tid of this.kernel.threadIds()) {
      if (!this.#isHostile(tid) || tid >= MAX_TIDS) continue;
      if (this.kernel.scheduler.stateOf(tid) === ThreadState.SLEEPING) out.push(tid);
    }
    return out;
  }

  #kill(tid: number): void {
    this.kernel.kill(tid);
    this.#present.delete(tid);
    this.#pendSlot[tid] = -1;
  }

  /**
   * Every thread asleep while some thread owns an interrupt: the kernel idles from tick to
   * tick waiting for it, and only the host can raise it (VirtualPlatform). Stop the run
   * after 100 idle ticks in a row so the host can act.
   */
  #guardIdle(): void {
    const clock = this.platform.clock;
    const idle = clock.idle.bind(clock);
    const cpu = this.platform.cpu;
    let at = -1;
    let count = 0;
    clock.idle = (): boolean => {
      if (cpu.instructions !== at) {
        at = cpu.instructions;
        count = 0;
      } else if (++count >= 100) {
        count = 0;
        this.kernel.stop();
        this.host.idleStops++;
      }
      return idle();
    };
  }

  /** Counts every trap the CPU hands to the kernel, and the results of system calls. */
  #wrapCpu(): void {
    const cpu = this.platform.cpu;
    const sched = this.kernel.scheduler;
    const run = cpu.run.bind(cpu);
    const pendSlot = this.#pendSlot;
    const pendLr = this.#pendLr;
    const pendPc = this.#pendPc;
    const record = (slot: number, r: number): void => {
      const m = this.results[slot]!;
      m.set(r, (m.get(r) ?? 0) + 1);
    };
    cpu.run = (budget: number): StopReason => {
      const tid = sched.current;
      const slot = pendSlot[tid]!;
      if (slot >= 0) {
        pendSlot[tid] = -1;
        const pc = cpu.pc >>> 0;
        record(slot, pc === pendLr[tid] ? Math.min(0, cpu.r[0]! | 0) : pc === pendPc[tid] ? FAULT_RETRY : OTHER);
      }
      const reason = run(budget);
      if (reason === StopReason.Exception) {
        const tr = cpu.trap;
        switch (tr.kind) {
          case ExceptionKind.SoftwareInterrupt:
            if (tr.pc >>> 12 !== 0xfffff) this.traps.swiOutside++;
            else if (tr.thumb) this.traps.thumbSwi++;
            else if (tid !== this.tickerTid && tid !== this.anchorTid) {
              const s = Math.min(15, (tr.pc & 0xfff) >>> 2);
              this.calls[s]!++;
              if (tid < MAX_TIDS) {
                pendSlot[tid] = s;
                pendLr[tid] = cpu.r[14]! >>> 0;
                pendPc[tid] = tr.pc >>> 0;
                this.#lastCall[tid] = this.#checkpoints;
                this.#perTid[tid]!++;
              }
            }
            break;
          case ExceptionKind.Undefined:
            this.traps.undefined++;
            break;
          case ExceptionKind.PrefetchAbort:
            this.traps.prefetchAbort++;
            break;
          case ExceptionKind.DataAbort:
            this.traps.dataAbort++;
            break;
          default:
            break;
        }
      }
      return reason;
    };
  }
}
