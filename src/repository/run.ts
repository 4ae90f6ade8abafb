import { existsSync } from 'node:fs';
import { repositoryRules } from '../../rules/index.js';
import { resolveRule } from '../engine/resolve-rule.js';
import { compareDiagnostics } from '../engine/run-rules.js';
import type { SpecInSet } from '../engine/rule.js';
import type { LintResult } from '../core/types.js';
import { checkRepository } from './check.js';
import type { SpecFacts } from './facts.js';

export interface LintedSpec {
  result: LintResult;
  absolutePath: string;
  facts: SpecFacts;
}

/** Runs the repository rules over the linted set and adds their diagnostics to each file's result. */
export function withRepositoryDiagnostics<T extends LintedSpec>(files: readonly T[], fileExists: (path: string) => boolean = existsSync): T[] {
  const specs: SpecInSet[] = files.map((file) => ({ path: file.result.path, absolutePath: file.absolutePath, facts: file.facts }));
  const found = checkRepository(specs, repositoryRules, fileExists);
  return files.map((file, k) => {
    const added = found[k] ?? [];
    if (added.length === 0) return file;
    return { ...file, result: { ...file.result, diagnostics: [...file.result.diagnostics, ...added].sort(compareDiagnostics) } };
  });
}

/** The repository rules on for some file, or all of them when there are no files (so that skipping them is worth a note). */
export function repositoryRulesOn(files: readonly LintedSpec[]): string[] {
  return repositoryRules
    .filter((rule) => files.length === 0 || files.some((file) => resolveRule(rule, { severities: file.facts.rules }).setting !== 'off'))
    .map((rule) => rule.meta.id);
}
