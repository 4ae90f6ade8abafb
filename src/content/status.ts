/**
 * One notion of "this status value", shared by metadata-status and lifecycle strictness.
 *
 * A status is compared by its name: case, emphasis, a footnote mark and a leading "In"/"Under"
 * ("In Review" ≡ "Review") do not matter, and a qualifier after the name ("Implemented (v1.2)",
 * "Approved (2026-02-01)", "Released Cilium 1.17", "Accepted: see notes") keeps it that status.
 */
export function statusName(value: string): string {
  return value
    .replace(/\[\^[^\]]*\]/g, '')
    .replace(/[*_`]/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/^(?:in|under) (?=\S)/, '');
}

/** Does the written status `value` say `status`, possibly with a qualifier after it? */
export function isStatus(value: string, status: string): boolean {
  const written = statusName(value);
  const name = statusName(status);
  if (!name) return false;
  return written === name || (written.startsWith(name) && /^[\s([:,;\u2013\u2014-]/.test(written.slice(name.length)));
}

/** The allowed status the written value says (an exact name first, then one with a qualifier), or undefined. */
export function matchStatus(value: string, allowed: readonly string[]): string | undefined {
  const written = statusName(value);
  const exact = allowed.find((a) => statusName(a) === written);
  if (exact !== undefined) return exact;
  // The longest name wins: "Accepted with modifications" over "Accepted".
  return allowed.filter((a) => isStatus(value, a)).sort((a, b) => statusName(b).length - statusName(a).length)[0];
}
