/** A placeholder in a derived pattern: any text. */
export const WILDCARD = '.+';
/** An id placeholder ("XXXX", "NNN"): letters and digits. */
export const ID_WILDCARD = '[a-z0-9]+';

/**
 * Joins the fragments of a derived heading pattern (regex source of fixed text, and WILDCARD for
 * each placeholder) into `^…$` that matches in linear time. Written plainly, "[A] [B] [C] [D]" gives
 * `^.+\s*.+\s*.+\s*.+$`, which backtracks through every way of splitting a heading that does not
 * match: a 20-character heading took minutes. So: placeholders with only spaces between them are one
 * placeholder, and a placeholder followed by fixed text and another placeholder takes the first
 * occurrence of that text, without backtracking (an atomic group, written as a lookahead and a
 * backreference). The first occurrence is as good as any later one there, because the placeholder
 * after it can absorb what lies between.
 */
export function linearPattern(fragments: readonly string[]): string {
  const merged: string[] = [];
  let afterText = false;
  for (const given of fragments) {
    // An id placeholder after a text placeholder is text too: "[A] XXXX [B]" would otherwise backtrack between the two.
    afterText ||= given === WILDCARD;
    const fragment = afterText && given === ID_WILDCARD ? WILDCARD : given;
    if (fragment === '') continue;
    const last = merged[merged.length - 1];
    if (fragment === WILDCARD && last === WILDCARD) continue;
    if (fragment === WILDCARD && last !== undefined && /^(?:\\s\*)+$/.test(last) && merged[merged.length - 2] === WILDCARD) {
      merged.pop();
      continue;
    }
    merged.push(fragment);
  }
  let body = '';
  let group = 0;
  for (let k = 0; k < merged.length; k++) {
    const fragment = merged[k] ?? '';
    const text = merged[k + 1];
    if (fragment === WILDCARD && text !== undefined && text !== WILDCARD && merged[k + 2] === WILDCARD) {
      // Optional spaces around the fixed text change nothing between two placeholders (they match spaces
      // too), and left in they would make the search quadratic in a run of spaces.
      const fixed = text.replace(/^(?:\\s\*)+|(?:\\s\*)+$/g, '');
      group++;
      body += fixed === '' ? WILDCARD : `(?=(.+?${fixed}))\\${group}`;
      k++;
    } else body += fragment;
  }
  return `^${body}$`;
}
