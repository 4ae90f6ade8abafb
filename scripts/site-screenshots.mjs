/* global document */
// Takes the README's pictures of the playground and the HTML report (docs/*.png) in Debian's
// Chromium, from the built site and a report of examples/. Run after `npm run build && npm run build:site`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium, openPlayground } from './playground-driver.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs');
mkdirSync(docs, { recursive: true });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  await openPlayground(page);
  await page.getByLabel('Start from').selectOption('example:feature-with-defects');
  await page.waitForFunction(() => document.querySelectorAll('#problems li').length === 3 && document.getElementById('playground')?.dataset.state === 'idle');
  await page.locator('#problems li[data-rule="section-required"] button.goto').click();
  await page.screenshot({ path: join(docs, 'playground.png') });

  const out = mkdtempSync(join(tmpdir(), 'speclint-shots-'));
  const report = join(out, 'report.html');
  spawnSync(process.execPath, [join(root, 'dist', 'bundle', 'speclint.js'), 'examples', 'site/examples', '-f', 'html', '-o', report], { cwd: root });
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(pathToFileURL(report).href);
  await page.selectOption('#sort', 'problems');
  await page.screenshot({ path: join(docs, 'html-report.png') });
  rmSync(out, { recursive: true, force: true });
} finally {
  await browser.close();
}
console.log(`wrote ${join(docs, 'playground.png')} and ${join(docs, 'html-report.png')}`);
