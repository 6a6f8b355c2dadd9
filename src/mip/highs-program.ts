/**
 * A LinearProgram (./linear-program.ts) solved by HiGHS in process (./highs.ts): the
 * integer program for a point, or its relaxation (`relax`) for row duals. What HiGHS
 * returns is a floating-point claim; callers round the point and check it exactly, and
 * turn the duals into an exact bound with dualBound.
 */
import { loadHighs } from './highs.js';
import { linearProgramText, type LinearProgram } from './linear-program.js';

export interface HighsProgramResult {
  /** HiGHS's model status text ('Optimal', 'Time limit reached', 'Infeasible', ...). */
  status: string;
  /** HiGHS's objective value (meaningful only with a point). */
  objective: number | null;
  /** Column j's value in HiGHS's point, or null without a point. */
  value: ((j: number) => number) | null;
  /** Row r's dual value (0 when HiGHS gave none). */
  dual: (r: number) => number;
  ms: number;
}

/** Solves `lp` (or its relaxation) with HiGHS within `timeLimitMs`; an abort of HiGHS is status 'error'. */
export async function solveWithHighs(lp: LinearProgram, opts: { relax?: boolean; timeLimitMs?: number } = {}): Promise<HighsProgramResult> {
  const highs = await loadHighs();
  const options: Record<string, unknown> = { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-6 };
  if (opts.timeLimitMs !== undefined) options.time_limit = Math.max(0.001, opts.timeLimitMs / 1000);
  const t0 = performance.now();
  let sol: ReturnType<typeof highs.solve>;
  try {
    sol = highs.solve(linearProgramText(lp, { relax: opts.relax }), options);
  } catch (e) {
    return { status: `error: ${(e as Error)?.message ?? String(e)}`, objective: null, value: null, dual: () => 0, ms: performance.now() - t0 };
  }
  const ms = performance.now() - t0;
  const columns = sol.Columns ?? {};
  const hasPoint = Object.values(columns).some((c) => typeof c.Primal === 'number');
  const rows = sol.Rows ?? [];
  return {
    status: sol.Status,
    objective: hasPoint && typeof sol.ObjectiveValue === 'number' ? sol.ObjectiveValue : null,
    value: hasPoint ? (j) => columns[`c${j}`]?.Primal ?? 0 : null,
    dual: (r) => {
      const d = rows[r]?.Dual;
      return typeof d === 'number' ? d : 0;
    },
    ms,
  };
}
