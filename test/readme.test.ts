import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { builtinTemplates } from '../src/template/builtin.js';
import { ROOT, read } from './helpers.js';

const readme = read('README.md');

describe('README', () => {
  it('documents which sections each built-in template requires', () => {
    for (const template of builtinTemplates()) {
      const start = readme.indexOf(`#### \`${template.id}\``);
      expect(start, `README section for ${template.id}`).toBeGreaterThan(0);
      const end = readme.indexOf('####', start + 5);
      const part = readme.slice(start, end < 0 ? undefined : end);
      for (const section of template.sections) {
        expect(part, `${template.id}: ${section.title}`).toContain(`| ${section.title} | ${section.required ? 'yes' : 'optional'} |`);
      }
    }
  });

  it('lists every rule with its default severity', () => {
    for (const rule of rules) {
      expect(readme).toContain(`| [\`${rule.meta.id}\`](rules/${rule.meta.id}.md) | ${rule.meta.severity}${rule.meta.lifecycle ? ' ²' : ''} |`);
    }
  });

  it('documents every inline suppression form', () => {
    for (const form of ['speclint-disable-file', 'speclint-disable ', 'speclint-enable', 'speclint-disable-next-line', '--report-unused-disable-directives']) {
      expect(readme).toContain(form);
    }
  });

  it('has the two quick-start commands', () => {
    expect(readme).toContain('npm install && npx speclint examples/');
    expect(readme).toMatch(/```sh\nnpm test\n```/);
  });

  it('has a project map that matches the tree: every folder of src/ at its depth, with its README, and only index.ts at the root', () => {
    const start = readme.indexOf('```\nsrc/ ');
    const map = readme.slice(start, readme.indexOf('```', start + 3));
    const folders = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((entry) => [`${dir}/${entry.name}`, ...folders(`${dir}/${entry.name}`)]);
    const listed = [...map.matchAll(/^( *)([a-z-]+)\/ /gm)].map(([, indent = '', name = '']) => ({ depth: indent.length / 2, name }));
    for (const folder of folders('src')) {
      const parts = folder.split('/');
      expect(listed, `${folder}/ in the README's project map`).toContainEqual({ depth: parts.length - 1, name: parts.at(-1) });
      expect(existsSync(join(ROOT, folder, 'README.md')), `${folder}/README.md`).toBe(true);
    }
    const mapped = listed.filter((entry) => entry.depth > 0).length;
    expect(mapped, 'folders in the map that are not in src/').toBe(folders('src').length);
    const rootFiles = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
    expect(rootFiles).toEqual(['index.ts']);
  });
});
