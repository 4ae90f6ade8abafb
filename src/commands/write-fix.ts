import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { writeFileAtomic } from '../write.js';
import { describeError } from './io.js';

/**
 * Writes fixed text safely: only inside the working directory, only for text that decodes as UTF-8
 * exactly, only if the file is unchanged since it was read; atomically, keeping a byte-order mark.
 * Returns the reason when it does not write.
 */
export async function writeFix(path: string, bytes: Buffer, text: string, fixed: string, cwd: string): Promise<string | undefined> {
  const rel = relative(cwd, path);
  if (rel.startsWith('..') || isAbsolute(rel)) return 'it is outside the working directory';
  if (!Buffer.from(text, 'utf8').equals(bytes)) return 'it is not valid UTF-8, and rewriting it would change bytes speclint did not touch';
  let now: Buffer;
  try {
    now = await readFile(path);
  } catch (error) {
    return `it cannot be read again (${describeError(error)})`;
  }
  if (!now.equals(bytes)) return 'it changed on disk while speclint was fixing it';
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  try {
    writeFileAtomic(path, bom + fixed);
  } catch (error) {
    return `it cannot be written (${describeError(error)})`;
  }
  return undefined;
}
