import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type Baseline, BaselineError, applyBaseline, defaultBaselineFile, readBaseline } from '../report/baseline.js';
import { hashOf } from '../util/hash.js';
import type { ResolvedConfig } from '../config/load.js';
import type { Diagnostic } from '../core/types.js';

/**
 * The baseline beside a config file, applied to an editor's diagnostics so that the editor shows
 * what `speclint` shows in CI. Read again when the file changes on disk.
 */
export class EditorBaselines {
  private readonly loaded = new Map<string, { mtimeMs: number; baseline: Baseline | null }>();

  /** Diagnostics (with their anchors) the baseline does not cover; a broken baseline is reported through `problem`. */
  filter(config: ResolvedConfig, filePath: string, text: string, diagnostics: Diagnostic[], problem: (message: string) => void): Diagnostic[] {
    // Without a config file there is no folder that stands for the repository (the CLI uses its working folder).
    if (!config.path) return diagnostics;
    const file = defaultBaselineFile(config, config.dir);
    const baseline = this.read(file, problem);
    if (!baseline) return diagnostics;
    const dir = dirname(file);
    const key = relative(dir, filePath).split('\\').join('/');
    const outcome = applyBaseline(baseline, [{ key, contentHash: hashOf(text), diagnostics }], (k) => existsSync(join(dir, k)));
    return outcome.kept[0] ?? diagnostics;
  }

  private read(file: string, problem: (message: string) => void): Baseline | null {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return null;
    }
    const known = this.loaded.get(file);
    if (known?.mtimeMs === mtimeMs) return known.baseline;
    let baseline: Baseline | null = null;
    try {
      baseline = readBaseline(file);
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      problem(`${file}: ${error.message}`);
    }
    this.loaded.set(file, { mtimeMs, baseline });
    return baseline;
  }
}
