import { lazySchema } from '../src/util/lazy-schema.js';
import type { FactReference } from '../src/repository/facts.js';
import { type Resolution, SpecIndex } from '../src/repository/resolve.js';
import { defineRepositoryRule, type SpecInSet } from '../src/engine/rule.js';

/** How a spec is named in messages: its id, or its path when it has none. */
function nameOf(spec: SpecInSet): string {
  return spec.facts.id?.value ?? spec.path;
}

const sameStatus = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export const referenceResolves = defineRepositoryRule({
  meta: {
    id: 'reference-resolves',
    description: 'A reference to another spec (supersedes, superseded_by, decision_ref, related) names no linted spec or file, or the two specs disagree.',
    severity: 'error',
    needsTemplate: false,
    data: lazySchema((z) => z.union([z.object({ field: z.string(), target: z.string() }), z.object({ relation: z.string(), other: z.string() }), z.object({ status: z.string(), supersededBy: z.string(), expected: z.string() })])),
  },
  checkRepository({ specs, fileExists, report }) {
    const index = new SpecIndex(specs, fileExists);
    // Each reference is resolved once (paths cost a file-system check), then read from both sides.
    const resolutions = new Map<FactReference, Resolution>();
    const resolve = (spec: SpecInSet, ref: FactReference): Resolution => {
      let resolution = resolutions.get(ref);
      if (!resolution) {
        resolution = index.resolve(spec, ref);
        resolutions.set(ref, resolution);
      }
      return resolution;
    };
    /** Each spec's references of one relation, resolved to the specs they name. */
    const targets = (spec: SpecInSet, relation: FactReference['relation']): SpecInSet[] =>
      spec.facts.references.flatMap((ref) => {
        if (ref.relation !== relation) return [];
        const resolved = resolve(spec, ref);
        return resolved.kind === 'spec' ? [resolved.spec] : [];
      });
    const supersededBy = new Map<SpecInSet, string>();

    for (const spec of specs) {
      for (const ref of spec.facts.references) {
        const resolved = resolve(spec, ref);
        if (ref.relation === 'superseded-by') supersededBy.set(spec, resolved.kind === 'spec' ? nameOf(resolved.spec) : ref.value);
        if (resolved.kind === 'unresolved') {
          const what = ref.target ?? ref.value;
          report({
            spec,
            at: ref,
            message: `'${ref.field}' names '${what}', which is neither the id of a linted spec nor an existing file${resolved.suggestion ? `: did you mean '${resolved.suggestion}'?` : ''}`,
            data: { field: ref.field, target: what },
            hint: resolved.suggestion ? `Change it to '${resolved.suggestion}'.` : 'Write the id of a spec in the linted set, or a relative path to an existing file.',
          });
          continue;
        }
        if (resolved.kind !== 'spec' || resolved.spec === spec) continue;
        const other = resolved.spec;
        if (ref.relation === 'supersedes') {
          supersededBy.set(other, nameOf(spec));
          if (other.facts.hasField.supersededBy && !targets(other, 'superseded-by').includes(spec)) {
            report({
              spec,
              at: ref,
              message: `This spec supersedes '${nameOf(other)}', but ${other.path} does not name it in ${other.facts.hasField.supersededBy}`,
              data: { relation: 'supersedes', other: nameOf(other) },
              related: [{ spec: other, at: other.facts.id ?? ref, message: `${nameOf(other)}, which does not name this spec in ${other.facts.hasField.supersededBy}` }],
              hint: `Add '${nameOf(spec)}' to the ${other.facts.hasField.supersededBy} field of ${other.path}.`,
            });
          }
        } else if (ref.relation === 'superseded-by' && other.facts.hasField.supersedes && !targets(other, 'supersedes').includes(spec)) {
          report({
            spec,
            at: ref,
            message: `This spec is superseded by '${nameOf(other)}', but ${other.path} does not name it in ${other.facts.hasField.supersedes}`,
            data: { relation: 'superseded-by', other: nameOf(other) },
            related: [{ spec: other, at: other.facts.id ?? ref, message: `${nameOf(other)}, which does not name this spec in ${other.facts.hasField.supersedes}` }],
            hint: `Add '${nameOf(spec)}' to the ${other.facts.hasField.supersedes} field of ${other.path}.`,
          });
        }
      }
    }

    for (const [spec, by] of supersededBy) {
      const expected = spec.facts.supersededStatus;
      const status = spec.facts.status;
      if (!expected || !status || sameStatus(status.value, expected)) continue;
      report({
        spec,
        at: status,
        message: `Status is '${status.value}', but this spec is superseded by '${by}': expected '${expected}'`,
        data: { status: status.value, supersededBy: by, expected },
        hint: `Set the status to '${expected}'.`,
      });
    }
  },
});
