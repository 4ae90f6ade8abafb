/**
 * Derived templates reused across runs: a template file is read, parsed and derived on every run
 * that names it (a commit hook on one spec spends a fifth of its time there), so the result is kept
 * in speclint's per-user start-up cache. A cache file is named by the running build, the
 * derivation's options and the template file's absolute path (one file per template, which a new text
 * of it replaces) and holds its length, a newline, and the JSON of the template with the whole text and
 * options it was derived from. One that is cut short, is not JSON or was derived from any other text
 * or options is not used, and the template is derived again. The text,
 * not the template schema, is what is checked on reading: the same build wrote the file from a
 * derivation, and checking the schema took ~6 ms of the commit hook's ~200 ms run; nor is the text
 * hashed, which in a one-file run's cold JavaScript took ~3 ms. Off where speclint runs from its
 * sources (no build id).
 */
import { fastHash } from '../util/fast-hash.js';
import { buildId, readUserCacheFile, userCacheFile, writeUserCacheFile } from '../util/user-cache.js';
import { type DeriveOptions, deriveTemplate } from './derive.js';
import type { Template } from './schema.js';

interface CacheEntry {
  markdown: string;
  options: string;
  template: Template;
}

function cacheFileFor(options: string, file: string): string | undefined {
  const build = buildId();
  if (build === undefined) return undefined;
  return userCacheFile(`template-${fastHash([build, options, file].join('\u0000'))}.json`);
}

/** The cached template, if the file is whole (its length, a newline, the JSON) and was derived from this text and these options. */
function readCached(data: string, markdown: string, options: string): Template | undefined {
  const newline = data.indexOf('\n');
  const json = data.slice(newline + 1);
  if (newline < 0 || data.slice(0, newline) !== String(json.length)) return undefined;
  try {
    const entry = JSON.parse(json) as CacheEntry;
    return entry.markdown === markdown && entry.options === options ? entry.template : undefined;
  } catch {
    // Only a file made by hand gets here (its length is right): derived again like any bad file.
    return undefined;
  }
}

/** The template derived from `markdown`, the text of the template file at `file` (an absolute path), from the cache when it has it. */
export function deriveTemplateCached(markdown: string, options: DeriveOptions, file: string): Template {
  const optionsJson = JSON.stringify(options);
  const cacheFile = cacheFileFor(optionsJson, file);
  const cached = cacheFile ? readUserCacheFile(cacheFile) : undefined;
  const template = cached ? readCached(cached.toString('utf8'), markdown, optionsJson) : undefined;
  if (template) return template;
  const derived = deriveTemplate(markdown, options);
  if (cacheFile) {
    const json = JSON.stringify({ markdown, options: optionsJson, template: derived } satisfies CacheEntry);
    writeUserCacheFile(cacheFile, `${json.length}\n${json}`);
  }
  return derived;
}
