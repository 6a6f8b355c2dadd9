/**
 * SET SPLITTING (Garey & Johnson, "Computers and Intractability", 1979, problem [SP4];
 * NP-complete by Lovász, "Coverings and colorings of hypergraphs", 1973). Also known as
 * hypergraph 2-colouring, or Property B.
 *
 * Instance: a finite set S = {s0, ..., s(n-1)} and a collection of subsets c0, ..., c(m-1).
 * Question: is there a partition of S into S1 and S2 such that no c_j lies entirely inside
 * S1 or entirely inside S2, i.e. every c_j meets both parts?
 *
 * Consequences of the definition that the reductions handle explicitly:
 *  - an empty set meets neither part, so an instance with an empty set is a NO instance;
 *  - a singleton {s_i} meets only the part holding s_i: also a NO instance;
 *  - a duplicated set adds nothing; an element listed twice in one set counts once.
 *
 * JSON form (docs/format.md, "Reduction sources"): `{"elements": n, "sets": [[0, 1, 2], ...]}` with 0-based
 * element indices; optional `"names"` (one display name per element), `"name"` and
 * `"description"`.
 */
import { InputError } from '../../src/model/errors.js';
import { describeValue, integerOrSelf, parseJsonText, throwIssues, withSource, type Issue } from '../../src/model/json-input.js';
import { allTuples, type Problem } from '../reduction.js';

export interface SetSplitting {
  /** Number of elements n; the elements are 0 .. n-1. */
  elements: number;
  /** The sets, as lists of element indices (order and repetition are irrelevant). */
  sets: number[][];
  /** Display names of the elements (default s0, s1, ...). */
  names?: string[];
  /** Name of the instance (e.g. the file it came from). */
  name?: string;
}

/** A splitting: `part[i]` is 1 if element i is in S1, 2 if it is in S2. */
export type Splitting = (1 | 2)[];

/** Largest element count accepted from a file (the reduced network has one input per element). */
export const MAX_ELEMENTS = 100_000;

export function elementName(inst: Pick<SetSplitting, 'names'>, i: number): string {
  return inst.names?.[i] ?? `s${i}`;
}

/** `{s0, s2}`: the distinct elements of a set, in increasing order. */
export function formatSet(inst: Pick<SetSplitting, 'names'>, set: readonly number[]): string {
  return `{${distinct(set)
    .map((i) => elementName(inst, i))
    .join(', ')}}`;
}

/** The distinct members of a list, sorted. */
export function distinct(set: readonly number[]): number[] {
  return [...new Set(set)].sort((a, b) => a - b);
}

/** True iff the set meets both parts. */
export function isSplit(set: readonly number[], part: Splitting): boolean {
  let in1 = false;
  let in2 = false;
  for (const i of set) {
    if (part[i] === 1) in1 = true;
    else if (part[i] === 2) in2 = true;
  }
  return in1 && in2;
}

export const setSplitting: Problem<SetSplitting, Splitting> = {
  name: 'set-splitting',
  check(inst, part) {
    if (!Array.isArray(part) || part.length !== inst.elements) return false;
    if (!part.every((p) => p === 1 || p === 2)) return false;
    return inst.sets.every((c) => isSplit(c, part));
  },
  describe(inst) {
    const elems = Array.from({ length: inst.elements }, (_, i) => elementName(inst, i));
    return [
      `set splitting${inst.name ? ` "${inst.name}"` : ''}: ${inst.elements} element${inst.elements === 1 ? '' : 's'} {${elems.join(', ')}}, ${inst.sets.length} set${inst.sets.length === 1 ? '' : 's'}`,
      ...inst.sets.map((c, j) => `  c${j} = ${formatSet(inst, c)}`),
    ];
  },
  describeSolution(inst, part) {
    const side = (k: 1 | 2) => `{${part.flatMap((p, i) => (p === k ? [elementName(inst, i)] : [])).join(', ')}}`;
    return `S1 = ${side(1)}, S2 = ${side(2)}`;
  },
  candidates: (inst) => allTuples<1 | 2>(inst.elements, [1, 2]),
};

// ---------------------------------------------------------------------------------------
// reading

/** Parses set-splitting JSON text; errors name `source` and a JSON path (or line:column). */
export function parseSetSplitting(text: string, source = '<input>'): SetSplitting {
  const value = parseJsonText(text, source);
  return withSource(source, () => setSplittingFromValue(value));
}

const KEYS = ['elements', 'sets', 'names', 'name', 'description'];

/** Validates an already-parsed JSON value as a set-splitting instance. */
export function setSplittingFromValue(value: unknown): SetSplitting {
  const issues: Issue[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('expected an object {"elements": n, "sets": [[...], ...]}', '(root)');
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!KEYS.includes(k)) issues.push({ path: [k], message: `unknown key (expected ${KEYS.map((x) => `"${x}"`).join(', ')})` });
  }
  const n = integerOrSelf(o.elements);
  let nOk = false;
  if (n === undefined) issues.push({ path: ['elements'], message: 'missing: the number of elements' });
  else if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) issues.push({ path: ['elements'], message: `expected a non-negative integer, got ${describeValue(n)}` });
  else if (n > MAX_ELEMENTS) issues.push({ path: ['elements'], message: `at most ${MAX_ELEMENTS} elements are supported, got ${n}` });
  else nOk = true;
  const sets: number[][] = [];
  if (o.sets === undefined) issues.push({ path: ['sets'], message: 'missing: a list of sets, each a list of 0-based element indices' });
  else if (!Array.isArray(o.sets)) issues.push({ path: ['sets'], message: 'expected a list of sets, each a list of 0-based element indices' });
  else {
    o.sets.forEach((c: unknown, j: number) => {
      if (!Array.isArray(c)) {
        issues.push({ path: ['sets', j], message: `expected a list of element indices, got ${JSON.stringify(c)}` });
        return;
      }
      const set: number[] = [];
      c.forEach((raw: unknown, k: number) => {
        const e = integerOrSelf(raw);
        if (typeof e !== 'number' || !Number.isInteger(e) || e < 0) {
          issues.push({ path: ['sets', j, k], message: `expected a 0-based element index, got ${describeValue(e)}` });
        } else if (nOk && e >= (n as number)) {
          issues.push({ path: ['sets', j, k], message: `element ${e} is out of range (elements are 0..${(n as number) - 1}; indices are 0-based)` });
        } else set.push(e);
      });
      sets.push(set);
    });
  }
  let names: string[] | undefined;
  if (o.names !== undefined) {
    if (!Array.isArray(o.names) || !o.names.every((x) => typeof x === 'string')) {
      issues.push({ path: ['names'], message: 'expected a list of strings, one per element' });
    } else if (nOk && o.names.length !== n) {
      issues.push({ path: ['names'], message: `expected ${n} names (one per element), got ${o.names.length}` });
    } else names = o.names as string[];
  }
  for (const k of ['name', 'description']) {
    if (o[k] !== undefined && typeof o[k] !== 'string') issues.push({ path: [k], message: 'expected a string' });
  }
  if (issues.length > 0) throwIssues(issues);
  const inst: SetSplitting = { elements: n as number, sets };
  if (names) inst.names = names;
  if (typeof o.name === 'string') inst.name = o.name;
  return inst;
}
