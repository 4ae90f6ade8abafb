import type { SpecDocument } from '../document/index.js';
import { matchStatus } from './status.js';

/** Statuses in which a spec is finished, so leftovers are errors rather than warnings. */
export const DEFAULT_FINAL_STATUSES: readonly string[] = ['Approved', 'Implemented', 'Final', 'Accepted'];

export interface Lifecycle {
  /** The spec's status as written, or null when it has none. */
  status: string | null;
  /** Whether that status is a final one. */
  final: boolean;
}

/** "Implemented (Swift 5.9)", "**Accepted**" and "In Review" count as Implemented, Accepted and Review (see status.ts). */
export function lifecycleOf(doc: SpecDocument, finalStatuses: readonly string[] = DEFAULT_FINAL_STATUSES): Lifecycle {
  const status = doc.metadata.get('status')?.value.trim() || null;
  if (!status) return { status: null, final: false };
  return { status, final: matchStatus(status, finalStatuses) !== undefined };
}

/** " (placeholder in an Approved spec)" for a final status, else "". */
export function lifecycleReason(lifecycle: Lifecycle, what: string): string {
  if (!lifecycle.final || !lifecycle.status) return '';
  const article = /^[aeiou]/i.test(lifecycle.status) ? 'an' : 'a';
  return ` (${what} in ${article} ${lifecycle.status} spec)`;
}
