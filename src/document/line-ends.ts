/**
 * CommonMark ends a line at LF, CRLF or a lone CR, but YAML and most of the model split on LF only:
 * a file saved with classic-Mac CR line ends reads as one long line to them (its front matter as a
 * single broken mapping, its metadata lines as one paragraph). Every lone CR becomes an LF before
 * anything reads the text. The replacement has the same length, so every offset, line and column is
 * the same in the file as in the model, and fixes (ranges into the model's text) apply to the file's
 * own text with its own line ends (see fix/apply.ts).
 */
export function withLoneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

export type LineEnd = '\n' | '\r\n' | '\r';

/** The line end of the line holding `offset` (the one before it on a last line without one), or undefined in a one-line text. */
export function lineEndAt(text: string, offset: number): LineEnd | undefined {
  const after = /\r\n|\r|\n/g;
  after.lastIndex = offset;
  const next = after.exec(text);
  if (next) return next[0] as LineEnd;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') return text[i - 1] === '\r' ? '\r\n' : '\n';
    if (c === '\r') return '\r';
  }
  return undefined;
}
