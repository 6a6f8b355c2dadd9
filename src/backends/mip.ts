/**
 * The MIP backend, `--backend highs`: the instance's mixed-integer program
 * (src/encode/lp.ts) solved in process by HiGHS (src/mip/highs.ts), in growing weight
 * boxes (the ladder of src/mip/ladder.ts). A float point becomes parameters only if some
 * exact rounding of it passes exact evaluation; `untrainable` is HiGHS's floating-point
 * infeasibility claim on the complete box, not certified. Score units of multi-class
 * networks have integer weights and are read back by rounding, like integer-weight
 * threshold units.
 */
import { highsSolver, type HighsSolverOptions } from '../mip/highs.js';
import { solveInWeightBoxes } from '../mip/ladder.js';
import type { Backend } from './types.js';

export interface HighsBackendOptions extends HighsSolverOptions {
  /** Weight bounds tried before the complete box (default weightLadder(...); [] = complete box only). */
  ladder?: readonly bigint[];
}

/** The MIP backend on HiGHS. */
export function highsBackend(options: HighsBackendOptions = {}): Backend {
  return {
    async run(instance, opts) {
      const r = await solveInWeightBoxes(instance, highsSolver(options), { timeoutMs: opts.timeoutMs, ladder: options.ladder });
      return {
        kind: 'mip',
        status: r.status,
        parameters: r.parameters,
        ...(r.unknown ? { unknown: r.unknown } : {}),
        stats: {
          columns: r.columns,
          rows: r.rows,
          integer_columns: r.integerColumns,
          encode_ms: Math.round(r.encodeMs),
          solve_ms: Math.round(r.solveMs),
          highs_status: r.solverStatus,
          stages: r.stages,
          ...(r.note ? { note: r.note } : {}),
        },
      };
    },
  };
}
