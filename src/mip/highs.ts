/**
 * HiGHS (npm package `highs`: the HiGHS MIP solver compiled to WebAssembly) in process, as
 * a MipSolver (./solver.ts): `--backend highs` runs the weight-box ladder (./ladder.ts) on
 * it. Loaded lazily, so no other path loads HiGHS.
 *
 * What HiGHS cannot read: its LP reader refuses a matrix entry of 1e15 or more (its option
 * large_matrix_value, applied while reading, before any option passed here takes
 * effect) and a bound or right-hand side of 1e20 or more on the wrong side (it reads
 * 1e20 as infinite); every number above 2^53 it reads rounded. Integer inputs like 1000
 * and -250 make the complete box's big-M reach that (fan-in 2: about 7.5e12, fan-in 3:
 * beyond 1e15), so such a box is not given to HiGHS at all (highsCannotRead), and the
 * ladder answers that stage `unknown` with that reason.
 *
 * HiGHS can abort a run ("Unable to solve the problem. HiGHS error -1", seen on a
 * fan-in-18 box with a short time limit). That run is 'stopped' as HiGHS's failure, and
 * the module is reloaded for the next one, since its state after an abort is not known.
 */
import { DOUBLE_EXACT_INTEGER, type LpMagnitudes, type LpWithNames } from '../encode/lp.js';
import type { UnknownReason } from '../solvers/types.js';
import type { LpValue } from './lp-point.js';
import type { MipSolution, MipSolveOptions, MipSolver } from './solver.js';

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
export type HighsModule = {
  solve(
    problem: string,
    options?: Record<string, unknown>,
  ): { Status: string; ObjectiveValue?: number; Columns: Record<string, { Primal?: number }>; Rows?: { Dual?: number }[] };
};

let loaded: Promise<HighsModule> | undefined;

/** Loads the HiGHS WebAssembly module once per process. */
export async function loadHighs(): Promise<HighsModule> {
  loaded ??= (async () => {
    const mod = (await import('highs')) as unknown as { default: (opts?: object) => Promise<HighsModule> };
    return mod.default();
  })();
  return loaded;
}

/** Loads HiGHS ahead of a run, so that a run's time does not include loading it. */
export async function preloadHighs(): Promise<void> {
  await loadHighs();
}

/** HiGHS's default integrality / primal feasibility tolerances (its options reference). */
const HIGHS_DEFAULT_TOLERANCES = { mip_feasibility_tolerance: 1e-6, primal_feasibility_tolerance: 1e-7 };

export interface HighsSolverOptions {
  /** Extra HiGHS options for every run (e.g. tolerances), over those set here. */
  highsOptions?: Record<string, unknown>;
  /**
   * The HiGHS module to solve with (default: the npm package's, loaded once). Tests pass a
   * stand-in to exercise what happens when HiGHS aborts.
   */
  module?: HighsModule;
}

/** HiGHS as a MipSolver. */
export function highsSolver(opts: HighsSolverOptions = {}): MipSolver {
  let module = opts.module;
  return {
    name: 'HiGHS',
    cannotRead: highsCannotRead,
    async solve(lp: LpWithNames, o: MipSolveOptions): Promise<MipSolution> {
      const options: Record<string, unknown> = {
        output_flag: false,
        ...(o.tolerance !== undefined ? { mip_feasibility_tolerance: o.tolerance, primal_feasibility_tolerance: o.tolerance } : {}),
        ...opts.highsOptions,
      };
      if (o.timeLimitMs !== undefined) options.time_limit = o.timeLimitMs / 1000;
      const tolerance = Math.max(
        Number(options.mip_feasibility_tolerance ?? HIGHS_DEFAULT_TOLERANCES.mip_feasibility_tolerance),
        Number(options.primal_feasibility_tolerance ?? HIGHS_DEFAULT_TOLERANCES.primal_feasibility_tolerance),
      );
      let sol: ReturnType<HighsModule['solve']>;
      try {
        sol = (module ??= await loadHighs()).solve(lp.text, options);
      } catch (e) {
        const message = `HiGHS failed: ${(e as Error)?.message ?? String(e)}`;
        loaded = undefined;
        module = await loadHighs();
        return { status: 'stopped', solverStatus: 'error', point: null, tolerance, reason: { kind: 'solver', message } };
      }
      const value: LpValue = (col) => {
        const p = sol.Columns?.[col]?.Primal;
        return typeof p === 'number' ? p : 0;
      };
      if (sol.Status === 'Infeasible' || sol.Status === 'Primal infeasible or unbounded') {
        // Every column is bounded and the objective is 0, so the model cannot be unbounded.
        return { status: 'infeasible', solverStatus: sol.Status, point: null, tolerance };
      }
      if (sol.Status === 'Optimal' || sol.Status === 'Empty') return { status: 'feasible', solverStatus: sol.Status, point: value, tolerance };
      const hasPrimal = Object.values(sol.Columns ?? {}).some((c) => typeof c.Primal === 'number');
      return {
        status: 'stopped',
        solverStatus: sol.Status,
        point: hasPrimal ? value : null,
        tolerance,
        reason: { kind: stoppedBy(sol.Status), message: `HiGHS stopped with status ${sol.Status}` },
      };
    },
  };
}

/**
 * What a HiGHS status without an answer means: its time limit (the only limit set here,
 * from the budget) is the budget; any other (a load, model or solve error, 'Unknown', an
 * interruption) is HiGHS's own failure.
 */
function stoppedBy(highsStatus: string): UnknownReason['kind'] {
  return highsStatus === 'Time limit reached' ? 'budget' : 'solver';
}
