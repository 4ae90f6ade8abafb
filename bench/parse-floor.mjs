// The parse floor: read and parse files with speclint's parser setup, in one process, nothing else.
// Usage: node bench/parse-floor.mjs <file>...  or  node bench/parse-floor.mjs @<list-file>
import { readFileSync } from 'node:fs';
import { parseMarkdown } from '../dist/src/input/parse.js';

const args = process.argv.slice(2);
const files = args.length === 1 && args[0].startsWith('@') ? readFileSync(args[0].slice(1), 'utf8').split('\n').filter(Boolean) : args;
let nodes = 0;
for (const file of files) nodes += parseMarkdown(readFileSync(file, 'utf8')).children.length;
if (nodes < 0) console.log(nodes);
