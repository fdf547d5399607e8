/**
 * vfs benchmarks, each beside the `memfs` npm package (Volume, synchronous API) on the same
 * workload in the same run:
 *  - mixed: per file create+write 1 KiB+close, stat, open+read+close, then readdir, unlink;
 *  - small files: the same without stat/readdir, 64-byte payloads;
 *  - lookup: stat of a path 8 directories deep;
 *  - large: sequential 64 KiB writes to a 16 MiB file then reads of it, in MiB/s;
 *  - tty (no reference): typed text through canonical mode (echo, lines read back), and
 *    program output through OPOST/ONLCR, in bytes/s.
 * Run: npx lerna run build --scope @codezero-ts/vfs && npm run bench -w @codezero-ts/vfs
 */
import { Volume } from 'memfs';
import { O_CREAT, O_DIRECTORY, O_RDONLY, O_TRUNC, O_WRONLY, Stat, Tty, Vfs, WOULD_BLOCK, type VfsProcess } from '@codezero-ts/vfs';
import { measureRate, report, type BenchResult } from '../../../scripts/bench-kit.js';

const FILES = 100;
const names = Array.from({ length: FILES }, (_, i) => `/work/file-${i}.dat`);
const payload = new Uint8Array(1024).map((_, i) => i & 0xff);
const small = new Uint8Array(64).fill(7);
const readBuf = new Uint8Array(64 * 1024);
const dentBuf = new Uint8Array(8192);

function ours(): VfsProcess {
  const p = new Vfs().createProcess();
  p.mkdir('/work', 0o755);
  return p;
}

function theirs(): InstanceType<typeof Volume> {
  const v = new Volume();
  v.mkdirSync('/work');
  return v;
}

// Operations per file in the mixed workload: open, write, close, stat, open, read, close,
// unlink; plus one readdir per round.
const MIXED_OPS = FILES * 8 + 1;

function mixedOurs(): number {
  const p = ours();
  const st = new Stat();
  return measureRate((n) => {
    for (let it = 0; it < n; it++) {
      for (const name of names) {
        const fd = p.open(name, O_CREAT | O_WRONLY | O_TRUNC, 0o644);
        p.write(fd, payload);
        p.close(fd);
      }
      for (const name of names) {
        p.stat(name, st);
        const fd = p.open(name, O_RDONLY);
        p.read(fd, readBuf, 0, 1024);
        p.close(fd);
      }
      const dfd = p.open('/work', O_RDONLY | O_DIRECTORY);
      while (p.getdents64(dfd, dentBuf) > 0);
      p.close(dfd);
      for (const name of names) p.unlink(name);
    }
  }, MIXED_OPS);
}

function mixedTheirs(): number {
  const v = theirs();
  return measureRate((n) => {
    for (let it = 0; it < n; it++) {
      for (const name of names) {
        const fd = v.openSync(name, 'w', 0o644);
        v.writeSync(fd, payload);
        v.closeSync(fd);
      }
      for (const name of names) {
        v.statSync(name);
        const fd = v.openSync(name, 'r');
        v.readSync(fd, readBuf, 0, 1024, null);
        v.closeSync(fd);
      }
      v.readdirSync('/work');
      for (const name of names) v.unlinkSync(name);
    }
  }, MIXED_OPS);
}

const SMALL_OPS = FILES * 7;

function smallOurs(): number {
  const p = ours();
  return measureRate((n) => {
    for (let it = 0; it < n; it++) {
      for (const name of names) {
        const fd = p.open(name, O_CREAT | O_WRONLY | O_TRUNC, 0o644);
        p.write(fd, small);
        p.close(fd);
      }
      for (const name of names) {
        const fd = p.open(name, O_RDONLY);
        p.read(fd, readBuf, 0, 64);
        p.close(fd);
        p.unlink(name);
      }
    }
  }, SMALL_OPS);
}

function smallTheirs(): number {
  const v = theirs();
  return measureRate((n) => {
    for (let it = 0; it < n; it++) {
      for (const name of names) {
        const fd = v.openSync(name, 'w', 0o644);
        v.writeSync(fd, small);
        v.closeSync(fd);
      }
      for (const name of names) {
        const fd = v.openSync(name, 'r');
        v.readSync(fd, readBuf, 0, 64, null);
        v.closeSync(fd);
        v.unlinkSync(name);
      }
    }
  }, SMALL_OPS);
}

const DEEP = '/d1/d2/d3/d4/d5/d6/d7/d8';

function lookupOurs(): number {
  const p = ours();
  let path = '';
  for (const part of DEEP.split('/').slice(1)) {
    path += '/' + part;
    p.mkdir(path, 0o755);
  }
  p.close(p.open(DEEP + '/leaf', O_CREAT | O_WRONLY, 0o644));
  const st = new Stat();
  return measureRate((n) => {
    for (let i = 0; i < n; i++) p.stat(DEEP + '/leaf', st);
  });
}

function lookupTheirs(): number {
  const v = theirs();
  v.mkdirSync(DEEP, { recursive: true });
  v.writeFileSync(DEEP + '/leaf', '');
  return measureRate((n) => {
    for (let i = 0; i < n; i++) v.statSync(DEEP + '/leaf');
  });
}

const LARGE = 16 << 20;
const CHUNK = 64 * 1024;
const chunk = new Uint8Array(CHUNK).fill(0x5a);
const MIB_PER_ROUND = (2 * LARGE) / (1 << 20);

function largeOurs(): number {
  const p = ours();
  return measureRate(
    (n) => {
      for (let it = 0; it < n; it++) {
        const fd = p.open('/work/large', O_CREAT | O_WRONLY | O_TRUNC, 0o644);
        for (let off = 0; off < LARGE; off += CHUNK) p.write(fd, chunk);
        p.close(fd);
        const rfd = p.open('/work/large', O_RDONLY);
        while (p.read(rfd, readBuf) > 0);
        p.close(rfd);
      }
    },
    MIB_PER_ROUND,
    { samples: 5 },
  );
}

function largeTheirs(): number {
  const v = theirs();
  return measureRate(
    (n) => {
      for (let it = 0; it < n; it++) {
        const fd = v.openSync('/work/large', 'w', 0o644);
        for (let off = 0; off < LARGE; off += CHUNK) v.writeSync(fd, chunk);
        v.closeSync(fd);
        const rfd = v.openSync('/work/large', 'r');
        while (v.readSync(rfd, readBuf, 0, readBuf.length, null) > 0);
        v.closeSync(rfd);
      }
    },
    MIB_PER_ROUND,
    { samples: 5 },
  );
}

const results: BenchResult[] = [];
const pair = (name: string, unit: string, a: () => number, b: () => number): void => {
  const value = a();
  results.push({ name, value, unit, higherIsBetter: true, reference: { name: 'memfs', value: b() } });
};
pair('mixed create/write/stat/read/readdir/unlink', 'ops/s', mixedOurs, mixedTheirs);
pair('small files create/write/read/unlink', 'ops/s', smallOurs, smallTheirs);
pair('stat of a path 8 directories deep', 'ops/s', lookupOurs, lookupTheirs);
pair('16 MiB sequential write + read, 64 KiB calls', 'MiB/s', largeOurs, largeTheirs);

// 64 lines of 63 characters + newline, typed at once, then read back line by line.
const typed = new TextEncoder().encode(('x'.repeat(63) + '\r').repeat(64));
const ttyOut = new TextEncoder().encode(('y'.repeat(63) + '\n').repeat(64));
function ttyTyping(): number {
  const tty = new Tty({ sink: () => undefined });
  const buf = new Uint8Array(256);
  return measureRate((n) => {
    for (let it = 0; it < n; it++) {
      tty.input(typed);
      while (tty.read(buf, 0, buf.length, false) !== WOULD_BLOCK);
    }
  }, typed.length);
}
function ttyOutput(): number {
  const tty = new Tty({ sink: () => undefined });
  return measureRate((n) => {
    for (let it = 0; it < n; it++) tty.write(ttyOut, 0, ttyOut.length);
  }, ttyOut.length);
}
results.push({ name: 'tty: typed bytes, canonical mode with echo', value: ttyTyping(), unit: 'B/s', higherIsBetter: true });
results.push({ name: 'tty: output bytes with ONLCR', value: ttyOutput(), unit: 'B/s', higherIsBetter: true });
report('vfs', results);
