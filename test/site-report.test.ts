import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumPath, launchChromium } from './browser.js';
import { ROOT, SHARED } from './helpers.js';

const BIN = join(ROOT, 'dist', 'bundle', 'speclint.js');
const MADR = join(SHARED, 'corpus', 'madr');

interface JsonReport {
  files: Array<{ path: string; template: string | null; diagnostics: Array<{ ruleId: string; severity: string; line: number }> }>;
  summary: { files: number; errors: number; warnings: number };
}

/** The same run as JSON and as an HTML file. */
function reports(args: string[], out: string): { json: JsonReport; htmlPath: string } {
  const json = spawnSync(process.execPath, [BIN, '-f', 'json', ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(json.status === 0 || json.status === 1, json.stderr).toBe(true);
  const htmlPath = join(out, 'report.html');
  const html = spawnSync(process.execPath, [BIN, '-f', 'html', '-o', htmlPath, ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(html.status, html.stderr).toBe(json.status);
  return { json: JSON.parse(json.stdout) as JsonReport, htmlPath };
}

function tally(json: JsonReport, key: (d: JsonReport['files'][number]['diagnostics'][number], f: JsonReport['files'][number]) => string): Record<string, { errors: number; warnings: number }> {
  const counts: Record<string, { errors: number; warnings: number }> = {};
  for (const file of json.files) {
    for (const d of file.diagnostics) {
      const count = (counts[key(d, file)] ??= { errors: 0, warnings: 0 });
      if (d.severity === 'error') count.errors++;
      else count.warnings++;
    }
  }
  return counts;
}

async function tableCounts(page: Page, id: string): Promise<Record<string, { errors: number; warnings: number; files: number }>> {
  return page.$$eval(`#${id} tbody tr`, (rows) =>
    Object.fromEntries(
      rows.map((row) => [
        row.getAttribute('data-key') ?? '',
        {
          errors: Number(row.querySelector('[data-count="errors"]')?.textContent),
          warnings: Number(row.querySelector('[data-count="warnings"]')?.textContent),
          files: Number(row.querySelector('[data-count="files"]')?.textContent),
        },
      ]),
    ),
  );
}

/** Checks that what the page shows adds up to the JSON report of the same run. */
async function expectSameCounts(page: Page, json: JsonReport): Promise<void> {
  const totals = await page.locator('#totals').evaluate((el) => ({ files: Number(el.dataset.files), errors: Number(el.dataset.errors), warnings: Number(el.dataset.warnings) }));
  expect(totals).toEqual({ files: json.summary.files, errors: json.summary.errors, warnings: json.summary.warnings });
  const items = await page.$$eval('li.diagnostic', (els) => els.map((el) => `${el.closest('article')?.getAttribute('data-path')}:${el.getAttribute('data-line')}:${el.getAttribute('data-rule')}:${el.getAttribute('data-severity')}`));
  expect(items).toEqual(json.files.flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.line}:${d.ruleId}:${d.severity}`)));
  const byRule = await tableCounts(page, 'by-rule');
  expect(Object.fromEntries(Object.entries(byRule).map(([k, v]) => [k, { errors: v.errors, warnings: v.warnings }]))).toEqual(tally(json, (d) => d.ruleId));
  const byTemplate = await tableCounts(page, 'by-template');
  const filesPerTemplate: Record<string, number> = {};
  for (const f of json.files) filesPerTemplate[f.template ?? '(none)'] = (filesPerTemplate[f.template ?? '(none)'] ?? 0) + 1;
  expect(Object.fromEntries(Object.entries(byTemplate).map(([k, v]) => [k, v.files]))).toEqual(filesPerTemplate);
  const statusFiles = Object.values(await tableCounts(page, 'by-status')).reduce((sum, v) => sum + v.files, 0);
  expect(statusFiles).toBe(json.summary.files);
}

const browserPath = chromiumPath();

describe.skipIf(!browserPath)('HTML report in Chromium', () => {
  let browser: Browser;
  let out: string;

  beforeAll(async () => {
    browser = await launchChromium();
    out = mkdtempSync(join(tmpdir(), 'speclint-html-'));
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('of examples/ and the playground examples: counts equal the JSON report, filters and sorting work', async () => {
    const { json, htmlPath } = reports(['examples', 'site/examples'], out);
    expect(json.summary.errors).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(htmlPath).href);
    await expectSameCounts(page, json);
    await page.screenshot({ path: artifactPath('report-examples.png'), fullPage: true });

    // Filter by rule: only that rule's problems and the specs that have them remain.
    const total = json.files.reduce((n, f) => n + f.diagnostics.length, 0);
    await page.selectOption('#filter-rule', 'section-required');
    const wanted = json.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'section-required'));
    expect(await page.locator('li.diagnostic:visible').count()).toBe(wanted.length);
    expect(await page.locator('#shown').textContent()).toBe(
      `${json.files.filter((f) => f.diagnostics.some((d) => d.ruleId === 'section-required')).length} of ${json.files.length} specs, ${wanted.length} problems shown`,
    );
    await page.selectOption('#filter-rule', '');
    await page.selectOption('#filter-template', 'feature');
    expect(await page.locator('article.spec:visible').count()).toBe(json.files.filter((f) => f.template === 'feature').length);
    await page.selectOption('#filter-template', '');
    expect(await page.locator('li.diagnostic:visible').count()).toBe(total);

    // Sort: most problems first.
    await page.selectOption('#sort', 'problems');
    const first = await page.locator('article.spec').first().getAttribute('data-path');
    const most = [...json.files].sort((a, b) => b.diagnostics.length - a.diagnostics.length)[0]?.path;
    expect(first).toBe(most);
    // A summary table sorts by a column.
    await page.locator('#by-rule thead button', { hasText: 'Rule' }).click();
    const ruleOrder = await page.$$eval('#by-rule tbody tr', (rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
    expect(ruleOrder).toEqual([...ruleOrder].sort().reverse());

    // Printable: the controls are left out of print.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.controls').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.close();
  });

  it.skipIf(!existsSync(MADR))('of a corpus set (madr): counts equal the JSON report', async () => {
    const { json, htmlPath } = reports(['--template', join(MADR, 'template', 'adr-template.md'), join(MADR, 'docs', 'decisions')], out);
    expect(json.files.length).toBeGreaterThan(10);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    await page.goto(pathToFileURL(htmlPath).href);
    await expectSameCounts(page, json);
    expect(readFileSync(htmlPath, 'utf8')).not.toMatch(/(?:src|href)="https?:/);
    await page.screenshot({ path: artifactPath('report-madr.png') });
    await page.close();
  });
});
