import { repositoryAnchor } from '../core/anchor.js';
import { compareDiagnostics } from '../engine/run-rules.js';
import type { RuleSetting } from '../core/types.js';
import { resolveRule } from '../engine/resolve-rule.js';
import type { RepositoryRule, SpecInSet } from '../engine/rule.js';
import { applySuppressions } from '../engine/suppress.js';
import type { Diagnostic, Severity } from '../core/types.js';

/**
 * Runs the repository rules over the linted set and returns each spec's new diagnostics (by index),
 * with each file's severities and speclint-disable comments applied.
 */
export function checkRepository(
  specs: readonly SpecInSet[],
  rules: readonly RepositoryRule[],
  fileExists: (absolutePath: string) => boolean,
): Diagnostic[][] {
  const found: Diagnostic[][] = specs.map(() => []);
  const indexOf = new Map(specs.map((spec, k) => [spec, k]));
  for (const rule of rules) {
    const settingOf = (spec: SpecInSet): RuleSetting => resolveRule(rule, { severities: spec.facts.rules }).setting;
    if (specs.every((spec) => settingOf(spec) === 'off')) continue;
    rule.checkRepository({
      specs,
      fileExists,
      report: ({ spec, at, message, hint, data, related }) => {
        const setting = settingOf(spec);
        const index = indexOf.get(spec);
        if (setting === 'off' || index === undefined) return;
        const diagnostic: Diagnostic = {
          ruleId: rule.meta.id,
          severity: setting satisfies Severity,
          message,
          ...at.at,
          ...(hint ? { hint } : {}),
          ...(data ? { data } : {}),
          ...(related?.length
            ? { related: related.map((r) => ({ ...(r.spec === spec ? {} : { path: r.spec.path }), message: r.message, ...r.at.at })) }
            : {}),
          anchor: repositoryAnchor(at, message, data),
        };
        found[index]?.push(diagnostic);
      },
    });
  }
  return found.map((diagnostics, k) => {
    const directives = specs[k]?.facts.suppressions ?? [];
    const kept = directives.length > 0 ? applySuppressions(diagnostics, directives).kept : diagnostics;
    return kept.sort(compareDiagnostics);
  });
}
