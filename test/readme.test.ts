import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { builtinTemplates } from '../src/template/builtin.js';
import { read } from './helpers.js';

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
});
