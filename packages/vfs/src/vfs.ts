import type { CharDevice, ProcessOptions, VfsOptions } from './api.js';
import { PAGE_SIZE, S_IFCHR, S_IFDIR, S_IFMT } from './constants.js';
import { ConsoleDevice, NullDevice, ZeroDevice, makeDev } from './devices.js';
import { Errno } from './errno.js';
import { Follow, Lookup, walk } from './internal/resolve.js';
import { VfsProcess } from './process.js';
import { createMemfs, type Superblock } from './superblock.js';
import type { Vnode } from './vnode.js';

/** Thrown by host-side (not guest-visible) setup calls of {@link Vfs} given bad input. */
export class VfsError extends Error {
  /** Symbolic code, e.g. `'ENOENT'` or `'EBUSY'`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'VfsError';
    this.code = code;
  }
}

const rootCred = { uid: 0, gid: 0, euid: 0, egid: 0, groups: [] as readonly number[] };

/**
 * A virtual file system: the root memfs, the mount table, the character device registry
 * and the clock. Guest-visible calls live on the {@link VfsProcess} objects it creates.
 */
export class Vfs {
  /** Superblock of the root file system. */
  readonly rootFs: Superblock;
  /** Superblock holding anonymous pipe vnodes. */
  readonly pipeFs: Superblock = createMemfs();
  /** Root directory of the whole tree. */
  readonly root: Vnode;
  private readonly clock: () => number;
  private readonly devices = new Map<number, CharDevice>();
  private readonly mounts: { path: string; sb: Superblock }[] = [];

  constructor(options: VfsOptions = {}) {
    this.rootFs = createMemfs(options.quotaBytes === undefined ? {} : { quotaBytes: options.quotaBytes });
    this.root = this.rootFs.root;
    this.clock = options.clock ?? (() => 0);
    this.touchNew(this.root);
  }

  /** Creates a process context (fd table, cwd, umask, credentials). */
  createProcess(options: ProcessOptions = {}): VfsProcess {
    const p = new VfsProcess(this, options);
    if (options.cwd !== undefined && options.cwd !== '/') {
      const r = p.chdir(options.cwd);
      if (r < 0) throw new VfsError('ENOENT', `cwd ${options.cwd} cannot be entered (errno ${-r})`);
    }
    return p;
  }

  /** Registers the driver of character device `major:minor`. */
  registerCharDevice(major: number, minor: number, device: CharDevice): void {
    this.devices.set(makeDev(major, minor), device);
  }

  /** The driver registered for an encoded device number, if any. */
  charDevice(rdev: number): CharDevice | undefined {
    return this.devices.get(rdev);
  }

  /**
   * Mounts `fs` on the existing directory `path` (resolved as root); mounting on a mount
   * point stacks on top, as on Linux. Throws a {@link VfsError} when the path is not a
   * directory or `fs` is mounted already.
   */
  mount(path: string, fs: Superblock): void {
    const l = walk(rootCred, this.root, this.root, path, Follow.Yes, new Lookup());
    if (l.err !== 0 || l.node === null) throw new VfsError('ENOENT', `mount point ${path} does not exist`);
    const dir = l.node;
    if ((dir.mode & S_IFMT) !== S_IFDIR) throw new VfsError('ENOTDIR', `mount point ${path} is not a directory`);
    if (fs.root.coveredDir !== null || fs.root === this.root) {
      throw new VfsError('EBUSY', `the file system is already mounted (mounting on ${path})`);
    }
    dir.mounted = fs.root;
    fs.root.coveredDir = dir;
    this.mounts.push({ path, sb: fs });
  }

  /** Mounted file systems in mount order. */
  mountTable(): readonly { readonly path: string; readonly sb: Superblock }[] {
    return this.mounts;
  }

  /**
   * Creates and mounts a devfs at `path` (default `/dev`, created when missing) holding
   * `null` (1:3), `zero` (1:5), `tty` (5:0) and `console` (5:1), and registers their
   * drivers; returns the console so the host can feed input and see output.
   */
  mountDevfs(console?: ConsoleDevice, path?: string): ConsoleDevice;
  /** The same with another console driver, such as a `Tty`; returns it. */
  mountDevfs<D extends CharDevice>(console: D, path?: string): D;
  mountDevfs(console: CharDevice = new ConsoleDevice(), path = '/dev'): CharDevice {
    const p = this.createProcess({ umask: 0 });
    const mk = p.mkdir(path, 0o755);
    if (mk < 0 && mk !== -Errno.EEXIST) throw new VfsError('ENOENT', `cannot create ${path} (errno ${-mk})`);
    const fs = createMemfs();
    this.touchNew(fs.root);
    this.mount(path, fs);
    this.registerCharDevice(1, 3, new NullDevice());
    this.registerCharDevice(1, 5, new ZeroDevice());
    this.registerCharDevice(5, 0, console);
    this.registerCharDevice(5, 1, console);
    const base = path.endsWith('/') ? path : path + '/';
    p.mknod(base + 'null', S_IFCHR | 0o666, makeDev(1, 3));
    p.mknod(base + 'zero', S_IFCHR | 0o666, makeDev(1, 5));
    p.mknod(base + 'tty', S_IFCHR | 0o666, makeDev(5, 0));
    p.mknod(base + 'console', S_IFCHR | 0o600, makeDev(5, 1));
    return console;
  }

  /**
   * Page-in for a page cache or a file mapping: copies page `pageIndex` of the regular
   * file `node` into `into` (PAGE_SIZE bytes, zeros past the end of the file). Returns the
   * number of file bytes in the page, or -EFAULT when the page lies wholly past the end
   * (where Linux raises SIGBUS), -EINVAL for a non-regular file.
   */
  readPage(node: Vnode, pageIndex: number, into: Uint8Array): number {
    const data = node.data;
    if (data === null) return -Errno.EINVAL;
    const start = pageIndex * PAGE_SIZE;
    if (start >= data.size) return -Errno.EFAULT;
    const n = data.read(start, into, 0, PAGE_SIZE);
    into.fill(0, n, PAGE_SIZE);
    return n;
  }

  /**
   * Write-back of a dirty mapped page: stores `from` as page `pageIndex` of `node`, but
   * only the bytes below the file size (a mapping never grows a file). Returns the bytes
   * stored, or -EINVAL for a non-regular file.
   */
  writePage(node: Vnode, pageIndex: number, from: Uint8Array): number {
    const data = node.data;
    if (data === null) return -Errno.EINVAL;
    const start = pageIndex * PAGE_SIZE;
    const n = Math.max(0, Math.min(PAGE_SIZE, data.size - start));
    if (n === 0) return 0;
    const before = data.allocatedPages;
    data.write(start, from, 0, n);
    node.sb.usedPages += data.allocatedPages - before;
    this.touchModify(node);
    return n;
  }

  /** Current time as [seconds, nanoseconds]. */
  now(out: [number, number]): [number, number] {
    const ms = this.clock();
    const sec = Math.floor(ms / 1000);
    out[0] = sec;
    out[1] = Math.round((ms - sec * 1000) * 1e6);
    return out;
  }

  private readonly t: [number, number] = [0, 0];

  /** Sets all three timestamps of a new vnode to now. */
  touchNew(n: Vnode): void {
    const [s, ns] = this.now(this.t);
    n.atimeSec = n.mtimeSec = n.ctimeSec = s;
    n.atimeNsec = n.mtimeNsec = n.ctimeNsec = ns;
  }

  /** Marks data modified: mtime and ctime. */
  touchModify(n: Vnode): void {
    const [s, ns] = this.now(this.t);
    n.mtimeSec = n.ctimeSec = s;
    n.mtimeNsec = n.ctimeNsec = ns;
  }

  /** Marks status changed: ctime. */
  touchChange(n: Vnode): void {
    const [s, ns] = this.now(this.t);
    n.ctimeSec = s;
    n.ctimeNsec = ns;
  }

  /** Marks data read: atime. */
  touchAccess(n: Vnode): void {
    const [s, ns] = this.now(this.t);
    n.atimeSec = s;
    n.atimeNsec = ns;
  }
}
