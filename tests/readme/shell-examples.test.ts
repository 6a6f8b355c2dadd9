/**
 * The README's shell examples do what they say when pasted into a shell. Every fenced ```sh
 * block is one test: it runs with `sh` in a fresh temporary directory where `instances/` is
 * the repository's, so outputs land there and the repository is not written. `npx` there is
 * a stand-in first on PATH that runs `npx trainsat ...` as npx runs a project's own bin
 * (node on the built CLI, dist/src/cli/main.js) without npx's start-up cost per command,
 * and refuses anything else. Each command (a line, its `\` continuations joined; a
 * `case ... esac` as one; the parts of `a && b` separately) must exit with the code its
 * comment states (`exit N`), or else 0, 10 or 20 (trainable, untrainable, unknown; never a
 * usage error or a failed check); every part of `a && b` but the last must exit 0, or the
 * rest would never run. Exit codes are recorded after each command and `$?` is restored, so
 * `case $?` sees the command before.
 *
 * A block is skipped, with the reason printed, when it runs anything but `npx trainsat`
 * and shell control (npm installs and builds, other tools, loops) or pipes into an optional
 * native tool (z3) that is not on PATH, when it runs `sweep`
 * (tens of instances with GD restarts: the sweep tests cover it on small sizes) or
 * `--objective` (proving a minimum or maximum optimal takes many solver calls), or when it
 * reads a file that neither the repository nor an earlier command of the block provides.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { expect, it } from 'vitest';
import { MAIN, ROOT, tempDir } from '../helpers/cli.js';
import { onPath } from '../helpers/native-tools.js';

interface Block {
  /** 1-based README line of the opening fence. */
  line: number;
  text: string;
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

const blocks: Block[] = [...README.matchAll(/\n```sh\n([\s\S]*?)\n```/g)].map((m) => ({
  line: README.slice(0, m.index).split('\n').length + 1,
  text: m[1],
}));

/** A block's commands: continuation lines joined, `case ... esac` kept whole. */
function commands(text: string): string[] {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n').filter((l) => l.trim() !== '');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^case\b/.test(lines[i].trim())) {
      const end = lines.findIndex((l, j) => j > i && l.trim() === 'esac');
      out.push(lines.slice(i, end + 1).join('\n'));
      i = end;
    } else out.push(lines[i]);
  }
  return out;
}

/** The command without its trailing `# comment`. */
const code = (command: string) => command.replace(/\s+#.*$/gm, '').trim();
/** The exit code a command's comment states, if any. */
const statedExit = (command: string) => /#.*\bexit (\d+)/.exec(command)?.[1];

const OUTPUT_OPTIONS = new Set(['-o', '--out', '--test-out', '--html', '--svg']);

/** Native tools a block may pipe into (`npx trainsat encode ... | z3 -in`): run when on PATH, else the block is skipped. */
const OPTIONAL_TOOLS = new Set(['z3']);


/** Why the block cannot run here, or null when it can. */
function skipReason(cmds: readonly string[]): string | null {
  const provided = new Set<string>();
  for (const command of cmds) {
    if (/^case\b/.test(command.trim())) continue;
    for (const part of code(command).split(' && ')) {
      const [first, ...piped] = part.split(' | ');
      for (const stage of piped) {
        const tool = stage.trim().split(/\s+/)[0];
        if (!OPTIONAL_TOOLS.has(tool)) return `pipes into \`${tool}\`, not an optional tool the test knows`;
        if (!onPath(tool)) return `needs ${tool}, which is not on PATH`;
      }
      const words = first.trim().split(/\s+/);
      if (words[0] !== 'npx' || words[1] !== 'trainsat') return `runs \`${words.slice(0, 3).join(' ')}\`, not \`npx trainsat\``;
      if (words[2] === 'sweep') return 'runs sweep (a long run)';
      if (words.includes('--objective')) return 'optimises an objective (proving optimality is a long run; tests/cli/objective.test.ts covers it on small cases)';
      words.forEach((w, k) => {
        if (OUTPUT_OPTIONS.has(words[k - 1])) provided.add(w);
      });
      for (const [k, w] of words.entries()) {
        if (k < 3 || w.startsWith('-') || OUTPUT_OPTIONS.has(words[k - 1])) continue;
        if (!/\.(json|jsonl|cnf|col|csv)$/.test(w)) continue;
        if (!provided.has(w) && !existsSync(join(ROOT, w))) return `reads ${w}, which neither the repository nor an earlier command provides`;
      }
    }
  }
  return null;
}

/** The block as a script that appends each command's exit code to `rc` and restores `$?`. */
function script(cmds: readonly string[]): { text: string; expected: string[][] } {
  const lines: string[] = [];
  const expected: string[][] = [];
  const record = 'rc=$?; echo $rc >> rc; (exit $rc)';
  for (const command of cmds) {
    if (/^case\b/.test(command.trim())) {
      lines.push(command, record);
      expected.push(['0']);
      continue;
    }
    const parts = code(command).split(' && ');
    const stated = statedExit(command);
    // `a && b`: b runs only when a exits 0; recorded as written, so a non-zero a skips b.
    lines.push(parts.map((p) => `{ ${p}; ${record}; }`).join(' && '), '(exit $rc)');
    parts.forEach((_, k) => expected.push(k < parts.length - 1 ? ['0'] : stated !== undefined ? [stated] : ['0', '10', '20']));
  }
  return { text: lines.join('\n') + '\n', expected };
}

const bin = join(tempDir('readme-npx').path, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = trainsat ] || { echo "npx stand-in: only trainsat" >&2; exit 127; }\nshift\nexec "${process.execPath}" "${MAIN}" "$@"\n`);
chmodSync(join(bin, 'npx'), 0o755);

for (const block of blocks) {
  const cmds = commands(block.text);
  const reason = skipReason(cmds);
  if (reason !== null) {
    it.skip(`README line ${block.line}: skipped, ${reason}`, () => {});
    console.log(`README shell block at line ${block.line} skipped: ${reason}`);
    continue;
  }
  it(`README line ${block.line}: every command exits as stated`, () => {
    const dir = tempDir('readme-shell').path;
    symlinkSync(join(ROOT, 'instances'), join(dir, 'instances'), 'dir');
    const { text, expected } = script(cmds);
    writeFileSync(join(dir, 'example.sh'), text);
    const run = spawnSync('sh', ['example.sh'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
    });
    const codes = existsSync(join(dir, 'rc')) ? readFileSync(join(dir, 'rc'), 'utf8').trim().split('\n') : [];
    const context = `block at README line ${block.line}\n${text}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    expect(codes.length, context).toBe(expected.length);
    codes.forEach((c, k) => expect(expected[k], `command ${k + 1} exited ${c}; ${context}`).toContain(c));
  }, 90_000);
}

it('some README shell blocks run', () => {
  expect(blocks.filter((b) => skipReason(commands(b.text)) === null).length).toBeGreaterThanOrEqual(4);
});
