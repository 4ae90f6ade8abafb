// Writes speclint.config.schema.json from the sources (no build needed; `npm run schema` does the same from dist/).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_FILE, schemaText } from '../src/config/write-schema.js';
import { packageRoot } from '../src/util/paths.js';

writeFileSync(join(packageRoot(), SCHEMA_FILE), schemaText());
