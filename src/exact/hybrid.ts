/**
 * The hybrid SAT + LP decision procedure for real weights (DESIGN.md section 1; issue 3).
 *
 * A lazy (CDCL(T)-style, "lemmas on demand") loop on ONE incremental CaDiCaL solver:
 *
 *  1. The Boolean skeleton (skeleton.ts) is CNF over the units' outputs per distinct
 *     input pattern: gates, lookups, integer-weight units and the output constraints are
 *     all exact there; real-weight threshold units are left free.
 *  2. Solve. UNSAT: no network behaviour survives, the instance is untrainable. Budget
 *     out: unknown.
 *  3. For every real-weight threshold unit, read its labelled points from the model: in
 *     'points' mode, the unit's input vector on each pattern (constants, or the model's
 *     values of upstream literals) labelled with its output; in 'table' mode, the cube
 *     vertices labelled with the truth table. The separation oracle (separation.ts)
 *     decides linear separability with a float LP; if the points are not separable it
 *     returns a minimal subset S with a Farkas certificate checked exactly (farkas.ts).
 *  4. Each conflict becomes a blocking clause: "not all of S take these labels". In
 *     points mode a point's coordinates may be upstream literals, so the clause blocks the
 *     combination: for each p in S, (out_p differs from its label) OR (some literal input
 *     of p differs from its current value). Any assignment agreeing with all of these
 *     literals reproduces exactly the certified points and labels, so the clause removes
 *     only impossible behaviours (sound), and it removes the current model (progress).
 *     Units with the same theory (same inputs, real weights; or table units of the same
 *     fan-in) get the clause too, over their own output literals: a conflict of h1 is a
 *     conflict of h2. Back to 2.
 *  5. When every unit is separable, exact weights are produced per unit (rounded float
 *     direction, exact threshold, exact check; exact rational LP if rounding fails; a
 *     conflict found there is a clause like any other, back to 2), and the whole network is
 *     evaluated exactly with checkParameters before `trainable` is returned.
 *
 * Invariants: every blocking clause added is justified by a Farkas certificate that was
 * checked in exact rational arithmetic; every `trainable` answer carries parameters that
 * passed exact evaluation on every example. Floating point only ever steers the search.
 * Termination: each clause removes the current model and there are finitely many.
 */
import type { LoadingEncodingStats } from '../encode/loading.js';
import { checkParameters } from '../model/evaluate.js';
import { Rational } from '../model/rational.js';
import type { Instance, Parameters, Status, ThresholdParams, Unit } from '../model/types.js';
import { createSolver } from '../solvers/index.js';
import type { FarkasCertificate } from './farkas.js';
import { SeparationOracle, type LabelledPoints } from './separation.js';
import { justify } from './justify.js';
import { buildSkeleton, decodeInteger, isConst, type Skeleton, type ThresholdTheory } from './skeleton.js';

export interface HybridOptions {
  /** Wall-clock budget in milliseconds; 'unknown' when it runs out. */
  timeoutMs?: number;
  /** Lexicographic symmetry breaking between interchangeable hidden units (default true). */
  symmetryBreaking?: boolean;
  /** After a conflict, look for up to this many more per unit and round (default 2). */
  extraConflicts?: number;
  /** Called for every blocking clause added, with the exact certificate justifying it. */
  onLemma?: (lemma: TheoryLemma) => void;
}

/** A blocking clause and the certified labelled points it rules out. */
export interface TheoryLemma {
  unit: string;
  clause: number[];
  certificate: FarkasCertificate;
}

export interface HybridStats extends LoadingEncodingStats {
  encode_ms: number;
  solve_ms: number;
  /** Time inside the SAT solver. */
  sat_ms: number;
  /** Time in the separation oracle (LPs, certificates, exact weights). */
  lp_ms: number;
  sat_calls: number;
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
  /** Real-weight threshold units decided lazily. */
  theory_units: number;
}

export interface HybridResult {
  status: Status;
  parameters: Parameters | null;
  backend: string;
  time_ms: number;
  stats: HybridStats;
}

export class HybridVerificationError extends Error {
  override name = 'VerificationError';
}

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

export async function decideHybrid(instance: Instance, opts: HybridOptions = {}): Promise<HybridResult> {
  const t0 = performance.now();
  const deadline = opts.timeoutMs !== undefined ? t0 + opts.timeoutMs : Infinity;
  const sk = buildSkeleton(instance, { symmetryBreaking: opts.symmetryBreaking });
  const t1 = performance.now();
  const solver = await createSolver('cadical');
  const oracle = new SeparationOracle();
  const extra = opts.extraConflicts ?? 2;
  let satCalls = 0;
  let satMs = 0;
  let lpMs = 0;
  let conflicts = 0;
  let lemmas = 0;
  let status: Status = 'unknown';
  let parameters: Parameters | null = null;

  const groups = new Map<string, ThresholdTheory[]>();
  for (const th of sk.theories) {
    if (!groups.has(th.groupKey)) groups.set(th.groupKey, []);
    groups.get(th.groupKey)!.push(th);
  }
  // Fixed points of constant-input units, computed once.
  const fixedPoints = new Map<ThresholdTheory, { exact: Rational[][]; float: Float64Array[] }>();
  for (const th of sk.theories) {
    if (th.mode === 'table') fixedPoints.set(th, cube(th.k));
    else if (th.constant) {
      const exact = th.rows.map((r) => r.map((v) => (isConst(v) ? v.c : Rational.ZERO)));
      fixedPoints.set(th, { exact, float: exact.map((p) => Float64Array.from(p, (x) => x.toNumber())) });
    }
  }
  const seenClauses = new Set<string>();
  const nodeIndex = new Map<ThresholdTheory, number>();
  sk.circuit.forEach((n, i) => {
    if (n.theory) nodeIndex.set(n.theory, i);
  });

  try {
    solver.ensureVars(sk.cnf.numVars);
    solver.addClauses(sk.cnf.clauses);
    for (;;) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) break;
      const ts = performance.now();
      const r = await solver.solve(Number.isFinite(remaining) ? { timeoutMs: Math.max(1, Math.floor(remaining)) } : {});
      satMs += performance.now() - ts;
      satCalls++;
      if (r === 'unsat') {
        status = 'untrainable';
        break;
      }
      if (r === 'unknown') break;
      const value = (v: number) => solver.value(v);
      const lit = (l: number) => (l > 0 ? value(l) : !value(-l));
      const tl = performance.now();
      const cared = justify(sk, lit);
      let added = 0;
      const hints = new Map<ThresholdTheory, Float64Array>();
      const pointsOf = new Map<ThresholdTheory, { pts: LabelledPoints; ids: number[] }>();
      for (const th of sk.theories) {
        const pts = labelledPoints(th, fixedPoints.get(th), lit);
        const ids = caredPoints(th, cared[nodeIndex.get(th)!], lit);
        pointsOf.set(th, { pts, ids });
        let res = oracle.check(pts, th.groupKey, ids);
        if (res.kind === 'separable') {
          hints.set(th, res.w);
          continue;
        }
        // The conflict, and up to `extra` more with one point of each found one removed.
        let rest = ids;
        for (let round = 0; ; round++) {
          added += addConflict(th, res.support, res.certificate, pts, lit);
          conflicts++;
          if (round >= extra) break;
          const drop = res.support[res.support.length - 1];
          rest = rest.filter((i) => i !== drop);
          const next = oracle.check(pts, undefined, rest);
          if (next.kind === 'separable') break;
          res = next;
        }
      }
      if (added === 0) {
        // Every unit separable in floating point: make exact weights, then evaluate the
        // whole network exactly. (Should the justified subsets ever not suffice, the
        // second attempt asks every unit to realize all of the model's labels.)
        for (const all of [false, true]) {
          const params: Parameters = {};
          for (const th of sk.theories) {
            const { pts, ids } = pointsOf.get(th)!;
            const e = oracle.exactThreshold(pts, hints.get(th) ?? null, all ? undefined : ids);
            if (e.kind === 'params') params[th.unit.id] = e.params;
            else if (e.kind === 'conflict') {
              added += addConflict(th, e.support, e.certificate, pts, lit);
              conflicts++;
            }
          }
          if (added > 0) break;
          const candidate = finishParameters(sk, params, value);
          if (checkParameters(instance, candidate).ok) {
            parameters = candidate;
            break;
          }
        }
        lpMs += performance.now() - tl;
        if (added === 0) {
          if (!parameters) {
            throw new HybridVerificationError(
              "internal error: the hybrid solver's parameters fail exact evaluation. No answer is printed. Please report this instance.",
            );
          }
          status = 'trainable';
          break;
        }
      } else lpMs += performance.now() - tl;
    }
  } finally {
    solver.dispose();
  }

  function addConflict(th: ThresholdTheory, support: number[], certificate: FarkasCertificate, pts: LabelledPoints, lit: (l: number) => boolean): number {
    let n = 0;
    for (const other of groups.get(th.groupKey)!) {
      const clause = blockingClause(other, support, pts.labels, lit);
      const key = clause.join(' ');
      if (seenClauses.has(key)) continue;
      seenClauses.add(key);
      solver.addClause(clause);
      lemmas++;
      n++;
      opts.onLemma?.({ unit: other.unit.id, clause, certificate });
    }
    return n;
  }

  const t2 = performance.now();
  const os = oracle.stats;
  return {
    status,
    parameters,
    backend: 'hybrid',
    time_ms: Math.round(t2 - t0),
    stats: {
      vars: sk.cnf.numVars,
      clauses: sk.cnf.clauses.length + lemmas,
      patterns: sk.patterns,
      symmetricGroups: sk.symmetricGroups,
      encode_ms: Math.round(t1 - t0),
      solve_ms: Math.round(t2 - t1),
      sat_ms: Math.round(satMs),
      lp_ms: Math.round(lpMs),
      sat_calls: satCalls,
      lps: os.lps,
      pivots: os.pivots,
      lp_cache_hits: os.cacheHits,
      exact_lps: os.exactLps,
      conflicts,
      lemmas,
      theory_units: sk.theories.length,
    },
  };
}

/** The unit's labelled points under the current model (`lit` = truth of a literal). */
export function labelledPoints(
  th: ThresholdTheory,
  fixed: { exact: Rational[][]; float: Float64Array[] } | undefined,
  lit: (l: number) => boolean,
): LabelledPoints {
  if (th.mode === 'table') {
    return { exact: fixed!.exact, float: fixed!.float, labels: Uint8Array.from(th.table, (l) => (lit(l) ? 1 : 0)), dim: th.k };
  }
  const labels = Uint8Array.from(th.out, (l) => (lit(l) ? 1 : 0));
  if (fixed) return { exact: fixed.exact, float: fixed.float, labels, dim: th.k };
  const exact = th.rows.map((r) => r.map((v) => (isConst(v) ? v.c : lit(v.l) ? Rational.ONE : Rational.ZERO)));
  return { exact, float: exact.map((p) => Float64Array.from(p, (x) => x.toNumber())), labels, dim: th.k };
}

/** The point ids the model needs from a unit: justified patterns, or the cube vertices they reach. */
export function caredPoints(th: ThresholdTheory, cared: Uint8Array, lit: (l: number) => boolean): number[] {
  const ids: number[] = [];
  if (th.mode === 'points') {
    for (let p = 0; p < cared.length; p++) if (cared[p]) ids.push(p);
    return ids;
  }
  const seen = new Set<number>();
  for (let p = 0; p < cared.length; p++) {
    if (!cared[p]) continue;
    let v = 0;
    for (const x of th.rows[p]) v = 2 * v + (isConst(x) ? (x.c.num !== 0n ? 1 : 0) : lit(x.l) ? 1 : 0);
    if (!seen.has(v)) {
      seen.add(v);
      ids.push(v);
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
