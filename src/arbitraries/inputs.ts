/**
 * Arbitrary example inputs: rows of integers, later cut to a network's input count by
 * `rowsToInputs`. By default the values are 0/1; with a wider `values` range, only the
 * network inputs that feed threshold and score units alone take the wider values (docs/format.md,
 * "Units": inputs feeding lookup units, gates, or read as outputs must be 0/1), the others are
 * reduced to their parity.
 *
 * Why this is right: the produced inputs always satisfy the instance invariants checked
 * by `parseInstanceValue` (arity, 0/1 where required), whatever the network; rows are
 * drawn at a fixed width so the network and the rows shrink independently.
 */
import fc from 'fast-check';
import { Rational } from '../model/rational.js';
import type { Network } from '../model/types.js';

export interface InputRowsOptions {
  /** Values per row (the largest input count the rows will be used with). */
  width: number;
  minRows?: number;
  maxRows?: number;
  /** Integer range of the values (default {min: 0, max: 1}). */
  values?: { min: number; max: number };
}

/** Rows of `width` integers; shrinks towards fewer rows and values nearer 0. */
export function inputRows(opts: InputRowsOptions): fc.Arbitrary<number[][]> {
  const { width } = opts;
  const minRows = opts.minRows ?? 0;
  const maxRows = opts.maxRows ?? Math.max(minRows, 8);
  const values = opts.values ?? { min: 0, max: 1 };
  if (!Number.isInteger(width) || width < 0) throw new RangeError(`width must be a non-negative integer, got ${width}`);
  if (!Number.isInteger(minRows) || minRows < 0 || !Number.isInteger(maxRows) || maxRows < minRows) {
    throw new RangeError(`rows must satisfy 0 <= minRows <= maxRows, got ${minRows}..${maxRows}`);
  }
  if (!Number.isSafeInteger(values.min) || !Number.isSafeInteger(values.max) || values.min > values.max) {
    throw new RangeError(`values must be integers with min <= max, got [${values.min}, ${values.max}]`);
  }
  const row = fc.array(fc.integer(values), { minLength: width, maxLength: width });
  return fc.array(row, { minLength: minRows, maxLength: maxRows, size: 'max' });
}

/** Indices of the network inputs that must be 0/1 (they feed a lookup unit or gate, or are outputs). */
export function booleanInputs(network: Network): Set<number> {
  const out = new Set<number>();
  const note = (name: string) => {
    const m = /^x(\d+)$/.exec(name);
    if (m && Number(m[1]) < network.inputs) out.add(Number(m[1]));
  };
  for (const u of network.units) if (u.kind !== 'threshold' && u.kind !== 'fixed-threshold' && u.kind !== 'score') u.inputs.forEach(note);
  network.outputs.forEach(note);
  return out;
}

/**
 * The first `network.inputs` values of each row, as rationals; inputs that must be 0/1 get
 * the parity of the drawn value. With `distinct`, repeated input vectors are dropped.
 */
export function rowsToInputs(network: Network, rows: readonly (readonly number[])[], distinct = false): Rational[][] {
  const n = network.inputs;
  const bool = booleanInputs(network);
  const seen = new Set<string>();
  const out: Rational[][] = [];
  for (const row of rows) {
    const x = Array.from({ length: n }, (_, i) => {
      const v = row[i] ?? 0;
      return bool.has(i) ? ((v % 2) + 2) % 2 : v;
    });
    const key = x.join(',');
    if (distinct && seen.has(key)) continue;
    seen.add(key);
    out.push(x.map((v) => Rational.of(v)));
  }
  return out;
}
