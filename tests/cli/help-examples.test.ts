/**
 * Every example in the `--help` texts does what it says when pasted into a shell: each
 * command's help is read (its Examples section, as printed), every example found there is
 * run with `sh -c` in a fresh directory where `trainsat` is the built CLI and `instances/`
 * is the repository's, and its exit code must be the one it documents (`exit N` in its
 * description) or else 0, 10 or 20, never a usage error or a failed check. A command that
 * exits 10 or 20 followed by `&&` would never run what follows, so this catches such
 * examples. Skipped, and named: examples that read files neither the repository nor the
 * example itself (an output file, or a file in an output directory) provides, ones that
 * need the optional mnist package or z3 when it is not on PATH, and sweep's (tens of
 * instances, each with up to 20 GD restarts and a 60 s budget: covered by the sweep tests
 * on small sizes).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { HAVE_Z3 } from '../helpers/native-tools.js';


const tmp = tempDir('help-examples');
const bin = join(tmp.path, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'trainsat'), `#!/bin/sh\nexec "${process.execPath}" "${MAIN}" "$@"\n`);
chmodSync(join(bin, 'trainsat'), 0o755);

/** The `.example(command, description)` pairs in the CLI's source, `$0` as `trainsat`. */
function sourceExamples(): { command: string; description: string }[] {
  const src = readFileSync(join(ROOT, 'src', 'cli', 'main.ts'), 'utf8');
  return [...src.matchAll(/\.example\(\s*'((?:[^'\\]|\\.)*)',\s*'((?:[^'\\]|\\.)*)'\s*\)/g)].map((m) => ({
    command: m[1].replace(/\\'/g, "'").replaceAll('$0', 'trainsat'),
    description: m[2].replace(/\\'/g, "'"),
  }));
}

/** The command column of a help text's Examples section, its wrapped lines joined by spaces. */
function exampleColumn(help: string): string {
  const at = help.indexOf('\nExamples:\n');
  if (at < 0) return '';
  const fragments: string[] = [];
  for (const line of help.slice(at + '\nExamples:\n'.length).split('\n')) {
    if (line.trim() === '') break;
    if (/^ {3}/.test(line)) continue; // a wrapped line of the description column alone
    fragments.push(line.trim().split(/ {2,}/)[0]);
  }
  return fragments.join(' ');
}

/**
 * The examples printed in `column`, in order: at each point, the longest of the source's
 * examples that the column continues with. Fails when some text is not one of them.
 */
function splitExamples(column: string, known: readonly string[]): string[] {
  const found: string[] = [];
  let rest = column;
  while (rest !== '') {
    const next = known.filter((k) => rest === k || rest.startsWith(`${k} `)).sort((a, b) => b.length - a.length)[0];
    if (next === undefined) throw new Error(`help shows an example not in the source: ${rest}`);
    found.push(next);
    rest = rest.slice(next.length).trimStart();
  }
  return found;
}

/** Options whose value is a file the command writes. */
const OUTPUT_OPTIONS = new Set(['-o', '--output', '--out', '--cert', '--proof', '--core-out', '--certify', '--bound-out', '--test-out', '--svg', '--instances-dir']);
const FILE = /\.(json|jsonl|cnf|csv|col|drat|html|svg)$/;

/** Why the example cannot run here, or undefined when it can. */
function skipReason(command: string): string | undefined {
  const words = command.split(/\s+/).map((w) => w.replace(/;$/, ''));
  if (words.includes('mnist')) return 'needs the optional mnist package';
  if (words.includes('z3') && !HAVE_Z3) return 'needs z3 on PATH, which is not there';
  if (words[1] === 'sweep') return 'sweep runs tens of instances with GD restarts; the sweep tests cover it on small sizes';
  const written = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    if (OUTPUT_OPTIONS.has(words[i]) && words[i + 1] !== undefined) written.add(words[++i]);
    else if (FILE.test(words[i]) && !written.has(words[i]) && !written.has(words[i].split('/')[0]) && !existsSync(join(ROOT, words[i]))) return `reads ${words[i]}, which the repository does not hold`;
  }
  return undefined;
}

/** The commands listed by `trainsat --help`. */
async function commands(): Promise<string[]> {
  const r = await runCli(['--help']);
  expect(r.code).toBe(0);
  return [...r.out.matchAll(/^ {2}trainsat ([a-z-]+)/gm)].map((m) => m[1]);
}

describe('the examples in --help', () => {
  it('every example printed by every command help is found, and every source example is printed', async () => {
    const known = sourceExamples().map((e) => e.command);
    const printed: string[] = [];
    for (const c of await commands()) {
      const r = await runCli([c, '--help']);
      expect(r.code, c).toBe(0);
      printed.push(...splitExamples(exampleColumn(r.out), known));
    }
    expect(printed.sort()).toEqual([...known].sort());
  });

  it('no example chains && after a command that exits 10 or 20 (solve, explain, sat, reduce --solve)', () => {
    for (const { command } of sourceExamples()) {
      for (const part of command.split('&&').slice(0, -1)) {
        expect(part, command).not.toMatch(/trainsat (solve|explain|sat)\b[^;|]*$|trainsat reduce\b[^;|]*--solve[^;|]*$/);
      }
    }
  });

  const runnable = sourceExamples().filter((e) => skipReason(e.command) === undefined);
  const skipped = sourceExamples().filter((e) => skipReason(e.command) !== undefined);

  it('skips only what it names', () => {
    for (const e of skipped) console.log(`skipped: ${e.command} (${skipReason(e.command)})`);
    expect(runnable.length).toBeGreaterThan(10);
  });

  it.each(runnable.map((e) => [e.command, e.description] as const))('%s', (command, description) => {
    const dir = tmp.fresh();
    mkdirSync(dir);
    symlinkSync(join(ROOT, 'instances'), join(dir, 'instances'));
    const r = spawnSync('sh', ['-c', command], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    const documented = /\bexit (\d+)\b/.exec(description);
    if (documented) expect(r.status, r.stderr).toBe(Number(documented[1]));
    else expect([0, 10, 20], r.stderr).toContain(r.status);
    expect(r.stderr).not.toMatch(/^trainsat: /m);
  });
});
