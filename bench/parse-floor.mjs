// The parse floor: read and parse files with speclint's parser setup, in one process, nothing else.
// Usage: node bench/parse-floor.mjs [--parser <module>] <file>...  or  ... @<list-file>
// The parser is dist/src/input/parse.js (the stock libraries) unless --parser names another build of
// it, such as the bundled one with the patches that bench/run.mjs makes (scripts/parser-patches.mjs).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const at = args.indexOf('--parser');
if (at !== -1 && !args[at + 1]) {
  console.error('parse-floor: --parser needs a module path');
  process.exit(2);
}
const parserModule = at === -1 ? new URL('../dist/src/input/parse.js', import.meta.url).href : pathToFileURL(args.splice(at, 2)[1]).href;
const { parseMarkdown } = await import(parserModule);
const files = args.length === 1 && args[0].startsWith('@') ? readFileSync(args[0].slice(1), 'utf8').split('\n').filter(Boolean) : args;
let nodes = 0;
for (const file of files) nodes += parseMarkdown(readFileSync(file, 'utf8')).children.length;
if (nodes < 0) console.log(nodes);
