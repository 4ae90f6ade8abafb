/**
 * Every match of a global pattern in `text`, as `text.matchAll(pattern)` gives them, without the copy
 * of the pattern that matchAll makes on every call: over a document's blocks and text nodes, those
 * copies were a good part of the placeholder scan's time. The pattern's lastIndex is left at 0.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError('allMatches needs a global pattern');
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    found.push(match);
    // An empty match moves on by one character, as matchAll does (by a code point in unicode mode).
    if (match[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, /[uv]/.test(pattern.flags));
  }
  pattern.lastIndex = 0;
  return found;
}

function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  return (text.codePointAt(index) ?? 0) > 0xffff ? index + 2 : index + 1;
}
