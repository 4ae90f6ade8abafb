import { readSync } from 'node:fs';

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
