/**
 * A portfolio of CDCL(T) searches on one problem, run in turns within one process, sharing
 * their theory clauses.
 *
 * What. Each member is a CDCL engine (cdcl.ts) with its own theory hook and its own search
 * strategy (for the hybrid: decision phases from the theory's current separators, or the
 * engine's default phases; model-phase.ts). The members run one after the other for a
 * slice of conflicts each; the slices grow geometrically, so the total work is within a
 * constant factor of the member that finishes first. Between turns, every theory clause a
 * member found is handed to every other member (Cdcl.addClause). The first member to
 * answer 'sat' or 'unsat' answers for all.
 *
 * Why. On random blum-rivest-and labelings the search time of one strategy is heavy-tailed
 * and changes by an order of magnitude with the instance (the same instance needs 100
 * conflicts with one phase rule and 3,000 with another: docs/measurements.md). Running
 * differently-biased searches side by side is the remedy for heavy tails of Gomes,
 * Selman, Crato & Kautz ("Heavy-tailed phenomena in satisfiability and constraint
 * satisfaction problems", J. Automated Reasoning 24, 2000) and the design of parallel
 * portfolio SAT solvers with clause sharing (Hamadi, Jabbour & Sais, "ManySAT: a parallel
 * SAT solver", JSAT 6, 2009), here time-sliced, since the answer and the parameters must
 * not depend on thread timing: the turns are counted in conflicts, not in time, so a run
 * is a deterministic function of the instance (only the deadline can cut it short).
 *
 * Soundness. A theory clause is a certified fact about every behaviour of the network
 * (hybrid.ts: a Farkas certificate checked exactly), not about the member that found it,
 * so adding it to another member removes no solution there; an 'unsat' of any member is
 * therefore an 'unsat' of the problem, and a 'sat' comes with the complete assignment its
 * own theory check accepted (and, in the hybrid, parameters checked exactly).
 */
import type { Cdcl, CdclStatus, TheoryHook } from './cdcl.js';

export interface PortfolioMember {
  cdcl: Cdcl;
  theory: TheoryHook;
}

export interface PortfolioOptions {
  /** Conflicts of each member's first turn (default 50). */
  firstSlice?: number;
  /** Factor by which the turns grow after each round (default 1.5). */
  growth?: number;
}

/** The answer and the index of the member that gave it (-1: none, the deadline passed). */
export interface PortfolioResult {
  status: CdclStatus;
  member: number;
}

/** Runs the members in turns until one answers or the deadline (a performance.now() time) passes. */
export function solvePortfolio(members: readonly PortfolioMember[], deadline = Infinity, opts: PortfolioOptions = {}): PortfolioResult {
  if (members.length === 1) return { status: members[0].cdcl.solve(members[0].theory, deadline), member: 0 };
  /** Every theory clause found, with the member that found it; seen[i]: how far member i has read. */
  const log: { from: number; clause: number[] }[] = [];
  const seen = members.map(() => 0);
  const hooks: TheoryHook[] = members.map((m, i) => ({
    check(complete) {
      const lemmas = m.theory.check(complete);
      for (const clause of lemmas) log.push({ from: i, clause });
      return lemmas;
    },
  }));
  let slice = opts.firstSlice ?? 50;
  const growth = opts.growth ?? 1.5;
  for (;;) {
    for (let i = 0; i < members.length; i++) {
      const { cdcl } = members[i];
      for (; seen[i] < log.length; seen[i]++) if (log[seen[i]].from !== i) cdcl.addClause(log[seen[i]].clause);
      cdcl.conflictLimit = cdcl.conflicts + Math.round(slice);
      const status = cdcl.solve(hooks[i], deadline);
      cdcl.conflictLimit = Infinity;
      if (status !== 'unknown') return { status, member: i };
      if (performance.now() > deadline) return { status: 'unknown', member: -1 };
    }
    slice *= growth;
  }
}
