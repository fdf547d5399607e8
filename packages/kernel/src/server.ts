import type { ServerCall, ServerContext } from './api.js';
import { IpcFlags, MR_PRIMARY, Syscall, ThreadIds, Utcb } from './api.js';

/** Message register `i` (0..59) of a server thread. */
export function getMr(self: ServerContext, i: number): number {
  return self.utcb[i < MR_PRIMARY ? i : Utcb.MrRest + i - MR_PRIMARY]!;
}

/** Sets message register `i` (0..59) of a server thread. */
export function setMr(self: ServerContext, i: number, value: number): void {
  self.utcb[i < MR_PRIMARY ? i : Utcb.MrRest + i - MR_PRIMARY] = value >>> 0;
}

/** Any system call: `yield syscall(Syscall.GetId, 0x100)`. */
export function syscall(call: number, ...args: number[]): ServerCall {
  return { call, args };
}

/** ipc(to, from, flags). */
export function ipc(to: number, from: number, flags: number = IpcFlags.Short): ServerCall {
  return { call: Syscall.Ipc, args: [to >>> 0, from >>> 0, flags >>> 0] };
}

/** Sends the message registers to `to` (blocks until it receives). */
export function send(to: number, flags: number = IpcFlags.Short): ServerCall {
  return ipc(to, ThreadIds.Nil, flags);
}

/** Receives from `from` (default: any thread; the sender's id lands in MR1). */
export function receive(from: number = ThreadIds.Any, flags: number = IpcFlags.Short): ServerCall {
  return ipc(ThreadIds.Nil, from, flags);
}

/** Sends to `to`, then waits for its reply. */
export function call(to: number, flags: number = IpcFlags.Short): ServerCall {
  return ipc(to, to, flags);
}

/**
 * Replies to `to`, then waits for the next message from any thread, in one step (a server's
 * reply-and-wait; server threads only: an ARM thread's ipc with `to` ≠ `from` stays -ENOSYS).
 * When `to` is not waiting yet the server first sleeps until it takes the reply; when the
 * reply cannot be delivered at all (`to` is gone, no capability) it is dropped and the wait
 * happens all the same. The result is the receive's; the sender lands in MR1 as with
 * {@link receive}.
 */
export function replyWait(to: number, flags: number = IpcFlags.Short): ServerCall {
  return ipc(to, ThreadIds.Any, flags);
}

/** Gives up the processor (thread_switch). */
export function threadSwitch(): ServerCall {
  return { call: Syscall.ThreadSwitch, args: [] };
}
