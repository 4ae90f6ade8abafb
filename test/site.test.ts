import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_URL, SITE_DIR, afterLint, cursorLine, editorText, listed, openPlayground, paste, playgroundNumber, shownDiagnostics } from '../scripts/playground-driver.mjs';
import { artifactPath, chromiumPath, launchChromium } from './browser.js';
import { runIn, workspace } from './cli-harness.js';
import { ROOT, read } from './helpers.js';

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

/**
 * The CLI's diagnostics for one spec text, whole, as its JSON report gives them (`args` choose the
 * template), less the baseline anchors the CLI adds for `--baseline` (the playground has no baseline).
 */
async function cliDiagnostics(text: string, files: Record<string, string> = {}, args: string[] = []): Promise<unknown[]> {
  const { dir, cleanup } = workspace({ 'spec.md': text, ...files });
  try {
    const { stdout } = await runIn(dir, ['--no-config', '-f', 'json', ...args, 'spec.md']);
    const diagnostics = (JSON.parse(stdout) as { files: Array<{ diagnostics: Array<{ anchor?: unknown }> }> }).files[0]?.diagnostics ?? [];
    return diagnostics.map(({ anchor: _anchor, ...rest }) => rest);
  } finally {
    cleanup();
  }
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

  // Speed (first load, re-lint latency) is measured by `npm run bench:site`, not asserted here.
  it('loads from disk with nothing from the network and lints its first example', async () => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(PLAYGROUND_URL);
    await page.waitForSelector('#playground[data-generation="1"]', { timeout: 15_000 });
    expect(Number(await page.locator('#playground').getAttribute('data-first-shown-ms'))).toBeGreaterThan(0);
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
    expect(await cursorLine(page)).toBe(expected[2]?.line);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Spec');
  });

  it('applies a quick fix in the editor and re-lints', async () => {
    await afterLint(page, () => page.locator('#problems li[data-rule="metadata-status"] button.fix').click());
    expect(await editorText(page, 'spec')).toContain('**Status**: Approved');
    expect((await listed(page)).map((item) => item.rule)).toEqual(['section-required', 'placeholder']);
  });

  it('re-lints a 30 KB spec on each keystroke and reports how long it took', async () => {
    const big = (read('examples/feature-saved-searches.md') + '\n').repeat(7).slice(0, 30_000);
    await afterLint(page, () => paste(page, 'Spec', big));
    const before = await playgroundNumber(page, 'generation');
    await afterLint(page, () => page.keyboard.type('x'));
    expect(await playgroundNumber(page, 'generation')).toBe(before + 1);
    expect(await editorText(page, 'spec')).toContain('x');
    const latency = await playgroundNumber(page, 'latency-ms');
    const lintMs = await playgroundNumber(page, 'lint-ms');
    expect(latency).toBeGreaterThan(0);
    expect(lintMs).toBeGreaterThan(0);
    expect(lintMs).toBeLessThanOrEqual(latency);
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
    expect(missing.map((m) => /'([^']+)'/.exec(m)?.[1])).toEqual(['Motivation']);
    // 'Overview' stands where the template asks for 'Summary': one warning to rename, not a missing section.
    const renamed = await page.locator('#problems li[data-rule="section-name"] .msg').allTextContents();
    expect(renamed.some((m) => m.includes("'Overview'") && m.includes("'Summary'"))).toBe(true);
    expect(await page.locator('#scores tr.chosen').textContent()).toContain('custom');
    await page.screenshot({ path: artifactPath('playground-custom-template.png'), fullPage: true });
  });

  it('comes back to the same state from the shared URL', async () => {
    // The address also holds an earlier state (saved after each edit, debounced): wait for the click's own
    // save, which says so in the status line once the link is made, not just for any '#s=' (a race under load).
    await page.evaluate(() => {
      const status = document.getElementById('share-status');
      if (status) status.textContent = '';
    });
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#s=') && document.getElementById('share-status')?.textContent !== '');
    const url = page.url();
    const spec = await editorText(page, 'spec');
    const template = await editorText(page, 'template');
    const problems = await listed(page);
    const other = await browser.newPage();
    await openPlayground(other, url);
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
    await openPlayground(page);
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

  it("shows the CLI's diagnostics, whole (messages, spans, hints, fixes)", async () => {
    const big = (read('examples/feature-saved-searches.md') + '\n').repeat(7).slice(0, 30_000);
    const { text } = specWithThreeDefects();
    await openPlayground(page);
    for (const spec of [big, text, read('site/examples/tech-spec-with-defects.md')]) {
      await afterLint(page, () => paste(page, 'Spec', spec));
      await afterLint(page, () => page.keyboard.type('x'));
      const typed = await editorText(page, 'spec');
      expect(await shownDiagnostics(page)).toEqual(await cliDiagnostics(typed));
    }
    await afterLint(page, () => paste(page, 'Template', CUSTOM_TEMPLATE));
    expect(await shownDiagnostics(page)).toEqual(await cliDiagnostics(await editorText(page, 'spec'), { 'rfc.md': CUSTOM_TEMPLATE }, ['--template', 'rfc.md']));
  });

  it('builds rule docs pages that the diagnostics link to', () => {
    const page = readFileSync(join(SITE_DIR, 'rules', 'metadata-status.html'), 'utf8');
    expect(page).toContain('<h1>metadata-status</h1>');
  });
});
