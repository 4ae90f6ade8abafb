import { lazySchema } from '../src/util/lazy-schema.js';
import { headingTextFix } from '../src/fix/edits.js';
import { defineRule } from '../src/engine/rule.js';

export const sectionName = defineRule({
  meta: {
    id: 'section-name',
    description: 'A heading nearly matches a template section that is missing.',
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.union([z.object({ heading: z.string(), section: z.string() }), z.object({ heading: z.string(), section: z.string(), synonym: z.string() })])),
    fixable: true,
  },
  check(context) {
    for (const finding of context.alignment().findings) {
      if (finding.kind === 'synonym') {
        const { section, slot, phrase } = finding;
        const requirement = slot.spec.required ? 'required' : 'optional';
        context.report({
          span: section.span,
          severity: 'warning',
          message: `Heading '${section.text}' is read as the template's ${requirement} section '${slot.spec.title}' ('${phrase}' is another name for it)`,
          data: { heading: section.text, section: slot.spec.title, synonym: phrase },
          hint: `Rename the heading to '${'#'.repeat(slot.spec.level)} ${slot.spec.title}' so that readers and tools find the section under the template's name.`,
          fix: headingTextFix(context.document, section, slot.spec.title),
        });
        continue;
      }
      if (finding.kind !== 'name') continue;
      const { section, slot } = finding;
      const requirement = slot.spec.required ? 'required' : 'optional';
      if (finding.reworded) {
        context.report({
          span: section.span,
          severity: 'warning',
          message: `Heading '${section.text}' is read as the template's ${requirement} question '${slot.spec.title}', asked in other words (an older revision's wording?)`,
          hint: `Rename the heading to '${'#'.repeat(slot.spec.level)} ${slot.spec.title}' so that readers and tools find the question under the template's wording.`,
          fix: headingTextFix(context.document, section, slot.spec.title),
        });
        continue;
      }
      context.report({
        span: section.span,
        message: `Heading '${section.text}' does not match the template's ${requirement} section '${slot.spec.title}': did you mean '${slot.spec.title}'?`,
        data: { heading: section.text, section: slot.spec.title },
        hint: `Rename the heading to '${'#'.repeat(slot.spec.level)} ${slot.spec.title}'.`,
        fix: headingTextFix(context.document, section, slot.spec.title),
      });
    }
  },
});
