/**
 * compare and solve on a gen corpus (src/cli/corpus.ts, src/cli/solve-batch.ts): a
 * directory, its files with manifest.json among them, or the manifest alone; every decided
 * answer is checked against the manifest's "expected", a tampered manifest is reported as a
 * disagreement with exit 1; single-file solve keeps its output and exit codes.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const { path: tmp, fresh } = tempDir('batch');
let corpus: string;
let manifest: { file: string; expected: string }[];

/** A corpus of two planted (trainable) and two contradiction (untrainable) instances, with one manifest. */
beforeAll(async () => {
  const planted = fresh();
  const untrainable = fresh();
  expect((await runCli(['gen', 'planted', '-n', '2', '-s', '1', '--inputs', '3', '--examples', '5', '-o', planted])).code).toBe(0);
  expect((await runCli(['gen', 'untrainable', '-n', '2', '-s', '1', '--inputs', '3', '--examples', '2', '--family', 'contradiction', '-o', untrainable])).code).toBe(0);
  corpus = fresh();
  mkdirSync(corpus);
  manifest = [];
  for (const d of [planted, untrainable]) {
    manifest.push(...JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')));
    for (const f of readdirSync(d)) if (f !== 'manifest.json') copyFileSync(join(d, f), join(corpus, f));
  }
  writeFileSync(join(corpus, 'manifest.json'), JSON.stringify(manifest));
});

const instanceFiles = () => readdirSync(corpus).filter((f) => f !== 'manifest.json').sort();

/** A copy of the corpus whose manifest expects the opposite answer for its first entry. */
function tampered(): { dir: string; file: string } {
  const dir = fresh();
  mkdirSync(dir);
  for (const f of readdirSync(corpus)) copyFileSync(join(corpus, f), join(dir, f));
  const m = manifest.map((e) => ({ ...e }));
  m[0].expected = m[0].expected === 'trainable' ? 'untrainable' : 'trainable';
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
  return { dir, file: m[0].file };
}

describe('compare on a corpus', () => {
  it('reads a directory: its instance files, sorted, each checked against the manifest', async () => {
    const r = await runCli(['compare', corpus, '--json', '--restarts', '2', '--epochs', '10', '--no-max-fit']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out).instances as { file: string; exact: { status: string }; expected: string }[];
    expect(rows.map((x) => x.file)).toEqual(instanceFiles().map((f) => join(corpus, f)));
    for (const row of rows) {
      const entry = manifest.find((e) => join(corpus, e.file) === row.file)!;
      expect(row.expected).toBe(entry.expected);
      expect(row.exact.status).toBe(entry.expected);
    }
    expect(r.err).toMatch(/4 of 4 answer\(s\) agree/);
  });

  it('skips manifest.json among the files (DIR/*.json) and still uses its answers', async () => {
    const files = readdirSync(corpus).sort().map((f) => join(corpus, f));
    expect(files.some((f) => f.endsWith('manifest.json'))).toBe(true);
    const r = await runCli(['compare', ...files, '--json', '--restarts', '1', '--epochs', '5', '--no-max-fit']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out).instances as { file: string; expected?: string }[];
    expect(rows.map((x) => x.file)).toEqual(instanceFiles().map((f) => join(corpus, f)));
    expect(rows.every((x) => x.expected !== undefined)).toBe(true);
  });

  it('reports a disagreement with a tampered manifest and exits 1', async () => {
    const { dir, file } = tampered();
    const r = await runCli(['compare', dir, '--restarts', '1', '--epochs', '5', '--no-max-fit']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/DISAGREEMENT on 1/);
    expect(r.err).toContain(join(dir, file));
    expect(r.out).toContain('DISAGREES');
  });
});

describe('solve, batch form', () => {
  it('solve DIR --json: one object per file with "file", the usual keys and "expected"', async () => {
    const r = await runCli(['solve', corpus, '--json']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(instanceFiles().map((f) => join(corpus, f)));
    for (const l of lines) {
      for (const k of ['status', 'parameters', 'backend', 'time_ms', 'stats', 'expected']) expect(l).toHaveProperty(k);
      expect(l.status).toBe(l.expected);
      expect(l.parameters === null).toBe(l.status !== 'trainable');
    }
  });

  it('text form: one line per file; the manifest alone stands for its files', async () => {
    const r = await runCli(['solve', join(corpus, 'manifest.json')]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(manifest.length);
    manifest.forEach((e, i) => expect(lines[i]).toMatch(new RegExp(`^${join(corpus, e.file).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+${e.expected}\\s+\\d+ ms`)));
  });

  it('a tampered manifest: the disagreement is named and the exit code is 1', async () => {
    const { dir, file } = tampered();
    const r = await runCli(['solve', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/DISAGREES: expected/);
    expect(r.err).toContain(join(dir, file));
  });

  it('refuses per-file outputs with several files (exit 2, nothing printed)', async () => {
    const [a, b] = instanceFiles().map((f) => join(corpus, f));
    for (const extra of [['-o', join(tmp, 'p.json')], ['--certify'], ['--max-fit']]) {
      const r = await runCli(['solve', a, b, ...extra]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
    }
    const empty = fresh();
    mkdirSync(empty);
    expect((await runCli(['solve', empty])).code).toBe(2);
  });

  it('single-file solve is unchanged: exit 10 / 20, no "file" key', async () => {
    const trainable = join(corpus, manifest.find((e) => e.expected === 'trainable')!.file);
    const untrainable = join(corpus, manifest.find((e) => e.expected === 'untrainable')!.file);
    const t = await runCli(['solve', trainable]);
    expect(t.code).toBe(10);
    expect(t.out.split('\n')[0]).toBe('trainable');
    const u = await runCli(['solve', untrainable, '--json']);
    expect(u.code).toBe(20);
    const j = JSON.parse(u.out);
    expect(j.status).toBe('untrainable');
    expect(j).not.toHaveProperty('file');
  });
});
