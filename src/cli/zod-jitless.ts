/**
 * zod without its compiled fast path, for the CLI's process: each schema parses a handful of values
 * per run, and compiling a parser function per object schema (new Function) costs more than it saves.
 * Imported first by bin.ts, because zod reads the setting when each schema is built, at module load.
 */
import { z } from 'zod';

z.config({ jitless: true });
