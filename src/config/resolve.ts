import { relative } from 'node:path';
import picomatch from 'picomatch';
import type { TemplateRegistry } from '../template/registry.js';
import type { RuleSetting } from '../core/types.js';
import type { IdentityConfig } from '../template/identity.js';
import type { Template } from '../template/schema.js';
import type { Override, ResolvedConfig } from './load.js';
import type { RuleEntry } from './schema.js';
import { toPosix } from '../util/posix-path.js';

export interface FileSettings {
  severities: Record<string, RuleSetting>;
  ruleOptions: Record<string, unknown>;
  finalStatuses?: string[];
  /** The template an override assigns, with the override's index. */
  override?: { template: Template; index: number };
  /** Indexes of the overrides whose globs match the file. */
  matchedOverrides: number[];
  /** The config's identity settings with the matching overrides' on top. */
  identity?: IdentityConfig;
}

/** A file's path as config globs see it: relative to the config's folder, with "/" separators. */
export function configRelative(config: ResolvedConfig, absolutePath: string): string {
  return toPosix(relative(config.dir, absolutePath));
}

const matchers = new WeakMap<Override, (path: string) => boolean>();

function matches(override: Override, path: string): boolean {
  let matcher = matchers.get(override);
  if (!matcher) {
    matcher = picomatch(override.files, { dot: true });
    matchers.set(override, matcher);
  }
  return matcher(path);
}

function apply(entries: Record<string, RuleEntry>, settings: FileSettings): void {
  for (const [id, entry] of Object.entries(entries)) {
    if (typeof entry === 'string') {
      settings.severities[id] = entry as RuleSetting;
      continue;
    }
    if (entry.severity) settings.severities[id] = entry.severity;
    if (entry.options !== undefined) settings.ruleOptions[id] = entry.options;
  }
}

/** The settings for one file: the config's rules, then every matching override in order (later wins). */
export function settingsFor(config: ResolvedConfig, absolutePath: string): FileSettings {
  const settings: FileSettings = { severities: {}, ruleOptions: {}, matchedOverrides: [] };
  if (config.finalStatuses) settings.finalStatuses = config.finalStatuses;
  if (config.identity) settings.identity = { ...config.identity };
  apply(config.rules, settings);
  const path = configRelative(config, absolutePath);
  config.overrides.forEach((override, index) => {
    if (!matches(override, path)) return;
    settings.matchedOverrides.push(index);
    if (override.rules) apply(override.rules, settings);
    if (override.identity) settings.identity = { ...settings.identity, ...override.identity };
    const template = override.template ? config.registry.get(override.template) : undefined;
    if (template) settings.override = { template, index };
  });
  if (config.placeholders.length > 0) {
    const current = (settings.ruleOptions.placeholder ?? {}) as { literals?: string[] };
    settings.ruleOptions.placeholder = { ...current, literals: [...(current.literals ?? []), ...config.placeholders] };
  }
  return settings;
}

/** The options lintSource needs for one file under a config. */
export interface FileLintOptions {
  filePath: string;
  registry: TemplateRegistry;
  cwd: string;
  severities: Record<string, RuleSetting>;
  ruleOptions: Record<string, unknown>;
  finalStatuses?: readonly string[];
  identity?: IdentityConfig;
  override?: { template: Template; index: number };
}

export function fileLintOptions(config: ResolvedConfig, absolutePath: string, displayPath: string, cwd: string): FileLintOptions {
  const settings = settingsFor(config, absolutePath);
  return {
    filePath: displayPath,
    registry: config.registry,
    cwd,
    severities: settings.severities,
    ruleOptions: settings.ruleOptions,
    ...(settings.finalStatuses ? { finalStatuses: settings.finalStatuses } : {}),
    ...(settings.identity ? { identity: settings.identity } : {}),
    ...(settings.override ? { override: settings.override } : {}),
  };
}
