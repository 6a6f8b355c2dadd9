/**
 * One interface for every decision backend: a backend takes a validated instance and the
 * options, and answers a status, candidate parameters for `trainable`, its own statistics
 * and, for `unknown`, the reason when it knows one. Candidate parameters are not trusted
 * here: decide (src/decide.ts) evaluates every `trainable` answer exactly, in one place.
 *
 * The backends (each in its own module, loaded only when asked for):
 *  - bitblast (./bitblast.ts): the CNF of src/encode/loading.ts on a SAT solver of
 *    src/solvers ('cadical', 'minisat', 'external:NAME');
 *  - hybrid (./hybrid.ts): the lazy SAT + LP procedure of src/exact/hybrid.ts;
 *  - mip (./mip.ts): the MIP of src/encode/lp.ts on HiGHS, by the weight-box ladder of
 *    src/mip ('highs');
 *  - layerwise (./layerwise.ts): for layered integer-weight networks, a unit-by-unit
 *    witness search on HiGHS, then bitblast on CaDiCaL ('layerwise').
 */
import type { LoadingEncodingStats } from '../encode/loading.js';
import type { DrupProof } from '../exact/certificate.js';
import type { HybridProof, HybridStats } from '../exact/hybrid.js';
import type { MipStage } from '../mip/ladder.js';
import type { Instance, Parameters, Status } from '../model/types.js';
import type { UnknownReason } from '../solvers/types.js';

/** The backends that can certify an untrainable answer (BackendOptions.certify). */
export const CERTIFYING_BACKENDS: readonly string[] = ['hybrid', 'cadical', 'layerwise'];

export interface BackendOptions {
  /** Wall-clock budget in milliseconds. */
  timeoutMs?: number;
  /** Lexicographic symmetry breaking between interchangeable hidden units (default true). */
  symmetryBreaking?: boolean;
  /** Record a proof of an untrainable answer (the hybrid backend, and bitblast on cadical). */
  certify?: boolean;
  /**
   * Progress reports while the backend runs: the phase, the encoding's size once it is
   * built, and the conflicts of its SAT search when the solver can count them (at most
   * every PROGRESS_INTERVAL_MS of src/solvers/types.ts while solving).
   */
  onProgress?: (progress: BackendProgress) => void;
}

/** A backend's progress report (BackendOptions.onProgress). */
export interface BackendProgress {
  phase: 'encoding' | 'solving';
  /** The encoding's size, once built: variables and clauses (MIP: columns and rows). */
  vars?: number;
  clauses?: number;
  /** Conflicts of the SAT search so far, when the solver can count them. */
  conflicts?: number;
}

/** A progress report of `decide` (DecideOptions.onProgress): a backend's, or the final check. */
export interface Progress extends Omit<BackendProgress, 'phase'> {
  phase: BackendProgress['phase'] | 'verifying';
  /** Milliseconds since the backend started. */
  elapsedMs: number;
}

/** Statistics of the bit-blasting backend: the CNF's size, and the time of each step. */
export type BitblastStats = LoadingEncodingStats & { encode_ms: number; solve_ms: number };

export type { HybridStats };

/** Statistics of the layer-by-layer backend. */
export interface LayerwiseStats {
  /** Which search answered: 'witness' (layer by layer) or 'complete' (the whole CNF). */
  stage: 'witness' | 'complete';
  /** Problems solved by the witness search: one per targeted unit and output layer, one per narrower network. */
  subproblems: number;
  witness_ms: number;
  /** Why the witness search stopped without parameters, when it did. */
  witness_note?: string;
  /** The complete search's statistics, when it ran. */
  complete?: BitblastStats;
  encode_ms: number;
  solve_ms: number;
}


/** Statistics of the MIP backend: the last LP solved, and the weight boxes tried. */
export interface MipStats {
  /** Columns (variables), rows (constraints) and integer columns of the last LP solved. */
  columns: number;
  rows: number;
  integer_columns: number;
  encode_ms: number;
  solve_ms: number;
  /** HiGHS's status on the last box, e.g. 'Optimal', 'Infeasible', 'Time limit reached'. */
  highs_status: string;
  /** The boxes solved in turn (the last one gave the answer). */
  stages: MipStage[];
  /** Why the answer is `unknown`, or how the float solution was made exact. */
  note?: string;
}

/** The statistics of a run, told apart by the kind of backend. */
export type BackendStats =
  | { kind: 'bitblast'; stats: BitblastStats }
  | { kind: 'hybrid'; stats: HybridStats }
  | { kind: 'mip'; stats: MipStats }
  | { kind: 'layerwise'; stats: LayerwiseStats };

export type BackendRun = BackendStats & {
  status: Status;
  /** For `trainable`: candidate parameters (decide checks them); otherwise null. */
  parameters: Parameters | null;
  /** For `unknown`: why, when the backend knows (decide fills in the rest). */
  unknown?: UnknownReason;
  /** With `certify`, for untrainable answers: the recorded proof (src/exact/certificate.ts writes either kind). */
  certificate?: HybridProof | DrupProof;
};

export interface Backend {
  run(instance: Instance, opts: BackendOptions): Promise<BackendRun>;
}
