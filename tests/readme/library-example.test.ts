/**
 * The README's "Use as a library" example runs as written: the ```js block after the
 * `library-example` marker is saved as a module in a consumer project (tests/readme/consumer.ts)
 * and run with node against the built package; what it prints must be the README's
 * "It prints" block that follows it, line for line.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { consumerProject } from './consumer.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The first fenced block of `language` after `from` in the README: its text and where it ends. */
function fencedAfter(from: number, language: string): { text: string; end: number } {
  const open = README.indexOf(`\n\`\`\`${language}\n`, from);
  if (open < 0) throw new Error(`README: no \`\`\`${language} block after offset ${from}`);
  const start = open + language.length + 5;
  const close = README.indexOf('\n```\n', start - 1);
  if (close < 0) throw new Error('README: unclosed code block');
  return { text: README.slice(start, close + 1), end: close + 4 };
}

it('the README library example prints what the README says', () => {
  const marker = README.indexOf('<!-- library-example');
  expect(marker).toBeGreaterThan(0);
  const code = fencedAfter(marker, 'js');
  const printed = fencedAfter(code.end, 'text');
  expect(code.text).toContain("from 'trainsat'");
  const dir = consumerProject('readme-library');
  writeFileSync(join(dir, 'example.mjs'), code.text);
  const run = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(printed.text);
});
