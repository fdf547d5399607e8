import type { IpcObserver } from '@codezero-ts/kernel';
import type { Mm0 } from './mm0.js';
import { protocolTagName } from './protocol.js';

const KINDS = ['short', 'full', 'extended'];

/**
 * The kernel IPC observer of `--trace`: one line per IPC between threads other than mm0,
 * `[pid] ipc FROM -> TO TAG KIND = RESULT` (pid of the sender's process, or `tid N` for a
 * thread outside the POSIX processes; TAG is a protocol name such as SYNC, or `tag N`).
 * mm0's own conversations are traced by mm0 itself, as system calls, faults and protocol
 * requests.
 */
export function ipcTracer(mm0: Mm0, out: (line: string) => void): IpcObserver {
  return (from, to, tag, type, result) => {
    const self = mm0.self as Mm0['self'] | undefined;
    if (self !== undefined && (from === self.tid || to === self.tid)) return;
    const pid = mm0.threads.get(from)?.proc.pid;
    const name = protocolTagName(tag) ?? `tag 0x${tag.toString(16)}`;
    out(`[${pid === undefined ? `tid ${from}` : String(pid)}] ipc ${from} -> ${to} ${name} ${KINDS[type] ?? 'short'} = ${result}`);
  };
}
