import { lazySchema } from '../src/util/lazy-schema.js';
import { basename, dirname } from 'node:path';
import { isPlaceholderValue } from '../src/content/placeholders.js';
import { defineRule } from '../src/engine/rule.js';
import { escapeRegex } from '../src/util/text.js';

const MARKDOWN_EXTENSION = /\.(?:md|markdown|mdx)$/i;
/** Files named for their folder: the folder's name is the spec's name ("keps/sig-x/1234-foo/README.md"). */
const FOLDER_NAMED = /^(?:readme|index)$/i;

/** The part of a file or folder name that must carry the id: "ts-0042-login.md" → "ts-0042-login". */
export function nameOf(path: string): string {
  const stem = basename(path).replace(MARKDOWN_EXTENSION, '');
  return FOLDER_NAMED.test(stem) ? basename(dirname(path)) : stem;
}

/** Whether a name is the pattern with the id, alone or followed by a separator and more ("ts-0042-login"). */
function matches(name: string, expected: string): boolean {
  return new RegExp(`^${escapeRegex(expected)}(?:$|[-_. ])`, 'i').test(name);
}

export const idFilename = defineRule({
  meta: {
    id: 'id-filename',
    description: "The spec's id does not match its file name (where the template or config asks for it).",
    severity: 'error',
    needsTemplate: false,
    data: lazySchema((z) => z.object({ id: z.string(), name: z.string(), expected: z.string() })),
  },
  check(context) {
    const { document, identity } = context;
    if (!identity.idFilename || !identity.idField || document.path.startsWith('<')) return;
    const entry = document.metadata.get(identity.idField);
    if (!entry?.value || isPlaceholderValue(entry.value)) return;
    const name = nameOf(document.path);
    const expected = identity.idFilename.replace('{id}', entry.value);
    if (matches(name, expected)) return;
    // A name that follows the pattern with another id keeps its descriptive rest when renamed.
    const [before = '', after = ''] = identity.idFilename.split('{id}');
    const other = new RegExp(`^${escapeRegex(before)}([^-_. ]+)${escapeRegex(after)}(?=$|[-_. ])`, 'i').exec(name);
    const suggested = other ? `${expected.toLowerCase()}${name.slice(other[0].length)}` : `${expected.toLowerCase()}-${name}`;
    const folderNamed = FOLDER_NAMED.test(basename(document.path).replace(MARKDOWN_EXTENSION, ''));
    context.report({
      span: entry.span,
      message: `Spec id '${entry.value}' does not match the ${folderNamed ? 'folder' : 'file'} name '${name}': expected a name starting with '${expected.toLowerCase()}'`,
      data: { id: entry.value, name, expected: expected.toLowerCase() },
      hint: `Rename the ${folderNamed ? 'folder' : 'file'} to '${suggested}', or correct the ${entry.key}.`,
    });
  },
});
