/**
 * The small things a user meets first: `-V` is `--version`; no command prints the help hint
 * once; an unknown option is named once, as typed; file lists in help carry no empty
 * default; a command that writes a file says so on stderr; `solve --help` says there is no
 * default budget.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unknownArgumentsAsTyped } from '../../src/cli/main.js';
import { ROOT, runCli, spawnCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir('usage');
const xor = join(ROOT, 'instances', 'xor-3node.json');

describe('usage', () => {
  it('-V prints the version, as --version does', async () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    for (const flag of ['-V', '--version']) {
      const r = await runCli([flag]);
      expect(r.code, flag).toBe(0);
      expect(r.out.trim(), flag).toBe(version);
    }
  });

  it('no arguments: exit 2, one line and the help hint once', async () => {
    const r = spawnCli([]);
    expect(r.code).toBe(2);
    expect(r.err.match(/--help/g)).toHaveLength(1);
    expect(r.err.trim().split('\n')).toHaveLength(2);
  });

  it('an unknown option is named once, with its dashes, as typed', async () => {
    const r = await runCli(['solve', xor, '--bogus-flag']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^trainsat: Unknown argument: --bogus-flag\n/);
    expect(r.err).not.toMatch(/bogusFlag/);
    const two = await runCli(['solve', xor, '--bogusFlag', '-x']);
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/^trainsat: Unknown arguments: --bogusFlag, -x\n/);
  });

  it('unknownArgumentsAsTyped: camel-cased copies dropped, names not typed as options kept as they are, other messages unchanged', () => {
    expect(unknownArgumentsAsTyped('Unknown arguments: bogus-flag, bogusFlag', ['solve', 'f', '--bogus-flag=1'])).toBe('Unknown argument: --bogus-flag');
    expect(unknownArgumentsAsTyped('Unknown arguments: extra, no-thing, noThing', ['verify', 'a', 'b', 'extra', '--no-thing'])).toBe('Unknown arguments: extra, --no-thing');
    expect(unknownArgumentsAsTyped('Not enough non-option arguments: got 0, need at least 1', [])).toBe('Not enough non-option arguments: got 0, need at least 1');
  });

  it('compare and plot help: the file list is required, without a [default: []]', async () => {
    for (const c of ['compare', 'plot']) {
      const r = await runCli([c, '--help']);
      expect(r.code).toBe(0);
      const line = r.out.split('\n').find((l) => /^\s+files\s/.test(l));
      expect(line, c).toMatch(/\[required\]/);
      expect(r.out, c).not.toMatch(/\[default: \[\]\]/);
    }
  });

  it('solve --help says there is no default budget', async () => {
    const r = await runCli(['solve', '--help']);
    expect(r.out.replace(/\s+/g, ' ')).toMatch(/No default budget: without --timeout, solve runs until it has an answer/);
  });

  it('plot -o FILE and --svg DIR say on stderr what they wrote; -o - does not', async () => {
    const results = join(tmp.path, 'r.jsonl');
    const s = await runCli(['sweep', '-n', '3', '--ratios', '1,2', '-k', '1', '-r', '2', '-e', '20', '--no-max-fit', '--out', results]);
    expect(s.code, s.err).toBe(0);
    const html = join(tmp.path, 'report.html');
    const r = await runCli(['plot', results, '-o', html]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(html)).toBe(true);
    expect(r.err).toBe(`trainsat plot: wrote ${html}\n`);
    const dir = join(tmp.path, 'figs');
    const d = await runCli(['plot', results, '--svg', dir]);
    expect(d.code, d.err).toBe(0);
    expect(d.err).toBe(`trainsat plot: wrote ${readdirSync(dir).length} figures to ${dir}\n`);
    const out = await runCli(['plot', results, '-o', '-']);
    expect(out.code).toBe(0);
    expect(out.out).toMatch(/^<!DOCTYPE html>/);
    expect(out.err).toBe('');
  });
});
