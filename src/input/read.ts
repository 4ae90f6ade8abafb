import { isUtf8 } from 'node:buffer';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { ReadRefused, bytesText, readBoundedSync } from './read-bounded.js';

export { DEFAULT_LIMITS, type Limits } from './limits.js';

/** Why a file is not linted: each is one error line, and the run exits 2. */
export interface InputProblem {
  code: 'file-too-large' | 'not-a-file' | 'not-text' | 'invalid-encoding' | 'too-deep';
  message: string;
}

export interface SpecInput {
  text: string;
  /** The file's bytes; null when it was not UTF-8 (UTF-16 is decoded, never rewritten). */
  bytes: Buffer | null;
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [extra, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [extra, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [extra, min] = [3, 0x10000];
    else return i;
    let code = b & (0xff >> (extra + 2));
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

/** Whether the bytes start with UTF-16's byte-order mark (decodeSpec reads them as UTF-16, else as UTF-8). */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** Decodes a spec file: UTF-8 (with or without BOM) or UTF-16 with a BOM; refuses binary and broken UTF-8. */
export function decodeSpec(bytes: Buffer): SpecInput | InputProblem {
  if (hasUtf16Bom(bytes)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      return { code: 'invalid-encoding', message: `invalid ${encoding.toUpperCase()} text after its byte-order mark` };
    }
    // Binary in UTF-16 as in UTF-8 (a run with --cache relies on it: the same text in either encoding hashes alike).
    const nul = text.indexOf('\u0000');
    if (nul >= 0) return { code: 'not-text', message: `binary file (NUL character at offset ${2 + 2 * nul}); not linted` };
    return { text, bytes: null };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { code: 'not-text', message: `binary file (NUL byte at offset ${nul}); not linted` };
  // Node's validator is as strict and far faster; the offset is looked for only in a file it refuses.
  const bad = isUtf8(bytes) ? -1 : invalidUtf8Offset(bytes);
  if (bad >= 0) {
    const sequence = [...bytes.subarray(bad, bad + 2)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
    return { code: 'invalid-encoding', message: `invalid UTF-8 at byte offset ${bad} (line ${lineOfOffset(bytes, bad)}: ${sequence}); not linted` };
  }
  return { text: bytes.toString('utf8'), bytes };
}

/**
 * The deepest block nesting by a cheap line scan, before any parsing: container markers at the start
 * of a line ("> ", "- ", "* ", "+ ", "1. ") and indentation (two columns a level). Pathological
 * nesting overflows the parser's stack or makes it super-linear, so it must be refused first.
 */
export function blockNesting(text: string): { depth: number; line: number } {
  let worst = { depth: 0, line: 0 };
  let line = 0;
  let start = 0;
  let fence: string | null = null;
  while (start <= text.length) {
    line++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Lines inside fenced code are code, however indented.
    const marker = /^[ \t>*+\-\d.)]*?(`{3,}|~{3,})/.exec(text.slice(start, Math.min(end, start + 200)))?.[1];
    if (marker && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null;
      start = end + 1;
      continue;
    }
    if (fence !== null) {
      start = end + 1;
      continue;
    }
    let i = start;
    let depth = 0;
    let indent = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 32) {
        indent++;
        i++;
      } else if (c === 9) {
        indent += 4;
        i++;
      } else if (c === 62 /* > */) {
        depth++;
        i++;
      } else if ((c === 45 || c === 42 || c === 43) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9 || i + 1 === end)) {
        depth++;
        i += 2;
      } else {
        let j = i;
        while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        const after = text.charCodeAt(j);
        if (j > i && (after === 46 || after === 41) && (text.charCodeAt(j + 1) === 32 || j + 1 === end)) {
          depth++;
          i = j + 2;
        } else break;
      }
    }
    const total = depth + Math.floor(indent / 2);
    if (total > worst.depth) worst = { depth: total, line };
    start = end + 1;
  }
  return worst;
}

/** The refusal of a text over the size limit (a file, or standard input). */
export function tooLargeProblem(size: number | null, limits: Limits): InputProblem {
  const what = size === null ? 'file is larger than' : `file is ${bytesText(size)}, over`;
  return { code: 'file-too-large', message: `${what} the limit of ${bytesText(limits.maxFileSize)}; not linted (raise the limit with --max-file-size)` };
}

/**
 * Reads a spec's bytes within the size limit: only a regular file (never a FIFO or a device, even
 * through a link), its size checked before reading; not decoded (decodeSpec) nor its nesting checked
 * (checkNesting). The reads are synchronous: a spec is read in a few system calls, where the promise
 * API's round trips through the thread pool cost ~0.1 ms a file (a tenth of a --cache re-run on 216
 * files); opening cannot block (non-blocking, and a FIFO or device is refused before it is read).
 */
export function readSpecBytes(path: string, limits: Limits = DEFAULT_LIMITS): { bytes: Buffer } | InputProblem {
  try {
    return { bytes: readBoundedSync(path, limits.maxFileSize, 'specs') };
  } catch (error) {
    if (!(error instanceof ReadRefused)) throw error;
    if (error.reason === 'not-a-file') return { code: 'not-a-file', message: `${error.message}; not linted` };
    return tooLargeProblem(error.size, limits);
  }
}

/**
 * A spec ready to lint: its bytes as read (readSpecBytes) decoded, or its text as given, with its
 * nesting checked. A run with --cache does this only for files whose result is not in the cache.
 */
export function toLintable(source: { bytes: Buffer } | SpecInput, limits: Limits): SpecInput | InputProblem {
  const input = 'text' in source ? source : decodeSpec(source.bytes);
  return isInputProblem(input) ? input : (checkNesting(input, limits) ?? input);
}

/** Reads a spec within the limits: its bytes (readSpecBytes), decoded, its nesting checked (toLintable). */
export function readSpecFile(path: string, limits: Limits = DEFAULT_LIMITS): SpecInput | InputProblem {
  const read = readSpecBytes(path, limits);
  return 'code' in read ? read : toLintable(read, limits);
}

export function checkNesting(input: SpecInput, limits: Limits): InputProblem | undefined {
  const { depth, line } = blockNesting(input.text);
  if (depth <= limits.maxNesting) return undefined;
  return { code: 'too-deep', message: `block nesting depth ${depth} at line ${line} exceeds the limit of ${limits.maxNesting} (--max-nesting); not linted` };
}

export function isInputProblem(value: SpecInput | InputProblem): value is InputProblem {
  return 'code' in value;
}

/** A stack overflow in the parser or a rule is a nesting problem too, never a crash. */
export function stackOverflowProblem(error: unknown): InputProblem | undefined {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { code: 'too-deep', message: 'the document is nested too deeply to parse (stack overflow); not linted' };
  }
  return undefined;
}
