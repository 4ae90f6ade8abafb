import { lineEndAt } from '../document/line-ends.js';
import type { Diagnostic, Fix } from '../core/types.js';

/**
 * A fix's line breaks, written as the line end of the line it edits (LF in a text of one line), so
 * that a CR, CRLF or mixed file keeps the line ends around each fix.
 */
export function withLocalLineEnds(text: string, fix: Fix): string {
  if (!/[\r\n]/.test(fix.text)) return fix.text;
  const eol = lineEndAt(text, fix.range[0]) ?? '\n';
  return fix.text.replace(/\r\n|\r|\n/g, eol);
}

/**
 * Applies the fixes that do not overlap, in one pass. Insertions at the same point are applied in
 * the order given (one after the other, which is well defined); a fix that overlaps one already
 * taken waits for the next pass, when it is recomputed on the new text.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number; replaced: string[] } {
  const ordered = fixes
    .map((fix, order) => ({ fix, order }))
    .sort((a, b) => a.fix.range[0] - b.fix.range[0] || a.fix.range[1] - b.fix.range[1] || a.order - b.order);
  const taken: Fix[] = [];
  let end = 0;
  for (const { fix } of ordered) {
    const [from, to] = fix.range;
    if (from < 0 || to < from || to > text.length) continue;
    if (from < end) continue; // overlaps a fix already taken: next pass
    taken.push(fix);
    end = to;
  }
  let out = '';
  let cursor = 0;
  for (const fix of taken) {
    out += text.slice(cursor, fix.range[0]) + withLocalLineEnds(text, fix);
    cursor = fix.range[1];
  }
  const replaced = taken.filter((f) => f.range[1] > f.range[0]).map((f) => text.slice(f.range[0], f.range[1]));
  return { text: out + text.slice(cursor), applied: taken.length, replaced };
}

export interface FixOutcome {
  /** The text after all passes (the original text when the fixes do not settle). */
  text: string;
  /** How many fixes were applied in all. */
  applied: number;
  passes: number;
  /** The text each replacing fix took out (insertions take out nothing). */
  replaced: string[];
  /**
   * Set when the fixes do not reach a fixed point: a pass asks for the same fixes again, the text
   * comes back to an earlier one, or fixes are still pending after the last pass. A second run would
   * fix again (a file that grows each run), so nothing of it may be written.
   */
  unsettled?: { ruleIds: string[] };
}

export const MAX_FIX_PASSES = 10;

/** What a pass asks for: each fix's rule and text, wherever it goes (offsets move as text is added). */
function fixRequests(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.ruleId}\u0000${d.fix?.text ?? ''}`)
    .sort()
    .join('\u0001');
}

/**
 * Lints, applies the fixes, and repeats on the new text until nothing is left to fix (at most ten
 * passes), so that each fix is computed on the text it applies to. A run that does not settle is
 * undone and reported (FixOutcome.unsettled): applying the same fix twice is a bug, not a fixed point.
 */
export function fixText(
  text: string,
  lint: (text: string) => readonly Diagnostic[],
  accept: (d: Diagnostic) => boolean = () => true,
  /** The diagnostics of `text`, when the caller has them already. */
  initial?: readonly Diagnostic[],
): FixOutcome {
  let current = text;
  let applied = 0;
  let passes = 0;
  const replaced: string[] = [];
  const seenTexts = new Set<string>([text]);
  let previousRequests: string | undefined;
  let diagnostics = initial;
  for (;;) {
    const fixable = (diagnostics ?? lint(current)).filter((d) => d.fix !== undefined && accept(d));
    if (fixable.length === 0) break;
    const requests = fixRequests(fixable);
    if (passes >= MAX_FIX_PASSES || requests === previousRequests) {
      return { text, applied: 0, passes, replaced: [], unsettled: { ruleIds: [...new Set(fixable.map((d) => d.ruleId))].sort() } };
    }
    const result = applyFixes(current, fixable.map((d) => d.fix as Fix));
    passes++;
    if (result.applied === 0 || result.text === current) break;
    if (seenTexts.has(result.text)) {
      return { text, applied: 0, passes, replaced: [], unsettled: { ruleIds: [...new Set(fixable.map((d) => d.ruleId))].sort() } };
    }
    seenTexts.add(result.text);
    previousRequests = requests;
    current = result.text;
    applied += result.applied;
    replaced.push(...result.replaced);
    diagnostics = undefined;
  }
  return { text: current, applied, passes, replaced };
}
