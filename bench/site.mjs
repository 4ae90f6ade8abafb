// npm run bench:site: the playground's speed in the system's Chromium, measured, never asserted by a test.
// First load (navigation to the first diagnostics shown) and re-lint latency on a 30 KB spec (keystroke
// to diagnostics shown, and the page's own share of it), as medians over several runs, with the
// machine's load average beside them so a busy machine is visible in the figures.
// Options: --runs N (default 7 first loads and 15 keystrokes), --out DIR (default bench/results).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { PLAYGROUND_URL, SITE_DIR, afterLint, chromiumPath, launchChromium, openPlayground, paste, playgroundNumber } from '../scripts/playground-driver.mjs';
import { ROOT } from './corpus.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('runs', '7'));
const outDir = arg('out', join(ROOT, 'bench', 'results'));

if (!chromiumPath()) {
  console.log('bench:site: no Chromium (apt install chromium, or set SPECLINT_CHROMIUM); nothing to measure.');
  process.exit(0);
}

execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-site.mjs')], { cwd: ROOT, stdio: 'inherit' });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const TIMEOUT = 30_000;
const loadBefore = loadavg()[0];

const browser = await launchChromium();
const loads = [];
const latencies = [];
const pageShares = [];
const parses = [];
try {
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await openPlayground(page, PLAYGROUND_URL, TIMEOUT);
    loads.push(await playgroundNumber(page, 'first-shown-ms'));
    await page.close();
  }
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await openPlayground(page, PLAYGROUND_URL, TIMEOUT);
  const big = (readFileSync(join(ROOT, 'examples', 'feature-saved-searches.md'), 'utf8') + '\n').repeat(7).slice(0, 30_000);
  await afterLint(page, () => paste(page, 'Spec', big), TIMEOUT);
  for (let k = 0; k < runs * 2 + 1; k++) {
    await afterLint(page, () => page.keyboard.type('x'), TIMEOUT);
    const latency = await playgroundNumber(page, 'latency-ms');
    latencies.push(latency);
    pageShares.push(latency - (await playgroundNumber(page, 'lint-ms')));
    parses.push(await playgroundNumber(page, 'parse-ms'));
  }
} finally {
  await browser.close();
}

const kB = (file) => `${Math.round(statSync(join(SITE_DIR, file)).size / 1000)} kB`;
const fmt = (values) => `${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
const load = `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after, on ${availableParallelism()} cores`;
const table = [
  `# Playground in Chromium (${new Date().toISOString().slice(0, 10)}; ${load})`,
  '',
  '| measure | median | target |',
  '| --- | --- | --- |',
  `| first load: navigation to first diagnostics shown (${runs} loads) | ${fmt(loads)} | < 1000 ms |`,
  `| re-lint of a 30 KB spec: keystroke to diagnostics shown (${latencies.length} keystrokes) | ${fmt(latencies)} | < 100 ms |`,
  `| … of which the page's own share (debounce, messages, drawing) | ${fmt(pageShares)} | |`,
  `| … of which building the document in the worker (the Markdown parse, mostly) | ${fmt(parses)} | |`,
  `| bundle: boot.js (linting worker) / playground.js | ${kB('boot.js')} / ${kB('playground.js')} | |`,
  '',
].join('\n');
console.log(table);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'site.md'), table);
