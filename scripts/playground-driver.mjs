/* global document, window */
// Drives the built playground (dist/site) in the system's Chromium, for the browser tests
// (test/site.test.ts), the speed bench (bench/site.mjs) and the README's pictures
// (scripts/site-screenshots.mjs): one place that knows the page's hooks.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SITE_DIR = join(root, 'dist', 'site');
export const PLAYGROUND_URL = pathToFileURL(join(SITE_DIR, 'index.html')).href;

/** The system's Chromium (Debian's package); nothing downloads a browser. SPECLINT_CHROMIUM overrides. */
export function chromiumPath() {
  const candidates = [process.env.SPECLINT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => typeof path === 'string' && path !== '' && existsSync(path));
}

export async function launchChromium() {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium (apt install chromium, or set SPECLINT_CHROMIUM)');
  // The sandbox needs user namespaces, which CI's root containers lack.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
}

/** A number the page publishes on #playground as data-* (generation, latency-ms, lint-ms, …). */
export async function playgroundNumber(page, name) {
  return Number((await page.locator('#playground').getAttribute(`data-${name}`)) ?? 0);
}

/** Opens the playground and waits for its first lint to be shown. */
export async function openPlayground(page, url = PLAYGROUND_URL, timeout = 15_000) {
  await page.goto(url);
  await page.waitForSelector('#playground[data-generation]', { timeout });
  await page.waitForFunction(() => document.getElementById('playground')?.dataset.state === 'idle', undefined, { timeout });
}

/** Runs `action` and waits for the lint it causes to be shown. */
export async function afterLint(page, action, timeout = 15_000) {
  const before = await playgroundNumber(page, 'generation');
  await action();
  await page.waitForFunction(
    (n) => {
      const main = document.getElementById('playground');
      return main !== null && Number(main.dataset.generation ?? 0) > n && main.dataset.state === 'idle';
    },
    before,
    { timeout },
  );
}

/** Replaces an editor's whole text as a person pasting it would. */
export async function paste(page, editor, text) {
  await page.getByRole('textbox', { name: editor, exact: true }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/** The diagnostics listed beside the editor, by their hooks. */
export async function listed(page) {
  return page.$$eval('#problems li.diagnostic', (items) =>
    items.map((item) => ({ rule: item.getAttribute('data-rule') ?? '', line: Number(item.getAttribute('data-line')), severity: item.getAttribute('data-severity') ?? '' })),
  );
}

/** An editor's whole text (the page draws only the lines in view). */
export async function editorText(page, which) {
  return page.evaluate((w) => window.speclintPlayground[w](), which);
}

/** The spec editor's cursor line. */
export async function cursorLine(page) {
  return page.evaluate(() => window.speclintPlayground.cursorLine());
}

/** The diagnostics shown, whole (message, span, hint, fix), as the linting worker sent them. */
export async function shownDiagnostics(page) {
  return page.evaluate(() => window.speclintPlayground.diagnostics());
}
