/**
 * The bit-blasting backend: the instance's CNF (src/encode/loading.ts) on a SAT solver
 * (src/solvers: 'cadical', 'minisat', 'external:NAME'); a model is decoded into candidate
 * parameters. With `certify` (cadical only) the solver runs with DRUP_PROOF_OPTIONS
 * (src/solvers/cadical.ts), under which the clauses it learns form a DRUP proof of an
 * unsatisfiable CNF; on `untrainable` that proof is returned with the encoding's options
 * (src/exact/certificate.ts, "DRUP bundle"), unchecked: checking it forward costs several
 * times the solve, and `trainsat check` does it independently.
 */
import { encodeLoading } from '../encode/loading.js';
import type { DrupProof } from '../exact/certificate.js';
import { InputError } from '../model/errors.js';
import type { Parameters, Status } from '../model/types.js';
import { createSolver, type SatSolver, type UnknownReason } from '../solvers/index.js';
import type { Backend } from './types.js';

/** CaDiCaL recording its learned clauses in `learned` (the only solver that gives a proof). */
async function createProofSolver(solverName: string, learned: number[][]): Promise<SatSolver> {
  if (solverName !== 'cadical') throw new InputError(`certify needs the cadical solver for the bit-blasted encoding, not ${solverName}`, 'certify');
  return (await import('../solvers/cadical.js')).createProofCadical(learned);
}

/** The bit-blasting backend on the named SAT solver. */
export function bitblastBackend(solverName: string): Backend {
  return {
    async run(instance, opts) {
      const t0 = performance.now();
      const options = { symmetryBreaking: opts.symmetryBreaking !== false, shareSums: true };
      const enc = encodeLoading(instance, options);
      const t1 = performance.now();
      const size = { vars: enc.stats.vars, clauses: enc.stats.clauses };
      const report = opts.onProgress;
      report?.({ phase: 'solving', ...size });
      const learned: number[][] | null = opts.certify ? [] : null;
      const solver = learned ? await createProofSolver(solverName, learned) : await createSolver(solverName);
      let status: Status;
      let parameters: Parameters | null = null;
      let unknown: UnknownReason | undefined;
      try {
        solver.addClauses(enc.cnf.clauses);
        // The budget covers the encoding too: the solver gets what is left of it.
        const timeoutMs = opts.timeoutMs === undefined ? undefined : Math.max(0, opts.timeoutMs - (performance.now() - t0));
        const r = await solver.solve({ timeoutMs, ...(report ? { onProgress: (p) => report({ phase: 'solving', ...size, ...p }) } : {}) });
        status = r === 'sat' ? 'trainable' : r === 'unsat' ? 'untrainable' : 'unknown';
        if (r === 'sat') parameters = enc.decode((v) => solver.value(v));
        if (r === 'unknown') unknown = solver.unknownReason() ?? undefined;
      } finally {
        solver.dispose();
      }
      const t2 = performance.now();
      const certificate = learned && status === 'untrainable' ? drupProof(enc.cnf, learned, options) : undefined;
      return {
        kind: 'bitblast',
        status,
        parameters,
        ...(unknown ? { unknown } : {}),
        stats: { ...enc.stats, encode_ms: Math.round(t1 - t0), solve_ms: Math.round(t2 - t1) },
        ...(certificate ? { certificate } : {}),
      };
    },
  };
}

/** The learned clauses as a DRUP proof of the CNF (ended by the empty clause) with the encoding that built it. */
function drupProof(cnf: { numVars: number; clauses: readonly unknown[] }, learned: number[][], options: { symmetryBreaking: boolean; shareSums: boolean }): DrupProof {
  if (learned.length === 0 || learned[learned.length - 1].length !== 0) learned.push([]);
  return { kind: 'drup', encoding: { name: 'bit-blast', ...options, vars: cnf.numVars, clauses: cnf.clauses.length }, proof: learned };
}
