/**
 * The decision, one way: CLI (src/cli/solve.ts) -> decide -> backend (src/backends) ->
 * circuit and solver (an encoding of src/encode or the hybrid's skeleton of src/exact, on
 * a solver of src/solvers or src/mip) -> verify, here.
 *
 * `decide` picks the backend ('auto': chooseBackend), runs it on the validated instance,
 * and verifies its answer in this one place: every `trainable` answer's parameters are
 * evaluated exactly (src/model/evaluate.ts) on every example before they are returned, and
 * a failed check is an internal error (VerificationError), never an answer. A budget that
 * runs out gives `unknown`, and so does a backend that stops without an answer; `unknown`
 * answers carry the reason (DecideResult.unknown), so a failure is never reported as a
 * timeout.
 */
import { CERTIFYING_BACKENDS, type Backend, type BackendRun, type Progress } from './backends/types.js';
import { VerificationError } from './model/errors.js';
import { oneVsRestShaped } from './model/layers.js';
import { checkParameters } from './model/evaluate.js';
import { validatedInstance } from './model/parse.js';
import type { Instance } from './model/types.js';
import type { UnknownReason } from './solvers/types.js';

export type { BitblastStats, HybridStats, LayerwiseStats, MipStats, Progress } from './backends/types.js';

export interface DecideOptions {
  /**
   * 'auto' (default, see `chooseBackend`); a SAT backend for the bit-blasted encoding:
   * 'cadical', 'minisat', 'external:NAME'; or 'hybrid': the lazy SAT + LP procedure for
   * real weights (src/exact/hybrid.ts); or 'highs': the LP encoding's MIP in HiGHS (src/mip);
   * or 'layerwise': for layered integer-weight networks, a unit-by-unit witness search, then
   * CaDiCaL on the whole CNF (src/backends/layerwise.ts).
   */
  backend?: string;
  /** Wall-clock budget for the solver, in milliseconds. */
  timeoutMs?: number;
  symmetryBreaking?: boolean;
  /**
   * Record a checkable proof of an untrainable answer (src/exact/certificate.ts): the
   * hybrid procedure's, or with 'cadical' or 'layerwise' a DRUP proof over the bit-blasted CNF. 'auto'
   * then means `certifyingBackend`; any other backend is an error.
   */
  certify?: boolean;
  /**
   * Progress reports while deciding: the phase (encoding, solving, verifying), the
   * encoding's size once built, conflicts when the solver counts them, and the time since
   * the backend started. Called synchronously from inside the solver: keep it cheap.
   */
  onProgress?: (progress: Progress) => void;
}

/**
 * A backend's answer, verified: `kind` tells the backends' statistics apart (bitblast,
 * hybrid, mip); `parameters` passed exact evaluation; `unknown` always says why.
 */
export type DecideResult = BackendRun & {
  /** The backend that ran (what 'auto' stood for). */
  backend: string;
  time_ms: number;
};

export { VerificationError };

/**
 * The backend 'auto' stands for: the hybrid SAT + LP procedure when some threshold unit
 * has real weights (there it decides random blum-rivest(-and) instances with n = 8..20 in
 * milliseconds to seconds, where the bit-blasted encoding times out from n = 8 on:
 * `npm run bench -- exact`), otherwise CaDiCaL on the bit-blasted CNF (integer weights,
 * lookup and gate networks are plain SAT problems). Multi-class networks go to the
 * layer-by-layer backend when they are layered with integer weights and hidden layers at
 * least as wide as the classes (its witness search fits MNIST-sized instances where the
 * whole CNF stalls: `npm run bench -- bnn`), otherwise to CaDiCaL: only the bit-blasted
 * encoding compares scores (real-weight hidden units are bit-blasted in their complete box
 * there).
 */
export function chooseBackend(instance: Instance): 'hybrid' | 'cadical' | 'layerwise' {
  if (instance.network.classes !== undefined) return oneVsRestShaped(instance) ? 'layerwise' : 'cadical';
  const realThreshold = instance.network.units.some((u) => u.kind === 'threshold' && u.integerWeights === undefined);
  return realThreshold ? 'hybrid' : 'cadical';
}

/**
 * The backend 'auto' stands for with certify: the hybrid procedure wherever it decides the
 * instance (every network without classes), so its certificates are the ones written
 * there; for multi-class networks the backend `auto` picks without certify, 'layerwise' or
 * 'cadical': their `untrainable` comes from CaDiCaL on the whole CNF, with a DRUP proof
 * (a `trainable` answer needs no proof, so the layerwise witness search records none).
 */
export function certifyingBackend(instance: Instance): 'hybrid' | 'cadical' | 'layerwise' {
  return instance.network.classes !== undefined ? chooseBackend(instance) : 'hybrid';
}

/** The named backend, imported only when asked for (the bit-blasting path never loads the LP code, only 'highs' loads HiGHS). */
async function loadBackend(name: string): Promise<Backend> {
  if (name === 'hybrid') return (await import('./backends/hybrid.js')).hybridBackend;
  if (name === 'highs' || name === 'layerwise') await (await import('./mip/highs.js')).preloadHighs();
  if (name === 'highs') return (await import('./backends/mip.js')).highsBackend();
  if (name === 'layerwise') return (await import('./backends/layerwise.js')).layerwiseBackend();
  return (await import('./backends/bitblast.js')).bitblastBackend(name);
}

export async function decide(input: Instance, opts: DecideOptions = {}): Promise<DecideResult> {
  // An instance built in code gets the checks a file gets (the encoders rely on them).
  const instance = validatedInstance(input);
  const requested = opts.backend ?? 'auto';
  const backend = requested === 'auto' ? (opts.certify ? certifyingBackend(instance) : chooseBackend(instance)) : requested;
  if (opts.certify && !CERTIFYING_BACKENDS.includes(backend)) throw new Error(`certify needs the hybrid, cadical or layerwise backend, not ${backend}`);
  const solver = await loadBackend(backend);
  // time_ms: the backend's run and the check, not the one-time loading of its modules.
  const t0 = performance.now();
  const report = opts.onProgress;
  const onProgress = report && ((p: Omit<Progress, 'elapsedMs'>) => report({ ...p, elapsedMs: performance.now() - t0 }));
  onProgress?.({ phase: 'encoding' });
  const run = await solver.run(instance, { timeoutMs: opts.timeoutMs, symmetryBreaking: opts.symmetryBreaking, certify: opts.certify, ...(onProgress ? { onProgress } : {}) });
  if (run.status === 'trainable') onProgress?.({ phase: 'verifying' });
  verify(instance, backend, run);
  return {
    ...run,
    parameters: run.status === 'trainable' ? run.parameters : null,
    ...(run.status === 'unknown' ? { unknown: run.unknown ?? unknownReason(opts.timeoutMs, backend) } : {}),
    backend,
    time_ms: Math.round(performance.now() - t0),
  };
}

/**
 * Throws VerificationError unless a `trainable` answer comes with parameters that pass
 * exact evaluation on every example of the instance.
 */
function verify(instance: Instance, backend: string, run: BackendRun): void {
  if (run.status !== 'trainable') return;
  const check = run.parameters ? checkParameters(instance, run.parameters) : null;
  if (check?.ok) return;
  const what = check
    ? `parameters that fail exact evaluation (${check.correct}/${check.total} examples correct${check.violations.length ? '; ' + check.violations.join('; ') : ''})`
    : 'no parameters';
  throw new VerificationError(`internal error: the ${backend} backend answered trainable with ${what}. No answer is printed. Please report this instance.`);
}

/**
 * The reason of an `unknown` the backend gave none for: the budget when one was given
 * (the hybrid procedure stops only at its deadline), else a solver failure.
 */
function unknownReason(timeoutMs: number | undefined, backend: string): UnknownReason {
  return timeoutMs !== undefined
    ? { kind: 'budget', message: `the time budget (${timeoutMs / 1000} s) ran out before an answer was found` }
    : { kind: 'solver', message: `the ${backend} backend stopped without an answer (no budget was given)` };
}
