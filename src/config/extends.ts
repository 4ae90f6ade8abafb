import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { MAX_CONFIG_BYTES } from '../input/limits.js';
import { readBoundedTextSync } from '../input/read-bounded.js';

/** Extensions of files an `extends` entry may name: data, never code. */
const DATA_FILE = /\.(?:json|ya?ml)$/i;

/** Config files a package may ship without naming one, tried in this order. */
export const PACKAGE_CONFIG_FILES = ['speclint.config.json', 'speclint.config.yaml', 'speclint.config.yml'] as const;

/** A path entry starts with ./, ../ or / (or is absolute); anything else is a package name, optionally with a path inside it. */
export function isPathEntry(entry: string): boolean {
  return entry.startsWith('./') || entry.startsWith('../') || entry === '.' || entry === '..' || isAbsolute(entry) || entry.startsWith('.\\') || entry.startsWith('..\\');
}

/** `@scope/name/sub/file.json` → { name: "@scope/name", subpath: "sub/file.json" }. */
function splitPackage(entry: string): { name: string; subpath: string } | null {
  const parts = entry.split('/');
  const count = entry.startsWith('@') ? 2 : 1;
  if (parts.length < count || parts.slice(0, count).some((part) => part === '' || part === '.' || part === '..')) return null;
  return { name: parts.slice(0, count).join('/'), subpath: parts.slice(count).join('/') };
}

/** The package's folder, looked up from `fromDir` through each parent's node_modules, as Node resolves packages. */
function packageFolder(name: string, fromDir: string): string | null {
  let dir = resolve(fromDir);
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json')) || existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The config file of an installed package: its package.json `speclint` (a file, or the config itself), a JSON/YAML `main`, else a speclint.config.* file. */
function packageConfigFile(folder: string, name: string): string {
  const manifest = join(folder, 'package.json');
  let pkg: Record<string, unknown> = {};
  if (isFile(manifest)) {
    try {
      const parsed = JSON.parse(readBoundedTextSync(manifest, MAX_CONFIG_BYTES, 'config files')) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) pkg = parsed as Record<string, unknown>;
    } catch (error) {
      throw new Error(`package "${name}": cannot read its package.json (${(error as Error).message})`);
    }
  }
  if (typeof pkg.speclint === 'string') return checkedDataFile(join(folder, pkg.speclint), `package "${name}": its package.json "speclint" names`);
  if (pkg.speclint && typeof pkg.speclint === 'object') return manifest;
  if (typeof pkg.main === 'string' && DATA_FILE.test(pkg.main)) return checkedDataFile(join(folder, pkg.main), `package "${name}": its package.json "main" names`);
  const found = PACKAGE_CONFIG_FILES.map((file) => join(folder, file)).find(isFile);
  if (found) return found;
  throw new Error(`package "${name}" has no speclint config (its package.json names none in "speclint" or a JSON/YAML "main", and it has no ${PACKAGE_CONFIG_FILES.join(', ')})`);
}

function checkedDataFile(path: string, what: string): string {
  if (!DATA_FILE.test(path)) throw new Error(`${what} "${path}", which is not a JSON or YAML file (a config never runs code)`);
  if (!isFile(path)) throw new Error(`${what} "${path}", which does not exist`);
  return path;
}

/**
 * The file one `extends` entry names, from the folder of the config holding it: a relative path, or
 * an installed package (its folder found through node_modules, as Node finds it). Only JSON and YAML
 * files are ever read; throws an Error whose message says what is missing.
 */
export function resolveExtends(entry: string, fromDir: string): string {
  if (isPathEntry(entry)) {
    const path = resolve(fromDir, entry);
    if (!existsSync(path)) throw new Error(`no such file "${entry}"`);
    if (!isFile(path)) throw new Error(`"${entry}" is not a file`);
    if (!DATA_FILE.test(path) && !/(?:^|[\\/])\.speclintrc$/.test(path)) throw new Error(`"${entry}" is not a JSON or YAML file (a config never runs code)`);
    return path;
  }
  const pkg = splitPackage(entry.replace(/\\/g, '/'));
  if (!pkg) throw new Error(`"${entry}" is neither a relative path (start it with ./ or ../) nor a package name`);
  const folder = packageFolder(pkg.name, fromDir);
  if (!folder) throw new Error(`cannot find package "${pkg.name}" in node_modules (from ${fromDir}); install it, or name a file with ./`);
  if (pkg.subpath) return checkedDataFile(join(folder, pkg.subpath), `"${entry}"`);
  return packageConfigFile(folder, pkg.name);
}
