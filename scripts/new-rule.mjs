// `npm run new-rule <id>`: scaffolds a document rule — its module (rules/<id>.ts), its doc (rules/<id>.md,
// header generated), a valid and an invalid fixture with the invalid one's exact diagnostics, its line in
// the registry (rules/index.ts) and in the README's rule table — and regenerates the config's JSON Schema.
// The scaffold is a working rule (headings that end with a period) so that the suite passes from the
// start; replace its check, fixtures and doc with the rule's own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const id = process.argv[2];

function fail(message) {
  process.stderr.write(`new-rule: ${message}\n`);
  process.exit(2);
}

if (!id || !/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id)) fail('usage: npm run new-rule <id>, the id in kebab-case (e.g. heading-period)');
const name = id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const taken = [`rules/${id}.ts`, `rules/${id}.md`, `fixtures/${id}`].filter((path) => existsSync(join(root, path)));
if (taken.length > 0) fail(`${taken.join(', ')} already exists`);
const index = readFileSync(join(root, 'rules/index.ts'), 'utf8');
if (new RegExp(`\\b${name}\\b`).test(index)) fail(`rules/index.ts already has '${name}'`);

const write = (path, text) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

write(
  `rules/${id}.ts`,
  `import { defineRule } from '../src/engine/rule.js';
import { lazySchema } from '../src/util/lazy-schema.js';

// Scaffolded by \`npm run new-rule\`: the check below (headings that end with a period) is an example to replace.
export const ${name} = defineRule({
  meta: {
    id: '${id}',
    description: 'A heading ends with a period.',
    severity: 'warning',
    needsTemplate: false,
    data: lazySchema((z) => z.object({ heading: z.string() })),
  },
  check(context) {
    for (const section of context.document.sections) {
      if (!section.text.endsWith('.')) continue;
      context.report({
        span: section.span,
        message: \`Heading '\${section.text}' ends with a period\`,
        data: { heading: section.text },
        hint: 'Remove the period: a heading is a title, not a sentence.',
      });
    }
  },
});
`,
);

write(
  `rules/${id}.md`,
  `# ${id}

Default severity: warning

A heading that ends with a period.

## Examples

\`\`\`
3:1  warning  Heading 'Overview.' ends with a period  ${id}
\`\`\`

Valid: \`## Overview\`.

## How to fix

Remove the period.
`,
);

// A clean spec (the component example), and the same spec with one heading the rule reports.
const clean = readFileSync(join(root, 'examples/component-rate-limiter.md'), 'utf8');
if (!clean.includes('\n## Overview\n')) fail('examples/component-rate-limiter.md no longer has its "## Overview" heading: update the scaffold');
write(`fixtures/${id}/valid/clean.md`, clean);
write(`fixtures/${id}/invalid/heading-period.md`, clean.replace('\n## Overview\n', '\n## Overview.\n'));
write(`fixtures/${id}/invalid/heading-period.expected`, `3:1-3:13 warning ${id} Heading 'Overview.' ends with a period\n`);

// The registry: the import in name order, the rule before the repository rules (which close the list).
const imports = [...index.matchAll(/^import \{ (\w+) \} from '\.\/([a-z0-9-]+)\.js';$/gm)];
const before = imports.find((m) => m[2] > id);
const importLine = `import { ${name} } from './${id}.js';`;
let registry = before ? index.replace(before[0], `${importLine}\n${before[0]}`) : index.replace(imports.at(-1)[0], `${imports.at(-1)[0]}\n${importLine}`);
if (!/^ {2}idFilename,$/m.test(registry)) fail("rules/index.ts: cannot find where the repository rules start ('  idFilename,')");
registry = registry.replace(/^ {2}idFilename,$/m, `  ${name},\n  idFilename,`);
writeFileSync(join(root, 'rules/index.ts'), registry);

// The README's rule table: a row after the last document rule's.
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const idRow = /^\| \[`id-filename`\]\(rules\/id-filename\.md\) \|.*$/m.exec(readme);
if (!idRow) fail("README.md: cannot find the rule table's id-filename row");
writeFileSync(readmePath, readme.replace(idRow[0], `| [\`${id}\`](rules/${id}.md) | warning | a heading ends with a period |\n${idRow[0]}`));

// Generated from the new rule's metadata: its doc header and the config's JSON Schema.
for (const script of ['scripts/rule-docs.ts', 'scripts/config-schema.ts']) {
  const run = spawnSync(process.execPath, [join(root, 'scripts/run-ts.mjs'), join(root, script)], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) fail(`${script} failed`);
}
process.stdout.write(
  `new-rule: scaffolded '${id}': rules/${id}.ts, rules/${id}.md, fixtures/${id}/{valid,invalid}/, rules/index.ts, README.md, speclint.config.schema.json\n`,
);
