/**
 * One interface for a mixed-integer programming solver: solve a CPLEX-LP model (the text
 * of src/encode/lp.ts) within a time limit, answer a status and, where it has one, the
 * primal point. HiGHS in WebAssembly (./highs.ts) implements it, and so does the bench's
 * native CBC (bench/exact.ts); the weight-box ladder (./ladder.ts) runs on either.
 *
 * Contract: a solver reports what it claims, in floating point, and nothing more. Turning
 * a point into exact parameters and deciding what an infeasibility claim is worth is the
 * ladder's job, so both solvers are held to the same terms.
 */
import type { LpWithNames } from '../encode/lp.js';
import type { UnknownReason } from '../solvers/types.js';
import type { LpValue } from './lp-point.js';

export interface MipSolveOptions {
  /** The weight box this model is: its bound B as text, or 'complete'. Names files and notes. */
  box: string;
  /** Wall-clock limit in milliseconds (undefined: none). */
  timeLimitMs?: number;
  /**
   * Integrality and primal feasibility tolerance to solve with (undefined: the solver's
   * defaults).
   */
  tolerance?: number;
}

/**
 * A solver's answer on one model:
 *  - 'feasible': it claims a feasible (with objective 0: optimal) point; `point` reads it,
 *    or is null when the solver gave none that could be read;
 *  - 'infeasible': it claims there is no point, within `tolerance`;
 *  - 'stopped': no claim; `reason` says why (its time limit: 'budget'; anything else:
 *    'solver'). A point found before it stopped may still be in `point`.
 */
export interface MipSolution {
  status: 'feasible' | 'infeasible' | 'stopped';
  /** The solver's own status text (e.g. HiGHS's 'Optimal', 'Time limit reached'). */
  solverStatus: string;
  point: LpValue | null;
  /** The largest feasibility tolerance the run used (for 'infeasible': what the claim is worth). */
  tolerance: number;
  /** For 'stopped': why, for the user. */
  reason?: UnknownReason;
}

export interface MipSolver {
  /** The solver's name in notes, e.g. 'HiGHS'. */
  readonly name: string;
  /** Why this model cannot be given to the solver as written, or undefined when it can. */
  cannotRead?(lp: LpWithNames): string | undefined;
  solve(lp: LpWithNames, opts: MipSolveOptions): Promise<MipSolution>;
}

/**
 * The number of columns (all listed in the objective), rows and integer columns (the
 * General and Binary sections) of an LP text as src/encode/lp.ts writes it.
 */
export function lpSize(text: string): { columns: number; rows: number; integerColumns: number } {
  const objective = text.slice(text.indexOf('obj:'), text.indexOf('Subject To'));
  const columns = new Set<string>();
  for (const m of objective.matchAll(/0 ([A-Za-z_][A-Za-z0-9_]*)/g)) columns.add(m[1]);
  const rows = text.split('\n').filter((l) => /^ c\d+: /.test(l)).length;
  let integerColumns = 0;
  const integers = /^(?:General|Binary)\n((?: .*\n)+)/gm;
  for (const m of text.matchAll(integers)) integerColumns += m[1].split(/\s+/).filter((w) => w !== '').length;
  return { columns: columns.size, rows, integerColumns };
}
