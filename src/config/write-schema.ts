/** Writes speclint.config.schema.json (run by `npm run schema`; a test keeps the committed file current). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { configJsonSchema } from './schema.js';

export const SCHEMA_FILE = 'speclint.config.schema.json';

export function schemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').slice(-3).join('/'))) {
  writeFileSync(join(packageRoot(), SCHEMA_FILE), schemaText());
}
