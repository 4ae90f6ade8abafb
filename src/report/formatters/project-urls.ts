import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../util/paths.js';

/** Where speclint lives on the web, as package.json says: only real https URLs, nothing guessed. */
export interface ProjectUrls {
  /** The project's home page (package.json `homepage`, else the repository). */
  information?: string;
  /** The URL of a rule's doc, when the repository is on a host whose file URLs are known. */
  ruleDoc?: (id: string) => string;
}

function httpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const url = value.trim().replace(/^git\+/, '').replace(/\.git$/, '');
  return /^https:\/\/[^\s/]+\.[^\s/]+(?:\/\S*)?$/.test(url) ? url.replace(/\/$/, '') : undefined;
}

export function projectUrls(manifest: unknown = readManifest()): ProjectUrls {
  if (typeof manifest !== 'object' || manifest === null) return {};
  const { homepage, repository } = manifest as { homepage?: unknown; repository?: unknown };
  const repo = httpsUrl(typeof repository === 'object' && repository !== null ? (repository as { url?: unknown }).url : repository);
  const information = httpsUrl(homepage) ?? repo;
  // GitHub and GitLab serve a file of the default branch at <repo>/blob/HEAD/<path>.
  const ruleDoc = repo && /^https:\/\/(github\.com|gitlab\.com)\/[^/]+\/[^/]+$/.test(repo) ? (id: string) => `${repo}/blob/HEAD/rules/${id}.md` : undefined;
  return { ...(information ? { information } : {}), ...(ruleDoc ? { ruleDoc } : {}) };
}

function readManifest(): unknown {
  try {
    return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as unknown;
  } catch {
    return null;
  }
}
