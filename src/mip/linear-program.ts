/**
 * A linear program with integer coefficients and bounded columns, held as data: written as
 * CPLEX LP text for a MIP solver (HiGHS, ./highs.ts), and given an exact lower bound on its
 * optimum from any dual vector, so that a floating-point solver's duals become a bound that
 * holds in exact rational arithmetic.
 *
 * The bound is weak LP duality (e.g. Schrijver, "Theory of Linear and Integer Programming",
 * 1986, ch. 7): for  min c.x  over  a_r.x >= b_r (r in G), a_r.x <= b_r (r in L),
 * l <= x <= u,  and any y with y_r >= 0 on G and y_r <= 0 on L, every feasible x has
 *   c.x = sum_r y_r a_r.x + d.x >= sum_r y_r b_r + sum_j min(d_j l_j, d_j u_j),
 * with d = c - A^T y, since y_r a_r.x >= y_r b_r on every row and d_j x_j >= min(d_j l_j,
 * d_j u_j) on every column. It holds for every such y, so y may be a solver's rounded
 * duals (entries of the wrong sign are taken as 0): a poor y gives a weak bound, never a
 * wrong one. Every integer point is a point of the relaxation, so the bound holds for the
 * integer program as well.
 */
import { Rational } from '../model/rational.js';

export interface LpColumn {
  lo: bigint;
  hi: bigint;
  integer: boolean;
}

export interface LpRow {
  /** (column index, coefficient) pairs, each column at most once. */
  terms: [number, bigint][];
  sense: '>=' | '<=';
  rhs: bigint;
}

/** Minimize `objective` (column index, coefficient) over the rows, columns in their bounds. */
export interface LinearProgram {
  columns: LpColumn[];
  rows: LpRow[];
  objective: [number, bigint][];
}

const column = (j: number) => `c${j}`;

function linear(terms: readonly [number, bigint][]): string {
  return terms.map(([j, a]) => `${a < 0n ? '-' : '+'} ${a < 0n ? -a : a} ${column(j)}`).join(' ');
}

/**
 * CPLEX LP text of the program (columns c0, c1, ..., rows r0, r1, ...; with `relax`, no
 * integrality). The objective lists every column (0 where absent), so that each is known
 * to the reader before the Bounds section.
 */
export function linearProgramText(lp: LinearProgram, opts: { relax?: boolean } = {}): string {
  const cost = new Map(lp.objective);
  const out: string[] = ['Minimize', ` obj: ${linear(lp.columns.map((_, j) => [j, cost.get(j) ?? 0n]))}`, 'Subject To'];
  lp.rows.forEach((r, i) => out.push(` r${i}: ${linear(r.terms)} ${r.sense} ${r.rhs}`));
  out.push('Bounds');
  lp.columns.forEach((c, j) => out.push(` ${c.lo} <= ${column(j)} <= ${c.hi}`));
  const integers = lp.columns.flatMap((c, j) => (c.integer ? [column(j)] : []));
  if (!opts.relax && integers.length > 0) out.push('General', ` ${integers.join(' ')}`);
  out.push('End', '');
  return out.join('\n');
}

/** The exact lower bound of the module comment from the dual values `dual(r)` of the rows. */
export function dualBound(lp: LinearProgram, dual: (row: number) => number): Rational {
  const reduced: Rational[] = lp.columns.map(() => Rational.ZERO);
  for (const [j, a] of lp.objective) reduced[j] = reduced[j].add(Rational.of(a));
  let bound = Rational.ZERO;
  lp.rows.forEach((r, i) => {
    const v = dual(i);
    if (!Number.isFinite(v) || v === 0 || (r.sense === '>=' ? v < 0 : v > 0)) return;
    const y = Rational.fromNumber(v);
    bound = bound.add(y.mul(Rational.of(r.rhs)));
    for (const [j, a] of r.terms) reduced[j] = reduced[j].sub(y.mul(Rational.of(a)));
  });
  lp.columns.forEach((c, j) => {
    const d = reduced[j];
    if (d.num === 0n) return;
    bound = bound.add(d.mul(Rational.of(d.num > 0n ? c.lo : c.hi)));
  });
  return bound;
}
