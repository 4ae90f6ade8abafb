/**
 * Derived templates reused across runs: a template file is read, parsed and derived on every run
 * that names it (a commit hook on one spec spends a fifth of its time there), so the result is kept
 * in speclint's per-user start-up cache, keyed by the running build, the derivation's options and
 * the template's whole text. A cached template is checked against the schema before it is used;
 * anything wrong with it means deriving as usual. Off where speclint runs from its sources (no build id).
 */
import { hashOf } from '../util/hash.js';
import { buildId, readUserCacheFile, userCacheFile, writeUserCacheFile } from '../util/user-cache.js';
import { type DeriveOptions, deriveTemplate } from './derive.js';
import { type Template, TemplateSchema } from './schema.js';

function cacheFileFor(markdown: string, options: DeriveOptions): string | undefined {
  const build = buildId();
  if (build === undefined) return undefined;
  const key = hashOf(build, JSON.stringify(options), markdown).slice(0, 24);
  return userCacheFile(`template-${key}.json`);
}

export function deriveTemplateCached(markdown: string, options: DeriveOptions): Template {
  const file = cacheFileFor(markdown, options);
  const cached = file ? readUserCacheFile(file) : undefined;
  if (cached) {
    try {
      const parsed = TemplateSchema.safeParse(JSON.parse(cached.toString('utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: derived again below, and the file rewritten.
    }
  }
  const template = deriveTemplate(markdown, options);
  if (file) writeUserCacheFile(file, JSON.stringify(template));
  return template;
}
