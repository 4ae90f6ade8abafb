/**
 * Derived templates reused across runs: a template file is read, parsed and derived on every run
 * that names it (a commit hook on one spec spends a fifth of its time there), so the result is kept
 * in speclint's per-user start-up cache, keyed by the running build, the derivation's options and
 * the template's whole text. A cache file is a checksum line and then the JSON of the template with
 * the text and options it was derived from: one that is not exactly as this build wrote it (cut short,
 * corrupt, edited) or was derived from anything else is not used, and the template is derived again.
 * The checksum, not the template schema, is what is checked on reading: the same build wrote the file
 * from a derivation, and checking the schema took ~6 ms of the commit hook's ~200 ms run. The name and
 * checksum are fastHash, not SHA: loading node:crypto cost the hook more than the hashing. Off where
 * speclint runs from its sources (no build id).
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

function cacheFileFor(markdown: string, options: string): string | undefined {
  const build = buildId();
  if (build === undefined) return undefined;
  return userCacheFile(`template-${fastHash([build, options, markdown].join('\u0000'))}.json`);
}

/** The cached template, if the file is exactly what was written (its checksum, a newline, the JSON) for this text and options. */
function readCached(data: string, markdown: string, options: string): Template | undefined {
  const newline = data.indexOf('\n');
  const json = data.slice(newline + 1);
  if (newline < 0 || data.slice(0, newline) !== fastHash(json)) return undefined;
  try {
    const entry = JSON.parse(json) as CacheEntry;
    return entry.markdown === markdown && entry.options === options ? entry.template : undefined;
  } catch {
    // Only a file made by hand gets here (its checksum is right): derived again like any bad file.
    return undefined;
  }
}

export function deriveTemplateCached(markdown: string, options: DeriveOptions): Template {
  const optionsJson = JSON.stringify(options);
  const file = cacheFileFor(markdown, optionsJson);
  const cached = file ? readUserCacheFile(file) : undefined;
  const template = cached ? readCached(cached.toString('utf8'), markdown, optionsJson) : undefined;
  if (template) return template;
  const derived = deriveTemplate(markdown, options);
  if (file) {
    const json = JSON.stringify({ markdown, options: optionsJson, template: derived } satisfies CacheEntry);
    writeUserCacheFile(file, `${fastHash(json)}\n${json}`);
  }
  return derived;
}
