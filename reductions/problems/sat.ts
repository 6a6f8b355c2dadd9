/**
 * SAT / 3SAT and NOT-ALL-EQUAL SAT over CNF formulas.
 *
 *  - SAT (Cook 1971; 3SAT: Karp 1972; Garey & Johnson [LO1], [LO2]): is there an
 *    assignment under which every clause has a true literal?
 *  - NAE-SAT (Schaefer, "The complexity of satisfiability problems", STOC 1978;
 *    NOT-ALL-EQUAL 3SAT is Garey & Johnson [LO3]): is there an assignment under which
 *    every clause has a true literal *and* a false literal?
 *
 * Formulas use the DIMACS convention: variables 1..numVars, literal v or -v. An
 * assignment is `boolean[]` with `assignment[v - 1]` the value of variable v. A clause is
 * read as a set of literals (repeats count once); the empty clause is unsatisfiable in both
 * problems. Clauses of any length are accepted: 3SAT is the case of at most 3 literals.
 */
import { clausesToArrays, parseDimacs } from '../../src/cnf/dimacs.js';
import { allTuples, type Problem } from '../reduction.js';

export interface Cnf {
  numVars: number;
  clauses: number[][];
  /** Name of the formula (e.g. the file it came from). */
  name?: string;
}

/** `assignment[v - 1]` is the value of variable v. */
export type Assignment = boolean[];

/**
 * `p3` or `¬p3`. Variables are called p1, p2, ... (not x1, ...) so that they cannot be
 * confused with trainsat's network inputs x0, x1, ... in explanations of composed reductions.
 */
export function literalName(lit: number): string {
  return lit > 0 ? `p${lit}` : `¬p${-lit}`;
}

export function formatClause(clause: readonly number[]): string {
  return clause.length === 0 ? '(empty clause)' : `(${clause.map(literalName).join(' ∨ ')})`;
}

export function literalValue(a: Assignment, lit: number): boolean {
  const v = a[Math.abs(lit) - 1];
  return lit > 0 ? v : !v;
}

function wellFormed(f: Cnf, a: Assignment): boolean {
  return Array.isArray(a) && a.length === f.numVars && a.every((v) => typeof v === 'boolean');
}

function formatAssignment(a: Assignment): string {
  return a.length === 0 ? '(no variables)' : a.map((v, i) => `p${i + 1}=${v ? 1 : 0}`).join(' ');
}

function describeCnf(kind: string, f: Cnf): string[] {
  return [
    `${kind}${f.name ? ` "${f.name}"` : ''}: ${f.numVars} variable${f.numVars === 1 ? '' : 's'}, ${f.clauses.length} clause${f.clauses.length === 1 ? '' : 's'}`,
    ...f.clauses.map((c, j) => `  C${j} = ${formatClause(c)}`),
  ];
}

export const sat: Problem<Cnf, Assignment> = {
  name: '3sat',
  check: (f, a) => wellFormed(f, a) && f.clauses.every((c) => c.some((l) => literalValue(a, l))),
  describe: (f) => describeCnf('CNF formula', f),
  describeSolution: (_f, a) => formatAssignment(a),
  candidates: (f) => allTuples(f.numVars, [false, true]),
};

export const naeSat: Problem<Cnf, Assignment> = {
  name: 'nae-sat',
  check: (f, a) =>
    wellFormed(f, a) && f.clauses.every((c) => c.some((l) => literalValue(a, l)) && c.some((l) => !literalValue(a, l))),
  describe: (f) => describeCnf('NAE-SAT formula', f),
  describeSolution: (_f, a) => formatAssignment(a),
  candidates: (f) => allTuples(f.numVars, [false, true]),
};

/** Reads DIMACS CNF (comments, SATLIB `%` trailer; errors name `source:line`). */
export function parseCnf(text: string, source = '<input>'): Cnf {
  const d = parseDimacs(text, source);
  return { numVars: d.numVars, clauses: clausesToArrays(d.clauses) };
}
