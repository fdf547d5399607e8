import type { Kernel, Platform } from '@codezero-ts/kernel';
import { IpcTag, Errno, getMr, receive, send, setMr } from '@codezero-ts/kernel';
import type { CharDevice } from '@codezero-ts/vfs';
import { ConsoleDevice, Vfs, unpackCpio } from '@codezero-ts/vfs';
import type { PosixExit, PosixOptions, PosixStats } from './api.js';
import { KUSER_RESTART, kuserPage } from './internal/kuser-page.js';
import { ipcTracer } from './internal/ipc-trace.js';
import { DOORBELL_TAG, Mm0 } from './internal/mm0.js';
import type { ProcView } from './internal/procfs.js';
import { ProcFs, procState } from './internal/procfs.js';
import { PosixError } from './posix-error.js';

/** What the POSIX system needs of the machine: the RAM behind the kernel, the CPU and the console. */
export type PosixPlatform = Pick<Platform, 'memory' | 'cpu' | 'console'>;

const enc = new TextEncoder();
/** Scheduler priorities of the servers (Codezero's PAGER and SERVER). */
const PAGER_PRIORITY = 8;
const SERVER_PRIORITY = 6;

/**
 * The POSIX container on a running {@link Kernel}: the pager and process manager (mm0) and
 * the file server (fs0) as TypeScript server threads, a memfs root file system with
 * `/dev`, and the first Linux process (`init`) loaded from an ELF file of that file system.
 *
 * The pager owns every user frame of the kernel (the physical-memory capability it gets),
 * so do not start other programs with `Kernel.spawnProgram` beside it.
 */
export class PosixSystem {
  /** The root file system (fill it before {@link PosixSystem.start}). */
  readonly vfs: Vfs;
  /** The device behind `/dev/console` ({@link PosixOptions.consoleDevice} or a `ConsoleDevice`). */
  readonly console: CharDevice;
  readonly #kernel: Kernel;
  readonly #mm0: Mm0;
  #started = false;
  #mm0Tid = 1;
  #exit: { status: number; killed: boolean } | null = null;

  /**
   * Builds the root file system (initramfs, then `files`) and the pager; nothing runs until
   * {@link PosixSystem.start}.
   * @throws PosixError `bad-option` for bad options
   */
  constructor(kernel: Kernel, platform: PosixPlatform, options: PosixOptions = {}) {
    this.#kernel = kernel;
    const maxProcesses = options.maxProcesses ?? 64;
    if (!Number.isInteger(maxProcesses) || maxProcesses < 1) throw new PosixError('bad-option', `maxProcesses ${maxProcesses} must be a positive integer`);
    const out = options.console ?? ((bytes: Uint8Array) => {
      for (const b of bytes) platform.console.write(b);
    });
    const log = (line: string): void => {
      out(enc.encode(`${line}\n`));
    };
    const trace = options.trace === true ? log : typeof options.trace === 'function' ? options.trace : null;
    this.vfs = new Vfs();
    this.console = options.consoleDevice ?? new ConsoleDevice(out);
    this.vfs.mountDevfs(this.console);
    if (options.initramfs !== undefined) unpackCpio(this.vfs, options.initramfs);
    const root = this.vfs.createProcess({ uid: 0, gid: 0, umask: 0 });
    for (const [path, bytes] of Object.entries(options.files ?? {})) {
      const parts = path.split('/').filter((s) => s !== '');
      let dir = '';
      for (const p of parts.slice(0, -1)) {
        dir += `/${p}`;
        root.mkdir(dir, 0o755);
      }
      const fd = root.open(path, 0o1101, 0o755);
      if (fd < 0) throw new PosixError('bad-option', `cannot create ${path} in the root file system (error ${-fd})`);
      root.write(fd, bytes);
      root.close(fd);
    }
    root.exit();
    const procfs = new ProcFs(this.vfs);
    const ipcCalls = options.ipcCalls;
    kernel.setUserVectorPage(kuserPage(), KUSER_RESTART);
    const init = options.init ?? '/bin/init';
    this.#mm0 = new Mm0({
      kernel,
      ram: { ram: platform.memory.ram, ramBase: platform.memory.ramBase, invalidateCode: (o, l) => { platform.cpu.invalidateCode(o, l); } },
      vfs: this.vfs,
      init,
      argv: options.argv ?? [init],
      envp: options.envp ?? ['PATH=/bin', 'HOME=/'],
      log,
      trace,
      maxProcesses,
      bootLines: options.bootLines ?? true,
      onInitExit: (status, killed) => {
        this.#exit = { status, killed };
        kernel.stop();
      },
      onProcPath: () => {
        const m = this.#mm0;
        const s = this.stats();
        const processes: ProcView[] = [];
        for (const p of [...m.procs.values()].sort((x, y) => x.pid - y.pid)) processes.push({ proc: p, state: procState(m, p) });
        const fg = (this.console as { foregroundPgrp?: unknown }).foregroundPgrp;
        procfs.refresh({
          processes,
          consolePgrp: typeof fg === 'number' ? fg : 0,
          vmstat: [
            ['frames_total', s.totalFrames],
            ['frames_free', s.freeFrames],
            ['vm_objects', s.vmObjects],
            ['page_faults', s.faults],
            ['ipc_calls', ipcCalls === undefined ? s.faults + s.syscalls : ipcCalls()],
            ['processes', s.processes],
          ],
        });
      },
    });
    // --trace: IPC between other threads too (mm0 traces its own conversations).
    if (trace !== null) kernel.setIpcObserver(ipcTracer(this.#mm0, trace));
  }

  /**
   * Raises `signal` for every process of group `pgrp` from the host (a terminal's ^C or
   * ^\: pass it as a vfs `Tty`'s `onSignal`). The signal is delivered when mm0 next runs
   * (the next {@link PosixSystem.run}) to each member with Linux semantics (handlers run,
   * SIGTSTP stops, default-fatal signals terminate). Groups ≤ 0 are ignored.
   */
  signalGroup(pgrp: number, signal: number): void {
    if (pgrp <= 0 || signal <= 0 || signal > 64) return;
    this.#mm0.hostSignals.push({ pgrp, signal });
  }

  /**
   * Starts mm0 (thread id 1 on a fresh kernel), lets it create init (the first user
   * thread, id 2), then starts fs0.
   * @throws PosixError `bad-state` when called twice
   */
  start(): void {
    if (this.#started) throw new PosixError('bad-state', 'the POSIX system is already started');
    this.#started = true;
    const mm0 = this.#mm0;
    this.#mm0Tid = this.#kernel.spawnServer((self) => mm0.main(self), { name: 'mm0', priority: PAGER_PRIORITY });
    // Run the servers until the first ARM instruction would execute, so init gets its id
    // before fs0 does.
    this.#kernel.run(0);
    this.#kernel.spawnServer(fileServer, { name: 'fs0', priority: SERVER_PRIORITY });
  }

  /**
   * Runs the machine until init ends, nothing can run, or `maxInstructions` guest
   * instructions have run. Starts the system first if needed.
   */
  run(maxInstructions = Infinity): PosixExit {
    if (!this.#started) this.start();
    const kernel = this.#kernel;
    const end = kernel.instructions + maxInstructions;
    if (this.#exit === null && this.#mm0.hostSignals.length > 0) this.#ring();
    let outcome = kernel.run(maxInstructions);
    // Threads woken from outside the machine (console input pushed by the host while they
    // waited) are only noticed when mm0 receives something: ring its doorbell and go on.
    while (this.#exit === null && outcome === 'idle' && (this.#mm0.retry.length > 0 || this.#mm0.hostSignals.length > 0)) {
      this.#ring();
      outcome = kernel.run(Math.max(0, end - kernel.instructions));
    }
    const instructions = kernel.instructions;
    const ex = this.#exit;
    if (ex !== null) return { reason: ex.killed ? 'killed' : 'exited', status: ex.status, instructions };
    if (outcome === 'budget' || outcome === 'panic' || outcome === 'idle') return { reason: outcome, status: -1, instructions };
    return { reason: 'idle', status: -1, instructions };
  }

  /** A one-shot server thread that sends mm0 the doorbell message and ends. */
  #ring(): void {
    const mm0 = this.#mm0Tid;
    this.#kernel.spawnServer(
      function* (self) {
        setMr(self, 0, DOORBELL_TAG);
        yield send(mm0);
      },
      { name: 'doorbell', priority: PAGER_PRIORITY },
    );
  }

  /** Counters: processes, frames, vm objects, faults and system calls served. */
  stats(): PosixStats {
    const m = this.#mm0;
    const started = this.#started && (m.frames as unknown) !== undefined;
    return {
      processes: m.procs.size,
      freeFrames: started ? m.frames.freeCount : 0,
      totalFrames: started ? m.frames.frameCount : 0,
      vmObjects: started ? m.vm.stats().objects : 0,
      bootFreeFrames: Math.max(0, m.bootFreeFrames),
      bootVmObjects: Math.max(0, m.bootVmObjects),
      faults: m.faults,
      syscalls: m.syscalls,
    };
  }

  /** Runs the vm-objects integrity checker; an empty list when every invariant holds. */
  checkIntegrity(): readonly string[] {
    return this.#mm0.vm.checkIntegrity().problems;
  }
}

/**
 * fs0: the file server thread. Linux processes reach files through mm0's system-call
 * personality, and L4-native clients through the POSIX protocol tags, which mm0 serves too
 * (the same implementation, see internal/protocol.ts); fs0 answers SYNC and SYNC_FULL and
 * refuses the rest with −ENOSYS.
 */
function* fileServer(self: Parameters<Parameters<Kernel['spawnServer']>[0]>[0]): ReturnType<Parameters<Kernel['spawnServer']>[0]> {
  for (;;) {
    yield receive();
    const tag = getMr(self, 0);
    const from = getMr(self, 1);
    if (tag === IpcTag.Sync) continue;
    setMr(self, 0, tag === IpcTag.SyncFull ? 0 : -Errno.ENOSYS);
    yield send(from);
  }
}
