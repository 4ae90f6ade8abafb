import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { MAX_CONFIG_BYTES } from '../input/limits.js';
import { readBoundedTextSync } from '../input/read-bounded.js';
import { builtinModule } from '../util/builtin-module.js';
import { toPosix } from '../util/posix-path.js';

/** Bounds on one `git ls-files` (a huge monorepo): past either, the library fallback decides instead. */
const GIT_MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const GIT_TIMEOUT_MS = 60_000;

/** Up to this many files named in one repository are asked about by name; more, and the repository is listed. */
const MAX_NAMED = 256;

/** The pathspecs of the files a directory walk lints (the walk's own extensions, any case). */
const MARKDOWN_PATHSPECS = [':(icase)*.md', ':(icase)*.markdown'];
const MARKDOWN_FILE = /\.(?:md|markdown)$/i;

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The repository root: the nearest folder upward holding .git (a folder, or a file for worktrees and submodules), or null. */
export function repositoryRoot(from: string): string | null {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** An environment for git without the variables a git hook sets, which would point it at another repository or index. */
function gitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR']) delete env[name];
  return env;
}

/**
 * The files of `root` that git does not ignore among `pathspecs` (tracked ones, and untracked ones no
 * .gitignore, .git/info/exclude or core.excludesFile excludes), as absolute paths; null when git is
 * missing, fails, or exceeds the bounds.
 */
function gitListing(root: string, pathspecs: readonly string[]): Set<string> | null {
  const run = builtinModule('node:child_process').spawnSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...pathspecs], {
    encoding: 'utf8',
    maxBuffer: GIT_MAX_OUTPUT_BYTES,
    timeout: GIT_TIMEOUT_MS,
    env: gitEnv(),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (run.error || run.status !== 0) return null;
  return new Set(run.stdout.split('\0').filter(Boolean).map((path) => resolve(root, path)));
}

/**
 * Git's ignore rules by a library (`ignore`), for when git cannot answer: no git installed, or a folder
 * that is not a repository. Each folder's .gitignore applies to what is below it, deeper files
 * overriding shallower ones, plus .git/info/exclude at a repository's root; a file in an excluded
 * folder stays excluded, as in git. From `top` down: the repository root, else the working folder.
 */
class LibraryGitIgnore {
  private readonly matchers = new Map<string, Ignore | null>();
  private readonly dirs = new Map<string, boolean>();

  constructor(private readonly top: string) {}

  private matcher(folder: string): Ignore | null {
    let matcher = this.matchers.get(folder);
    if (matcher !== undefined) return matcher;
    const sources = [join(folder, '.gitignore')];
    if (folder === this.top) sources.push(join(folder, '.git', 'info', 'exclude'));
    const rules: string[] = [];
    for (const file of sources) {
      try {
        if (statSync(file).isFile()) rules.push(readBoundedTextSync(file, MAX_CONFIG_BYTES, 'ignore files'));
      } catch {
        // Absent or unreadable (a .git file of a worktree has no info/exclude beside it): no rules from it.
      }
    }
    matcher = rules.length > 0 ? ignore().add(rules.join('\n')) : null;
    this.matchers.set(folder, matcher);
    return matcher;
  }

  /** The folders from `top` down to `folder`, each a level whose .gitignore applies. */
  private levels(folder: string): string[] {
    const levels: string[] = [];
    for (let dir = folder; ; dir = dirname(dir)) {
      levels.push(dir);
      if (dir === this.top || dirname(dir) === dir) break;
    }
    return levels.reverse();
  }

  private decide(path: string, isDir: boolean, levels: readonly string[]): boolean {
    let ignored = false;
    for (const level of levels) {
      const matcher = this.matcher(level);
      if (!matcher) continue;
      const result = matcher.test(`${toPosix(relative(level, path))}${isDir ? '/' : ''}`);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  private dirIgnored(dir: string): boolean {
    if (dir === this.top || !isInside(this.top, dir)) return false;
    let known = this.dirs.get(dir);
    if (known === undefined) {
      const parent = dirname(dir);
      known = this.dirIgnored(parent) || this.decide(dir, true, this.levels(parent));
      this.dirs.set(dir, known);
    }
    return known;
  }

  isIgnored(absolutePath: string): boolean {
    if (!isInside(this.top, absolutePath)) return false;
    const folder = dirname(absolutePath);
    return this.dirIgnored(folder) || this.decide(absolutePath, false, this.levels(folder));
  }
}

/**
 * Whether git ignores a file, as git itself sees it: nested .gitignore files, .git/info/exclude,
 * core.excludesFile, and tracked files never ignored. Inside a git work tree this asks git
 * (`git ls-files --others --cached --exclude-standard`: once per repository for the Markdown files,
 * once per file for others); outside one, or without git, the `ignore` library applies the
 * .gitignore files folder by folder.
 */
export class GitIgnore {
  private readonly listings = new Map<string, Set<string> | null>();
  private readonly libraries = new Map<string, LibraryGitIgnore>();
  /** Files git was asked about by name (expectNamed): listed (kept), not (ignored), or null (git could not answer). */
  private readonly named = new Map<string, boolean | null>();
  /** Each folder's repository root, looked up once per run (the walk up checks every parent for .git: ~0.1 ms per file). */
  private readonly roots = new Map<string, string | null>();

  /**
   * `cwd`: where .gitignore files start to count outside a repository. `live`: ask git about each file
   * when asked (an editor's files come and go) instead of listing the repository once (a CLI run).
   */
  constructor(
    private readonly cwd: string,
    private readonly live = false,
  ) {}

  /** The repository root of a file's folder: once per folder in a run; live, every time (a repository may appear). */
  private rootOf(path: string): string | null {
    const dir = dirname(path);
    if (this.live) return repositoryRoot(dir);
    let root = this.roots.get(dir);
    if (root === undefined) {
      root = repositoryRoot(dir);
      this.roots.set(dir, root);
    }
    return root;
  }

  private library(top: string): LibraryGitIgnore {
    let library = this.libraries.get(top);
    if (!library) {
      library = new LibraryGitIgnore(top);
      this.libraries.set(top, library);
    }
    return library;
  }

  /**
   * The files a run names one by one (a commit hook's few changed files): git is asked about just
   * them, in one `git ls-files` per repository, instead of listing every Markdown file of the
   * repository, which in a large monorepo walks the whole working tree for untracked files. Past
   * MAX_NAMED files in a repository its listing is cheaper, and is used as before.
   */
  expectNamed(absolutePaths: readonly string[]): void {
    const byRoot = new Map<string, string[]>();
    for (const absolutePath of absolutePaths) {
      const path = resolve(absolutePath);
      const root = this.rootOf(path);
      if (!root || this.named.has(path)) continue;
      const paths = byRoot.get(root) ?? [];
      paths.push(path);
      byRoot.set(root, paths);
    }
    for (const [root, paths] of byRoot) {
      if (paths.length > MAX_NAMED) continue;
      const listing = gitListing(root, paths.map((path) => `:(literal)${toPosix(relative(root, path))}`));
      for (const path of paths) this.named.set(path, listing === null ? null : listing.has(path));
    }
  }

  isIgnored(absolutePath: string): boolean {
    const path = resolve(absolutePath);
    const root = this.rootOf(path);
    if (!root) return this.library(isInside(this.cwd, path) ? resolve(this.cwd) : dirname(path)).isIgnored(path);
    const named = this.named.get(path);
    if (named !== undefined) return named === null ? this.library(root).isIgnored(path) : !named;
    let listing: Set<string> | null;
    if (this.live || !MARKDOWN_FILE.test(path)) {
      listing = gitListing(root, [`:(literal)${toPosix(relative(root, path))}`]);
    } else {
      listing = this.listings.get(root) ?? null;
      if (!this.listings.has(root)) {
        listing = gitListing(root, MARKDOWN_PATHSPECS);
        this.listings.set(root, listing);
      }
    }
    return listing ? !listing.has(path) : this.library(root).isIgnored(path);
  }
}
