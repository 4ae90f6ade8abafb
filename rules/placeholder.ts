import { lifecycleReason } from '../src/content/lifecycle.js';
import { lazySchema } from '../src/util/lazy-schema.js';
import { DEFAULT_MARKERS, type Placeholder, findPlaceholders } from '../src/content/placeholders.js';
import { defineRule } from '../src/engine/rule.js';

function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describe(placeholder: Placeholder): string {
  const text = shorten(placeholder.text);
  switch (placeholder.kind) {
    case 'bracket':
      return `Placeholder '${text}' is left from the template`;
    case 'marker':
      return `'${text}' marker left in the spec`;
    case 'date':
      return `Placeholder date '${text}'`;
    case 'id':
      return `Placeholder id '${text}'`;
    case 'version':
      return `Placeholder version '${text}'`;
    case 'filler':
      return `Filler text '${text}'`;
    case 'literal':
      return `Placeholder '${text}' (configured)`;
    case 'ellipsis':
      return `Table cell '${text}' is a placeholder`;
    case 'link':
      return `Link target '${text}' is a placeholder`;
    case 'choices':
      return `Status '${text}' lists the template's choices instead of one of them`;
    case 'guidance':
      return `Template guidance left in the spec: '${text}'`;
    case 'example':
      return `Template example text left in the spec: '${text}'`;
  }
}

const Options = lazySchema((z) => z
  .object({
    markers: z.array(z.string().min(1)).default([...DEFAULT_MARKERS]).describe('Upper-case markers of unfinished text'),
    literals: z.array(z.string().min(1)).default([]).describe('Extra literal placeholder strings'),
    guidance: z.boolean().default(true).describe("Whether the template's guidance sentences count as placeholders"),
  })
  .strict());

export const placeholder = defineRule({
  meta: {
    id: 'placeholder',
    description: 'Template text left in the spec: [placeholders], YYYY-MM-DD, TS-XXXX, TBD/TODO/FIXME, guidance sentences, …',
    severity: 'warning',
    needsTemplate: false,
    data: lazySchema((z) => z.object({ kind: z.string(), text: z.string() })),
    lifecycle: true,
    options: Options,
    defaults: { markers: [...DEFAULT_MARKERS], literals: [], guidance: true },
  },
  check(context) {
    const options = context.options;
    const reason = lifecycleReason(context.lifecycle, 'placeholder');
    for (const found of findPlaceholders(context.document, context.template, options)) {
      context.report({
        span: found.span,
        message: `${describe(found)}${reason}`,
        data: { kind: found.kind, text: shorten(found.text) },
        hint: found.kind === 'choices' ? 'Keep the one status that applies.' : 'Replace it with the real content, or remove it.',
      });
    }
  },
});
