import type { SpecDocument } from '../../../document/index.js';
import { type Alignment, alignmentOf } from '../../../template/align.js';
import type { Template } from '../../../template/schema.js';
import type { Diagnostic } from '../../../core/types.js';

/** How much of what a template requires a spec has: sections present, and present and written. */
export interface Completeness {
  /** Required sections (a required subsection counts when its parent is there or required). */
  required: number;
  present: number;
  /** Present, with content of their own or subsections, and no placeholder left in their own text. */
  filled: number;
  /** Titles of the required sections that are missing (not those inside a missing one: its title covers them). */
  missing: string[];
  /** Titles of the required sections that are there but not written yet. */
  unfilled: string[];
}

/**
 * Measured against the alignment the rules use, so a section counts as present exactly when
 * section-required does not report it; "filled" follows section-empty and placeholder.
 */
export function completenessOf(document: SpecDocument, template: Template, diagnostics: readonly Diagnostic[]): Completeness {
  const alignment: Alignment = alignmentOf(document, template);
  const placeholderLines = new Set(diagnostics.filter((d) => d.ruleId === 'placeholder').map((d) => d.line));
  const result: Completeness = { required: 0, present: 0, filled: 0, missing: [], unfilled: [] };
  const presentSlots = new Set<number>();
  const missingSlots = new Set<number>();
  for (const slot of alignment.slots) {
    const found = alignment.sectionsOf.get(slot) ?? [];
    if (found.length > 0) presentSlots.add(slot.index);
    const parent = alignment.slots[slot.parent];
    const counts = slot.spec.required && (!parent || parent.spec.required || presentSlots.has(parent.index));
    if (!counts) continue;
    result.required++;
    const [section] = found;
    if (!section) {
      missingSlots.add(slot.index);
      if (!parent || !missingSlots.has(parent.index)) result.missing.push(slot.spec.title);
      continue;
    }
    result.present++;
    const firstLine = section.span.start.line;
    const lastLine = document.source.pointAt(section.contentEnd).line;
    let placeholder = false;
    for (let line = firstLine; line <= lastLine && !placeholder; line++) placeholder = placeholderLines.has(line);
    if ((section.hasOwnContent || section.children.length > 0) && !placeholder) result.filled++;
    else result.unfilled.push(slot.spec.title);
  }
  return result;
}
