import type { Nodes } from 'mdast';
import { fragmentLinks, headingAnchors } from '../src/content/anchors.js';
import { spanOf } from '../src/document/source.js';
import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';
import type { Fix } from '../src/core/types.js';
import { editSimilarity } from '../src/util/text.js';

const TOC_KEYS = new Set(['table of contents', 'contents', 'toc']);

const Options = lazySchema((z) => z
  .object({
    tableOfContents: z.boolean().default(true).describe('Check that the Table of Contents lists every section'),
    ignoreCase: z
      .boolean()
      .default(false)
      .describe('Accept a fragment that differs from an anchor only in case (GitHub does); when false it is a warning with a fix'),
  })
  .strict());

export const linkAnchor = defineRule({
  meta: {
    id: 'link-anchor',
    description: 'An in-document link (#fragment) points to no heading, or the Table of Contents misses a section.',
    severity: 'error',
    needsTemplate: false,
    data: lazySchema((z) => z.union([z.object({ fragment: z.string(), anchor: z.string() }), z.object({ fragment: z.string() }), z.object({ section: z.string() })])),
    options: Options,
    defaults: { tableOfContents: true, ignoreCase: false },
    fixable: true,
  },
  check(context) {
    const { document, template } = context;
    const { tableOfContents, ignoreCase } = context.options;
    const { headings, html } = headingAnchors(document);
    const slugs = new Set(headings.map((h) => h.slug));
    const candidates = [...slugs, ...html];
    for (const { node, fragment } of fragmentLinks(document.tree)) {
      if (slugs.has(fragment) || html.has(fragment)) continue;
      const caseOnly = candidates.find((c) => c.toLowerCase() === fragment.toLowerCase());
      // GitHub finds '#Data-Model' at the anchor 'data-model'; case-sensitive renderers do not.
      if (caseOnly && ignoreCase) continue;
      const ranked = candidates.map((c) => ({ c, score: editSimilarity(fragment, c) })).sort((a, b) => b.score - a.score);
      const [best, second] = ranked;
      const close = best && best.score >= 0.6 ? best.c : undefined;
      const suggestion = caseOnly ?? close;
      // Rewritten only when exactly one anchor is clearly meant.
      const unique = caseOnly ?? (best && close && (!second || best.score - second.score >= 0.1) ? close : undefined);
      const span = spanOf(node, document.source);
      const raw = `#${node.url.slice(1)}`;
      const at = document.source.text.lastIndexOf(raw, span.end.offset);
      const fix: Fix | undefined = unique && at >= span.start.offset ? { range: [at, at + raw.length], text: `#${unique}` } : undefined;
      if (caseOnly) {
        context.report({
          span,
          severity: 'warning',
          message: `Link to '#${fragment}' differs from the anchor '#${caseOnly}' only in case: GitHub follows it, case-sensitive renderers do not`,
          data: { fragment, anchor: caseOnly },
          hint: `Change the link to '#${caseOnly}', or set the rule's ignoreCase option.`,
          fix,
        });
        continue;
      }
      context.report({
        span,
        message: `Link to '#${fragment}' matches no heading${suggestion ? `: did you mean '#${suggestion}'?` : ''}`,
        data: { fragment },
        hint: suggestion ? `Change the link to '#${suggestion}'.` : 'Link to an existing heading, or add the heading.',
        fix,
      });
    }

    if (!tableOfContents || !template?.hasTableOfContents) return;
    const toc = document.sections.find((s) => TOC_KEYS.has(s.key));
    if (!toc) return;
    const listed = new Set<string>();
    for (const node of toc.ownNodes) for (const link of fragmentLinks(node as Nodes)) listed.add(link.fragment);
    // Sections after the Table of Contents, at its level, are what it lists.
    const topLevel = headings.filter(({ section }) => section.start > toc.start && section.level === toc.level);
    for (const { slug, section } of topLevel) {
      if (listed.has(slug)) continue;
      context.report({
        span: toc.span,
        message: `Table of Contents does not list '${section.text}' (line ${section.span.start.line})`,
        data: { section: section.text },
        related: [{ span: section.span, message: `'${section.text}', not listed in the Table of Contents` }],
        hint: `Add '- [${section.text}](#${slug})' to the Table of Contents.`,
      });
    }
  },
});
