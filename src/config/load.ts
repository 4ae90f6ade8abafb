import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { isMap, isScalar, parseDocument, visit } from 'yaml';
import { z } from 'zod';
import { rules, rulesById } from '../../rules/index.js';
import { describeFsError } from '../util/fs-errors.js';
import { MAX_CONFIG_BYTES } from '../input/limits.js';
import { ReadRefused, readBoundedTextSync } from '../input/read-bounded.js';
import { closest } from '../util/text.js';
import { TemplateError } from '../template/derive.js';
import { type IdentityConfig, IdentityConfigSchema } from '../template/identity.js';
import { type TemplateFile, TemplateRegistry, withUniqueIds } from '../template/registry.js';
import { type RuleEntry, configObject } from './schema.js';

/** Config file names, in the order they are looked for in each folder (then package.json's "speclint"). */
export const CONFIG_FILES = [
  'speclint.config.json',
  'speclint.config.yaml',
  'speclint.config.yml',
  '.speclintrc',
  '.speclintrc.json',
  '.speclintrc.yaml',
  '.speclintrc.yml',
] as const;

/** One line per problem: "speclint.config.json: rules.section-requird: unknown rule (did you mean …)". */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

export interface Override {
  files: string[];
  template?: string;
  rules?: Record<string, RuleEntry>;
  identity?: IdentityConfig;
}

export interface ResolvedConfig {
  /** The config file, or null when none is used. */
  path: string | null;
  /** Paths and globs in the config are relative to this folder. */
  dir: string;
  rules: Record<string, RuleEntry>;
  overrides: Override[];
  ignore: string[];
  finalStatuses?: string[];
  placeholders: string[];
  /** How specs name themselves and each other, over what their templates say. */
  identity?: IdentityConfig;
  /** Built-in templates plus the config's own. */
  registry: TemplateRegistry;
}

/** The config as loading checks it: the schema of schema.ts, with each rules map checked rule by rule after it (validateRules). */
const Shape = configObject(z.record(z.string(), z.unknown()));

const TOP_LEVEL_KEYS = Object.keys(Shape.shape);
const OVERRIDE_KEYS = ['files', 'template', 'rules', 'identity'];
const IDENTITY_KEYS = Object.keys(IdentityConfigSchema.shape);

/** The keys allowed where an unknown one was found, for "did you mean". */
function knownKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return TOP_LEVEL_KEYS;
  if (path[path.length - 1] === 'identity') return IDENTITY_KEYS;
  return path[0] === 'overrides' && path.length === 2 ? OVERRIDE_KEYS : [];
}
const SEVERITIES = ['off', 'warning', 'error'];

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

function zodProblems(error: z.ZodError, prefix: string, knownKeys: (path: readonly PropertyKey[]) => readonly string[]): string[] {
  const problems: string[] = [];
  for (const issue of error.issues) {
    const at = formatPath(issue.path);
    const where = prefix && at ? `${prefix}.${at}` : prefix || at;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const suggestion = closest(key, knownKeys(issue.path), (k) => k, 0.5);
        problems.push(`${where ? `${where}.` : ''}${key}: unknown property${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
      }
    } else if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      problems.push(`${where || '(root)'}: required property is missing`);
    } else {
      problems.push(`${where || '(root)'}: ${issue.message.replace(/^Invalid input: /, '')}`);
    }
  }
  return problems;
}

function validateRules(map: Record<string, unknown>, at: string): { problems: string[]; rules: Record<string, RuleEntry> } {
  const problems: string[] = [];
  const valid: Record<string, RuleEntry> = {};
  const ids = rules.map((r) => r.meta.id);
  for (const [id, entry] of Object.entries(map)) {
    const rule = rulesById.get(id);
    if (!rule) {
      const suggestion = closest(id, ids, (i) => i, 0.6);
      problems.push(`${at}.${id}: unknown rule${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
      continue;
    }
    if (typeof entry === 'string') {
      if (SEVERITIES.includes(entry)) valid[id] = entry as RuleEntry;
      else problems.push(`${at}.${id}: expected "off", "warning" or "error", got ${JSON.stringify(entry)}`);
      continue;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at}.${id}: expected "off", "warning", "error" or { "severity", "options" }`);
      continue;
    }
    const { severity, options, ...rest } = entry as Record<string, unknown>;
    for (const key of Object.keys(rest)) problems.push(`${at}.${id}.${key}: unknown property (expected "severity" or "options")`);
    if (severity !== undefined && !SEVERITIES.includes(severity as string)) {
      problems.push(`${at}.${id}.severity: expected "off", "warning" or "error", got ${JSON.stringify(severity)}`);
    }
    if (options !== undefined) {
      if (!rule.meta.options) {
        problems.push(`${at}.${id}.options: rule "${id}" has no options`);
      } else {
        const parsed = rule.meta.options.safeParse(options);
        if (!parsed.success) {
          const shape = (rule.meta.options as z.ZodObject).shape as Record<string, unknown> | undefined;
          problems.push(...zodProblems(parsed.error, `${at}.${id}.options`, () => Object.keys(shape ?? {})));
        }
      }
    }
    valid[id] = entry as RuleEntry;
  }
  return { problems, rules: valid };
}

/** Problems listed for one config file. */
const MAX_PROBLEMS = 20;

/** Deeper than any real config; deep flow nesting can abort the YAML parser outright. */
const MAX_CONFIG_NESTING = 64;

/** The deepest nesting of [ ] and { } outside quotes, and its line: a scan before any parsing. */
function flowNesting(text: string): { depth: number; line: number } {
  let depth = 0;
  let worst = { depth: 0, line: 0 };
  let line = 1;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === '"' || (c === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth > worst.depth) worst = { depth, line };
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return worst;
}

/** The first repeated key of a YAML mapping (scalar keys), with its line; linear in the number of keys. */
function firstDuplicateKey(doc: ReturnType<typeof parseDocument>, text: string): { key: string; line: number } | undefined {
  let found: { key: string; line: number } | undefined;
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          const offset = pair.key.range?.[0] ?? 0;
          found = { key, line: text.slice(0, offset).split('\n').length };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/** Parses JSON or YAML text; syntax errors become "line L, column C: …". */
function parseText(text: string, json: boolean): unknown {
  const depth = flowNesting(text);
  if (depth.depth > MAX_CONFIG_NESTING) throw new ConfigError([`line ${depth.line}: nested ${depth.depth} levels deep; the limit is ${MAX_CONFIG_NESTING}`]);
  if (json) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message);
      if (position) {
        const offset = Number(position[1]);
        const before = text.slice(0, offset);
        const line = before.split('\n').length;
        const column = offset - before.lastIndexOf('\n');
        throw new ConfigError([`line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}`]);
      }
      throw new ConfigError([message]);
    }
  }
  // yaml's own duplicate-key check is quadratic in the number of keys (100,000 keys took 104 s): keys are checked below, in linear time.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const message = (first.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError([`${pos ? `line ${pos.line}, column ${pos.col}: ` : ''}${message}`]);
  }
  const duplicate = firstDuplicateKey(doc, text);
  if (duplicate) throw new ConfigError([`line ${duplicate.line}: duplicate key ${JSON.stringify(duplicate.key)}`]);
  try {
    return doc.toJS({ maxAliasCount: 50 }) as unknown;
  } catch (error) {
    // yaml refuses aliases that expand too much (an "alias bomb"): the user's file, not a crash.
    if (error instanceof ReferenceError) throw new ConfigError(['YAML aliases expand too much (more than 50 alias uses); write the values out']);
    throw error;
  }
}

function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readBoundedTextSync(path, MAX_CONFIG_BYTES, 'config files');
  } catch (error) {
    throw new ConfigError([`cannot read: ${error instanceof ReadRefused ? error.message : describeFsError(error)}`]);
  }
  const name = basename(path);
  if (name === 'package.json') {
    const pkg = parseText(text, true) as Record<string, unknown> | null;
    return pkg && typeof pkg === 'object' ? pkg.speclint : undefined;
  }
  const json = extname(name) === '.json' || (name === '.speclintrc' && /^\s*\{/.test(text));
  return parseText(text, json);
}

function hasSpeclintKey(packageJson: string): boolean {
  try {
    const pkg = JSON.parse(readBoundedTextSync(packageJson, MAX_CONFIG_BYTES, 'config files')) as Record<string, unknown>;
    return typeof pkg === 'object' && pkg !== null && 'speclint' in pkg;
  } catch {
    return false;
  }
}

/** The nearest config file from `cwd` upward, stopping at the repository root (the folder with .git). */
export function findConfigFile(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && hasSpeclintKey(pkg)) return pkg;
    const parent = dirname(dir);
    if (existsSync(join(dir, '.git')) || parent === dir) return null;
    dir = parent;
  }
}

function templateFiles(path: string): string[] {
  const stats = statSync(path);
  if (!stats.isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:md|markdown)$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Reads, validates and resolves a config file; null path gives the defaults. Throws ConfigError. */
export function loadConfig(path: string | null, cwd: string): ResolvedConfig {
  const display = path ? relative(cwd, path) || basename(path) : '';
  const fail = (problems: string[]): never => {
    // A config with thousands of mistakes (generated, or not a config at all) gets a screenful, not thousands of lines.
    const shown = problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `(and ${(problems.length - MAX_PROBLEMS).toLocaleString('en-US')} more problems)`] : problems;
    throw new ConfigError(shown.map((p) => `${display}: ${p}`));
  };
  const empty: ResolvedConfig = { path: null, dir: cwd, rules: {}, overrides: [], ignore: [], placeholders: [], registry: new TemplateRegistry() };
  if (!path) return empty;
  if (!existsSync(path)) fail(['no such file']);

  let raw: unknown;
  try {
    raw = readConfigFile(path);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.problems);
    throw error;
  }
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(['(root): expected an object of settings']);
  const parsed = Shape.safeParse(raw);
  const problems: string[] = [];
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, '', knownKeysAt));
  }
  // Rules are checked even when the shape has problems, so that one run lists everything to fix.
  const record = raw as Record<string, unknown>;
  const asMap = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const top = validateRules(asMap(record.rules), 'rules');
  problems.push(...top.problems);
  const rawOverrides = Array.isArray(record.overrides) ? (record.overrides as unknown[]) : [];
  rawOverrides.forEach((override, k) => problems.push(...validateRules(asMap(asMap(override).rules), `overrides[${k}].rules`).problems));
  if (!parsed.success) fail(problems);
  const config = parsed.data ?? {};
  const dir = dirname(path);
  const overrides: Override[] = (config.overrides ?? []).map((override) => ({
    files: override.files,
    ...(override.template ? { template: override.template } : {}),
    rules: validateRules(override.rules ?? {}, '').rules,
    ...(override.identity ? { identity: override.identity } : {}),
  }));

  const registry = new TemplateRegistry();
  const loaded: TemplateFile[] = [];
  (config.templates ?? []).forEach((entry, k) => {
    const absolute = resolve(dir, entry);
    if (!existsSync(absolute)) {
      problems.push(`templates[${k}]: no such file or folder "${entry}"`);
      return;
    }
    const files = templateFiles(absolute);
    if (files.length === 0) problems.push(`templates[${k}]: no Markdown templates in "${entry}"`);
    for (const file of files) {
      try {
        loaded.push({ template: registry.load(file, dir), file });
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        problems.push(`templates[${k}]: ${error.message}`);
      }
    }
  });
  const unique = withUniqueIds(loaded, (file) => relative(dir, file).replace(/\\/g, '/'));
  problems.push(...unique.problems);
  for (const { template, file } of unique.entries) registry.add(template, file);
  overrides.forEach((override, k) => {
    if (override.template && !registry.get(override.template)) {
      const suggestion = closest(override.template, registry.all().map((t) => t.id), (id) => id, 0.5);
      problems.push(`overrides[${k}].template: unknown template "${override.template}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
    }
  });
  if (problems.length > 0) fail(problems);

  return {
    path,
    dir,
    rules: top.rules,
    overrides,
    ignore: config.ignore ?? [],
    ...(config.finalStatuses ? { finalStatuses: config.finalStatuses } : {}),
    placeholders: config.placeholders ?? [],
    ...(config.identity ? { identity: config.identity } : {}),
    registry,
  };
}
