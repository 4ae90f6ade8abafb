import { z } from 'zod';
import { headingLevelFix } from '../src/fix/edits.js';
import { defineRule } from '../src/engine/rule.js';

export const sectionLevel = defineRule({
  meta: {
    id: 'section-level',
    description: 'A section heading has the right text at the wrong level.',
    severity: 'error',
    needsTemplate: true,
    data: z.object({ section: z.string(), level: z.number(), expected: z.number() }),
    fixable: true,
  },
  check(context) {
    for (const finding of context.alignment().findings) {
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
