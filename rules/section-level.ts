import { lazySchema } from '../src/util/lazy-schema.js';
import { headingLevelFix, sectionsShiftFix } from '../src/fix/edits.js';
import { defineRule } from '../src/engine/rule.js';
import { listWords } from '../src/util/text.js';
import type { Section } from '../src/document/index.js';

/** Sections named in a message; the hint names them all. */
const NAMED_IN_MESSAGE = 3;

export const sectionLevel = defineRule({
  meta: {
    id: 'section-level',
    description: 'A section heading has the right text at the wrong level.',
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.union([
      z.object({ section: z.string(), level: z.number(), expected: z.number() }),
      z.object({ parent: z.string(), level: z.number(), expected: z.number() }),
    ])),
    fixable: true,
  },
  check(context) {
    const { findings, slotOf } = context.alignment();
    // A template section already at its level under a group member stays there, with its subsections.
    const stays = (section: Section): boolean => slotOf.get(section)?.spec.level === section.level;
    for (const finding of findings) {
      if (finding.kind === 'level-many') {
        const { members, level, expected, container } = finding;
        const [first, ...others] = members;
        if (!first) continue;
        const names = members.map((section) => `'${section.text}'`);
        const shown = names.slice(0, NAMED_IN_MESSAGE).join(', ');
        const rest = names.length - NAMED_IN_MESSAGE;
        const what = container ? `sections under '${container.text}'` : 'top-level sections';
        const delta = expected - level;
        context.report({
          span: first.span,
          message: `${members.length} ${what} are level ${level}, expected level ${expected}: ${shown}${rest > 0 ? ` and ${rest} more` : ''}`,
          // What the problem is about, not the list: fixing or adding one of them keeps its baseline entry.
          data: { parent: container?.text ?? '', level, expected },
          hint: `Write ${listWords(names)} as level-${expected} headings ('${'#'.repeat(expected)} …'), and their subsections ${Math.abs(delta)} level${Math.abs(delta) === 1 ? '' : 's'} ${delta > 0 ? 'deeper' : 'higher'}.`,
          related: others.map((section) => ({ span: section.span, message: `'${section.text}', also level ${level}` })),
          fix: sectionsShiftFix(context.document, members, delta, stays),
        });
        continue;
      }
      if (finding.kind !== 'level') continue;
      const { section, slot } = finding;
      context.report({
        span: section.span,
        message: `Section '${section.text}' is level ${section.level}, expected level ${slot.spec.level}`,
        data: { section: section.text, level: section.level, expected: slot.spec.level },
        hint: `Write the heading as '${'#'.repeat(slot.spec.level)} ${section.text}'.`,
        fix: headingLevelFix(context.document, section, slot.spec.level),
      });
    }
  },
});
