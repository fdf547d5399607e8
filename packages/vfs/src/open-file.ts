import type { CharDevice } from './api.js';
import type { Pipe } from './pipe.js';
import type { Vnode } from './vnode.js';

/**
 * An open file description: what open(2) creates and dup(2)/fork share. It holds the file
 * position, the access mode and status flags, and for devices and pipes the endpoint.
 */
export class OpenFile {
  /** The file. */
  readonly node: Vnode;
  /** Access mode and status flags (O_ACCMODE | O_APPEND | O_NONBLOCK | …). */
  flags: number;
  /** File position (for directories: the getdents64 cookie). */
  pos = 0;
  /** Descriptors (in all processes) referring to this description. */
  refs = 1;
  /** Opened for reading. */
  readonly readable: boolean;
  /** Opened for writing. */
  readonly writable: boolean;
  /** Driver of a character device, else null. */
  readonly device: CharDevice | null;
  /** Pipe of a pipe end or FIFO, else null. */
  readonly pipe: Pipe | null;

  constructor(node: Vnode, flags: number, readable: boolean, writable: boolean, device: CharDevice | null, pipe: Pipe | null) {
    this.node = node;
    this.flags = flags;
    this.readable = readable;
    this.writable = writable;
    this.device = device;
    this.pipe = pipe;
  }
}
