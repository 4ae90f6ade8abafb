/**
 * Control characters from file names or spec text must never reach a terminal or a log raw: C0 and C1
 * controls (ESC starts terminal sequences), and the bidirectional overrides and line separators that
 * make text display other than it reads.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Escapes control characters (keeps tab and line feed). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with the controls JSON.stringify leaves raw (C1, bidi, line separators) written as \\u escapes: the same value, safe to print. */
export function safeJson(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line: line breaks become visible escapes too. */
export function oneLine(text: string): string {
  return printable(text.replace(/\r?\n/g, '\\n'));
}
