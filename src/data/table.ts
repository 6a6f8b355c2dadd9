/**
 * A table of text cells (a CSV file, the iris data set) as a classification data set:
 *  - the label column's distinct values, sorted (numerically when they are all numbers,
 *    else by UTF-16 code units), are the classes 0..C-1;
 *  - a column whose cells are all decimal numbers is one input holding the exact value the
 *    text spells ("5.1" is 51/10), or with binarization 1 where value >= T else 0;
 *  - any other column is categorical: one 0/1 input per distinct value (sorted), one-hot.
 * Inputs follow the columns' order. A missing (empty) cell is an error naming its place.
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

/** Binarization of numeric columns: a fixed threshold, or each column's (lower) median over the training rows. */
export type Binarization = { threshold: Rational } | 'median';

export interface TableOptions {
  label: string;
  binarize?: Binarization;
  /** Share of each class's rows held out for the test set (0: none). */
  testFraction: number;
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
  table.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell.trim() === '') throw new InputError(`empty cell in column '${table.header[c]}' (missing values are not supported)`, table.rowPlace(r));
    }),
  );
  const classes = sortedDistinct(table.rows.map((row) => row[labelAt].trim()));
  if (classes.length < 2) throw new InputError(`the label column '${o.label}' has ${classes.length} distinct value(s); a classification needs at least 2`, o.source);
  const classOf = new Map(classes.map((v, c) => [v, c]));

  const columns: Column[] = [];
  table.header.forEach((name, index) => {
    if (index === labelAt) return;
    const cells = table.rows.map((row) => row[index].trim());
    columns.push(cells.every((v) => DECIMAL.test(v)) ? { name, index, kind: 'numeric' } : { name, index, kind: 'categorical', values: sortedDistinct(cells) });
  });

  if (columns.length === 0) throw new InputError(`no input columns besides the label column '${o.label}'`, o.source);
  const byClass: number[][] = classes.map(() => []);
  table.rows.forEach((row, r) => byClass[classOf.get(row[labelAt].trim()) as number].push(r));
  const split = stratifiedSplit(byClass, o.seed, 'table', (_, n) => {
    const test = Math.round(o.testFraction * n);
    return { train: n - test, test };
  });
  const inFileOrder = (l: { item: number; label: number }[]) => [...l].sort((a, b) => a.item - b.item);
  const train = inFileOrder(split.train);
  const test = inFileOrder(split.test);

  const value = (r: number, c: Column) => Rational.parse(table.rows[r][c.index].trim());
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
        const cell = table.rows[r][c.index].trim();
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
    `${o.source}: ${what}, ${count} row(s)${o.testFraction > 0 ? ` (a stratified split drawn with seed ${o.seed})` : ''}; ` +
    `label column '${o.label}': ${mapping}; inputs: ${inputs.join('; ')}.`;
  const text = (suffix: string, what: string, rows: { item: number; label: number }[]) =>
    layeredInstanceText({ name: o.name + suffix, description: describe(what, rows.length), inputs: n, classes: classes.length, spec, examples: rows.map(example) });
  return {
    train: text('', 'training set', train),
    test: o.testFraction > 0 ? text('-test', 'test set, disjoint from the training set', test) : undefined,
    classes,
    inputs,
  };
}
