import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { ROOT } from './helpers.js';

/** The system's Chromium (Debian's package); nothing downloads a browser. SPECLINT_CHROMIUM overrides. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.SPECLINT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path));
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium');
  // The sandbox needs user namespaces, which CI's root containers lack.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
}

/** Where screenshots go (look at them: they are the tests' record of what a person sees). */
export function artifactPath(name: string): string {
  const dir = join(ROOT, 'dist', 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
