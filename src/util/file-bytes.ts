import { isAscii } from 'node:buffer';
import { constants, readSync } from 'node:fs';

/**
 * Flags for opening a file that is read whatever it turns out to be: non-blocking (a FIFO would
 * otherwise block in open(), before the caller can see it is no regular file) and never a
 * controlling terminal. O_NONBLOCK and O_NOCTTY do not exist on Windows, where neither is a hazard.
 */
export const SAFE_READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Fills `buffer` from the open file's offset `position` on, up to the file's end; the bytes read. */
export function readFully(fd: number, buffer: Buffer, position = 0): number {
  let filled = 0;
  while (filled < buffer.length) {
    const read = readSync(fd, buffer, filled, buffer.length - filled, position + filled);
    if (read === 0) break;
    filled += read;
  }
  return filled;
}

/**
 * UTF-8 bytes as text. ASCII (the bundles, a cache, most configs) is read as Latin-1, which V8 takes
 * as it is into a one-byte string, several times faster than decoding.
 */
export function utf8Text(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
