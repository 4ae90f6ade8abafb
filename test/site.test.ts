import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumPath, launchChromium } from './browser.js';
import { ROOT, read } from './helpers.js';

const SITE = join(ROOT, 'dist', 'site');
const INDEX_URL = pathToFileURL(join(SITE, 'index.html')).href;

/** The clean feature example with three planted defects, each on its own line. */
function specWithThreeDefects(): { text: string; expected: Array<{ rule: string; line: number }> } {
  let text = read('examples/feature-saved-searches.md');
  text = text.replace('**Status**: Approved', '**Status**: Aproved');
  const security = text.indexOf('## Security Considerations');
  text = text.slice(0, security) + text.slice(text.indexOf('## Performance Considerations'));
  text = text.replace('### Rollback Plan\n', '### Rollback Plan\n\n[Describe how to roll back]\n');
  const lineOf = (needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;
  return {
    text,
    expected: [
      { rule: 'metadata-status', line: lineOf('**Status**: Aproved') },
      // Reported where the missing section belongs: after Implementation Details.
      { rule: 'section-required', line: lineOf('## Implementation Details') },
      { rule: 'placeholder', line: lineOf('[Describe how to roll back]') },
    ],
  };
}

const CUSTOM_TEMPLATE = `# RFC: [Title]

**Status:** Draft | Accepted | Rejected

## Summary

One paragraph.

## Motivation

Why.

## Design

| Decision | Reason |
| --- | --- |
| [x] | [y] |

### Alternatives (optional)

What else.
`;

async function generation(page: Page): Promise<number> {
  return Number((await page.locator('#playground').getAttribute('data-generation')) ?? 0);
}

/** Runs `action` and waits for the lint it causes to be shown. */
async function afterLint(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await generation(page);
  await action();
  await page.waitForFunction(
    (n) => {
      const main = document.getElementById('playground');
      return main !== null && Number(main.dataset.generation ?? 0) > n && main.dataset.state === 'idle';
    },
    before,
    { timeout: 15_000 },
  );
}

async function paste(page: Page, editor: 'Spec' | 'Template', text: string): Promise<void> {
  await page.getByRole('textbox', { name: editor, exact: true }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

async function listed(page: Page): Promise<Array<{ rule: string; line: number; severity: string }>> {
  return page.$$eval('#problems li.diagnostic', (items) =>
    items.map((item) => ({ rule: item.getAttribute('data-rule') ?? '', line: Number(item.getAttribute('data-line')), severity: item.getAttribute('data-severity') ?? '' })),
  );
}

async function editorText(page: Page, which: 'spec' | 'template'): Promise<string> {
  return page.evaluate((w) => (window as unknown as { speclintPlayground: Record<string, () => string> }).speclintPlayground[w]?.() ?? '', which);
}

/** With more runnable work than cores, wall-clock budgets measure the machine, not the page. */
function isBusy(): boolean {
  return (loadavg()[0] ?? 0) > availableParallelism();
}

function busyNote(): string {
  return `load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores`;
}

const browserPath = chromiumPath();

describe.skipIf(!browserPath)('playground in Chromium (dist/site, from file://)', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-site.mjs')], { cwd: ROOT, stdio: 'pipe' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads from disk with nothing from the network and lints its first example', async () => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const started = Date.now();
    await page.goto(INDEX_URL);
    await page.waitForSelector('#playground[data-generation="1"]', { timeout: 15_000 });
    const loadMs = Date.now() - started;
    const shownMs = Number(await page.locator('#playground').getAttribute('data-first-shown-ms'));
    const bytes = (file: string): number => statSync(join(SITE, file)).size;
    console.log(
      `playground first load, navigation to first diagnostics shown: ${shownMs} ms (${loadMs} ms as the test saw it); ` +
        `boot.js (the linting worker) ${bytes('boot.js')} bytes, playground.js ${bytes('playground.js')} bytes`,
    );
    if (isBusy()) console.warn(`WARNING: ${busyNote()}: the 1 s first-load budget is not asserted in this run`);
    else expect(shownMs).toBeLessThan(1000);
    expect(requests.filter((url) => !/^(?:file|blob|data):/.test(url))).toEqual([]);
    expect(await page.locator('#problems li.diagnostic').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('shows exactly the three planted defects, underlined in the editor and listed with their hooks', async () => {
    const { text, expected } = specWithThreeDefects();
    await afterLint(page, () => paste(page, 'Spec', text));
    const items = await listed(page);
    expect(items.map(({ rule, line }) => ({ rule, line }))).toEqual(expected);
    // The status is not a final one, so the placeholder is a warning.
    expect(items.map((item) => item.severity)).toEqual(['error', 'error', 'warning']);
    const status = page.locator('#problems li[data-rule="metadata-status"]');
    expect(await status.locator('a.rule').getAttribute('href')).toBe('rules/metadata-status.html');
    expect(await status.locator('.hint').textContent()).toContain("Change the status to 'Approved'");

    // Going to a problem shows it underlined in the editor.
    await status.locator('button.goto').click();
    await expect.poll(() => page.locator('.cm-lintRange-error').allTextContents()).toContain('Aproved');
    await page.screenshot({ path: artifactPath('playground-defects.png') });

    // Going to a problem moves the cursor to its line.
    await page.locator('#problems li[data-rule="placeholder"] button.goto').click();
    const line = await page.evaluate(() => (window as unknown as { speclintPlayground: { cursorLine(): number } }).speclintPlayground.cursorLine());
    expect(line).toBe(expected[2]?.line);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Spec');
  });

  it('applies a quick fix in the editor and re-lints', async () => {
    await afterLint(page, () => page.locator('#problems li[data-rule="metadata-status"] button.fix').click());
    expect(await editorText(page, 'spec')).toContain('**Status**: Approved');
    expect((await listed(page)).map((item) => item.rule)).toEqual(['section-required', 'placeholder']);
  });

  it('re-lints a 30 KB spec within 100 ms of a keystroke', async () => {
    const big = (read('examples/feature-saved-searches.md') + '\n').repeat(7).slice(0, 30_000);
    await afterLint(page, () => paste(page, 'Spec', big));
    const latencies: number[] = [];
    const overheads: number[] = [];
    for (let k = 0; k < 5; k++) {
      await afterLint(page, () => page.keyboard.type('x'));
      const latency = Number(await page.locator('#playground').getAttribute('data-latency-ms'));
      latencies.push(latency);
      overheads.push(latency - Number(await page.locator('#playground').getAttribute('data-lint-ms')));
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Infinity;
    const load = loadavg()[0] ?? 0;
    const busy = isBusy();
    console.log(
      `re-lint on a 30 KB spec, keystroke to diagnostics shown: ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms (median ${median(latencies).toFixed(0)}; ` +
        `the page's own share, debounce, messages and drawing: median ${median(overheads).toFixed(0)} ms; load average ${load.toFixed(1)})`,
    );
    // The page's own share is always held to well under the budget; the whole is held to 100 ms
    // on a machine that is not overloaded (with a load average above the cores, CPU time is shared).
    expect(median(overheads)).toBeLessThan(100);
    if (busy) console.warn(`WARNING: ${busyNote()}: the 100 ms re-lint budget is not asserted in this run`);
    else expect(median(latencies)).toBeLessThan(100);
  });

  it('derives a pasted template into a tree and re-checks the spec against it', async () => {
    const { text } = specWithThreeDefects();
    await afterLint(page, () => paste(page, 'Spec', text));
    await afterLint(page, () => paste(page, 'Template', CUSTOM_TEMPLATE));
    expect(await page.locator('#template-choice').inputValue()).toBe('custom');
    const tree = page.locator('#schema-tree');
    const sections = await tree.locator('li.section').evaluateAll((items) => items.map((item) => [item.getAttribute('data-section'), item.getAttribute('data-required')]));
    expect(sections).toEqual([
      ['Summary', 'true'],
      ['Motivation', 'true'],
      ['Design', 'true'],
      ['Alternatives', 'false'],
    ]);
    expect(await tree.textContent()).toContain('Decision');
    expect(await tree.textContent()).toMatch(/Draft.*Accepted.*Rejected/);
    const rules = (await listed(page)).map((item) => item.rule);
    expect(rules).toContain('section-required');
    const missing = await page.locator('#problems li[data-rule="section-required"] .msg').allTextContents();
    expect(missing.map((m) => /'([^']+)'/.exec(m)?.[1])).toEqual(['Summary', 'Motivation']);
    expect(await page.locator('#scores tr.chosen').textContent()).toContain('custom');
    await page.screenshot({ path: artifactPath('playground-custom-template.png'), fullPage: true });
  });

  it('comes back to the same state from the shared URL', async () => {
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#s='));
    const url = page.url();
    const spec = await editorText(page, 'spec');
    const template = await editorText(page, 'template');
    const problems = await listed(page);
    const other = await browser.newPage();
    await other.goto(url);
    await other.waitForSelector('#playground[data-generation]', { timeout: 15_000 });
    await other.waitForFunction(() => document.getElementById('playground')?.dataset.state === 'idle');
    expect(await editorText(other, 'spec')).toBe(spec);
    expect(await editorText(other, 'template')).toBe(template);
    expect(await other.locator('#template-choice').inputValue()).toBe('custom');
    expect(await listed(other)).toEqual(problems);
    await other.close();
  });

  it('starts a new spec from a built-in template (the new scaffold)', async () => {
    await afterLint(page, async () => {
      await page.getByLabel('Start from').selectOption('new:tech-spec');
    });
    expect(await page.locator('#template-choice').inputValue()).toBe('tech-spec');
    const spec = await editorText(page, 'spec');
    expect(spec).toMatch(/^---\n/);
    expect(spec).not.toContain('speclint:');
    expect((await listed(page)).some((item) => item.rule === 'placeholder')).toBe(true);
    expect(await page.locator('#schema-tree').textContent()).toContain('tech_spec_id');
  });

  it('works with the keyboard alone and names its editors', async () => {
    await page.goto(INDEX_URL);
    await page.waitForSelector('#playground[data-generation]');
    expect(await page.getByRole('textbox', { name: 'Spec', exact: true }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Template', exact: true }).count()).toBe(1);
    // Tab reaches the spec editor, and goes on past it (Tab is not swallowed by the editor).
    const focused: string[] = [];
    for (let k = 0; k < 12; k++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? document.activeElement?.tagName ?? ''));
    }
    const spec = focused.indexOf('Spec');
    expect(spec).toBeGreaterThanOrEqual(0);
    expect(focused.slice(spec + 1).some((name) => name !== 'Spec')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('builds rule docs pages that the diagnostics link to', () => {
    const page = readFileSync(join(SITE, 'rules', 'metadata-status.html'), 'utf8');
    expect(page).toContain('<h1>metadata-status</h1>');
  });
});
