/**
 * The pipeline, one way: model -> encode -> solve -> decode -> verify.
 *
 * `decide` never returns an unchecked `trainable`: decoded parameters are evaluated
 * exactly (src/model/evaluate.ts) on every example before they are returned, and a
 * failed check is an internal error, not an answer. A budget that runs out gives
 * `unknown`, and so does a solver that stops without an answer; `unknown` answers carry
 * the reason (DecideResult.unknown), so a failure is never reported as a timeout.
 */
import { encodeLoading, type LoadingEncodingStats } from './encode/loading.js';
import { VerificationError } from './model/errors.js';
import { checkParameters } from './model/evaluate.js';
import { validatedInstance } from './model/parse.js';
import type { Instance, Parameters, Status } from './model/types.js';
import type { HybridProof } from './exact/hybrid.js';
import { createSolver, type UnknownReason } from './solvers/index.js';

export interface DecideOptions {
  /**
   * 'auto' (default, see `chooseBackend`); a SAT backend for the bit-blasted encoding:
   * 'cadical', 'minisat', 'external:NAME'; or 'hybrid': the lazy SAT + LP procedure for
   * real weights (src/exact); or 'highs': the LP encoding's MIP in HiGHS (src/solvers/highs.ts).
   */
  backend?: string;
  /** Wall-clock budget for the solver, in milliseconds. */
  timeoutMs?: number;
  symmetryBreaking?: boolean;
  /**
   * Record a checkable proof of an untrainable answer (src/exact/certificate.ts). Only the
   * hybrid procedure (with its built-in CDCL engine) produces one, so 'auto' then means
   * 'hybrid' for every instance; any other backend is an error.
   */
  certify?: boolean;
}

export interface DecideResult {
  status: Status;
  parameters: Parameters | null;
  backend: string;
  time_ms: number;
  stats: LoadingEncodingStats & { encode_ms: number; solve_ms: number };
  /** With `certify`, for untrainable answers: the recorded proof. */
  certificate?: HybridProof;
  /** For `unknown` answers: why (the budget ran out, the solver failed, float precision). */
  unknown?: UnknownReason;
}

/**
 * `r` with its `unknown` reason filled in when the backend gave none: the budget when one
 * was given (the hybrid procedure stops only at its deadline), else a solver failure.
 */
function withReason<R extends DecideResult>(r: R, timeoutMs: number | undefined, backend: string): R {
  if (r.status !== 'unknown' || r.unknown) return r;
  const unknown: UnknownReason =
    timeoutMs !== undefined
      ? { kind: 'budget', message: `the time budget (${timeoutMs / 1000} s) ran out before an answer was found` }
      : { kind: 'solver', message: `the ${backend} backend stopped without an answer (no budget was given)` };
  return { ...r, unknown };
}

export { VerificationError };

/**
 * The backend 'auto' stands for: the hybrid SAT + LP procedure when some threshold unit
 * has real weights (there it decides random blum-rivest(-and) instances with n = 8..20 in
 * milliseconds to seconds, where the bit-blasted encoding times out from n = 8 on:
 * `npm run bench -- exact`), otherwise CaDiCaL on the bit-blasted CNF (integer weights,
 * lookup and gate networks are plain SAT problems).
 */
export function chooseBackend(instance: Instance): 'hybrid' | 'cadical' {
  const realThreshold = instance.network.units.some((u) => u.kind === 'threshold' && u.integerWeights === undefined);
  return realThreshold ? 'hybrid' : 'cadical';
}

export async function decide(input: Instance, opts: DecideOptions = {}): Promise<DecideResult> {
  // An instance built in code gets the checks a file gets (the encoders rely on them).
  const instance = validatedInstance(input);
  const requested = opts.backend ?? 'auto';
  const backend = requested === 'auto' ? (opts.certify ? 'hybrid' : chooseBackend(instance)) : requested;
  if (opts.certify && backend !== 'hybrid') throw new Error(`certify needs the hybrid backend, not ${backend}`);
  if (backend === 'hybrid') {
    // Lazily imported: the bit-blasting path never loads the LP code.
    const { decideHybrid } = await import('./exact/hybrid.js');
    const r = await decideHybrid(
      instance,
      opts.certify
        ? { timeoutMs: opts.timeoutMs, symmetryBreaking: opts.symmetryBreaking, engine: 'cdcl', certify: true }
        : { timeoutMs: opts.timeoutMs, symmetryBreaking: opts.symmetryBreaking },
    );
    return withReason(r, opts.timeoutMs, backend);
  }
  if (backend === 'highs') {
    // Lazily imported: only this backend loads HiGHS (WebAssembly MIP on the LP encoding).
    const { decideHighs } = await import('./solvers/highs.js');
    return withReason(await decideHighs(instance, { timeoutMs: opts.timeoutMs }), opts.timeoutMs, backend);
  }
  const t0 = performance.now();
  const enc = encodeLoading(instance, { symmetryBreaking: opts.symmetryBreaking });
  const t1 = performance.now();
  const solver = await createSolver(backend);
  let status: Status;
  let parameters: Parameters | null = null;
  let unknown: UnknownReason | undefined;
  try {
    solver.addClauses(enc.cnf.clauses);
    const r = await solver.solve({ timeoutMs: opts.timeoutMs });
    if (r === 'sat') {
      parameters = enc.decode((v) => solver.value(v));
      const check = checkParameters(instance, parameters);
      if (!check.ok) {
        throw new VerificationError(
          `internal error: the ${backend} model decodes to parameters that fail exact evaluation ` +
            `(${check.correct}/${check.total} examples correct${check.violations.length ? '; ' + check.violations.join('; ') : ''}). ` +
            'No answer is printed. Please report this instance.',
        );
      }
      status = 'trainable';
    } else {
      status = r === 'unsat' ? 'untrainable' : 'unknown';
      if (r === 'unknown') unknown = solver.unknownReason() ?? undefined;
    }
  } finally {
    solver.dispose();
  }
  const t2 = performance.now();
  return withReason(
    {
      status,
      parameters,
      backend,
      time_ms: Math.round(t2 - t0),
      stats: { ...enc.stats, encode_ms: Math.round(t1 - t0), solve_ms: Math.round(t2 - t1) },
      ...(unknown ? { unknown } : {}),
    },
    opts.timeoutMs,
    backend,
  );
}
