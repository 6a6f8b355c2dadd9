/**
 * The status line on a terminal (src/cli/progress.ts): the text and the frames drawn from
 * given fields, as pure functions; the redraw schedule and the erasing on a stand-in
 * terminal with a hand-driven clock; and through the CLI (solve, sat, compare), drawn only
 * when stderr is a terminal and --quiet is not given, erased before the answer, with stdout
 * the same bytes in every case.
 */
import { describe, expect, it } from 'vitest';
import { ERASE, REDRAW_MS, StatusLine, statusFrame, statusText } from '../../src/cli/progress.js';
import { pigeonhole } from '../../src/arbitraries/index.js';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir('progress');

describe('statusText', () => {
  it('shows the phase, the size once known, conflicts, the time and the budget, in that order', () => {
    expect(statusText({ phase: 'reading', elapsedMs: 0 })).toBe('reading, 0.0 s');
    expect(statusText({ phase: 'encoding', elapsedMs: 1234, budgetMs: 15_000 })).toBe('encoding, 1.2 s (budget 15.0 s)');
    expect(statusText({ phase: 'solving', vars: 180_972, clauses: 1_040_662, conflicts: 3107, elapsedMs: 11_500, budgetMs: 8000 })).toBe(
      'solving, 180,972 vars, 1,040,662 clauses, 3,107 conflicts, 11.5 s (budget 8.0 s)',
    );
    expect(statusText({ label: 'a.json (2/3)', phase: 'gradient descent', detail: 'restart 3/20, 1 fits', elapsedMs: 125_000 })).toBe(
      'a.json (2/3): gradient descent, restart 3/20, 1 fits, 2 min 5 s',
    );
  });

  it('shows a size only when both counts are known', () => {
    expect(statusText({ phase: 'solving', vars: 10, elapsedMs: 0 })).toBe('solving, 0.0 s');
    expect(statusText({ phase: 'solving', conflicts: 0, elapsedMs: 0 })).toBe('solving, 0 conflicts, 0.0 s');
  });
});

describe('statusFrame', () => {
  it('returns to the line start, cuts the text to fit the width, and erases the rest', () => {
    expect(statusFrame('solving, 1.0 s')).toBe('\rsolving, 1.0 s\x1b[K');
    expect(statusFrame('solving, 1.0 s', 8)).toBe('\rsolving\x1b[K');
    expect(statusFrame('solving', 80)).toBe('\rsolving\x1b[K');
  });
});

/** A terminal stand-in recording writes, and a clock moved by hand. */
function terminal(columns = 80) {
  const writes: string[] = [];
  let t = 1000;
  const line = new StatusLine({ write: (s: string) => writes.push(s), isTTY: true, columns }, () => t);
  return { writes, line, tick: (ms: number) => (t += ms) };
}

describe('StatusLine', () => {
  it('draws at start, redraws at most every REDRAW_MS with the latest fields, and erases once on clear', () => {
    const { writes, line, tick } = terminal();
    line.start('encoding', { budgetMs: 2000 });
    expect(writes).toEqual([statusFrame('encoding, 0.0 s (budget 2.0 s)')]);
    tick(10);
    line.update({ phase: 'solving', vars: 5, clauses: 7 });
    line.update({ conflicts: 3 });
    expect(writes).toHaveLength(1);
    tick(REDRAW_MS);
    line.update({ conflicts: 9 });
    expect(writes).toEqual([statusFrame('encoding, 0.0 s (budget 2.0 s)'), statusFrame('solving, 5 vars, 7 clauses, 9 conflicts, 0.3 s (budget 2.0 s)')]);
    line.clear();
    line.clear();
    expect(writes.slice(2)).toEqual([ERASE]);
    line.update({ conflicts: 10 });
    expect(writes).toHaveLength(3);
  });

  it('drops the conflicts when the phase changes, and keeps the size', () => {
    const { writes, line, tick } = terminal();
    line.start('solving');
    line.update({ vars: 1, clauses: 2, conflicts: 40 });
    tick(REDRAW_MS);
    line.update({ phase: 'verifying' });
    expect(writes.at(-1)).toBe(statusFrame('verifying, 1 vars, 2 clauses, 0.3 s'));
    line.clear();
  });

  it('writes nothing at all when disabled', () => {
    const line = new StatusLine(null);
    line.start('solving');
    line.update({ conflicts: 1 });
    line.clear();
    expect(line.enabled).toBe(false);
    expect(line.onProgress).toBeUndefined();
  });
});

/** stdout with the times blanked, and the column widths they set (they differ between runs). */
const untimed = (out: string) => out.replace(/\d+(\.\d+)? (ms|s)\b/g, 'T').replace(/ +/g, ' ').replace(/-{2,}/g, '--');

/** The three runs of one command line: stderr a pipe, a terminal, a terminal with --quiet. */
async function threeWays(args: string[]) {
  const pipe = await runCli(args);
  const tty = await runCli(args, { stderrTerminal: { columns: 100 } });
  const quiet = await runCli([...args, '--quiet'], { stderrTerminal: { columns: 100 } });
  return { pipe, tty, quiet };
}

/** A status line drawn and erased, then nothing else. */
function expectDrawnAndErased(err: string): void {
  expect(err.startsWith('\r')).toBe(true);
  expect(err.endsWith(ERASE)).toBe(true);
  for (const frame of err.split(ERASE).slice(0, -1)) expect(frame).toMatch(/^(\r[^\r\n]*\x1b\[K)*\r[^\r\n]*$/);
}

describe('the status line through the CLI', () => {
  it('solve: drawn and erased on a terminal only, not with --quiet; stdout unchanged', async () => {
    const args = ['solve', 'instances/xor-3node.json', '-t', '30'];
    const { pipe, tty, quiet } = await threeWays(args);
    for (const r of [pipe, tty, quiet]) expect(r.code).toBe(10);
    expect(pipe.err).toBe('');
    expect(quiet.err).toBe('');
    expectDrawnAndErased(tty.err);
    expect(tty.err).toMatch(/reading, \d+\.\d s \(budget 30\.0 s\)/);
    expect(untimed(tty.out)).toBe(untimed(pipe.out));
    expect(untimed(quiet.out)).toBe(untimed(pipe.out));
    // The fast parser (above) and yargs (with -q) take --quiet alike.
    const yargsQuiet = await runCli([...args, '-q', '--json'], { stderrTerminal: { columns: 100 } });
    expect(yargsQuiet.code).toBe(10);
    expect(yargsQuiet.err).toBe('');
  });

  it('sat: drawn and erased on a terminal only, not with --quiet; exactly the same stdout', async () => {
    const { numVars, clauses } = pigeonhole(6);
    const cnf = tmp.file('php6.cnf', `p cnf ${numVars} ${clauses.length}\n${clauses.map((c) => `${c.join(' ')} 0`).join('\n')}\n`);
    const { pipe, tty, quiet } = await threeWays(['sat', cnf]);
    for (const r of [pipe, tty, quiet]) {
      expect(r.code).toBe(20);
      expect(r.out).toBe('s UNSATISFIABLE\n');
    }
    expect(pipe.err).toBe('');
    expect(quiet.err).toBe('');
    expectDrawnAndErased(tty.err);
  });

  it('compare: the instance being worked on, erased before the table', async () => {
    const args = ['compare', 'instances/xor-3node.json', 'instances/xor-perceptron.json', '-r', '2', '-e', '20'];
    const { pipe, tty, quiet } = await threeWays(args);
    for (const r of [pipe, tty, quiet]) expect(r.code).toBe(0);
    expect(pipe.err).toBe('');
    expect(quiet.err).toBe('');
    expectDrawnAndErased(tty.err);
    expect(tty.err).toContain('instances/xor-3node.json (1/2): encoding');
    expect(tty.err).toContain('instances/xor-perceptron.json (2/2): encoding');
    expect(tty.err).toContain('instances/xor-perceptron.json (2/2): gradient descent');
    expect(untimed(tty.out)).toBe(untimed(pipe.out));
  });

  it('compare: the core and best-fit searches of an untrainable instance show as stages', async () => {
    const args = ['compare', 'instances/xor-perceptron.json', '--core', '-r', '1', '-e', '5'];
    const { pipe, tty, quiet } = await threeWays(args);
    for (const r of [pipe, tty, quiet]) expect(r.code).toBe(0);
    expect(pipe.err).toBe('');
    expect(quiet.err).toBe('');
    expectDrawnAndErased(tty.err);
    // Each stage is drawn when it starts; its progress details only when a redraw is due.
    const stages = [...tty.err.matchAll(/\rinstances\/xor-perceptron\.json: ([a-z ]+)[,\x1b]/g)].map((m) => m[1]);
    const later = stages.filter((x) => ['core', 'best fit', 'gradient descent'].includes(x));
    expect(later.filter((x, i) => x !== later[i - 1])).toEqual(['core', 'best fit', 'gradient descent']);
    expect(stages[0]).toBe('encoding');
    expect(untimed(tty.out)).toBe(untimed(pipe.out));
  });

  it('errors still print after the erased line', async () => {
    const bad = tmp.file('bad.json', '{"network": 1}');
    const r = await runCli(['solve', bad], { stderrTerminal: { columns: 100 } });
    expect(r.code).toBe(2);
    const [drawn, message] = r.err.split(ERASE);
    expect(drawn.startsWith('\rreading')).toBe(true);
    expect(message).toMatch(/^trainsat: .*bad\.json/);
  });
});
