/** Control characters from file names or spec text must never reach a terminal or a log raw. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One line: line breaks become visible escapes too. */
export function oneLine(text: string): string {
  return printable(text.replace(/\r?\n/g, '\\n'));
}
