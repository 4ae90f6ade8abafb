import { lazySchema } from '../src/util/lazy-schema.js';
import { SpecIndex } from '../src/repository/resolve.js';
import { defineRepositoryRule } from '../src/engine/rule.js';

export const idUnique = defineRepositoryRule({
  meta: {
    id: 'id-unique',
    description: 'Two specs of the linted set have the same id.',
    severity: 'error',
    needsTemplate: false,
    data: lazySchema((z) => z.object({ id: z.string() })),
  },
  checkRepository({ specs, fileExists, report }) {
    const index = new SpecIndex(specs, fileExists);
    for (const spec of specs) {
      const id = spec.facts.id;
      if (!id) continue;
      const others = index.withId(id.value).filter((other) => other !== spec);
      if (others.length === 0) continue;
      report({
        spec,
        at: id,
        message: `Spec id '${id.value}' is also used by ${others.map((other) => `${other.path}:${other.facts.id?.at.line ?? 1}`).join(', ')}`,
        data: { id: id.value },
        related: others.map((other) => ({ spec: other, at: other.facts.id ?? id, message: `'${id.value}' is also the id of ${other.path}` })),
        hint: `Give each spec its own ${spec.facts.idField ?? 'id'}.`,
      });
    }
  },
});
