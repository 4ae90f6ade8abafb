import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { scaffoldSpec } from '../../template/scaffold.js';
import { writeFileAtomic } from '../../util/write.js';
import { builtinModule } from '../../util/builtin-module.js';
import { type ConfigOption, loadRunConfig } from './config.js';
import { type CliIO, EXIT_OK, UsageError, describeError } from './io.js';
import { resolveTemplateOption } from './lint.js';
import { idFromFileName } from './new-spec-id.js';

export interface NewOptions {
  title?: string;
  force?: boolean;
  config?: ConfigOption;
}

function today(env: CliIO['env']): string {
  // SPECLINT_TODAY pins the date (reproducible output in tests and docs).
  if (env.SPECLINT_TODAY && /^\d{4}-\d{2}-\d{2}$/.test(env.SPECLINT_TODAY)) return env.SPECLINT_TODAY;
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function gitUserName(cwd: string): string | undefined {
  const result = builtinModule('node:child_process').spawnSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', timeout: 5_000 });
  const name = result.status === 0 ? result.stdout.trim() : '';
  return name || undefined;
}

/** Writes a new spec from a template: to `file` (never over an existing one unless forced) or stdout. */
export function newCommand(templateName: string, file: string | undefined, options: NewOptions, io: CliIO): number {
  const config = loadRunConfig(options.config, io);
  const template = resolveTemplateOption(templateName, config, io.cwd);
  if (!template) throw new UsageError(`unknown template '${templateName}'`);
  const source = config.registry.fileOf(template.id);
  if (!source) throw new UsageError(`template '${template.id}' has no Markdown file to start from`);
  const author = gitUserName(io.cwd);
  const target = file === undefined ? undefined : resolve(io.cwd, file);
  // A template the config or speclint knows by id is recorded by id; a template file by its path from the spec.
  const templateRef =
    config.registry.get(template.id) === template ? template.id : relative(target ? dirname(target) : io.cwd, source).split(sep).join('/');
  const text = scaffoldSpec(readFileSync(source, 'utf8'), template, {
    date: today(io.env),
    ...(options.title ? { title: options.title } : {}),
    ...(author ? { author } : {}),
    ...(file ? { id: (placeholder: string) => idFromFileName(file, placeholder) } : {}),
    templateRef,
  });
  if (file === undefined) {
    io.stdout(text);
    return EXIT_OK;
  }
  if (target === undefined) return EXIT_OK;
  if (existsSync(target) && !options.force) throw new UsageError(`${file} already exists; not overwriting it (use --force to replace it)`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, text);
  } catch (error) {
    throw new UsageError(`cannot write ${JSON.stringify(file)}: ${describeError(error)}`);
  }
  io.stderr(`speclint: wrote ${file} from template '${template.id}'\n`);
  return EXIT_OK;
}
