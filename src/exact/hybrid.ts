/**
 * The hybrid SAT + LP decision procedure for real weights: the `hybrid` backend
 * (src/backends/hybrid.ts).
 *
 * DPLL(T) (Nieuwenhuis, Oliveras & Tinelli, "Solving SAT and SAT Modulo Theories: From an
 * Abstract Davis-Putnam-Logemann-Loveland Procedure to DPLL(T)", J. ACM 53(6), 2006) with
 * linear separability as the theory:
 *
 *  1. The Boolean skeleton (skeleton.ts) is CNF over the units' outputs per distinct
 *     input pattern: gates, lookups, integer-weight units and the output constraints are
 *     all exact there; real-weight threshold units are left free.
 *  2. The small CDCL solver of cdcl.ts searches, and calls the theory at every propagation
 *     fixpoint, i.e. on PARTIAL assignments, so a non-separable choice is refuted where it
 *     is made. (A solver that shows the theory complete models only, "lemmas on demand",
 *     needs far more theory conflicts on random blum-rivest instances: figures in
 *     docs/measurements.md.)
 *     UNSAT: no network behaviour survives, the instance is untrainable. Budget out: unknown.
 *  3. Theory check: justification (justify.ts) selects the unit outputs the assignment
 *     actually needs; for every real-weight threshold unit the needed labelled points are
 *     read off: in 'points' mode, the unit's input vector on each pattern (constants, or
 *     the assignment's values of upstream literals) labelled with its output; in 'table'
 *     mode, the cube vertices labelled with the truth table. The separation oracle
 *     (separation.ts) decides linear separability with a float LP; if the points are not
 *     separable it returns a minimal subset S with a Farkas certificate checked in exact
 *     rationals (farkas.ts; Farkas' lemma). By Kirchberger's theorem (Kirchberger, Math. Ann. 57,
 *     1903) |S| <= k + 2.
 *  4. Each conflict becomes a blocking clause: "not all of S take these labels". In
 *     points mode a point's coordinates may be upstream literals, so the clause blocks the
 *     combination: for each p in S, (out_p differs from its label) OR (some literal input
 *     of p differs from its current value). Any assignment agreeing with all of these
 *     literals reproduces exactly the certified points and labels, so the clause removes
 *     only impossible behaviours (sound), and it is false under the current assignment
 *     (progress). Units with the same theory (same inputs, real weights; or table units
 *     of the same fan-in) get the clause too, over their own output literals: a conflict
 *     of h1 is a conflict of h2.
 *  5. On a complete assignment with every unit separable, exact weights are produced per
 *     unit (rounded float direction, exact threshold, exact check; exact rational LP if
 *     rounding fails; a conflict found there is a clause like any other), and the whole
 *     network is evaluated exactly with checkParameters to choose the parameters returned
 *     with `trainable`.
 *
 * Invariants: every blocking clause added is justified by a Farkas certificate that was
 * checked in exact rational arithmetic (`onLemma` exposes each one). Floating point only
 * ever steers the search. `trainable` parameters are checked once more, like every
 * backend's, by decide (src/decide.ts). Termination: each clause is false under the
 * assignment that produced it, and there are finitely many clauses.
 *
 * Integer-weight threshold units (`integerWeights`) are not an LP question: the skeleton
 * bit-blasts just those units with src/cnf/arith.ts, so mixed networks stay hybrid.
 */
import type { LoadingEncodingStats } from '../encode/loading.js';
import { checkParameters } from '../model/evaluate.js';
import { Rational } from '../model/rational.js';
import type { Instance, Parameters, Status, ThresholdParams, Unit } from '../model/types.js';
import { PROGRESS_INTERVAL_MS, type UnknownReason } from '../solvers/types.js';
import type { FarkasCertificate } from './farkas.js';
import { SeparationOracle, type LabelledPoints, type OracleStats } from './separation.js';
import { Cdcl, type TheoryHook } from './cdcl.js';
import { solvePortfolio } from './portfolio.js';
import { unaryCount } from '../cnf/cardinality.js';
import { Justifier } from './justify.js';
import { setHyperplanePhases } from './hyperplane-phase.js';
import { tableVariables } from './hidden-tables-first.js';
import { complementCertificate, flippedLabels } from './complement-conflicts.js';
import { decideInWidthTwoForm, findWidthTwoSite } from './width-two-normal-form.js';
import { ModelPhases } from './model-phase.js';
import { decideInNormalForm, findNormalFormSite, GATE_PARAMS, withGate } from './output-normal-form.js';
import { buildSkeleton, decodeInteger, isConst, TABLE_MAX_FANIN, type Skeleton, type ThresholdTheory } from './skeleton.js';

export interface HybridOptions {
  /** Wall-clock budget in milliseconds; 'unknown' when it runs out. */
  timeoutMs?: number;
  /** Lexicographic symmetry breaking between interchangeable hidden units (default true). */
  symmetryBreaking?: boolean;
  /** Largest fan-in of a hidden-layer threshold unit handled as a truth table (skeleton.ts). */
  tableMaxFanin?: number;
  /** Called for every blocking clause added, with the exact certificate justifying it. */
  onLemma?: (lemma: TheoryLemma) => void;
  /**
   * Record a proof of `untrainable`: every theory clause, with its
   * certificate, as it is handed to the solver, and every learned clause, in order; on
   * UNSAT the empty clause ends it. Returned as `certificate` (untrainable answers only);
   * written and checked by src/exact/certificate.ts.
   */
  certify?: boolean;
  /**
   * Decide a fan-in-2 threshold unit over two private hidden threshold units as AND or
   * NAND (output-normal-form.ts), and a layered network with two first-layer units as
   * the lookup of them (width-two-normal-form.ts); default true; never with certify.
   */
  outputNormalForm?: boolean;
  /** The width-two normal form alone (width-two-normal-form.ts; default true; off with outputNormalForm false). */
  widthTwoNormalForm?: boolean;
  /**
   * Every certified conflict also blocks the complemented labels (complement-conflicts.ts;
   * default: when some unit reads hidden units through a table, i.e. table-mode units or lookups).
   */
  complementConflicts?: boolean;
  /** Decide the truth tables of units reading hidden units before anything else (hidden-tables-first.ts; default true). */
  hiddenTablesFirst?: boolean;
  /**
   * Unassigned outputs of a unit take the side of its current separator as their phase
   * (hyperplane-phase.ts; default true), in the engine without model phases.
   */
  hyperplanePhases?: boolean;
  /**
   * Search with a portfolio of engines in turns, sharing theory clauses (portfolio.ts;
   * default false; never with certify): one with phases from the theory's separators
   * (model-phase.ts), one with the engine's own phases. False: one engine, with `modelPhases`.
   */
  portfolio?: boolean;
  /**
   * Without the portfolio: decisions on a unit's outputs follow its current float separator
   * (model-phase.ts). Default: true unless some unit reads hidden units through a table
   * (deep networks), where the engine's own phases and `hyperplanePhases` are used.
   */
  modelPhases?: boolean;
  /**
   * The engine deletes the worse half of its learned and theory clauses by literal block
   * distance every few thousand conflicts (cdcl.ts; default true). False keeps them all; a
   * schedule sets the engine's `reduceBase`, `reduceStep`, `keepLbd` and `compactAt` (e.g. a reduction
   * after every conflict that keeps no clause for its LBD, for tests).
   */
  clauseDeletion?: boolean | { reduceBase: number; reduceStep: number; keepLbd: number; compactAt?: number };
  /**
   * Theory checks of partial assignments after every k-th decision only (the CDCL engine's
   * theoryInterval; complete assignments are always checked; default 1: at every
   * propagation fixpoint). Fewer checks cost less per decision but find conflicts later;
   * docs/measurements.md ("Set splitting n = 30, 40") has what k = 2, 3, 4 did.
   */
  theoryInterval?: number;
  /**
   * Progress while solving: the skeleton's size and the CDCL engine's conflicts, at most
   * every PROGRESS_INTERVAL_MS (src/solvers/types.ts) and once when the search stops.
   */
  onProgress?: (progress: { phase: 'solving'; vars: number; clauses: number; conflicts: number }) => void;
}

/** One step of a recorded proof: a certified theory clause, or a clause claimed RUP. */
export type ProofRecordStep = ({ kind: 'lemma' } & TheoryLemma) | { kind: 'rup'; clause: number[] };

/** The proof recorded with `certify`, and the skeleton it refers to. */
export interface HybridProof {
  symmetryBreaking: boolean;
  tableMaxFanin: number;
  /** Variables and clauses of the skeleton CNF the steps refer to. */
  vars: number;
  clauses: number;
  steps: ProofRecordStep[];
}

/** A blocking clause and the certified labelled points it rules out. */
export interface TheoryLemma {
  unit: string;
  clause: number[];
  certificate: FarkasCertificate;
}

export interface HybridStats extends LoadingEncodingStats {
  /** Hidden units whose first output was fixed by complement symmetry (skeleton.ts). */
  polarity_fixed: string[];
  /** The SAT engine: the built-in CDCL solver (cdcl.ts). */
  engine: 'cdcl';
  encode_ms: number;
  solve_ms: number;
  /** Time inside the SAT solver. */
  sat_ms: number;
  /** Time in the separation oracle (LPs, certificates, exact weights). */
  lp_ms: number;
  sat_calls: number;
  /** Decisions and conflicts of the CDCL engine. */
  decisions: number;
  sat_conflicts: number;
  /** Theory checks (partial or complete assignments). */
  theory_checks: number;
  /** Float LPs (including the deletion filter's). */
  lps: number;
  pivots: number;
  lp_cache_hits: number;
  /** Exact rational LPs (fallbacks and final weights that did not round). */
  exact_lps: number;
  /** Certified conflicts (minimal non-separable subsets). */
  conflicts: number;
  /** Blocking clauses added (a conflict yields one per unit sharing its theory). */
  lemmas: number;
  /** Learned and theory clauses deleted by the engine's clause-database reductions (cdcl.ts). */
  clauses_deleted: number;
  /** Real-weight threshold units decided lazily. */
  theory_units: number;
  /** Output normal form (output-normal-form.ts): the gate variants decided, in order. */
  output_normal_form?: { unit: string; gate: 'and' | 'nand'; status: string }[];
}

export interface HybridResult {
  status: Status;
  /** For trainable: parameters chosen by exact evaluation (decide checks them again). */
  parameters: Parameters | null;
  time_ms: number;
  stats: HybridStats;
  /** With `certify`, for untrainable answers: the recorded proof. */
  certificate?: HybridProof;
}


/**
 * A search strategy: phases from the theory's separators with the classes' line drawn
 * where labelling costs the LP nothing or at the midpoint (model-phase.ts), or the
 * engine's own phases.
 */
type Strategy = 'free' | 'midpoint' | 'engine';
const PORTFOLIO: Strategy[] = ['free', 'engine'];

/** The cube {0,1}^k as labelled-point coordinates (vertex i: first coordinate = MSB). */
const cubeCache = new Map<number, { exact: Rational[][]; float: Float64Array[] }>();
function cube(k: number) {
  let c = cubeCache.get(k);
  if (!c) {
    const exact: Rational[][] = [];
    const float: Float64Array[] = [];
    for (let i = 0; i < 1 << k; i++) {
      const bits = Array.from({ length: k }, (_, j) => (i >> (k - 1 - j)) & 1);
      exact.push(bits.map((b) => (b ? Rational.ONE : Rational.ZERO)));
      float.push(Float64Array.from(bits));
    }
    c = { exact, float };
    cubeCache.set(k, c);
  }
  return c;
}

/**
 * The theory side: justification, labelled points, LPs, blocking clauses, and exact
 * weights on complete assignments.
 */
class ThresholdTheoryChecker {
  readonly oracle = new SeparationOracle();
  conflicts = 0;
  lemmas = 0;
  private readonly groups = new Map<string, ThresholdTheory[]>();
  private readonly fixedPoints = new Map<ThresholdTheory, { exact: Rational[][]; float: Float64Array[] }>();
  private readonly nodeIndex = new Map<ThresholdTheory, number>();
  /**
   * Per theory (in skeleton order), for points-mode units on fixed points: the labelled
   * points and needed ids that every check overwrites in place (nothing keeps them past the
   * check that filled them); null for the others, whose points are made per check.
   */
  private readonly buffers: ({ pts: LabelledPoints; ids: number[] } | null)[];
  /** The last check's labelled points, needed ids and float separator (null: none) per theory. */
  private readonly lastPoints: LabelledPoints[] = [];
  private readonly lastIds: number[][] = [];
  private readonly hints: (Float64Array | null)[] = [];
  /** Keys (clauseKey) of the blocking clauses handed over: a unit sharing the theory does not get the same clause twice. */
  private readonly seen = new Set<number>();
  private readonly justifier: Justifier;
  /**
   * Whether conflicts also block the complemented labels (complement-conflicts.ts): by
   * default when units read hidden units through tables (table-mode units, lookups), where
   * the search is over functions of hidden units.
   */
  private readonly complement: boolean;
  /** When set, unassigned outputs get the phase of the unit's current separator (hyperplane-phase.ts). */
  setPhase?: (v: number, value: boolean) => void;
  /** Called with every unit found separable and the float direction found (model-phase.ts). */
  onSeparable?: (th: ThresholdTheory, pts: LabelledPoints, ids: number[], w: Float64Array) => void;

  /**
   * `accepts(p)`: whether candidate parameters pass the caller's exact evaluation (the
   * examples the caller needs fitted).
   */
  constructor(
    private readonly sk: Skeleton,
    private readonly accepts: (p: Parameters) => boolean,
    private readonly opts: HybridOptions,
  ) {
    const byRows = new Map<ThresholdTheory['rows'], { exact: Rational[][]; float: Float64Array[] }>();
    for (const th of sk.theories) {
      if (!this.groups.has(th.groupKey)) this.groups.set(th.groupKey, []);
      this.groups.get(th.groupKey)!.push(th);
      if (th.mode === 'table') this.fixedPoints.set(th, cube(th.k));
      else if (th.constant) {
        // Units reading the same inputs share their rows (skeleton.ts), and so their points.
        let pts = byRows.get(th.rows);
        if (!pts) {
          const exact = th.rows.map((r) => r.map((v) => (isConst(v) ? v.c : Rational.ZERO)));
          pts = { exact, float: exact.map(toFloats) };
          byRows.set(th.rows, pts);
        }
        this.fixedPoints.set(th, pts);
      }
    }
    sk.circuit.forEach((n, i) => {
      if (n.theory) this.nodeIndex.set(n.theory, i);
    });
    this.buffers = sk.theories.map((th) => {
      const fixed = this.fixedPoints.get(th);
      if (!fixed || th.mode !== 'points' || !th.constant) return null;
      return { pts: { exact: fixed.exact, float: fixed.float, labels: new Uint8Array(th.out.length), dim: th.k }, ids: [] };
    });
    this.justifier = new Justifier(sk);
    this.complement = opts.complementConflicts ?? tableVariables(sk).length > 0;
  }

  /**
   * Checks the assignment (`val(l)`: 1 true, -1 false, 0 unassigned). Returns blocking
   * clauses (all false under the assignment), or none; on a complete assignment with
   * none, also the parameters (the first candidate that passes exact evaluation).
   */
  check(val: (l: number) => number, complete: boolean): { lemmas: number[][]; parameters?: Parameters } {
    const lit = (l: number) => val(l) === 1;
    const cared = this.justifier.run(val);
    const lemmas: number[][] = [];
    const { theories } = this.sk;
    for (let t = 0; t < theories.length; t++) {
      const th = theories[t];
      const buf = this.buffers[t];
      let pts: LabelledPoints;
      let ids: number[];
      if (buf) {
        // Fixed points: the labels and the needed ids in one pass, into the unit's buffers.
        pts = buf.pts;
        ids = buf.ids;
        labelFixed(th, cared[this.nodeIndex.get(th)!], val, pts.labels, ids);
      } else {
        pts = labelledPoints(th, this.fixedPoints.get(th), lit);
        ids = caredPoints(th, cared[this.nodeIndex.get(th)!], val);
      }
      this.lastPoints[t] = pts;
      this.lastIds[t] = ids;
      this.hints[t] = null;
      const res = this.oracle.check(pts, th.unit.id, ids);
      if (res.kind === 'separable') {
        this.hints[t] = res.w;
        if (this.setPhase && !complete) setHyperplanePhases(th, pts, ids, res.w, val, this.setPhase);
        this.onSeparable?.(th, pts, ids, res.w);
        continue;
      }
      this.addConflict(th, res.support, res.certificate, pts, lit, lemmas);
    }
    if (lemmas.length > 0 || !complete) return { lemmas };
    // Every unit separable in floating point: make exact weights, then evaluate the whole
    // network exactly. (Should the justified subsets ever not suffice, the second attempt
    // asks every unit to realize all of the assignment's labels.)
    let candidate: Parameters = {};
    for (const all of [false, true]) {
      const params: Parameters = {};
      for (let t = 0; t < theories.length; t++) {
        const th = theories[t];
        const pts = this.lastPoints[t];
        const ids = this.lastIds[t];
        const e = this.oracle.exactThreshold(pts, this.hints[t], all ? undefined : ids);
        if (e.kind === 'params') params[th.unit.id] = e.params;
        else if (e.kind === 'conflict') this.addConflict(th, e.support, e.certificate, pts, lit, lemmas);
      }
      if (lemmas.length > 0) return { lemmas };
      candidate = finishParameters(this.sk, params, (v) => val(v) === 1);
      if (this.accepts(candidate)) return { lemmas, parameters: candidate };
    }
    // Neither passes: the candidate goes on as it is, and decide's exact check rejects it
    // as an internal error.
    return { lemmas, parameters: candidate };
  }

  /** Blocking clauses of a certified conflict for every unit sharing th's theory. */
  private addConflict(th: ThresholdTheory, support: number[], certificate: FarkasCertificate, pts: LabelledPoints, lit: (l: number) => boolean, out: number[][]): void {
    this.conflicts++;
    this.addBlocking(th, support, certificate, pts.labels, lit, out);
    if (!this.complement) return;
    const flipped = complementCertificate(certificate);
    if (flipped) this.addBlocking(th, support, flipped, flippedLabels(pts.labels, support), lit, out);
  }

  /** The blocking clauses of `support` labelled `labels` for every unit sharing th's theory. */
  private addBlocking(th: ThresholdTheory, support: number[], certificate: FarkasCertificate, labels: Uint8Array, lit: (l: number) => boolean, out: number[][]): void {
    for (const other of this.groups.get(th.groupKey)!) {
      const clause = blockingClause(other, support, labels, lit);
      const key = clauseKey(clause);
      if (this.seen.has(key) && other !== th) continue;
      this.seen.add(key);
      out.push(clause);
      this.lemmas++;

      this.opts.onLemma?.({ unit: other.unit.id, clause, certificate });
    }
  }
}

/**
 * A 53-bit hash of a clause's literal sequence (two 32-bit multiplicative hashes, one cut
 * to 21 bits). Two different clauses share a key with probability about 2^-53 per pair;
 * the only use is skipping a duplicate clause for a unit sharing the theory, so a shared
 * key can cost a clause (search order), never an answer.
 */
export function clauseKey(clause: readonly number[]): number {
  let a = 0x811c9dc5 ^ clause.length;
  let b = 0x9e3779b9;
  for (const l of clause) {
    a = Math.imul(a ^ l, 0x01000193);
    b = Math.imul(b + l, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/**
 * Decides the instance with the hybrid procedure. Layered networks of the width-two normal
 * form (width-two-normal-form.ts) are decided as their variant. Networks with an output-normal-form site
 * (output-normal-form.ts: a fan-in-2 threshold unit over two private hidden threshold
 * units) are decided as their AND and NAND variants, unless `certify` is set or
 * `outputNormalForm` is false.
 */
export async function decideHybrid(instance: Instance, opts: HybridOptions = {}): Promise<HybridResult> {
  if (!opts.certify && opts.outputNormalForm !== false && opts.widthTwoNormalForm !== false) {
    const t0 = performance.now();
    const w = await decideInWidthTwoForm(instance, (variant) => decideHybrid(variant, opts));
    if (w) return w;
    // (null after a variant's run only if its parameters failed the exact check: the
    // original network is decided in the time left.)
    if (opts.timeoutMs !== undefined && findWidthTwoSite(instance)) opts = { ...opts, timeoutMs: Math.max(0, opts.timeoutMs - (performance.now() - t0)) };
  }
  if (!opts.certify && opts.outputNormalForm !== false) {
    const r = await decideInNormalForm<HybridStats>(
      instance,
      opts.timeoutMs,
      (inst, timeoutMs) => decideHybrid(inst, { ...opts, timeoutMs }),
      mergeStats,
    );
    if (r) return r;
  }
  return decideSkeleton(instance, opts);
}

/** Stats of several runs: counts and times added, the rest from the last run. */
function mergeStats(runs: HybridStats[], tried: NonNullable<HybridStats['output_normal_form']>): HybridStats {
  const out = { ...runs[runs.length - 1] } as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) {
    // Sizes describe the last network decided; counts and times add up.
    if (typeof v === 'number' && !['vars', 'clauses', 'theory_units'].includes(k)) out[k] = runs.reduce((a, r) => a + ((r as unknown as Record<string, number>)[k] ?? 0), 0);
  }
  const inner = runs.flatMap((r) => r.output_normal_form ?? []);
  out.output_normal_form = [...tried, ...inner];
  return out as unknown as HybridStats;
}

/** The hybrid procedure proper, on the network as given. */
async function decideSkeleton(instance: Instance, opts: HybridOptions): Promise<HybridResult> {
  const t0 = performance.now();
  const deadline = opts.timeoutMs !== undefined ? t0 + opts.timeoutMs : Infinity;
  const sk = buildSkeleton(instance, { symmetryBreaking: opts.symmetryBreaking, tableMaxFanin: opts.tableMaxFanin });
  const t1 = performance.now();
  // With certify, every theory clause passes through addConflict's onLemma (the only
  // source of theory clauses) before check() hands it to the solver.
  const steps: ProofRecordStep[] = [];
  const userOnLemma = opts.onLemma;
  const theoryOpts: HybridOptions = opts.certify
    ? {
        ...opts,
        onLemma: (l) => {
          steps.push({ kind: 'lemma', unit: l.unit, clause: l.clause.slice(), certificate: l.certificate });
          userOnLemma?.(l);
        },
      }
    : opts;
  let proof: HybridProof | undefined;
  let status: Status = 'unknown';
  let parameters: Parameters | null = null;
  let lpMs = 0;
  const report = opts.onProgress;
  let nextProgress = performance.now() + PROGRESS_INTERVAL_MS;
  // One engine per search strategy (portfolio.ts); certified runs record one engine's proof.
  // Default: one engine; model phases unless units read hidden units through tables, where
  // the engine's own phases with hyperplane phases decide faster (docs/measurements.md).
  const tables = tableVariables(sk);
  const modelPhases = opts.modelPhases ?? tables.length === 0;
  const strategies: Strategy[] = opts.certify || opts.portfolio !== true ? [modelPhases ? 'free' : 'engine'] : PORTFOLIO;
  const members = strategies.map((strategy) => {
    const theory = new ThresholdTheoryChecker(sk, (p) => checkParameters(instance, p).ok, { ...theoryOpts, complementConflicts: theoryOpts.complementConflicts ?? tables.length > 0 });
    const cdcl = new Cdcl(sk.cnf.numVars);
    if (opts.clauseDeletion === false) cdcl.clauseDeletion = false;
    else if (typeof opts.clauseDeletion === 'object') Object.assign(cdcl, opts.clauseDeletion);
    if (opts.theoryInterval !== undefined) cdcl.theoryInterval = Math.max(1, Math.floor(opts.theoryInterval));
    for (const c of sk.cnf.clauses) cdcl.addClause(c);
    if (opts.hiddenTablesFirst !== false) cdcl.decideFirst = tables;
    if (opts.certify) cdcl.onLearn = (clause) => steps.push({ kind: 'rup', clause: [...clause] });
    const phases = strategy !== 'engine' ? new ModelPhases(cdcl, sk.cnf.numVars, sk.cnf.clauses, strategy) : null;
    if (phases) theory.onSeparable = (th, pts, ids, w) => phases.observe(th, pts, ids, w);
    // The engine that keeps its own phases still puts undecided outputs on their unit's
    // separator side (hyperplane-phase.ts); model phases already do so where they apply.
    else if (opts.hyperplanePhases !== false) theory.setPhase = (v, value) => cdcl.setPhase(v, value);
    const val = (l: number) => cdcl.litValue(l);
    const hook: TheoryHook = {
      check(complete) {
        const tc = performance.now();
        // The theory is consulted at every propagation fixpoint: the engine's one callback.
        if (report && tc >= nextProgress) {
          nextProgress = tc + PROGRESS_INTERVAL_MS;
          progress();
        }
        try {
          const res = theory.check(val, complete);
          if (res.parameters) parameters = res.parameters;
          if (res.lemmas.length === 0) phases?.commit();
          return res.lemmas;
        } finally {
          lpMs += performance.now() - tc;
        }
      },
    };
    return { cdcl, theory: hook, checker: theory };
  });
  const total = (f: (m: (typeof members)[number]) => number) => members.reduce((a, m) => a + f(m), 0);
  const progress = () => report?.({ phase: 'solving', vars: sk.cnf.numVars, clauses: sk.cnf.clauses.length + total((m) => m.checker.lemmas), conflicts: total((m) => m.cdcl.conflicts) });
  progress();
  const ts = performance.now();
  const r = solvePortfolio(members, deadline).status;
  const satMs = performance.now() - ts - lpMs;
  progress();
  if (r === 'unsat') {
    status = 'untrainable';
    if (opts.certify) {
      steps.push({ kind: 'rup', clause: [] });
      proof = {
        symmetryBreaking: opts.symmetryBreaking !== false,
        tableMaxFanin: opts.tableMaxFanin ?? TABLE_MAX_FANIN,
        vars: sk.cnf.numVars,
        clauses: sk.cnf.clauses.length,
        steps,
      };
    }
  } else if (r === 'sat') {
    // The theory hands over parameters with the complete assignment it accepts.
    status = 'trainable';
  }

  const t2 = performance.now();
  const os = (k: keyof OracleStats) => total((m) => m.checker.oracle.stats[k]);
  return {
    status,
    parameters,
    time_ms: Math.round(t2 - t0),
    ...(proof ? { certificate: proof } : {}),
    stats: {
      vars: sk.cnf.numVars,
      clauses: sk.cnf.clauses.length + total((m) => m.checker.lemmas),
      patterns: sk.patterns,
      symmetricGroups: sk.symmetricGroups,
      polarity_fixed: sk.polarityFixed,
      engine: 'cdcl',
      encode_ms: Math.round(t1 - t0),
      solve_ms: Math.round(t2 - t1),
      sat_ms: Math.round(satMs),
      lp_ms: Math.round(lpMs),
      sat_calls: 1,
      decisions: total((m) => m.cdcl.decisions),
      sat_conflicts: total((m) => m.cdcl.conflicts),
      theory_checks: total((m) => m.cdcl.theoryChecks),
      lps: os('lps'),
      pivots: os('pivots'),
      lp_cache_hits: os('cacheHits'),
      exact_lps: os('exactLps'),
      conflicts: total((m) => m.checker.conflicts),
      lemmas: total((m) => m.checker.lemmas),
      clauses_deleted: total((m) => m.cdcl.deleted),
      theory_units: sk.theories.length,
    },
  };
}

/** A point's float coordinates (a loop: TypedArray.from with a map function is a slow path in V8). */
function toFloats(p: readonly Rational[]): Float64Array {
  const f = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) f[i] = p[i].toNumber();
  return f;
}

/** The unit's labelled points under the current model (`lit` = truth of a literal). */
export function labelledPoints(
  th: ThresholdTheory,
  fixed: { exact: Rational[][]; float: Float64Array[] } | undefined,
  lit: (l: number) => boolean,
): LabelledPoints {
  const src = th.mode === 'table' ? th.table : th.out;
  const labels = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) labels[i] = lit(src[i]) ? 1 : 0;
  if (fixed) return { exact: fixed.exact, float: fixed.float, labels, dim: th.k };
  const exact = th.rows.map((r) => r.map((v) => (isConst(v) ? v.c : lit(v.l) ? Rational.ONE : Rational.ZERO)));
  return { exact, float: exact.map(toFloats), labels, dim: th.k };
}

/**
 * labelledPoints' labels and caredPoints' ids of a points-mode unit on fixed points, in
 * one pass, written into `labels` and `ids` (emptied first).
 */
function labelFixed(th: ThresholdTheory, cared: Uint8Array, val: (l: number) => number, labels: Uint8Array, ids: number[]): void {
  const out = th.out;
  // Written in place and cut to length once: emptying the array first would give up its
  // storage, and every check would grow it again.
  let k = 0;
  for (let p = 0; p < out.length; p++) {
    const v = val(out[p]);
    labels[p] = v === 1 ? 1 : 0;
    if (cared[p] && v !== 0) ids[k++] = p;
  }
  ids.length = k;
}

/**
 * The point ids the assignment needs from a unit: justified patterns whose output and
 * literal inputs are assigned (points mode), or the cube vertices they reach (table mode).
 */
export function caredPoints(th: ThresholdTheory, cared: Uint8Array, val: (l: number) => number): number[] {
  const ids: number[] = [];
  if (th.constant) {
    for (let p = 0; p < cared.length; p++) if (cared[p] && val(th.out[p]) !== 0) ids.push(p);
    return ids;
  }
  const seen = new Set<number>();
  for (let p = 0; p < cared.length; p++) {
    if (!cared[p]) continue;
    let vertex = 0;
    let ok = true;
    for (const x of th.rows[p]) {
      const b = isConst(x) ? (x.c.num !== 0n ? 1 : -1) : val(x.l);
      if (b === 0) {
        ok = false;
        break;
      }
      vertex = 2 * vertex + (b === 1 ? 1 : 0);
    }
    if (!ok) continue;
    if (th.mode === 'points') {
      if (val(th.out[p]) !== 0) ids.push(p);
    } else if (!seen.has(vertex) && val(th.table[vertex]) !== 0) {
      seen.add(vertex);
      ids.push(vertex);
    }
  }
  return ids;
}

/**
 * The clause "not all of these points take these labels (at these input values)" for
 * unit `th`; `labels` are the certified labels, `lit` the model that produced them.
 */
export function blockingClause(th: ThresholdTheory, support: number[], labels: Uint8Array, lit: (l: number) => boolean): number[] {
  const out = new Set<number>();
  for (const p of support) {
    if (th.mode === 'table') {
      out.add(labels[p] === 1 ? -th.table[p] : th.table[p]);
      continue;
    }
    out.add(labels[p] === 1 ? -th.out[p] : th.out[p]);
    for (const v of th.rows[p]) if (!isConst(v)) out.add(lit(v.l) ? -v.l : v.l);
  }
  return [...out].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
}

/** Adds lookup tables, integer-weight and irrelevant units' parameters to `params`. */
function finishParameters(sk: Skeleton, params: Parameters, value: (v: number) => boolean): Parameters {
  for (const lk of sk.lookups) {
    const table = new Array<0 | 1>(1 << lk.unit.inputs.length).fill(0);
    for (const [i, l] of lk.entries) table[i] = value(l) ? 1 : 0;
    params[lk.unit.id] = { table };
  }
  for (const iu of sk.integerUnits) params[iu.unit.id] = decodeInteger(iu, value);
  for (const u of sk.irrelevant) params[u.id] = defaultParams(u);
  return params;
}

function defaultParams(u: Unit): ThresholdParams | { table: (0 | 1)[] } {
  const k = u.inputs.length;
  if (u.kind === 'lookup') return { table: new Array<0 | 1>(1 << k).fill(0) };
  let v = 0n;
  if (u.integerWeights) {
    const lo = BigInt(u.integerWeights.min);
    const hi = BigInt(u.integerWeights.max);
    v = lo > 0n ? lo : hi < 0n ? hi : 0n;
  }
  return { weights: new Array<Rational>(k).fill(Rational.of(v)), threshold: Rational.of(v) };
}

/**
 * The hybrid procedure kept open for a rising bound "at least k examples fully correct"
 * (exact best fit, src/optimize/max-fit.ts): the skeleton with a correct literal per
 * example (built as for `minCorrect: 0`, which posts no cardinality constraint), a
 * totalizer over those literals (src/cnf/cardinality.ts `unaryCount`, fully defined, so
 * its k-th output is "at least k correct"), and one CDCL engine. `require(k)` adds that
 * output as a unit clause. Bounds only rise, so every clause learned and every certified
 * theory lemma stays valid for the next solve: they are consequences of the skeleton and
 * the theory, not of the bound.
 */
export class HybridFitSession {
  private readonly cdcl: Cdcl;
  private readonly theory: ThresholdTheoryChecker;
  /** count[j]: "at least j + 1 examples correct". */
  private readonly count: number[];
  /** The instance the theory's final exact check holds candidates to: minCorrect is the current bound. */
  private readonly target: Instance;
  parameters: Parameters | null = null;

  constructor(instance: Instance, opts: Pick<HybridOptions, 'symmetryBreaking' | 'tableMaxFanin'> = {}) {
    this.target = { ...instance, minCorrect: 0 };
    const sk = buildSkeleton(this.target, opts);
    this.count = unaryCount(sk.cnf, sk.correct);
    this.theory = new ThresholdTheoryChecker(sk, (p) => checkParameters(this.target, p).ok, {});
    this.cdcl = new Cdcl(sk.cnf.numVars);
    for (const c of sk.cnf.clauses) this.cdcl.addClause(c);
    // Decisions first try every example correct, so the first models already fit many.
    for (const l of sk.correct) if (Math.abs(l) > 1) this.cdcl.setPhase(Math.abs(l), l > 0);
  }

  /** From now on, at least k examples must be fully correct (k from 1 to the number of examples). */
  require(k: number): void {
    if (k <= 0) return;
    this.target.minCorrect = Math.max(this.target.minCorrect ?? 0, k);
    this.cdcl.addClause([this.count[k - 1]]);
  }

  /**
   * From now on, fewer than k examples are fitted: sound only after an 'unsat' answer of
   * `solve(deadline, k)`, which proved that no parameters fit k examples.
   */
  forbid(k: number): void {
    if (k > 0) this.cdcl.addClause([-this.count[k - 1]]);
  }

  /**
   * Solves under the bounds required so far and, with `assume`, under the assumption "at
   * least `assume` examples correct" for this solve only (the engine's assumption literal;
   * its learned clauses and the certified theory lemmas hold without it, cdcl.ts). On
   * 'sat', `parameters` are the theory's candidate (not yet checked), accepted by the
   * theory's exact evaluation against the assumed bound too.
   */
  solve(deadline: number, assume?: number): 'sat' | 'unsat' | 'unknown' {
    this.parameters = null;
    const kept = this.target.minCorrect ?? 0;
    const assumptions = assume !== undefined && assume > kept ? [this.count[assume - 1]] : [];
    if (assumptions.length > 0) this.target.minCorrect = assume;
    const val = (l: number) => this.cdcl.litValue(l);
    try {
      return this.cdcl.solve(
        {
          check: (complete) => {
            const res = this.theory.check(val, complete);
            if (res.parameters) this.parameters = res.parameters;
            return res.lemmas;
          },
        },
        deadline,
        assumptions,
      );
    } finally {
      this.target.minCorrect = kept;
    }
  }

  /** Conflicts of the CDCL engine and certified theory conflicts so far. */
  get stats(): { sat_conflicts: number; conflicts: number; lemmas: number } {
    return { sat_conflicts: this.cdcl.conflicts, conflicts: this.theory.conflicts, lemmas: this.theory.lemmas };
  }
}

/** The answer of a subset solve: parameters (theory's candidate, accepted on the subset), or a failed subset. */
export type SubsetAnswer =
  /** `checked`: the parameters were evaluated exactly (checkParameters) on every example asked about, and fit them. */
  | { status: 'sat'; parameters: Parameters; checked?: boolean }
  | { status: 'unsat'; failed: number[] } | { status: 'unknown'; unknown?: UnknownReason };

/** The CDCL engine's theoryInterval in subset sessions. */
const SUBSET_THEORY_INTERVAL = 4;

/**
 * One network's skeleton with a selector literal per example (its `correct` literal, built
 * as for `minCorrect: 0`, which posts no cardinality constraint) on one CDCL engine, solved
 * under the assumptions "these examples are correct".
 *
 * Soundness of a refutation under assumptions: the skeleton's clauses hold for the
 * behaviour of every parameter setting (correct literal e true iff e is fitted), and each
 * theory lemma is a Farkas-certified fact about every such behaviour, whatever was assumed
 * when it was found; the engine's failed assumptions are unsatisfiable together with those
 * clauses (cdcl.ts). So no parameters fit the examples of the failed assumptions. The
 * symmetry breaking of the skeleton maps parameters to ones with the same function on
 * every input, so it holds for every subset too.
 */
class SubsetEngine {
  private readonly cdcl: Cdcl;
  private readonly theory: ThresholdTheoryChecker;
  private readonly correct: number[];
  /**
   * The original instance restricted to the examples of the current solve: the theory's
   * final exact check, of the candidate completed for the original network.
   */
  private needed: Instance;
  /** The last candidate whose completion that exact evaluation accepted. */
  private accepted: Parameters | null = null;

  /**
   * `network`: the instance as decided here (the original or an output-normal-form
   * variant); `complete` turns its parameters into the original network's.
   */
  constructor(
    network: Instance,
    private readonly original: Instance,
    private readonly complete: (p: Parameters) => Parameters,
    opts: Pick<HybridOptions, 'symmetryBreaking' | 'tableMaxFanin'>,
    phase: boolean,
  ) {
    this.needed = original;
    const sk = buildSkeleton({ ...network, minCorrect: 0 }, opts);
    this.correct = sk.correct;
    this.theory = new ThresholdTheoryChecker(
      sk,
      (p) => {
        const ok = checkParameters(this.needed, complete(p)).ok;
        if (ok) this.accepted = p;
        return ok;
      },
      {},
    );
    this.cdcl = new Cdcl(sk.cnf.numVars);
    // Most questions of a core search are fittable and near the last model (phase saving):
    // theory checks at every decision cost more there than the early conflicts they find
    // (CPU time of the core search, docs/measurements.md).
    this.cdcl.theoryInterval = SUBSET_THEORY_INTERVAL;
    for (const c of sk.cnf.clauses) this.cdcl.addClause(c);
    for (const l of sk.correct) if (Math.abs(l) > 1) this.cdcl.setPhase(Math.abs(l), phase ? l > 0 : l < 0);
  }

  solve(examples: readonly number[], deadline: number): SubsetAnswer {
    // One assumption per distinct selector; a failed one stands for the first example of
    // the subset carrying it (examples sharing a selector are fitted together or not at all).
    const exampleOf = new Map<number, number>();
    for (const e of examples) if (!exampleOf.has(this.correct[e])) exampleOf.set(this.correct[e], e);
    this.needed = { ...this.original, examples: examples.map((e) => this.original.examples[e]) };
    let parameters: Parameters | null = null;
    const val = (l: number) => this.cdcl.litValue(l);
    const r = this.cdcl.solve(
      {
        check: (complete) => {
          const res = this.theory.check(val, complete);
          if (res.parameters) parameters = res.parameters;
          return res.lemmas;
        },
      },
      deadline,
      [...exampleOf.keys()],
    );
    if (r === 'sat' && parameters) return { status: 'sat', parameters: this.complete(parameters), checked: parameters === this.accepted };
    if (r === 'unsat') return { status: 'unsat', failed: this.cdcl.failed.map((l) => exampleOf.get(l)!) };
    return { status: 'unknown' };
  }

  get conflicts(): number {
    return this.cdcl.conflicts;
  }
}

/**
 * The hybrid procedure kept open for questions "can these examples be fitted together?"
 * on one instance (minimal untrainable cores, src/explain/core.ts): each network decided
 * (the instance, or its output-normal-form variants as decideHybrid decides them,
 * output-normal-form.ts) is a SubsetEngine, so learned clauses and certified theory
 * lemmas carry over from one subset to the next. A subset is fittable iff some variant
 * fits it: 'sat' returns the first variant's parameters completed for the original
 * network, with `checked` when they passed the exact evaluation on the subset (the
 * theory's final check; otherwise the caller must treat them as unchecked); 'unsat' needs every variant to
 * refute it, and returns the union of their failed subsets, which every variant refutes
 * (a superset of a refuted subset is refuted).
 */
export class HybridSubsetSession {
  private readonly variants: SubsetEngine[] = [];
  private lastFit = 0;
  solves = 0;

  /** `phase`: decisions on examples not assumed try them correct first (true) or wrong first. */
  constructor(instance: Instance, opts: Pick<HybridOptions, 'symmetryBreaking' | 'tableMaxFanin'> & { phase?: boolean } = {}) {
    const add = (inst: Instance, complete: (p: Parameters) => Parameters): void => {
      const site = findNormalFormSite(inst);
      if (!site) {
        this.variants.push(new SubsetEngine(inst, instance, complete, opts, opts.phase ?? true));
        return;
      }
      for (const gate of site.order) add(withGate(inst, site, gate), (p) => complete({ ...p, [site.unit.id]: GATE_PARAMS[gate] }));
    };
    add(instance, (p) => p);
  }

  /** Can the examples (0-based indices) be fitted together? `deadline` is a performance.now() time. */
  solve(examples: readonly number[], deadline = Infinity): SubsetAnswer {
    this.solves++;
    const failed = new Set<number>();
    // The variant that fitted the last fittable subset is asked first: neighbouring
    // subsets tend to be fitted by the same one, and a refutation of the other is spared.
    const order = this.variants.map((_, i) => (i + this.lastFit) % this.variants.length);
    for (const i of order) {
      const r = this.variants[i].solve(examples, deadline);
      if (r.status === 'sat') {
        this.lastFit = i;
        return r;
      }
      if (r.status === 'unknown') return r;
      for (const e of r.failed) failed.add(e);
    }
    return { status: 'unsat', failed: examples.filter((e) => failed.has(e)) };
  }

  /** Conflicts of the CDCL engines so far. */
  get conflicts(): number {
    return this.variants.reduce((a, v) => a + v.conflicts, 0);
  }
}
