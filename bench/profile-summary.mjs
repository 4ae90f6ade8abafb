// Summarizes V8 CPU profiles (node --cpu-prof) by where the time goes: self time per script and per
// function, so a benchmark gap can be explained. Usage: node bench/profile-summary.mjs <dir|file>...
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function profilesIn(paths) {
  return paths.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(p, f)) : [p]));
}

function bucket(url) {
  if (!url) return '(native/idle/gc)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^file:\/\/.*?\/(dist|src|rules)\//, '$1/');
}

export function summarize(file, top = 12) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byScript = new Map();
  const byFunction = new Map();
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id).callFrame;
    const ms = profile.timeDeltas[i] / 1000;
    const script = bucket(frame.url);
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  });
  const total = (profile.endTime - profile.startTime) / 1000;
  const rows = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `  ${v.toFixed(1).padStart(9)} ms ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
  return [`${file}: ${total.toFixed(1)} ms`, ' by script:', ...rows(byScript), ' by function:', ...rows(byFunction)].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  for (const file of profilesIn(process.argv.slice(2))) console.log(summarize(file));
}
