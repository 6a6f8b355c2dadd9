/**
 * `trainsat data mnist|csv|iris|penguins ... -o train.json [--test-out test.json]`: a data set as a
 * training instance of a `layered` network with `classes` outputs (docs/cli.md, "data").
 * The same arguments give the same bytes. An existing output file is replaced only with
 * --force; both texts are made before either file is written, and each is written whole
 * (io.ts writeOutput). Bad arguments are an InputError (exit 2) with nothing written.
 */
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { InputError } from '../model/errors.js';
import { isStdout, readText, refuseInputsAsOutputs, writeOutput } from './io.js';

export interface DataArgs {
  source: string;
  file?: string;
  output: string;
  testOut?: string;
  force: boolean;
  seed?: unknown;
  perClass?: unknown;
  testPerClass?: unknown;
  digits?: string;
  label?: string;
  testFraction?: unknown;
  trainRows?: unknown;
  columns?: string;
  dropIncomplete?: boolean;
  binarize?: string;
  hidden?: string;
  weights?: string;
}

/** Options that only some sources take: option name -> the sources that take it. */
const ONLY: [keyof DataArgs, string, string[]][] = [
  ['file', 'FILE', ['csv']],
  ['perClass', '--per-class', ['mnist']],
  ['testPerClass', '--test-per-class', ['mnist']],
  ['digits', '--digits', ['mnist']],
  ['label', '--label', ['csv']],
  ['testFraction', '--test-fraction', ['csv', 'iris', 'penguins']],
  ['trainRows', '--train-rows', ['csv', 'iris', 'penguins']],
  ['columns', '--columns', ['csv', 'iris', 'penguins']],
  ['dropIncomplete', '--drop-incomplete', ['csv']],
];

export async function dataCommand(args: DataArgs): Promise<number> {
  const where = `data ${args.source}`;
  for (const [key, name, sources] of ONLY) {
    if (args[key] !== undefined && !sources.includes(args.source)) throw new InputError(`${name} is for ${sources.join(', ')} only`, where);
  }
  for (const v of [args.seed, args.perClass, args.testPerClass, args.testFraction, args.trainRows, args.columns, args.binarize, args.hidden, args.weights, args.digits, args.label]) {
    if (Array.isArray(v)) throw new InputError('an option is given more than once; give each once', where);
  }
  const d = await import('../data/dataset.js');
  const spec = { hidden: d.parseHidden(args.hidden), weights: d.parseWeights(args.weights) };
  const seed = d.countOption(args.seed ?? 0, '--seed');
  const outputs = [args.output, args.testOut];
  refuseInputsAsOutputs(args.file === undefined ? [] : [args.file], outputs);
  if (isStdout(args.output) && isStdout(args.testOut)) throw new InputError('-o and --test-out both name stdout; write one of them to a file', where);
  for (const o of outputs) {
    if (o !== undefined && !args.force && !isStdout(o) && existsSync(o)) throw new InputError('exists; use --force to replace it', o);
  }

  let texts: { train: string; test?: string };
  if (args.source === 'mnist') {
    const perClass = d.countOption(args.perClass, '--per-class', 1);
    const testPerClass = d.countOption(args.testPerClass ?? 0, '--test-per-class');
    const digits = parseDigits(args.digits);
    needTestOut(testPerClass > 0, args.testOut, '--test-per-class', where);
    const binarize = args.binarize === undefined ? undefined : d.parseRationalOption(args.binarize, '--binarize');
    const m = await import('../data/mnist.js');
    texts = m.mnistInstanceTexts(m.loadMnist(), { perClass, testPerClass, seed, digits, binarize }, spec);
  } else {
    if (args.testFraction !== undefined && args.trainRows !== undefined) throw new InputError('give --test-fraction or --train-rows, not both', where);
    const testFraction = parseFraction(args.testFraction);
    const trainRows = args.trainRows === undefined ? undefined : d.countOption(args.trainRows, '--train-rows', 1);
    if (args.trainRows === undefined) needTestOut(testFraction > 0, args.testOut, '--test-fraction', where);
    const binarize = args.binarize === undefined ? undefined : args.binarize.trim() === 'median' ? ('median' as const) : { threshold: d.parseRationalOption(args.binarize, '--binarize') };
    const columns = args.columns === undefined ? undefined : parseColumns(args.columns, where);
    let data: import('../data/table.js').NamedTable;
    if (args.source === 'csv') {
      if (args.file === undefined) throw new InputError('needs the CSV file: trainsat data csv FILE --label COLUMN', where);
      if (args.label === undefined) throw new InputError('needs --label COLUMN, the column that holds the class', where);
      const table = (await import('../data/csv.js')).readCsv(readText(args.file), args.file);
      data = { table, name: basename(args.file, extname(args.file)), source: args.file, label: args.label, dropIncomplete: args.dropIncomplete === true };
    } else if (args.source === 'penguins') data = (await import('../data/penguins.js')).penguinsData();
    else data = (await import('../data/iris.js')).irisData();
    const { table, name, source, label, dropIncomplete } = data;
    const t = (await import('../data/table.js')).tableInstanceTexts(table, { label, binarize, testFraction, trainRows, columns, dropIncomplete, seed, name, source }, spec);
    if (t.test === undefined && args.testOut !== undefined) throw new InputError('--test-out: no row is left for a test set (every row is a training row)', where);
    if (t.test !== undefined && trainRows !== undefined && args.testOut === undefined) {
      process.stderr.write(`the ${t.testRows} row(s) not drawn for training are not written (--test-out FILE writes them)\n`);
    }
    process.stderr.write(`label ${label}: ${t.classes.map((v, c) => `${c} = ${v}`).join(', ')}\n`);
    texts = t;
  }
  if (args.testOut !== undefined && texts.test !== undefined) await writeOutput(args.testOut, texts.test);
  await writeOutput(args.output, texts.train);
  return 0;
}

function needTestOut(split: boolean, testOut: string | undefined, option: string, where: string): void {
  if (split && testOut === undefined) throw new InputError(`${option} needs --test-out FILE for the test set`, where);
  if (!split && testOut !== undefined) throw new InputError(`--test-out needs ${option} (how many examples to hold out)`, where);
}

/** `--digits 0,1,7`: distinct digits, class c being the c-th (default 0..9). */
function parseDigits(text: string | undefined): number[] {
  if (text === undefined) return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ds = text.split(',').map((s) => s.trim());
  if (ds.length < 2 || ds.some((s) => !/^\d$/.test(s)) || new Set(ds).size !== ds.length) {
    throw new InputError(`--digits takes at least two distinct digits 0-9, comma-separated (e.g. 0,1), got '${text}'`, 'data mnist');
  }
  return ds.map(Number);
}

/** `--columns a,b,c`: column names, comma-separated, none empty. */
function parseColumns(text: string, where: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((s) => s === '')) throw new InputError(`--columns takes column names separated by commas, got '${text}'`, where);
  return names;
}

/** `--test-fraction F`, 0 <= F < 1 (default 0). */
function parseFraction(value: unknown): number {
  if (value === undefined) return 0;
  const f = typeof value === 'string' && /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : value;
  if (typeof f !== 'number' || !(f >= 0 && f < 1)) throw new InputError(`--test-fraction must be a number from 0 to below 1, got ${String(value)}`, 'data');
  return f;
}
