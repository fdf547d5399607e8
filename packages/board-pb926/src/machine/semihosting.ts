import type { ByteSink } from '../api.js';

/** Semihosting operation numbers (ARM "Semihosting for AArch32 and AArch64", version 2). */
export const SemihostingOp = {
  Open: 0x01,
  Close: 0x02,
  WriteC: 0x03,
  Write0: 0x04,
  Write: 0x05,
  Read: 0x06,
  ReadC: 0x07,
  IsError: 0x08,
  IsTty: 0x09,
  Seek: 0x0a,
  FLen: 0x0c,
  Clock: 0x10,
  Time: 0x11,
  Errno: 0x13,
  GetCmdline: 0x15,
  HeapInfo: 0x16,
  Exit: 0x18,
  ExitExtended: 0x20,
  Elapsed: 0x30,
  TickFreq: 0x31,
} as const;

/** `ADP_Stopped_ApplicationExit`: the reason code of a normal exit. */
export const ADP_STOPPED_APPLICATION_EXIT = 0x20026;

/** Ticks per second reported by `SYS_TICKFREQ` and counted by `SYS_ELAPSED` (1 µs ticks). */
export const SEMIHOSTING_TICK_HZ = 1_000_000;

/** Guest memory seen through the MMU with privileged accesses (virtual addresses). */
export interface SemihostingMemory {
  /** Reads a byte. */
  read8(addr: number): number;
  /** Reads a little-endian word (any alignment). */
  read32(addr: number): number;
  /** Writes a byte. */
  write8(addr: number, value: number): void;
  /** Writes a little-endian word (any alignment). */
  write32(addr: number, value: number): void;
}

/** What the semihosting calls reach outside the guest. */
export interface SemihostingHost {
  /** Console output (shared with UART0 in this machine). */
  readonly console: ByteSink;
  /** Next input byte, or -1 when none is queued. */
  readonly readByte: () => number;
  /** Guest nanoseconds since the machine started. */
  readonly nanoseconds: () => number;
  /** Seconds since 1970 for `SYS_TIME`. */
  readonly epochSeconds: () => number;
  /** Stops the machine with an exit status. */
  readonly exit: (status: number) => void;
}

const TT_NAME = ':tt';
const ERROR = -1;

/**
 * The semihosting calls of an ARM debug host, for a guest that runs alone: the console
 * (`:tt`) is the only file, opened for reading (modes 0–3), writing (4–7) or appending
 * (8–11); other names fail. Output of every handle goes to the console, as QEMU's
 * `chardev=serial0` routing does.
 */
export class Semihosting {
  readonly #mem: SemihostingMemory;
  readonly #host: SemihostingHost;
  /** Open handles: handle number → true. Handles 1–3 are preopened stdin/stdout/stderr. */
  readonly #handles = new Set<number>([1, 2, 3]);
  #nextHandle = 4;

  /** Creates the call handler on guest memory and host services. */
  constructor(mem: SemihostingMemory, host: SemihostingHost) {
    this.#mem = mem;
    this.#host = host;
  }

  /** Performs call `op` with parameter `arg` (r0, r1); returns the value for r0. */
  call(op: number, arg: number): number {
    const mem = this.#mem;
    const word = (i: number): number => mem.read32((arg + 4 * i) >>> 0) >>> 0;
    switch (op) {
      case SemihostingOp.WriteC:
        this.#host.console(mem.read8(arg >>> 0));
        return 0;
      case SemihostingOp.Write0: {
        for (let a = arg >>> 0, n = 0; n < 0x1000000; a = (a + 1) >>> 0, n++) {
          const b = mem.read8(a);
          if (b === 0) break;
          this.#host.console(b);
        }
        return 0;
      }
      case SemihostingOp.Write: {
        const handle = word(0);
        const buf = word(1);
        const len = word(2);
        if (!this.#handles.has(handle)) return len;
        for (let i = 0; i < len; i++) this.#host.console(mem.read8((buf + i) >>> 0));
        return 0;
      }
      case SemihostingOp.Read: {
        const handle = word(0);
        const buf = word(1);
        const len = word(2);
        if (!this.#handles.has(handle)) return ERROR;
        let n = 0;
        while (n < len) {
          const b = this.#host.readByte();
          if (b < 0) break;
          mem.write8((buf + n) >>> 0, b);
          n++;
        }
        return len - n;
      }
      case SemihostingOp.ReadC:
        return this.#host.readByte();
      case SemihostingOp.Open: {
        const name = this.#readString(word(0), word(2));
        if (name !== TT_NAME) return ERROR;
        const handle = this.#nextHandle++;
        this.#handles.add(handle);
        return handle;
      }
      case SemihostingOp.Close:
        return this.#handles.delete(word(0)) ? 0 : ERROR;
      case SemihostingOp.IsTty:
        return this.#handles.has(word(0)) ? 1 : 0;
      case SemihostingOp.IsError:
        return (word(0) | 0) < 0 ? 1 : 0;
      case SemihostingOp.Seek:
      case SemihostingOp.FLen:
        return ERROR;
      case SemihostingOp.Clock:
        return Math.floor(this.#host.nanoseconds() / 10_000_000) | 0;
      case SemihostingOp.Time:
        return Math.floor(this.#host.epochSeconds()) | 0;
      case SemihostingOp.Errno:
        return 0;
      case SemihostingOp.GetCmdline: {
        const buf = word(0);
        if (word(1) < 1) return ERROR;
        mem.write8(buf, 0);
        mem.write32((arg + 4) >>> 0, 0);
        return 0;
      }
      case SemihostingOp.HeapInfo: {
        const block = word(0);
        for (let i = 0; i < 4; i++) mem.write32((block + 4 * i) >>> 0, 0);
        return 0;
      }
      case SemihostingOp.Exit:
        this.#host.exit(arg >>> 0 === ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
        return 0;
      case SemihostingOp.ExitExtended:
        this.#host.exit(word(0) === ADP_STOPPED_APPLICATION_EXIT ? word(1) | 0 : 1);
        return 0;
      case SemihostingOp.Elapsed: {
        const ticks = Math.floor((this.#host.nanoseconds() * SEMIHOSTING_TICK_HZ) / 1e9);
        mem.write32(arg >>> 0, ticks % 0x100000000);
        mem.write32((arg + 4) >>> 0, Math.floor(ticks / 0x100000000));
        return 0;
      }
      case SemihostingOp.TickFreq:
        return SEMIHOSTING_TICK_HZ;
      default:
        return ERROR;
    }
  }

  #readString(addr: number, length: number): string {
    let s = '';
    for (let i = 0; i < Math.min(length, 4096); i++) s += String.fromCharCode(this.#mem.read8((addr + i) >>> 0));
    return s;
  }
}
