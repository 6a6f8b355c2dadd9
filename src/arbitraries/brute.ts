/**
 * Exhaustive search for the small source problems behind the arbitraries: set splitting
 * and CNF satisfiability. Independent of trainsat's encoders and solvers on purpose: the
 * known answers must not come from the code they are meant to test.
 *
 * Both enumerate assignments as the bits of an integer, with each clause (or set)
 * precompiled to bit masks, so they are meant for at most `MAX_BRUTE_VARS` variables.
 */
import type { Cnf } from '../../reductions/problems/sat.js';
import type { SetSplitting, Splitting } from '../../reductions/problems/set-splitting.js';

/** Largest variable (or element) count the brute-force helpers accept. */
export const MAX_BRUTE_VARS = 20;

function guard(what: string, n: number): void {
  if (n > MAX_BRUTE_VARS) throw new RangeError(`brute force over ${n} ${what} is too large (at most ${MAX_BRUTE_VARS})`);
}

/** Clause masks: bit v-1 of `pos` / `neg` is set when v / -v occurs. */
export function clauseMasks(cnf: Cnf): { pos: number; neg: number }[] {
  return cnf.clauses.map((c) => {
    let pos = 0;
    let neg = 0;
    for (const l of c) {
      if (l > 0) pos |= 1 << (l - 1);
      else neg |= 1 << (-l - 1);
    }
    return { pos, neg };
  });
}

/** True iff the assignment (bit v-1 = value of v) satisfies the clause masks. */
export function satisfiesMasks(masks: readonly { pos: number; neg: number }[], a: number): boolean {
  for (const m of masks) if ((a & m.pos) === 0 && (~a & m.neg) === 0) return false;
  return true;
}

/** Every model of the CNF, as bit masks in increasing order. */
export function allModels(cnf: Cnf): number[] {
  guard('variables', cnf.numVars);
  const masks = clauseMasks(cnf);
  const out: number[] = [];
  for (let a = 0; a < 2 ** cnf.numVars; a++) if (satisfiesMasks(masks, a)) out.push(a);
  return out;
}

/** A model (`assignment[v - 1]`) or null when the CNF is unsatisfiable. */
export function bruteForceSat(cnf: Cnf): boolean[] | null {
  guard('variables', cnf.numVars);
  const masks = clauseMasks(cnf);
  for (let a = 0; a < 2 ** cnf.numVars; a++) if (satisfiesMasks(masks, a)) return maskToAssignment(a, cnf.numVars);
  return null;
}

export function maskToAssignment(a: number, numVars: number): boolean[] {
  return Array.from({ length: numVars }, (_, i) => ((a >> i) & 1) === 1);
}

/** A splitting (`part[i]` = 1 or 2) or null when the sets cannot be split. */
export function bruteForceSplitting(s: SetSplitting): Splitting | null {
  guard('elements', s.elements);
  const sets = s.sets.map((c) => c.reduce((m, i) => m | (1 << i), 0));
  // The last element stays in S2: swapping the sides of a splitting gives a splitting.
  const count = s.elements === 0 ? 1 : 2 ** (s.elements - 1);
  for (let a = 0; a < count; a++) {
    if (sets.every((m) => (m & a) !== 0 && (m & ~a) !== 0)) {
      return Array.from({ length: s.elements }, (_, i) => (((a >> i) & 1) === 1 ? 1 : 2));
    }
  }
  return null;
}
