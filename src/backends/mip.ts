/**
 * The MIP backend, `--backend highs`: the instance's mixed-integer program
 * (src/encode/lp.ts) solved in process by HiGHS (src/mip/highs.ts), in growing weight
 * boxes (the ladder of src/mip/ladder.ts). A float point becomes parameters only if some
 * exact rounding of it passes exact evaluation; `untrainable` is HiGHS's floating-point
 * infeasibility claim on the complete box, not certified. Multi-class networks are refused
 * (the float point is read back for threshold and lookup units only).
 */
import { highsSolver, type HighsSolverOptions } from '../mip/highs.js';
import { InputError } from '../model/errors.js';
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
      if (instance.network.classes !== undefined) {
        throw new InputError('the highs backend does not decide multi-class outputs: use cadical (the default), or `trainsat encode --to lp` for another MIP solver', 'network.classes');
      }
      opts.onProgress?.({ phase: 'solving' });
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
