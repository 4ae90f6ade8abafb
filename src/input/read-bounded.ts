import { type Stats, closeSync, fstatSync, openSync } from 'node:fs';
import { SAFE_READ_FLAGS, readFully, utf8Text } from '../util/file-bytes.js';

/**
 * Reads that cannot hang or exhaust memory: only regular files are read (checked on the opened file,
 * after links are resolved), the file is opened non-blocking (a FIFO would otherwise block in open()),
 * and no more than a limit is ever read, whatever the file claims its size is.
 */

/** Why a file was not read: it is not a regular file, or it is larger than the limit. */
export class ReadRefused extends Error {
  constructor(
    readonly reason: 'not-a-file' | 'too-large',
    message: string,
    /** The file's size, when it is known to be too large. */
    readonly size: number | null = null,
  ) {
    super(message);
  }
}

const CHUNK = 64 * 1024;

export function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function bytesText(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

function tooLarge(size: number | null, limit: number, what: string): ReadRefused {
  return new ReadRefused('too-large', `${size === null ? 'it is larger than' : `it is ${bytesText(size)};`} the limit for ${what} is ${bytesText(limit)}`, size);
}

function checkStats(stats: Stats, limit: number, what: string): void {
  if (!stats.isFile()) throw new ReadRefused('not-a-file', `it is ${describeKind(stats)}, not a regular file`);
  if (stats.size > limit) throw tooLarge(stats.size, limit, what);
}

/**
 * The bytes of a regular file of at most `limit` bytes; throws ReadRefused (one-line message naming
 * `what`'s limit) or the file system's error.
 */
export function readBoundedSync(path: string, limit: number, what: string): Buffer {
  const fd = openSync(path, SAFE_READ_FLAGS);
  try {
    const stats = fstatSync(fd);
    checkStats(stats, limit, what);
    // Read into one buffer of the size the file says it has, and one byte more to see that it ends
    // there: no chunks to copy into a second buffer (on the --cache re-run of 7 MB of specs, the copy
    // and its fresh memory were a fifth of the run, bench/README.md). A file that grows while it is
    // read, or says a wrong size (as /proc files do), is read on in chunks.
    const whole = Buffer.allocUnsafe(stats.size + 1);
    let total = readFully(fd, whole);
    if (total <= stats.size) return whole.subarray(0, total);
    const chunks = [whole];
    for (;;) {
      // A file that grows while it is read stops here.
      if (total > limit) throw tooLarge(null, limit, what);
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      const read = readFully(fd, chunk, total);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text of a bounded read, without a byte-order mark. */
export function readBoundedTextSync(path: string, limit: number, what: string): string {
  return utf8Text(readBoundedSync(path, limit, what)).replace(/^\uFEFF/, '');
}
