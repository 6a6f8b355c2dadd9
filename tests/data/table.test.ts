/**
 * Tables into instances: the CSV reader (RFC 4180 quoting) against a writer of random
 * tables, one-hot columns and the label mapping on a small fixture, exact numbers,
 * binarization, and the stratified split (disjoint, deterministic).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/data/csv.js';
import { layeredInstanceText, parseHidden, parseWeights, stratifiedSplit } from '../../src/data/dataset.js';
import { irisTable } from '../../src/data/iris.js';
import { penguinsTable } from '../../src/data/penguins.js';
import { proportional, tableInstanceTexts, type TableOptions } from '../../src/data/table.js';
import { InputError } from '../../src/model/errors.js';
import { Rational } from '../../src/model/rational.js';

/** RFC 4180 text of a table: every field quoted when it holds a comma, a quote or a line break. */
function writeCsv(rows: string[][], eol: string): string {
  const field = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(field).join(',')).join(eol) + eol;
}

const opts = (o: Partial<TableOptions> = {}): TableOptions => ({ label: 'kind', testFraction: 0, seed: 0, name: 't', source: 't.csv', ...o });

describe('readCsv', () => {
  it('reads back what an RFC 4180 writer wrote (quotes, commas, line breaks, CRLF or LF)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', '1', '.') });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((w) =>
          fc.tuple(
            fc.array(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: w, maxLength: w }).filter((h) => new Set(h).size === w),
            fc.array(fc.array(cell.filter((c) => c !== ''), { minLength: w, maxLength: w }), { minLength: 1, maxLength: 5 }),
          ),
        ),
        fc.constantFrom('\n', '\r\n'),
        ([header, rows], eol) => {
          const t = readCsv(writeCsv([header, ...rows], eol), 'x.csv');
          expect(t.header).toEqual(header);
          expect(t.rows).toEqual(rows);
        },
      ),
    );
  });

  it('names the line of a malformed record', () => {
    expect(() => readCsv('a,b\n1,2\n3\n', 'f.csv')).toThrow(/^f\.csv:3: 1 field\(s\), but the header has 2/);
    expect(() => readCsv('a,b\n"1,2\n', 'f.csv')).toThrow(/^f\.csv:2: Quote Not Closed/);
    expect(() => readCsv('a,b\n1"x",2\n', 'f.csv')).toThrow(/^f\.csv:2: Invalid Opening Quote/);
    expect(() => readCsv('a,a\n1,2\n', 'f.csv')).toThrow(/names column 'a' twice/);
    expect(() => readCsv('', 'f.csv')).toThrow(/header row/);
    expect(() => readCsv('a,b\n', 'f.csv')).toThrow(/no rows/);
  });
});

describe('tableInstanceTexts', () => {
  const csv = 'size,colour,kind\n1.5,red,b\n2,blue,a\n0.25,red,c\n3,green,a\n';

  it('one-hot categorical columns, exact numbers, label classes in sorted order', () => {
    const t = tableInstanceTexts(readCsv(csv, 't.csv'), opts(), { hidden: [], weights: { min: -1, max: 1 } });
    expect(t.classes).toEqual(['a', 'b', 'c']);
    expect(t.inputs).toEqual(['x0 = size', 'x1..x3 = colour one-hot (blue, green, red)']);
    const inst = JSON.parse(t.train);
    expect(inst.network).toEqual({ preset: 'layered', inputs: 4, hidden: [], classes: 3, weights: { min: -1, max: 1 } });
    expect(inst.examples).toEqual([
      { x: ['3/2', 0, 0, 1], label: 1 },
      { x: [2, 1, 0, 0], label: 0 },
      { x: ['1/4', 0, 0, 1], label: 2 },
      { x: [3, 0, 1, 0], label: 0 },
    ]);
    expect(inst.description).toContain("label column 'kind': 0 = a, 1 = b, 2 = c");
    expect(t.test).toBeUndefined();
  });

  it('numeric labels are sorted by value, not as text', () => {
    const t = tableInstanceTexts(readCsv('v,kind\n1,10\n2,9\n3,-1\n', 'n.csv'), opts(), { hidden: [16] });
    expect(t.classes).toEqual(['-1', '9', '10']);
    expect(JSON.parse(t.train).examples.map((e: { label: number }) => e.label)).toEqual([2, 1, 0]);
    expect(JSON.parse(t.train).network).toEqual({ preset: 'layered', inputs: 1, hidden: [16], classes: 3 });
  });

  it('binarizes numeric columns at a threshold or at the training median; one-hot columns stay', () => {
    const table = readCsv(csv, 't.csv');
    const at = tableInstanceTexts(table, opts({ binarize: { threshold: Rational.of(2) } }), { hidden: [] });
    expect(JSON.parse(at.train).examples.map((e: { x: unknown[] }) => e.x)).toEqual([
      [0, 0, 0, 1],
      [1, 1, 0, 0],
      [0, 0, 0, 1],
      [1, 0, 1, 0],
    ]);
    // sizes 1.5, 2, 0.25, 3: the lower median is 1.5.
    const med = tableInstanceTexts(table, opts({ binarize: 'median' }), { hidden: [] });
    expect(JSON.parse(med.train).examples.map((e: { x: unknown[] }) => e.x[0])).toEqual([1, 1, 0, 1]);
    expect(med.inputs[0]).toBe('x0 = size >= 3/2');
  });

  it('refuses a missing label column, an empty cell, a single class', () => {
    expect(() => tableInstanceTexts(readCsv(csv, 't.csv'), opts({ label: 'nope' }), { hidden: [] })).toThrow(/no column named 'nope' \(columns: size, colour, kind\)/);
    expect(() => tableInstanceTexts(readCsv('a,kind\n1,x\n,y\n', 'e.csv'), opts(), { hidden: [] })).toThrow(/^e\.csv:3: empty cell in column 'a'/);
    expect(() => tableInstanceTexts(readCsv('a,kind\n1,x\n2,x\n', 'e.csv'), opts(), { hidden: [] })).toThrow(/1 distinct value/);
  });

  it('iris: a stratified split, disjoint, deterministic, every row in one of the two sets', () => {
    const table = irisTable();
    expect(table.rows).toHaveLength(150);
    const a = tableInstanceTexts(table, opts({ label: 'species', testFraction: 0.2, seed: 5, name: 'iris' }), { hidden: [16] });
    const b = tableInstanceTexts(table, opts({ label: 'species', testFraction: 0.2, seed: 5, name: 'iris' }), { hidden: [16] });
    expect(b.train).toBe(a.train);
    expect(b.test).toBe(a.test);
    const c = tableInstanceTexts(table, opts({ label: 'species', testFraction: 0.2, seed: 6, name: 'iris' }), { hidden: [16] });
    expect(c.test).not.toBe(a.test);
    const train = JSON.parse(a.train).examples;
    const test = JSON.parse(a.test as string).examples;
    expect(train).toHaveLength(120);
    expect(test).toHaveLength(30);
    for (let k = 0; k < 3; k++) expect(test.filter((e: { label: number }) => e.label === k)).toHaveLength(10);
    // As multisets of rows, train + test is the whole data set.
    const key = (e: { x: unknown[]; label: number }) => JSON.stringify([e.x, e.label]);
    const whole = tableInstanceTexts(table, opts({ label: 'species', name: 'iris' }), { hidden: [16] });
    expect([...train, ...test].map(key).sort()).toEqual(JSON.parse(whole.train).examples.map(key).sort());
    // The first flower, 5.1 3.5 1.4 0.2 setosa, exactly.
    expect(JSON.parse(whole.train).examples[0]).toEqual({ x: ['51/10', '7/2', '7/5', '1/5'], label: 0 });
  });
});

describe('training rows, input columns, incomplete rows', () => {
  it('proportional: the total, none above its group, each within one of its exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), (sizes, f) => {
        const all = sizes.reduce((a, b) => a + b, 0);
        const total = sizes.length + Math.floor(f * (all - sizes.length));
        const counts = proportional(sizes, total, 's');
        expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
        counts.forEach((k, i) => {
          expect(k).toBeLessThanOrEqual(sizes[i]);
          expect(Math.abs(k - (sizes[i] * total) / all)).toBeLessThan(1);
        });
      }),
    );
    expect(() => proportional([3, 4], 8, 's')).toThrow(/from 2 \(one row per class\) to 7/);
  });

  it('penguins: 344 rows, 11 with a missing value; --train-rows splits the 333 complete ones exactly', () => {
    const table = penguinsTable();
    expect(table.header).toEqual(['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex']);
    expect(table.rows).toHaveLength(344);
    expect(table.rows.filter((r) => r.some((c) => c === ''))).toHaveLength(11);
    expect(() => tableInstanceTexts(table, opts({ label: 'species', name: 'p' }), { hidden: [16] })).toThrow(/^datasets\/penguins\.csv:5: empty cell in column 'bill_length_mm'/);
    const t = tableInstanceTexts(table, opts({ label: 'species', name: 'p', trainRows: 200, dropIncomplete: true }), { hidden: [16] });
    const train = JSON.parse(t.train);
    const test = JSON.parse(t.test as string);
    expect(train.examples).toHaveLength(200);
    expect(test.examples).toHaveLength(133);
    expect(t.testRows).toBe(133);
    expect(train.description).toContain('of the 333 without a missing value (11 left out)');
    // 146 Adelie, 68 Chinstrap, 119 Gentoo complete rows: 200 of 333 in proportion.
    expect([0, 1, 2].map((c) => train.examples.filter((e: { label: number }) => e.label === c).length)).toEqual([88, 41, 71]);
    expect(t.inputs).toEqual(['x0..x2 = island one-hot (Biscoe, Dream, Torgersen)', 'x3 = bill_length_mm', 'x4 = bill_depth_mm', 'x5 = flipper_length_mm', 'x6 = body_mass_g', 'x7..x8 = sex one-hot (female, male)']);
  });

  it('--columns picks the inputs in the order given; only their cells count as missing', () => {
    const table = penguinsTable();
    const t = tableInstanceTexts(table, opts({ label: 'species', name: 'p', columns: ['body_mass_g', 'bill_length_mm'], dropIncomplete: true }), { hidden: [] });
    expect(t.inputs).toEqual(['x0 = body_mass_g', 'x1 = bill_length_mm']);
    const inst = JSON.parse(t.train);
    expect(inst.examples).toHaveLength(342);
    expect(inst.examples[0]).toEqual({ x: [3750, '391/10'], label: 0 });
    expect(() => tableInstanceTexts(table, opts({ label: 'species', name: 'p', columns: ['beak'] }), { hidden: [] })).toThrow(/--columns: no column named 'beak'/);
    expect(() => tableInstanceTexts(table, opts({ label: 'species', name: 'p', columns: ['species'] }), { hidden: [] })).toThrow(/is the label column/);
    expect(() => tableInstanceTexts(table, opts({ label: 'species', name: 'p', columns: ['sex', 'sex'] }), { hidden: [] })).toThrow(/named twice/);
  });
});

describe('stratifiedSplit', () => {
  it('per class: the counts asked for, disjoint, and the training part independent of the test count', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }), fc.integer(), fc.nat(4), fc.nat(4), (sizes, seed, k, t) => {
        const byClass = sizes.map((n, c) => Array.from({ length: n }, (_, i) => `${c}:${i}`));
        const counts = (_: number, n: number) => ({ train: Math.min(k, n), test: Math.min(t, n - Math.min(k, n)) });
        const s = stratifiedSplit(byClass, seed, 'src', counts);
        const trainItems = new Set(s.train.map((e) => e.item));
        expect(s.test.every((e) => !trainItems.has(e.item))).toBe(true);
        sizes.forEach((n, c) => {
          expect(s.train.filter((e) => e.label === c)).toHaveLength(Math.min(k, n));
          expect(s.train.filter((e) => e.label === c).every((e) => e.item.startsWith(`${c}:`))).toBe(true);
        });
        const noTest = stratifiedSplit(byClass, seed, 'src', (c, n) => ({ train: counts(c, n).train, test: 0 }));
        expect(noTest.train).toEqual(s.train);
      }),
    );
  });
});

describe('options', () => {
  it('--hidden and --weights', () => {
    expect(parseHidden(undefined)).toEqual([16]);
    expect(parseHidden('')).toEqual([]);
    expect(parseHidden('none')).toEqual([]);
    expect(parseHidden('16, 8')).toEqual([16, 8]);
    for (const bad of ['0', '16,', 'a', '-1', '1.5']) expect(() => parseHidden(bad)).toThrow(InputError);
    expect(parseWeights(undefined)).toEqual({ min: -1, max: 1 });
    expect(parseWeights('-3..7')).toEqual({ min: -3, max: 7 });
    expect(parseWeights('real')).toBeUndefined();
    for (const bad of ['2..1', '1', '-1..', 'x..y', '0.5..1']) expect(() => parseWeights(bad)).toThrow(InputError);
  });

  it('the instance text: one example per line, rationals as trainsat writes them', () => {
    const text = layeredInstanceText({
      name: 'n',
      description: 'd',
      inputs: 2,
      classes: 2,
      spec: { hidden: [] },
      examples: [
        { x: [Rational.of(1, 2), Rational.of(51, 255)], label: 1 },
        { x: [Rational.ZERO, Rational.ONE], label: 0 },
      ],
    });
    expect(text.split('\n')).toEqual([
      '{',
      '  "name": "n",',
      '  "description": "d",',
      '  "network": {"preset":"layered","inputs":2,"hidden":[],"classes":2},',
      '  "examples": [',
      '    {"x":["1/2","1/5"],"label":1},',
      '    {"x":[0,1],"label":0}',
      '  ]',
      '}',
      '',
    ]);
  });
});
