import type { RepositoryRule, SpecInSet } from '../src/rule.js';
import { normalizeId } from '../src/repository/references.js';

export const idUnique: RepositoryRule = {
  meta: {
    id: 'id-unique',
    description: 'Two specs of the linted set have the same id.',
    severity: 'error',
    needsTemplate: false,
  },
  scope: 'repository',
  checkRepository({ specs, report }) {
    const byId = new Map<string, SpecInSet[]>();
    for (const spec of specs) {
      const id = spec.facts.id;
      if (!id) continue;
      const key = normalizeId(id.value);
      byId.set(key, [...(byId.get(key) ?? []), spec]);
    }
    for (const group of byId.values()) {
      if (group.length < 2) continue;
      for (const spec of group) {
        const id = spec.facts.id;
        if (!id) continue;
        const others = group.filter((other) => other !== spec).map((other) => `${other.path}:${other.facts.id?.at.line ?? 1}`);
        report({
          spec,
          at: id,
          message: `Spec id '${id.value}' is also used by ${others.join(', ')}`,
          hint: `Give each spec its own ${spec.facts.idField ?? 'id'}.`,
        });
      }
    }
  },
};
