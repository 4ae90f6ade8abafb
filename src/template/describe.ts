import type { Section } from '../document/index.js';
import type { Slot } from './align.js';

/** The heading as Markdown, e.g. "## Security Considerations". */
export function headingMarkdown(slot: Slot): string {
  return `${'#'.repeat(slot.spec.level)} ${slot.spec.title}`;
}

/** Where a missing or moved section belongs, in words: "after 'Data Model'". */
export function placement(after: Section | null, before: Section | null, container: Section | null): string {
  if (after) return `after '${after.text}'`;
  if (before) return `before '${before.text}'`;
  if (container) return `under '${container.text}'`;
  return 'at the top level';
}
