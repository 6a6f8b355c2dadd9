/**
 * NOT-ALL-EQUAL SAT <=p SET SPLITTING (the second step of the textbook chain).
 *
 * Theorem. Set Splitting is NP-complete (Lovász 1973; Garey & Johnson [SP4]); this is the
 * standard textbook reduction from NAE-SAT.
 *
 * Construction. The elements are the 2N literals p1, ¬p1, ..., pN, ¬pN (element 2(v-1) is
 * p_v, element 2(v-1)+1 is ¬p_v). The sets are
 *   - {p_v, ¬p_v} for every variable v (forces the two literals of a variable apart), and
 *   - for every clause, the set of its literals.
 *
 * Forward map: S1 = the true literals, S2 = the false ones. Each {p_v, ¬p_v} has one of
 * each; each clause, being not-all-equal, has a true and a false literal.
 * Backward map: p_v = true iff the element p_v is in S1. The variable sets put ¬p_v on the
 * other side, so "literal in S1" is exactly "literal true"; a split clause set therefore
 * has a true and a false literal. (Swapping S1 and S2 gives the complementary assignment,
 * also NAE.)
 *
 * Edge cases: an empty clause gives an empty set and a one-literal clause a singleton (both
 * never split: NO goes to NO); repeated literals collapse; a clause holding p and ¬p gives a
 * set that every splitting splits, as every assignment makes it not-all-equal.
 */
import { formatClause, literalName, naeSat, type Assignment, type Cnf } from './problems/sat.js';
import { formatSet, setSplitting, type SetSplitting, type Splitting } from './problems/set-splitting.js';
import { defineReduction, requireSolution, type Explanation } from './reduction.js';

/** The element standing for a literal: 2(v-1) for p_v, 2(v-1)+1 for ¬p_v. */
export function literalElement(lit: number): number {
  return lit > 0 ? 2 * (lit - 1) : 2 * (-lit - 1) + 1;
}

function reduce(f: Cnf): SetSplitting {
  const names: string[] = [];
  const sets: number[][] = [];
  for (let v = 1; v <= f.numVars; v++) {
    names.push(literalName(v), literalName(-v));
    sets.push([literalElement(v), literalElement(-v)]);
  }
  for (const c of f.clauses) sets.push(c.map(literalElement));
  const out: SetSplitting = { elements: 2 * f.numVars, sets, names };
  if (f.name !== undefined) out.name = f.name;
  return out;
}

function lower(f: Cnf, part: Splitting): Assignment {
  requireSolution(setSplitting, reduce(f), part, 'nae-sat -> set-splitting: lowerSolution');
  return Array.from({ length: f.numVars }, (_, k) => part[literalElement(k + 1)] === 1);
}

export const naeSatToSetSplitting = defineReduction<Cnf, Assignment, SetSplitting, Splitting>({
  name: 'nae-sat -> set-splitting',
  source: naeSat,
  target: setSplitting,
  reduce,
  lowerSolution: lower,

  liftSolution(f, a) {
    requireSolution(naeSat, f, a, 'nae-sat -> set-splitting: liftSolution');
    const part: Splitting = [];
    for (let v = 1; v <= f.numVars; v++) {
      part.push(a[v - 1] ? 1 : 2, a[v - 1] ? 2 : 1);
    }
    return part;
  },

  explain(f): Explanation {
    const s = reduce(f);
    const N = f.numVars;
    return {
      title: 'Not-All-Equal SAT -> Set Splitting (literals become elements)',
      theorem: 'Set Splitting is NP-complete (Lovász 1973; Garey & Johnson [SP4]); this is the standard textbook reduction from NAE-SAT.',
      steps: [
        ...naeSat.describe(f),
        `Elements: the ${2 * N} literals ${s.names!.slice(0, 8).join(', ')}${2 * N > 8 ? ', ...' : ''}.`,
        ...s.sets.map((c, j) =>
          j < N
            ? `  c${j} = ${formatSet(s, c)}: keeps ${literalName(j + 1)} and ${literalName(-(j + 1))} on different sides`
            : `  c${j} = ${formatSet(s, c)}: clause ${formatClause(f.clauses[j - N])} must have a true and a false literal`,
        ),
        'YES -> YES: S1 = the true literals, S2 = the false ones.',
        'NO -> NO: given a splitting, make p_v true iff p_v is in S1; the variable sets make "in S1" mean "true" for every literal, so each clause set being split means each clause is not-all-equal.',
      ],
    };
  },

  explainLowering(f, part) {
    const a = lower(f, part);
    return [
      'Backward map (nae-sat <- set-splitting): p_v is true iff the element p_v is in S1.',
      `  ${a.map((v, k) => `${literalName(k + 1)} in S${part[literalElement(k + 1)]} -> ${v ? 1 : 0}`).join(', ') || '(no variables)'}`,
    ];
  },
});
