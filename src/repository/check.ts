import { quotedValues } from '../core/anchor.js';
import { shortHash } from '../util/hash.js';
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
      report: ({ spec, at, message, hint }) => {
        const setting = settingOf(spec);
        const index = indexOf.get(spec);
        if (setting === 'off' || index === undefined) return;
        const diagnostic: Diagnostic = {
          ruleId: rule.meta.id,
          severity: setting satisfies Severity,
          message,
          ...at.at,
          ...(hint ? { hint } : {}),
          anchor: { section: at.section, text: shortHash(at.value, ...quotedValues(message)) },
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
