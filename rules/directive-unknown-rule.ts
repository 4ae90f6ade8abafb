import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';
import { parseSuppressions } from '../src/engine/suppress.js';
import { closest } from '../src/util/text.js';

export const directiveUnknownRule = defineRule({
  meta: {
    id: 'directive-unknown-rule',
    description: 'A speclint-disable/enable comment names a rule that does not exist.',
    severity: 'warning',
    needsTemplate: false,
    data: lazySchema((z) => z.object({ rule: z.string(), kind: z.string() })),
  },
  check(context) {
    const known = context.ruleIds;
    for (const directive of parseSuppressions(context.document)) {
      directive.rules.forEach((rule, k) => {
        if (known.includes(rule)) return;
        const suggestion = closest(rule, known, (id) => id, 0.6);
        const span = directive.ruleSpans[k] ?? directive.span;
        context.report({
          span,
          message: `Unknown rule '${rule}' in speclint-${directive.kind} comment${suggestion ? `: did you mean '${suggestion}'?` : ''}`,
          data: { rule, kind: directive.kind },
          hint: suggestion ? `Write '${suggestion}'.` : "Run 'speclint rules' for the rule ids.",
        });
      });
    }
  },
});
