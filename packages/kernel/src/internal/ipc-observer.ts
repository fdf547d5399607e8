import { IpcFlags } from '../api.js';
import type { Core } from './core.js';
import type { Thread } from './thread.js';

/**
 * Reports a completed transfer from `from` to `to` to the core's IPC observer (the caller
 * has checked that one is set). The type is the wider of the two sides' transfer types.
 */
export function reportIpc(core: Core, from: Thread, to: Thread, result: number): void {
  const st = from.ipcFlags & IpcFlags.TypeMask;
  const rt = to.ipcFlags & IpcFlags.TypeMask;
  core.ipcObserver!(from.tid, to.tid, to.ctx[3]! >>> 0, st > rt ? st : rt, result);
}
