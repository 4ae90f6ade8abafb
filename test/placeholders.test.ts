import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/engine/lint-source.js';
import { isChoiceList } from '../src/content/placeholders.js';
import { deriveTemplate } from '../src/template/derive.js';
import { formatDiagnostic } from './helpers.js';

const derive = (markdown: string) => deriveTemplate(markdown, { id: 'team', source: 'team.md' });
const placeholderDiagnostics = (spec: string, template: ReturnType<typeof derive>): string[] =>
  lintSource(spec, { template }).diagnostics.filter((d) => d.ruleId === 'placeholder').map(formatDiagnostic);

describe('a status written as the template\'s list of choices', () => {
  const allowed = ['Provisional', 'Implementable', 'Implemented', 'Released'];
  it('reads "|", "/" and comma lists of allowed statuses as the list, as status sets are read', () => {
    expect(isChoiceList('Implementable | Released', allowed)).toBe(true);
    expect(isChoiceList('[Provisional / Implementable]', allowed)).toBe(true);
    expect(isChoiceList('Implementable, Released', allowed)).toBe(true);
    expect(isChoiceList('In Implemented, Released', allowed)).toBe(true);
  });
  it('leaves one status, a qualified status and other comma text alone', () => {
    expect(isChoiceList('Implementable', allowed)).toBe(false);
    expect(isChoiceList('Released (v1.2), see notes', allowed)).toBe(false);
    expect(isChoiceList('Implementable, Withdrawn', allowed)).toBe(false);
    expect(isChoiceList('Implementable, Released', null)).toBe(false);
  });
});

describe('bracket slots inside the template\'s HTML comments', () => {
  const template = derive(
    '# Title\n\n## Risks\n\n<!--\nSee the [style guide].\nFor each, fill in by copying the below template:\n  - [Failure mode brief description]\n    - Detection: how?\n[style guide]: https://example.com/style\n-->\n\n## Design\n\nText.\n',
  );
  it('are the template\'s placeholders when a whole line or list item; reference links and prose brackets are not', () => {
    expect(template.placeholders).toContain('failure mode brief description');
    expect(template.placeholders).not.toContain('style guide');
  });
  it('flag a spec that keeps the slot', () => {
    const spec = '# Cache\n\n## Risks\n\n- [Failure mode brief description]\n  - Detection: alerts.\n- The [style guide] applies.\n\n## Design\n\nText.\n';
    expect(placeholderDiagnostics(spec, template)).toEqual([
      expect.stringMatching(/^5:3-5:35 .*placeholder/),
    ]);
  });
});

describe('a trailing bracket qualifier on a heading', () => {
  const template = derive('# Title\n\n## Summary\n\nText.\n\n## Open Questions\n\nText.\n');
  it('is author text when the heading is a template section, even when its words read as a slot', () => {
    expect(placeholderDiagnostics('# Cache\n\n## Summary\n\nText.\n\n## Open Questions [to be resolved]\n\nNone.\n', template)).toEqual([]);
    expect(placeholderDiagnostics('# Cache\n\n## Summary\n\nText.\n\n## Open Questions [Reviewer: the team]\n\nNone.\n', template)).toEqual([]);
    expect(placeholderDiagnostics('# Cache\n\n## Summary\n\nText.\n\n## Open Questions\n\n- [Reviewer: the team]\n', template)).toHaveLength(1);
  });
  it('is still a slot on a heading that is no template section, or when the template has that bracket text', () => {
    expect(placeholderDiagnostics('# Cache\n\n## Summary\n\nText.\n\n## Open Questions\n\n### Caching [describe the approach]\n\nNone.\n', template)).toHaveLength(1);
    const withSlot = derive('# Title\n\n## Summary [one paragraph]\n\nText.\n\n## Open Questions\n\nText.\n');
    expect(placeholderDiagnostics('# Cache\n\n## Summary [one paragraph]\n\nText.\n\n## Open Questions\n\nNone.\n', withSlot)).toHaveLength(1);
  });
});

describe('a brace after "/" in a path', () => {
  it('is a path parameter, not the template\'s placeholder, even when the template writes one', () => {
    const template = derive('# Title\n\n## API\n\n### GET /resource/{id}\n\n{short title} of the call.\n');
    expect(template.placeholders).not.toContain('id');
    expect(placeholderDiagnostics('# Orders\n\n## API\n\n### DELETE /orders/{id}\n\n{short title} of the call.\n', template)).toHaveLength(1);
  });
});
