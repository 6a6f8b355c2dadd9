/**
 * SAT <=p NOT-ALL-EQUAL SAT (the first step of the textbook chain 3SAT -> NAE-SAT -> Set
 * Splitting -> 3-node network).
 *
 * Theorem. NAE-SAT is NP-complete (Schaefer, "The complexity of satisfiability problems",
 * STOC 1978; NOT-ALL-EQUAL 3SAT is Garey & Johnson [LO3]). The reduction below is the
 * standard one found in textbooks; with 3-literal clauses it produces NAE-4SAT.
 *
 * Construction. Add one fresh variable z = p_(N+1) to every clause (N = number of
 * variables): C becomes C ∨ z.
 *
 * Forward map: a satisfying assignment, extended with z = false. Every clause has a true
 * literal (from the assignment) and a false one (z).
 * Backward map: an NAE assignment b. The complement of an NAE assignment is again NAE,
 * so if z is true take the complement; now z is false, every clause's true literal is an
 * original literal, and the first N values satisfy the formula.
 *
 * Edge cases: an empty clause becomes (z), which cannot hold a true and a false literal: NO
 * goes to NO. A clause with a repeated literal is read as a set. A tautological clause
 * (p ∨ ¬p) is NAE-satisfied by every assignment, as it is satisfied by every assignment.
 */
import { formatClause, literalName, naeSat, sat, type Assignment, type Cnf } from './problems/sat.js';
import { defineReduction, requireSolution, type Explanation } from './reduction.js';

function reduce(f: Cnf): Cnf {
  const z = f.numVars + 1;
  const out: Cnf = { numVars: z, clauses: f.clauses.map((c) => [...c, z]) };
  if (f.name !== undefined) out.name = f.name;
  return out;
}

function lower(f: Cnf, b: Assignment): Assignment {
  requireSolution(naeSat, reduce(f), b, '3sat -> nae-sat: lowerSolution');
  const zTrue = b[f.numVars];
  return b.slice(0, f.numVars).map((v) => (zTrue ? !v : v));
}

export const satToNaeSat = defineReduction<Cnf, Assignment, Cnf, Assignment>({
  name: '3sat -> nae-sat',
  source: sat,
  target: naeSat,
  reduce,
  lowerSolution: lower,

  liftSolution(f, a) {
    requireSolution(sat, f, a, '3sat -> nae-sat: liftSolution');
    return [...a, false];
  },

  explain(f): Explanation {
    const z = literalName(f.numVars + 1);
    const g = reduce(f);
    return {
      title: 'SAT -> Not-All-Equal SAT (add one fresh variable to every clause)',
      theorem:
        'NAE-SAT is NP-complete (Schaefer, "The complexity of satisfiability problems", STOC 1978; NAE-3SAT is Garey & Johnson [LO3]); ' +
        'this is the standard textbook reduction from SAT.',
      steps: [
        ...sat.describe(f),
        `Fresh variable z = ${z}, added to every clause:`,
        ...g.clauses.map((c, j) => `  C${j}' = ${formatClause(c)}`),
        `YES -> YES: a satisfying assignment with ${z} = 0 gives every clause a true literal and a false one (${z}).`,
        `NO -> NO: given an NAE assignment, complement it if ${z} = 1 (complements of NAE assignments are NAE); then ${z} = 0 and each clause's true literal is an original one.`,
        ...f.clauses.flatMap((c, j) => (c.length === 0 ? [`C${j} is empty: it becomes (${z}), which can never be not-all-equal, so the NAE instance is a NO instance, like the source.`] : [])),
      ],
    };
  },

  explainLowering(f, b) {
    const zTrue = b[f.numVars];
    const a = lower(f, b);
    return [
      `Backward map (3sat <- nae-sat): ${literalName(f.numVars + 1)} = ${zTrue ? 1 : 0}, so ${zTrue ? 'complement the assignment, then ' : ''}drop ${literalName(f.numVars + 1)}.`,
      ...f.clauses.map((c, j) => {
        const t = c.filter((l) => (l > 0 ? a[l - 1] : !a[-l - 1]));
        return `  C${j} = ${formatClause(c)}: ${t.length ? `true literal ${literalName(t[0])}` : 'NOT satisfied'}`;
      }),
    ];
  },
});
