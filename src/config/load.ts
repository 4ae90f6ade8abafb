import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { isMap, isScalar, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { rules, rulesById } from '../../rules/index.js';
import { describeFsError } from '../util/fs-errors.js';
import { MAX_CONFIG_BYTES } from '../input/limits.js';
import { ReadRefused, readBoundedTextSync } from '../input/read-bounded.js';
import { closest } from '../util/text.js';
import { TemplateError } from '../template/derive.js';
import { type IdentityConfig, IdentityConfigSchema } from '../template/identity.js';
import { type TemplateFile, TemplateRegistry, withUniqueIds } from '../template/registry.js';
import { resolveExtends } from './extends.js';
import { type RuleEntry, configObject } from './schema.js';
import { lazySchema } from '../util/lazy-schema.js';

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
  /** Every config file it was read from: the file itself, then those it extends (left out: `path` alone). */
  files?: string[];
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
const Shape = lazySchema((z) => configObject(z.record(z.string(), z.unknown())));

const OVERRIDE_KEYS = ['files', 'template', 'rules', 'identity'];

/** The keys allowed where an unknown one was found, for "did you mean". */
function knownKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(Shape.shape);
  if (path[path.length - 1] === 'identity') return Object.keys(IdentityConfigSchema.shape);
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

/** The config file in this very folder (the first of CONFIG_FILES, then a package.json with a "speclint" key), or null. */
export function configFileIn(dir: string): string | null {
  for (const name of CONFIG_FILES) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  const pkg = join(dir, 'package.json');
  return existsSync(pkg) && hasSpeclintKey(pkg) ? pkg : null;
}

/** Whether discovery stops here: the repository root (the folder with .git) or the file system's root. */
export function isDiscoveryTop(dir: string): boolean {
  return existsSync(join(dir, '.git')) || dirname(dir) === dir;
}

/** The nearest config file from `cwd` upward, stopping at the repository root (the folder with .git). */
export function findConfigFile(cwd: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = configFileIn(dir);
    if (found) return found;
    if (isDiscoveryTop(dir)) return null;
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

/** Deeper chains of `extends` than this are refused (a real one has two or three). */
const MAX_EXTENDS_DEPTH = 16;

/** One config file with what it extends merged under it, before its templates join one registry. */
interface Layer {
  /** Every config file read: this one first, then those it extends (depth first). */
  files: string[];
  rules: Record<string, RuleEntry>;
  /** With the file and index each came from, for messages. */
  overrides: { override: Override; origin: string; index: number }[];
  ignore: string[];
  /** Template files in the order they join the registry (a later one with the same id wins). */
  templates: TemplateFile[];
  finalStatuses?: string[];
  placeholders: string[];
  identity?: IdentityConfig;
}

/** A later layer's rule entry over an earlier one's: severity and options merge separately (a later severity keeps earlier options). */
function mergeRuleEntry(base: RuleEntry | undefined, own: RuleEntry): RuleEntry {
  if (base === undefined || typeof base === 'string') return own;
  if (typeof own === 'string') return base.options === undefined ? own : { severity: own, options: base.options };
  return own.options === undefined && base.options !== undefined ? { ...own, options: base.options } : own;
}

function mergeRules(base: Record<string, RuleEntry>, own: Record<string, RuleEntry>): Record<string, RuleEntry> {
  const merged = { ...base };
  for (const [id, entry] of Object.entries(own)) merged[id] = mergeRuleEntry(merged[id], entry);
  return merged;
}

/** `later` over `earlier` (see the README's "extends"): maps merge key by key, lists of things add up, finalStatuses is replaced. */
function mergeLayers(earlier: Layer, later: Layer): Layer {
  const identity = earlier.identity || later.identity ? { ...earlier.identity, ...later.identity } : undefined;
  const finalStatuses = later.finalStatuses ?? earlier.finalStatuses;
  return {
    files: [...later.files, ...earlier.files.filter((file) => !later.files.includes(file))],
    rules: mergeRules(earlier.rules, later.rules),
    overrides: [...earlier.overrides, ...later.overrides],
    ignore: [...new Set([...earlier.ignore, ...later.ignore])],
    templates: [...earlier.templates, ...later.templates],
    ...(finalStatuses ? { finalStatuses } : {}),
    placeholders: [...new Set([...earlier.placeholders, ...later.placeholders])],
    ...(identity ? { identity } : {}),
  };
}

interface LoadContext {
  cwd: string;
  registry: TemplateRegistry;
}

function displayOf(path: string, cwd: string): string {
  return relative(cwd, path) || basename(path);
}

/** Reads and validates one config file and, under it, what it extends; errors are prefixed with the chain of files ("a.json → base.yaml: …"). */
function readLayer(path: string, chain: readonly string[], context: LoadContext): Layer {
  const display = [...chain, path].map((file) => displayOf(file, context.cwd)).join(' → ');
  const prefixed = (problems: string[]): string[] => {
    // A config with thousands of mistakes (generated, or not a config at all) gets a screenful, not thousands of lines.
    const shown = problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `(and ${(problems.length - MAX_PROBLEMS).toLocaleString('en-US')} more problems)`] : problems;
    return shown.map((p) => `${display}: ${p}`);
  };
  const fail = (problems: string[]): never => {
    throw new ConfigError(prefixed(problems));
  };
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

  // What this file extends, each read (with what it extends) before this file is laid over them.
  // Their problems (already named by their chain) are listed with this file's own.
  const extendsList = config.extends === undefined ? [] : typeof config.extends === 'string' ? [config.extends] : config.extends;
  const bases: Layer[] = [];
  const baseProblems: string[] = [];
  extendsList.forEach((entry, k) => {
    const where = typeof config.extends === 'string' ? 'extends' : `extends[${k}]`;
    let file: string;
    try {
      file = resolveExtends(entry, dir);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
      return;
    }
    if (file === path || chain.includes(file)) {
      problems.push(`${where}: "${entry}" extends in a cycle: ${[...chain, path, file].map((f) => displayOf(f, context.cwd)).join(' → ')}`);
    } else if (chain.length + 1 >= MAX_EXTENDS_DEPTH) {
      problems.push(`${where}: more than ${MAX_EXTENDS_DEPTH} configs extend one another; the limit is ${MAX_EXTENDS_DEPTH}`);
    } else {
      try {
        bases.push(readLayer(file, [...chain, path], context));
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        baseProblems.push(...error.problems);
      }
    }
  });

  const overrides = (config.overrides ?? []).map((override, index) => ({
    override: {
      files: override.files,
      ...(override.template ? { template: override.template } : {}),
      rules: validateRules(override.rules ?? {}, '').rules,
      ...(override.identity ? { identity: override.identity } : {}),
    },
    origin: display,
    index,
  }));

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
        loaded.push({ template: context.registry.load(file, dir), file });
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        problems.push(`templates[${k}]: ${error.message}`);
      }
    }
  });
  const unique = withUniqueIds(loaded, (file) => relative(dir, file).replace(/\\/g, '/'));
  problems.push(...unique.problems);
  if (baseProblems.length > 0) throw new ConfigError([...(problems.length > 0 ? prefixed(problems) : []), ...baseProblems]);
  if (problems.length > 0) fail(problems);

  const own: Layer = {
    files: [path],
    rules: top.rules,
    overrides,
    ignore: config.ignore ?? [],
    templates: unique.entries,
    ...(config.finalStatuses ? { finalStatuses: config.finalStatuses } : {}),
    placeholders: config.placeholders ?? [],
    ...(config.identity ? { identity: config.identity } : {}),
  };
  // Later extends override earlier ones; the file itself overrides them all.
  return [...bases, own].reduce(mergeLayers);
}

/** Reads, validates and resolves a config file (and what it extends); null path gives the defaults. Throws ConfigError. */
export function loadConfig(path: string | null, cwd: string): ResolvedConfig {
  const empty: ResolvedConfig = { path: null, dir: cwd, files: [], rules: {}, overrides: [], ignore: [], placeholders: [], registry: new TemplateRegistry() };
  if (!path) return empty;
  const registry = new TemplateRegistry();
  const layer = readLayer(path, [], { cwd, registry });
  for (const { template, file } of layer.templates) registry.add(template, file);
  const problems: string[] = [];
  for (const { override, origin, index } of layer.overrides) {
    if (override.template && !registry.get(override.template)) {
      const suggestion = closest(override.template, registry.all().map((t) => t.id), (id) => id, 0.5);
      problems.push(`${origin}: overrides[${index}].template: unknown template "${override.template}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    path,
    dir: dirname(path),
    files: layer.files,
    rules: layer.rules,
    overrides: layer.overrides.map(({ override }) => override),
    ignore: layer.ignore,
    ...(layer.finalStatuses ? { finalStatuses: layer.finalStatuses } : {}),
    placeholders: layer.placeholders,
    ...(layer.identity ? { identity: layer.identity } : {}),
    registry,
  };
}
