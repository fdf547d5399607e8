import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { FileSource } from './api.js';
import { UserlandError } from './userland-error.js';

/**
 * The file at `path` as a {@link FileSource}: its size now, and a fresh copy of the bytes
 * asked for at each read (the file is opened per read, so no descriptor stays open). A
 * read after the file has changed (another size or modification time) or gone throws a
 * {@link UserlandError} `E_IMAGE_CHANGED` rather than give bytes of another file; a read
 * outside the file is a RangeError. Throws the `statSync` error when `path` cannot be read.
 */
export function openFileSource(path: string): FileSource {
  const at = statSync(path);
  const changed = (): UserlandError => new UserlandError('E_IMAGE_CHANGED', `${path} changed while the system was using it`);
  return {
    size: at.size,
    read(offset, length) {
      if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > at.size) {
        throw new RangeError(`a read of ${length} bytes at ${offset} is outside the ${at.size} bytes of ${path}`);
      }
      let fd: number;
      try {
        fd = openSync(path, 'r');
      } catch {
        throw changed();
      }
      try {
        const now = fstatSync(fd);
        if (now.size !== at.size || now.mtimeMs !== at.mtimeMs) throw changed();
        const out = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const n = readSync(fd, out, done, length - done, offset + done);
          if (n === 0) throw changed();
          done += n;
        }
        return out;
      } finally {
        closeSync(fd);
      }
    },
  };
}
