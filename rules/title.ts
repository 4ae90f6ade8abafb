import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';
import { documentTitle, isBannerHeading, titleForm } from '../src/template/title.js';

export const title = defineRule({
  meta: {
    id: 'title',
    description: "The spec has no H1, more than one H1, or an H1 that does not fit the template's title.",
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.union([z.object({ expected: z.string() }), z.object({ title: z.string(), expected: z.string() }), z.object({ heading: z.string() })])),
  },
  check(context) {
    const { document, template } = context;
    if (!template?.title) return;
    const expected = titleForm(template.title.text);
    const first = documentTitle(document, template);
    // A notice above the title ("# IMPORTANT! Superseded by …") is no second title.
    const others = document.titles.filter((h1) => h1 !== first && !(isBannerHeading(h1) && h1.span.start.offset < (first?.span.start.offset ?? 0)));
    if (!first) {
      const at = document.sections[0]?.span ?? document.source.span(0, 0);
      const asH2 = template.title.level === 2;
      context.report({
        span: at,
        message: asH2
          ? `Missing title: expected a title heading like '# ${expected}' (or '## ${expected}' before the first section)`
          : `Missing title: expected an H1 heading like '# ${expected}'`,
        data: { expected },
        hint: `Add '# ${expected}' (with the placeholders filled in) at the top of the spec.`,
      });
      return;
    }
    if (!new RegExp(template.title.pattern, 'i').test(first.key)) {
      context.report({
        span: first.span,
        message: `Title '${first.text}' does not follow the template's title '${expected}'`,
        data: { title: first.text, expected },
        hint: `Write the title as '${'#'.repeat(first.level)} ${expected}' with the placeholders filled in.`,
      });
    }
    const { slotOf: aligned, findings } = context.alignment();
    // Sections written as H1 are section-level's: one by one, or all of the spec's H1 sections at once.
    const reportedAsSections = new Set(findings.flatMap((finding) => (finding.kind === 'level-many' && finding.level === 1 ? finding.members : [])));
    for (const extra of others) {
      if (aligned.has(extra) || reportedAsSections.has(extra)) continue;
      context.report({
        span: extra.span,
        message: `Unexpected second H1 '${extra.text}': a spec has one title (line ${first.span.start.line})`,
        data: { heading: extra.text },
        related: [{ span: first.span, message: `The title '${first.text}'` }],
        hint: 'Make this heading a section (##) or remove it.',
      });
    }
  },
});
