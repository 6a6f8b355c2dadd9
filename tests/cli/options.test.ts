/**
 * Options shared by several commands: every command with a
 * time budget rejects the same bad --timeout values with the same message, and every
 * command with --backend lists all the backends it accepts. Directly for the parsers,
 * and through the CLI's main for each command (both option spellings, both parsers).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXACT_BACKENDS, MAX_TIMEOUT_SEC, parseBackend, parseTimeout, SAT_BACKENDS } from '../../src/cli/options.js';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir('options').path;

const TIMEOUT_MESSAGE = /--timeout must be a non-negative number of seconds, got/;
const BAD_TIMEOUTS = ['abc', 'NaN', '-1', 'Infinity', '-Infinity', '', '1s', '0x10', '1e400'];

describe('parseTimeout', () => {
  it('accepts finite non-negative decimals (as the fast parser and yargs hand them over) and returns milliseconds', () => {
    expect(parseTimeout(undefined, 'solve')).toBeUndefined();
    expect(parseTimeout(0, 'solve')).toBe(0);
    expect(parseTimeout(2.5, 'solve')).toBe(2500);
    expect(parseTimeout('30', 'solve')).toBe(30_000);
    expect(parseTimeout(' .5 ', 'solve')).toBe(500);
    expect(parseTimeout('1e2', 'solve')).toBe(100_000);
    expect(parseTimeout(String(MAX_TIMEOUT_SEC), 'solve')).toBe(MAX_TIMEOUT_SEC * 1000);
  });

  it('rejects everything else naming the command, with the value as given', () => {
    for (const v of [...BAD_TIMEOUTS, NaN, -1, Infinity]) {
      expect(() => parseTimeout(v, 'compare'), String(v)).toThrow(TIMEOUT_MESSAGE);
      expect(() => parseTimeout(v, 'compare')).toThrow(/^compare: /);
    }
    expect(() => parseTimeout('abc', 'solve')).toThrow("got 'abc'");
    // Longer than a Node timer holds: it would fire at once, so it is refused, not shortened.
    expect(() => parseTimeout(MAX_TIMEOUT_SEC + 1, 'sweep')).toThrow(/at most 2147483 seconds/);
    expect(() => parseTimeout(['1', '2'], 'sat')).toThrow(/given 2 times/);
  });
});

describe('parseBackend', () => {
  it('accepts the backends of each kind, and external:NAME', () => {
    for (const b of ['auto', 'hybrid', 'highs', 'cadical', 'minisat', 'external:kissat']) expect(parseBackend(b, 'exact')).toBe(b);
    for (const b of ['cadical', 'minisat', 'external:kissat']) expect(parseBackend(b, 'sat')).toBe(b);
  });

  it('an unknown name lists every backend the command accepts', () => {
    expect(() => parseBackend('bogus', 'exact')).toThrow(`unknown backend 'bogus'; available: ${EXACT_BACKENDS.join(', ')}`);
    expect(() => parseBackend('bogus', 'sat')).toThrow(`unknown SAT backend 'bogus'; available: ${SAT_BACKENDS.join(', ')}`);
    expect(() => parseBackend('hybrid', 'sat')).toThrow(/trainsat solve/);
    expect(() => parseBackend('external:', 'exact')).toThrow(/needs a solver name/);
    expect(() => parseBackend('external:NAME', 'exact')).not.toThrow(); // a solver called NAME: checked when it is started
  });
});

describe('every command with a budget or a backend, through the CLI', () => {
  const cnf = join(tmp, 'f.cnf');
  writeFileSync(cnf, 'p cnf 1 1\n1 0\n');
  const split = join(tmp, 'split.json');
  writeFileSync(split, JSON.stringify({ elements: 3, sets: [[0, 1], [1, 2]] }));
  const inst = 'instances/xor-3node.json';
  const commands: [string, string[], 'exact' | 'sat'][] = [
    ['solve', ['solve', inst], 'exact'],
    ['sat', ['sat', cnf], 'sat'],
    ['reduce', ['reduce', 'set-splitting', split, '--target', 'blum-rivest-and', '--solve'], 'exact'],
    ['compare', ['compare', inst, '--restarts', '1', '--epochs', '1'], 'exact'],
    ['sweep', ['sweep', '-n', '3', '--ratios', '1', '-k', '1', '--restarts', '1', '--epochs', '1'], 'exact'],
  ];

  it('--timeout abc / NaN / -1 / Infinity / 1e400: exit 2, the message sat gives, nothing on stdout', async () => {
    let k = 0;
    for (const [name, args] of commands) {
      for (const v of ['abc', 'NaN', '-1', 'Infinity', '1e400']) {
        // Each spelling in turn (solve and sat also have a parser of their own for plain forms).
        const form = [['--timeout', v], [`--timeout=${v}`], ['-t', v]][k++ % 3];
        const r = await runCli([...args, ...form]);
        const what = `${name} ${form.join(' ')}`;
        expect(r.code, what).toBe(2);
        expect(r.err, what).toMatch(new RegExp(`^trainsat: ${name}: ${TIMEOUT_MESSAGE.source}`));
        expect(r.out, what).toBe('');
      }
    }
  });

  it('a valid --timeout is accepted by each command', async () => {
    for (const [name, args] of commands) {
      const r = await runCli([...args, '--timeout', '30']);
      expect([0, 10], `${name}: ${r.err}`).toContain(r.code);
    }
  });

  it('--backend bogus: exit 2, listing every backend the command accepts', async () => {
    for (const [name, args, kind] of commands) {
      const r = await runCli([...args, '--backend', 'bogus']);
      expect(r.code, name).toBe(2);
      const list = (kind === 'exact' ? EXACT_BACKENDS : SAT_BACKENDS).join(', ');
      expect(r.err, name).toContain(`available: ${list}`);
      expect(r.out, name).toBe('');
    }
  });
});
