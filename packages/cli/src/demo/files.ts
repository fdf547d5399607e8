import { O_CREAT, O_RDWR, SEEK_SET, Stat, Vfs } from '@codezero-ts/vfs';

/** The file system section of the tour: memfs with Linux semantics and negative errno results. */
export function filesTour(): string[] {
  const vfs = new Vfs();
  const proc = vfs.createProcess({ uid: 0, gid: 0, umask: 0o022 });
  for (const dir of ['/usr', '/usr/bin', '/home']) proc.mkdir(dir, 0o755);
  const fd = proc.open('/home/notes.txt', O_CREAT | O_RDWR, 0o644);
  proc.write(fd, new TextEncoder().encode('written through the vfs\n'));
  proc.lseek(fd, 0, SEEK_SET);
  const buf = new Uint8Array(64);
  const n = proc.read(fd, buf);
  const st = new Stat();
  proc.stat('/usr/./././bin//', st);
  const isDir = (st.mode & 0o170000) === 0o040000;
  return [
    `vfs: open /home/notes.txt → fd ${fd}; read back ${n} bytes: ${JSON.stringify(new TextDecoder().decode(buf.subarray(0, n)))}`,
    `  stat("/usr/./././bin//") is a directory: ${isDir}; open("/home/missing") → ${proc.open('/home/missing', 0)} (−ENOENT)`,
  ];
}
