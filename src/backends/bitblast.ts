/**
 * The bit-blasting backend: the instance's CNF (src/encode/loading.ts) on a SAT solver
 * (src/solvers: 'cadical', 'minisat', 'external:NAME'); a model is decoded into candidate
 * parameters.
 */
import { encodeLoading } from '../encode/loading.js';
import type { Parameters, Status } from '../model/types.js';
import { createSolver, type UnknownReason } from '../solvers/index.js';
import type { Backend } from './types.js';

/** The bit-blasting backend on the named SAT solver. */
export function bitblastBackend(solverName: string): Backend {
  return {
    async run(instance, opts) {
      const t0 = performance.now();
      const enc = encodeLoading(instance, { symmetryBreaking: opts.symmetryBreaking });
      const t1 = performance.now();
      const solver = await createSolver(solverName);
      let status: Status;
      let parameters: Parameters | null = null;
      let unknown: UnknownReason | undefined;
      try {
        solver.addClauses(enc.cnf.clauses);
        // The budget covers the encoding too: the solver gets what is left of it.
        const timeoutMs = opts.timeoutMs === undefined ? undefined : Math.max(0, opts.timeoutMs - (performance.now() - t0));
        const r = await solver.solve({ timeoutMs });
        status = r === 'sat' ? 'trainable' : r === 'unsat' ? 'untrainable' : 'unknown';
        if (r === 'sat') parameters = enc.decode((v) => solver.value(v));
        if (r === 'unknown') unknown = solver.unknownReason() ?? undefined;
      } finally {
        solver.dispose();
      }
      const t2 = performance.now();
      return {
        kind: 'bitblast',
        status,
        parameters,
        ...(unknown ? { unknown } : {}),
        stats: { ...enc.stats, encode_ms: Math.round(t1 - t0), solve_ms: Math.round(t2 - t1) },
      };
    },
  };
}
