import { basename, dirname } from 'node:path';

/**
 * Is this Markdown file, by its path, a project's spec template: `0000-template.md`,
 * `adr-template.md`, `TEMPLATE.md`, `YYYYMMDD-template.md`, `0000-swift-template.md`, or the
 * README of a template folder (`NNNN-kep-template/README.md`)? GitHub's issue and pull-request
 * templates are forms, not spec templates.
 */
export function looksLikeTemplateFile(relativePath: string): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  if (/(?:^|\/)\.github\//i.test(path) || /(?:issue|pull[_-]?request)[_-]?template/i.test(path)) return false;
  const name = basename(path).toLowerCase();
  if (!name.endsWith('.md')) return false;
  const stem = name.slice(0, -'.md'.length);
  if (/(?:^|[-_. ])template$|^template(?:[-_. ]|$)/.test(stem)) return true;
  if (/^0+-/.test(stem)) return true;
  return /^(?:readme|index)$/.test(stem) && /(?:^|[-_])template$/i.test(basename(dirname(path)));
}
