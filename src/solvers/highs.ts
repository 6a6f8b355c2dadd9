/**
 * `--backend highs`: the instance's mixed-integer program (src/encode/lp.ts) solved
 * in-process by HiGHS compiled to WebAssembly (npm package `highs`). Loaded lazily by
 * src/decide.ts, so no other path loads HiGHS.
 *
 * `trainable` is checked: HiGHS works in floating point, so its solution is turned into
 * exact rationals (integer weights and tables rounded; real weights by nearby small-
 * denominator rationals, then by the exact value of the doubles, each with and without a
 * half-margin shift of the threshold) and the first candidate that passes exact
 * evaluation (checkParameters) is returned (decodeLpPoint in ./lp-point.ts, shared with
 * the bench's cbc column). If none passes the answer is `unknown`, with
 * a note in the stats: unchecked weights are never returned.
 *
 * Staged boxes: the complete weight box (weight-bound.ts) makes the big-M of the LP about
 * 1e7..1e8 at fan-in 16..20, where HiGHS's points fail the exact check. A point found in a
 * smaller box is just as good a training (it is checked exactly anyway), and a small box
 * has a small big-M. So when the complete bound is large (weightLadder), the LP is solved
 * for weight bounds B in HIGHS_LADDER first, then for the complete box, stopping at the
 * first exactly verified point. Infeasibility of a small box, or a point that fails the
 * check, moves on to the next box; only the complete box can give `untrainable`. With a
 * time budget, each stage before the complete box may use a quarter of what is left, the
 * complete box all of it. `stats.stages` lists the boxes tried.
 *
 * What HiGHS cannot read: its LP reader refuses a matrix entry of 1e15 or more (its option
 * large_matrix_value, applied while reading, before any option passed here takes
 * effect) and a bound or right-hand side of 1e20 or more on the wrong side (it reads
 * 1e20 as infinite); every number above 2^53 it reads rounded. Integer inputs like 1000
 * and -250 make the complete box's big-M reach that (fan-in 2: about 7.5e12, fan-in 3:
 * beyond 1e15), so such a box is not given to HiGHS at all (highsCannotRead): the stage
 * is `unknown` with that reason, and so is the answer if no smaller box gave a point.
 *
 * Every `unknown` carries its reason (HighsResult.unknown): the budget ran out, HiGHS
 * failed (an abort, an unreadable model, a status other than a limit), or floating point
 * cannot decide the program (numbers too large, a verdict the tolerance cannot carry, a
 * point that fails the exact check).
 *
 * `untrainable` is NOT certified: it is HiGHS's floating-point branch-and-bound claiming
 * infeasibility of the complete box, trusted as is (tolerances could in principle make it
 * wrong). The `hybrid` backend, by contrast, justifies every conflict with a Farkas
 * certificate checked in exact rational arithmetic.
 */
import { DOUBLE_EXACT_INTEGER, floatVerdictTrusted, toLpWithNames, type LpMagnitudes, type LpWithNames } from '../encode/lp.js';
import type { Instance, Parameters, Status } from '../model/types.js';
import type { DecideResult } from '../decide.js';
import { decodeLpPoint, type LpValue } from './lp-point.js';
import type { UnknownReason } from './types.js';

export interface HighsDecideOptions {
  /** Wall-clock budget in milliseconds, shared by the stages (HiGHS option time_limit). */
  timeoutMs?: number;
  /** Weight bounds tried before the complete box (default weightLadder(...); [] = complete box only). */
  ladder?: readonly bigint[];
  /** Extra HiGHS options for every stage (e.g. tolerances), over HIGHS_OPTIONS. */
  highsOptions?: Record<string, unknown>;
  /**
   * The HiGHS module to solve with (default: the npm package's, loaded once). Tests pass a
   * stand-in to exercise what happens when HiGHS aborts.
   */
  module?: HighsModule;
}

export type HighsStats = DecideResult['stats'] & {
  /** HiGHS's model status string, e.g. 'Optimal', 'Infeasible', 'Time limit reached'. */
  highs_status: string;
  /** Why the answer is `unknown`, or how the float solution was made exact. */
  note?: string;
  /** The boxes solved in turn (the last one gave the answer). */
  stages: HighsStage[];
};

export interface HighsResult extends DecideResult {
  stats: HighsStats;
}

/** HiGHS's LP reader refuses a matrix entry of this size or more (large_matrix_value). */
export const HIGHS_MAX_MATRIX_VALUE = 10n ** 15n;

/**
 * Why HiGHS cannot be given this LP as written, or undefined when it can: a matrix entry
 * of 1e15 or more fails HiGHS's reader ("Unable to read LP model"), and a number beyond
 * 2^53 (a bound, a right-hand side) would be read rounded, so HiGHS would solve another
 * program (1e20 and more even as infinite). Measured on highs 1.15 (WebAssembly): a
 * coefficient 999999999999999 is read, 1000000000000000 is not; a lower bound or a `>=`
 * right-hand side of 1e20 is an error, an upper one is read as no bound.
 */
export function highsCannotRead(lp: LpMagnitudes): string | undefined {
  if (lp.maxMatrixCoefficient >= HIGHS_MAX_MATRIX_VALUE) {
    return `its coefficients reach ${lp.maxMatrixCoefficient}, and HiGHS reads none of 1e15 or more`;
  }
  if (lp.maxNumber > DOUBLE_EXACT_INTEGER) {
    return `its numbers reach ${lp.maxNumber}, beyond 2^53, which HiGHS would read rounded (another program)`;
  }
  return undefined;
}

/** The part of the `highs` package's module used here. */
export type HighsModule = { solve(problem: string, options?: Record<string, unknown>): { Status: string; Columns: Record<string, { Primal?: number }> } };

let loaded: Promise<HighsModule> | undefined;

/** Loads the HiGHS WebAssembly module once per process. */
async function loadHighs(): Promise<HighsModule> {
  loaded ??= (async () => {
    const mod = (await import('highs')) as unknown as { default: (opts?: object) => Promise<HighsModule> };
    return mod.default();
  })();
  return loaded;
}

/**
 * The weight-box ladder: bounds B tried in turn before the complete box. Small boxes give
 * small big-M, which HiGHS's floating-point branch and bound handles well; but on an
 * untrainable instance every small box is extra work before the complete box. Measured on
 * bench/exact.ts (`node dist/bench/run.js exact --no-z3 --no-cadical --no-cli`): with the
 * complete box alone HiGHS's points first fail the exact check at fan-in 16 (complete bound
 * W(16) ~ 4.4e5) and are fine up to fan-in 14 (W(14) ~ 4.0e4), while the ladder on every
 * instance made untrainable ones at n = 8..14 up to 3x slower. So the ladder is used only
 * when some unit's complete bound exceeds HIGHS_LADDER_ABOVE (fan-in >= 12 on
 * 0/1 inputs: W(12) = 4249).
 */
export const HIGHS_LADDER: readonly bigint[] = [16n, 256n];
export const HIGHS_LADDER_ABOVE = 4096n;

/**
 * The bounds to try before the complete box, for an instance whose largest complete
 * weight bound is `completeBound` (LpWithNames.completeBound): HIGHS_LADDER's bounds below
 * it when it exceeds HIGHS_LADDER_ABOVE, else none. Used by the bench's cbc column too.
 */
export function weightLadder(completeBound: bigint): bigint[] {
  return completeBound > HIGHS_LADDER_ABOVE ? HIGHS_LADDER.filter((b) => b < completeBound) : [];
}

/** One stage of the ladder: the box, HiGHS's status, and what came of it. */
export interface HighsStage {
  /** The weight bound B, or 'complete'. */
  box: string;
  highs_status: string;
  /** trainable (verified point), infeasible (in this box), unknown (no verified point). */
  outcome: 'trainable' | 'infeasible' | 'unknown';
  ms: number;
  note?: string;
  /** For outcome 'unknown': why. */
  reason?: UnknownReason['kind'];
}

/**
 * HiGHS options of the complete-box stage: integrality and primal feasibility tolerances
 * of 1e-9 instead of HiGHS's 1e-6 / 1e-7. With a big-M near 1e8, a binary that is 1e-6
 * away from integral moves a sum by about 100, far more than the margin 1; measured on the
 * set-splitting family of bench/exact.ts at n = 16..20, the defaults give points that fail
 * the exact check on all 9 instances, 1e-9 decides all 9 correctly, and 1e-10 claims two
 * trainable ones infeasible. Smaller boxes keep HiGHS's defaults.
 */
export const HIGHS_COMPLETE_OPTIONS: Readonly<Record<string, unknown>> = {
  mip_feasibility_tolerance: 1e-9,
  primal_feasibility_tolerance: 1e-9,
};

/** Decides `instance` with HiGHS's MIP solver on the LP encoding (see the module comment). */
export async function decideHighs(instance: Instance, opts: HighsDecideOptions = {}): Promise<HighsResult> {
  const t0 = performance.now();
  let highs = opts.module ?? (await loadHighs());
  const stages: HighsStage[] = [];
  let encodeMs = 0;
  let solveMs = 0;
  let last: ReturnType<typeof solveOnce> | undefined;
  const completeLp = toLpWithNames(instance);
  const ladder = opts.ladder ?? weightLadder(completeLp.completeBound);
  encodeMs += performance.now() - t0;
  const boxes: (bigint | undefined)[] = [...ladder, undefined];
  for (const bound of boxes) {
    const te = performance.now();
    const names = bound === undefined ? completeLp : toLpWithNames(instance, { weightBound: bound });
    // A bound at or above every complete bound: this stage is the complete box already.
    const final = bound === undefined || names.complete;
    const ts = performance.now();
    encodeMs += ts - te;
    const options: Record<string, unknown> = { output_flag: false, ...(final ? HIGHS_COMPLETE_OPTIONS : {}), ...opts.highsOptions };
    if (opts.timeoutMs !== undefined) {
      const left = opts.timeoutMs - (ts - t0);
      // Stages before the complete box get a quarter of what is left (an untrainable
      // instance needs the complete box anyway); the complete box all of it.
      const limit = final ? left : left / 4;
      options.time_limit = Math.max(limit, 1) / 1000;
    }
    let r: ReturnType<typeof solveOnce>;
    const unreadable = highsCannotRead(names);
    if (unreadable !== undefined) {
      const note = `the LP of the ${final ? 'complete box' : `box |w| <= ${bound}`} cannot be given to HiGHS: ${unreadable}`;
      r = { status: 'unknown', parameters: null, note, reason: { kind: 'precision', message: note }, highsStatus: 'not solved', ...lpSize(names) };
    } else {
      try {
        r = solveOnce(instance, names, highs, options);
      } catch (e) {
        // HiGHS can abort a run ("Unable to solve the problem. HiGHS error -1", seen on a
        // fan-in-18 box with a short time limit). That box gives no answer; the module is
        // reloaded, since its state after an abort is not known, and the next box is tried.
        const note = `HiGHS failed: ${(e as Error)?.message ?? String(e)}`;
        r = { status: 'unknown', parameters: null, note, reason: { kind: 'solver', message: note }, highsStatus: 'error', vars: 0, rows: 0 };
        loaded = undefined;
        highs = await loadHighs();
      }
    }
    const ms = performance.now() - ts;
    solveMs += ms;
    const outcome: HighsStage['outcome'] = r.status === 'trainable' ? 'trainable' : r.status === 'untrainable' ? 'infeasible' : 'unknown';
    stages.push({
      box: final ? 'complete' : String(bound),
      highs_status: r.highsStatus,
      outcome,
      ms: Math.round(ms),
      ...(r.note ? { note: r.note } : {}),
      ...(r.reason ? { reason: r.reason.kind } : {}),
    });
    last = r;
    if (r.status === 'trainable') break;
    if (final) break;
    // Infeasible in a small box, or no verified point: try the next box.
    if (opts.timeoutMs !== undefined && performance.now() - t0 >= opts.timeoutMs) {
      const note = `time budget used up before the complete box (last stage: ${r.note ?? r.highsStatus})`;
      last = { ...r, status: 'unknown', parameters: null, note, reason: { kind: 'budget', message: `the time budget (${opts.timeoutMs / 1000} s) ran out before the complete box` } };
      break;
    }
  }
  const done = last!;
  // Only the complete box may say untrainable (solveOnce reports infeasibility as such).
  const status: Status = done.status === 'untrainable' && stages[stages.length - 1].box !== 'complete' ? 'unknown' : done.status;
  let unknown: UnknownReason | undefined;
  if (status === 'unknown') {
    unknown = done.reason ?? { kind: 'solver', message: done.note ?? `HiGHS stopped with status ${done.highsStatus}` };
    // Earlier boxes that failed are part of the story (a budget that ran out last may
    // not be the only thing that went wrong).
    const failed = stages.slice(0, -1).filter((st) => st.reason === 'solver' || st.reason === 'precision');
    if (failed.length > 0) unknown = { ...unknown, message: `${unknown.message} (earlier: ${failed.map((st) => `box ${st.box}: ${st.note}`).join('; ')})` };
  }
  const t3 = performance.now();
  return {
    status,
    parameters: status === 'trainable' ? done.parameters : null,
    backend: 'highs',
    time_ms: Math.round(t3 - t0),
    ...(unknown ? { unknown } : {}),
    stats: {
      vars: done.vars,
      clauses: done.rows,
      patterns: {},
      symmetricGroups: [],
      encode_ms: Math.round(encodeMs),
      solve_ms: Math.round(solveMs),
      highs_status: done.highsStatus,
      stages,
      ...(done.note ? { note: status === 'trainable' ? `${done.note} (box ${stages[stages.length - 1].box})` : done.note } : {}),
    },
  };
}

/** One HiGHS run on one LP; infeasible is reported as 'untrainable' (the caller decides). */
function solveOnce(
  instance: Instance,
  names: LpWithNames,
  highs: HighsModule,
  options: Record<string, unknown>,
): { status: Status; parameters: Parameters | null; note?: string; reason?: UnknownReason; highsStatus: string; vars: number; rows: number } {
  const { vars, rows } = lpSize(names);
  const sol = highs.solve(names.text, options);

  let status: Status = 'unknown';
  let parameters: Parameters | null = null;
  let note: string | undefined;
  let reason: UnknownReason['kind'] | undefined;
  const hasPrimal = Object.values(sol.Columns ?? {}).some((c) => typeof c.Primal === 'number');
  if (sol.Status === 'Infeasible' || sol.Status === 'Primal infeasible or unbounded') {
    // Every column is bounded and the objective is 0, so the model cannot be unbounded.
    status = 'untrainable';
    note = names.complete
      ? 'infeasibility claimed by HiGHS in floating point (not certified)'
      : 'HiGHS claims no weights in this box (floating point)';
    // The complete box's claim is passed on only where the tolerance can carry it.
    const tol = Math.max(Number(options.mip_feasibility_tolerance ?? 1e-6), Number(options.primal_feasibility_tolerance ?? 1e-7));
    if (names.complete && !floatVerdictTrusted(names.maxCoefficient, tol)) {
      status = 'unknown';
      note = `HiGHS claims the complete box infeasible, but its coefficients reach ${names.maxCoefficient} and with tolerance ${tol} a row may be off by more than half the margin: not trusted`;
      reason = 'precision';
    }
  } else if (sol.Status === 'Optimal' || sol.Status === 'Empty' || hasPrimal) {
    // A limit status may carry a point too: it counts only if it passes the exact check.
    const value: LpValue = (col) => {
      const p = sol.Columns?.[col]?.Primal;
      return typeof p === 'number' ? p : 0;
    };
    const decoded = decodeLpPoint(instance, names, value);
    if (decoded) {
      parameters = decoded.parameters;
      status = 'trainable';
      note = `weights from HiGHS's solution by ${decoded.how}, checked exactly`;
    }
    if (!parameters) {
      if (sol.Status === 'Optimal' || sol.Status === 'Empty') {
        note = `HiGHS reported ${sol.Status}, but no exact rounding of its solution passes exact evaluation`;
        reason = 'precision';
      } else {
        note = `HiGHS stopped with status ${sol.Status}`;
        reason = stoppedBy(sol.Status);
      }
    }
  } else {
    note = `HiGHS stopped with status ${sol.Status}`;
    reason = stoppedBy(sol.Status);
  }
  return { status, parameters, note, ...(reason && note ? { reason: { kind: reason, message: note } } : {}), highsStatus: sol.Status, vars, rows };
}

/** The number of columns (all listed in the objective) and rows of an LP text. */
function lpSize(names: LpWithNames): { vars: number; rows: number } {
  const columns = new Set<string>();
  const rows = names.text.split('\n').filter((l) => /^ c\d+: /.test(l)).length;
  const objective = names.text.slice(names.text.indexOf('obj:'), names.text.indexOf('Subject To'));
  for (const m of objective.matchAll(/0 ([A-Za-z_][A-Za-z0-9_]*)/g)) columns.add(m[1]);
  return { vars: columns.size, rows };
}

/**
 * What a HiGHS status without an answer means: its time limit (the only limit set here,
 * from the budget) is the budget; any other (a load, model or solve error, 'Unknown', an
 * interruption) is HiGHS's own failure.
 */
function stoppedBy(highsStatus: string): UnknownReason['kind'] {
  return highsStatus === 'Time limit reached' ? 'budget' : 'solver';
}
