/**
 * The outputs the README shows are what the commands print. Every `$ npx trainsat ...` line
 * of a plain fenced block is run (the built CLI, in a fresh directory where `instances/` is
 * the repository's; `broken.json` is the README's example of bad input: the quick-start
 * instance with a third number in examples[3].x) and what it prints, stdout then stderr,
 * must be the lines the README shows after it, up to the next `$` line, except for what
 * varies between runs: times (`N ms`) are masked, runs of spaces and of dashes (table
 * columns and their rules, widened by a longer time) count as one, and `c` lines (timings
 * and sizes) are not compared.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MAIN, ROOT, tempDir } from '../helpers/cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Shown {
  line: number;
  command: string;
  output: string[];
}

/** The `$ npx trainsat` commands of the README's plain blocks, each with the lines shown after it. */
function shownOutputs(): Shown[] {
  const out: Shown[] = [];
  let fence: string | null = null;
  let current: Shown | null = null;
  README.split('\n').forEach((text, k) => {
    if (text.startsWith('```')) {
      fence = fence === null ? text.slice(3) : null;
      current = null;
      return;
    }
    if (fence !== '') return;
    const cmd = /^\$ npx trainsat (.*)$/.exec(text);
    if (cmd) out.push((current = { line: k + 1, command: cmd[1], output: [] }));
    else if (text.startsWith('$ ')) current = null;
    else current?.output.push(text);
  });
  return out;
}

const normal = (lines: readonly string[]) =>
  lines
    .filter((l) => !l.startsWith('c ') && l.trim() !== '')
    .map((l) => l.replace(/\d+ ms/g, 'N ms').replace(/-{2,}/g, '--').replace(/ {2,}/g, '  ').trimEnd());

const shown = shownOutputs();
const dir = tempDir('readme-output').path;
symlinkSync(join(ROOT, 'instances'), join(dir, 'instances'), 'dir');
const broken = JSON.parse(readFileSync(join(ROOT, 'instances', 'xor-3node.json'), 'utf8'));
broken.examples[3].x = [1, 1, 1];
writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken, null, 2));

it('the README shows outputs of trainsat commands (compare, solve, bad input)', () => {
  expect(shown.map((s) => s.command.split(' ')[0])).toEqual(expect.arrayContaining(['solve', 'compare', 'check']));
  expect(shown.some((s) => s.command === 'solve broken.json')).toBe(true);
});

// In order: a later command may read what an earlier one wrote (check reads max-fit's files).
for (const s of shown) {
  it(`README line ${s.line}: trainsat ${s.command}`, () => {
    const r = spawnSync(process.execPath, [MAIN, ...s.command.split(/\s+/)], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(normal((r.stdout + r.stderr).split('\n')), r.stderr).toEqual(normal(s.output));
  }, 90_000);
}
