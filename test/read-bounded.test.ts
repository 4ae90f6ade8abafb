import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReadRefused, readBoundedSync, readBoundedTextSync } from '../src/input/read-bounded.js';

const dir = mkdtempSync(join(tmpdir(), 'speclint-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bounded reads', () => {
  it('read a file whole into one buffer of its size', () => {
    const file = join(dir, 'spec.md');
    const text = `# Title\n\n${'Text é.\n'.repeat(20_000)}`;
    writeFileSync(file, text);
    const bytes = readBoundedSync(file, 1024 * 1024, 'specs');
    expect(bytes.toString('utf8')).toBe(text);
    // One allocation of the file's size and one byte more (to see its end), not chunks copied into a second.
    expect(bytes.buffer.byteLength).toBeLessThanOrEqual(Buffer.byteLength(text) + 1 + 8192);
  });

  it.skipIf(process.platform !== 'linux')('read on past the size a file says it has (a /proc file says 0), within the limit', () => {
    const status = readBoundedSync('/proc/self/status', 1024 * 1024, 'specs').toString('utf8');
    expect(status).toMatch(/^Name:/);
    expect(status.length).toBeGreaterThan(500);
    expect(() => readBoundedSync('/proc/self/status', 100, 'specs')).toThrow(ReadRefused);
    expect(() => readBoundedSync('/proc/self/status', 100, 'specs')).toThrow('it is larger than the limit for specs is 100 bytes');
  });

  it('read ASCII text as it is and other text as UTF-8 without its byte-order mark', () => {
    const ascii = join(dir, 'ascii.json');
    writeFileSync(ascii, '{"a":"\\u00e9"}');
    expect(readBoundedTextSync(ascii, 1000, 'a cache')).toBe('{"a":"\\u00e9"}');
    const utf8 = join(dir, 'utf8.md');
    writeFileSync(utf8, '\uFEFFÉmigré');
    appendFileSync(utf8, ' — 名前');
    expect(readBoundedTextSync(utf8, 1000, 'specs')).toBe('Émigré — 名前');
  });
});
