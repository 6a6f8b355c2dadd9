/**
 * A table of text cells (a CSV file, the iris data set) as a classification data set:
 *  - the label column's distinct values, sorted (numerically when they are all numbers,
 *    else by UTF-16 code units), are the classes 0..C-1;
 *  - a column whose cells are all decimal numbers is one input holding the exact value the
 *    text spells ("5.1" is 51/10), or with binarization 1 where value >= T else 0;
 *  - any other column is categorical: one 0/1 input per distinct value (sorted), one-hot.
 * Inputs follow the columns' order (all but the label, or those of `columns`). A missing
 * (empty) cell in a column used is an error naming its place, or with `dropIncomplete` its
 * row is left out (and counted in the description).
 */
import { InputError } from '../model/errors.js';
import { Rational } from '../model/rational.js';
import { binarize, layeredInstanceText, stratifiedSplit, type LabelledExample, type LayeredSpec } from './dataset.js';

export interface Table {
  /** Column names. */
  header: string[];
  /** Rows of cells, each as long as the header. */
  rows: string[][];
  /** Where row r came from, for messages (e.g. "data.csv:4"). */
  rowPlace(r: number): string;
}

/**
 * A table with what the instance texts need to know of it besides the options of one run
 * (TableOptions' name, source, label, dropIncomplete): a CSV file, iris, the penguins.
 */
export interface NamedTable {
  table: Table;
  name: string;
  source: string;
  label: string;
  dropIncomplete: boolean;
}

/** Binarization of numeric columns: a fixed threshold, or each column's (lower) median over the training rows. */
export type Binarization = { threshold: Rational } | 'median';

export interface TableOptions {
  label: string;
  binarize?: Binarization;
  /** Share of each class's rows held out for the test set (0: none). */
  testFraction: number;
  /**
   * Exactly this many training rows instead of `testFraction`, spread over the classes in
   * proportion to their rows (largest remainder); the other rows are the test set.
   */
  trainRows?: number;
  /** The input columns, by name (default: every column but the label's). */
  columns?: string[];
  /** Leave out rows with an empty cell in a column used, instead of refusing them. */
  dropIncomplete?: boolean;
  seed: number;
  /** Name of the data set (the instance name; "-test" is appended for the test set). */
  name: string;
  /** Where the data come from, for the description. */
  source: string;
}

export interface TableInstances {
  train: string;
  test?: string;
  /** Class c's label value. */
  classes: string[];
  /** Rows in the test set (0: none, and no `test`). */
  testRows: number;
  /** What each input holds, e.g. "x0 = sepal_length", "x4..x6 = colour one-hot (blue, green, red)". */
  inputs: string[];
}

/** A decimal number, its exponent within what Rational.parse reads. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,4})?$/;

/** Sorted distinct values: numerically when all are decimals, else by code units. */
function sortedDistinct(values: readonly string[]): string[] {
  const distinct = [...new Set(values)];
  if (distinct.every((v) => DECIMAL.test(v))) {
    const value = new Map(distinct.map((v) => [v, Rational.parse(v)]));
    return distinct.sort((a, b) => (value.get(a) as Rational).cmp(value.get(b) as Rational) || (a < b ? -1 : a > b ? 1 : 0));
  }
  return distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

type Column = { name: string; index: number } & ({ kind: 'numeric' } | { kind: 'categorical'; values: string[] });

/** The training and test instance texts of a table (see the module comment). */
export function tableInstanceTexts(table: Table, o: TableOptions, spec: LayeredSpec): TableInstances {
  const labelAt = table.header.indexOf(o.label);
  if (labelAt < 0) throw new InputError(`no column named '${o.label}' (columns: ${table.header.join(', ')})`, `${o.source}: --label`);
  const inputAt = (o.columns ?? table.header.filter((_, c) => c !== labelAt)).map((name) => {
    const c = table.header.indexOf(name);
    if (c < 0) throw new InputError(`no column named '${name}' (columns: ${table.header.join(', ')})`, `${o.source}: --columns`);
    if (c === labelAt) throw new InputError(`'${name}' is the label column; it cannot also be an input`, `${o.source}: --columns`);
    return c;
  });
  if (new Set(inputAt).size !== inputAt.length) throw new InputError('a column is named twice', `${o.source}: --columns`);
  const used = [labelAt, ...inputAt];
  const kept: number[] = [];
  table.rows.forEach((row, r) => {
    const empty = used.find((c) => row[c].trim() === '');
    if (empty === undefined) kept.push(r);
    else if (!o.dropIncomplete) throw new InputError(`empty cell in column '${table.header[empty]}' (missing values: leave such rows out with --drop-incomplete)`, table.rowPlace(r));
  });
  const dropped = table.rows.length - kept.length;
  const rows = kept.map((r) => table.rows[r]);
  if (rows.length === 0) throw new InputError('no row without a missing value', o.source);
  const classes = sortedDistinct(rows.map((row) => row[labelAt].trim()));
  if (classes.length < 2) throw new InputError(`the label column '${o.label}' has ${classes.length} distinct value(s); a classification needs at least 2`, o.source);
  const classOf = new Map(classes.map((v, c) => [v, c]));

  const columns: Column[] = [];
  for (const index of inputAt) {
    const name = table.header[index];
    const cells = rows.map((row) => row[index].trim());
    columns.push(cells.every((v) => DECIMAL.test(v)) ? { name, index, kind: 'numeric' } : { name, index, kind: 'categorical', values: sortedDistinct(cells) });
  }

  if (columns.length === 0) throw new InputError(`no input columns besides the label column '${o.label}'`, o.source);
  const byClass: number[][] = classes.map(() => []);
  rows.forEach((row, r) => byClass[classOf.get(row[labelAt].trim()) as number].push(r));
  const trainCounts = o.trainRows === undefined ? undefined : proportional(byClass.map((items) => items.length), o.trainRows, o.source);
  const split = stratifiedSplit(byClass, o.seed, 'table', (c, n) => {
    const test = trainCounts === undefined ? Math.round(o.testFraction * n) : n - trainCounts[c];
    return { train: n - test, test };
  });
  const inFileOrder = (l: { item: number; label: number }[]) => [...l].sort((a, b) => a.item - b.item);
  const train = inFileOrder(split.train);
  const test = inFileOrder(split.test);

  const value = (r: number, c: Column) => Rational.parse(rows[r][c.index].trim());
  const thresholds = new Map<Column, Rational>();
  if (o.binarize !== undefined) {
    for (const c of columns) {
      if (c.kind !== 'numeric') continue;
      if (o.binarize !== 'median') thresholds.set(c, o.binarize.threshold);
      else {
        const sorted = train.map(({ item }) => value(item, c)).sort((a, b) => a.cmp(b));
        if (sorted.length > 0) thresholds.set(c, sorted[Math.floor((sorted.length - 1) / 2)]);
      }
    }
  }
  const example = ({ item: r, label }: { item: number; label: number }): LabelledExample => {
    const x: Rational[] = [];
    for (const c of columns) {
      if (c.kind === 'categorical') {
        const cell = rows[r][c.index].trim();
        for (const v of c.values) x.push(v === cell ? Rational.ONE : Rational.ZERO);
      } else {
        const t = thresholds.get(c);
        x.push(t === undefined ? value(r, c) : binarize(value(r, c), t));
      }
    }
    return { x, label };
  };

  const inputs: string[] = [];
  let n = 0;
  for (const c of columns) {
    if (c.kind === 'categorical') {
      inputs.push(`x${n}..x${n + c.values.length - 1} = ${c.name} one-hot (${c.values.join(', ')})`);
      n += c.values.length;
    } else {
      const t = thresholds.get(c);
      inputs.push(`x${n} = ${c.name}${t === undefined ? '' : ` >= ${t.toString()}`}`);
      n++;
    }
  }
  const mapping = classes.map((v, c) => `${c} = ${v}`).join(', ');
  const describe = (what: string, count: number) =>
    `${o.source}: ${what}, ${count} row(s)${split.test.length > 0 ? ` (a stratified split drawn with seed ${o.seed})` : ''}` +
    `${dropped > 0 ? ` of the ${rows.length} without a missing value (${dropped} left out)` : ''}; ` +
    `label column '${o.label}': ${mapping}; inputs: ${inputs.join('; ')}.`;
  const text = (suffix: string, what: string, rows: { item: number; label: number }[]) =>
    layeredInstanceText({ name: o.name + suffix, description: describe(what, rows.length), inputs: n, classes: classes.length, spec, examples: rows.map(example) });
  return {
    train: text('', 'training set', train),
    test: split.test.length > 0 ? text('-test', 'test set, disjoint from the training set', test) : undefined,
    classes,
    inputs,
    testRows: test.length,
  };
}

/**
 * `total` items spread over groups of the given sizes in proportion to the sizes, by
 * largest remainder (Hamilton's method; ties to the earlier group), none above its size.
 */
export function proportional(sizes: readonly number[], total: number, source: string): number[] {
  const all = sizes.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(total) || total < sizes.length || total > all) {
    throw new InputError(`--train-rows must be an integer from ${sizes.length} (one row per class) to ${all} (every row), got ${total}`, source);
  }
  const counts = sizes.map((n) => Math.floor((n * total) / all));
  const order = sizes.map((n, i) => ({ i, rest: (n * total) % all })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i]++;
    left--;
  }
  return counts;
}
