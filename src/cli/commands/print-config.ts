import { relative, resolve } from 'node:path';
import { rules } from '../../../rules/index.js';
import { createFileFilter } from '../../config/ignore.js';
import { fileLintOptions, settingsFor } from '../../config/resolve.js';
import { DEFAULT_FINAL_STATUSES } from '../../content/lifecycle.js';
import { templateChoiceFor } from '../../engine/lint-source.js';
import { resolveRule } from '../../engine/resolve-rule.js';
import { effectiveIdentity } from '../../template/identity.js';
import { loadRunConfig, runConfigs, withConfigErrors } from './config.js';
import { type CliIO, EXIT_OK, UsageError, describeError } from './io.js';
import { isInputProblem, readSpecFile } from '../../input/read.js';
import { type LintCommandOptions, resolveTemplateOption } from './lint.js';

const REASONS = { option: 'flag', 'front-matter': 'front matter', override: 'override', detected: 'detection', unknown: 'none fits' } as const;

/** The effective configuration for one file, and why its template was chosen, as JSON. */
export async function printConfigCommand(file: string, options: LintCommandOptions, io: CliIO): Promise<number> {
  const runConfig = loadRunConfig(options.config, io);
  const absolute = resolve(io.cwd, file);
  // The file's own config: the nearest to it (or --config), as a run lints it.
  const configs = runConfigs(options.config, io, runConfig);
  const config = await withConfigErrors(() => Promise.resolve(configs.forFile(absolute)));
  const template = resolveTemplateOption(options.template, config, io.cwd);
  let text: string;
  try {
    const input = readSpecFile(absolute);
    if (isInputProblem(input)) throw new UsageError(`${JSON.stringify(file)}: ${input.code}: ${input.message}`);
    text = input.text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${JSON.stringify(file)}: ${describeError(error)}`);
  }
  const lintOptions = fileLintOptions(config, absolute, file, io.cwd);
  const choice = templateChoiceFor(text, { ...lintOptions, ...(template ? { template } : {}) });
  const settings = settingsFor(config, absolute);
  const isIgnored = createFileFilter({ cwd: io.cwd, patterns: options.ignorePattern ?? [], configFor: (path) => configs.forFile(path) });

  const effectiveRules: Record<string, { severity: string; options?: unknown }> = {};
  for (const rule of rules) {
    const resolved = resolveRule(rule, settings);
    const severity = resolved.byLifecycle ? 'warning (error in a final status)' : resolved.setting;
    const ruleOptions = resolved.options;
    effectiveRules[rule.meta.id] = ruleOptions === undefined ? { severity } : { severity, options: ruleOptions };
  }
  const override = choice.overrideIndex !== undefined ? config.overrides[choice.overrideIndex] : undefined;
  const report = {
    file,
    config: config.path ? relative(io.cwd, config.path) || config.path : null,
    // The files the config extends (directly or not), the one that overrides most first.
    ...((config.files?.length ?? 0) > 1 ? { extends: (config.files ?? []).slice(1).map((path) => relative(io.cwd, path) || path) } : {}),
    ignored: isIgnored(absolute),
    template: {
      id: choice.template?.id ?? null,
      reason: REASONS[choice.reason],
      ...(choice.reason === 'override' && override ? { override: choice.overrideIndex, files: override.files } : {}),
      ...(choice.unknownName ? { frontMatterNames: choice.unknownName } : {}),
      ...(choice.scores.length > 0 ? { scores: choice.scores } : {}),
    },
    matchedOverrides: settings.matchedOverrides,
    finalStatuses: settings.finalStatuses ?? DEFAULT_FINAL_STATUSES,
    placeholders: config.placeholders,
    identity: effectiveIdentity(choice.template?.identity ?? null, settings.identity),
    rules: effectiveRules,
  };
  io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  return EXIT_OK;
}
