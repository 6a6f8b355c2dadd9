/**
 * Brute-force decision of the loading problem for tiny instances: an independent reference
 * that shares no code with the SAT encoder, so tests can compare the two.
 *
 * The search runs over *behaviours*, not parameters. A unit's behaviour is its output
 * vector over all examples (a bitmask: bit e = output on example e); downstream units only
 * ever see that vector, so parameters that produce the same vector are interchangeable.
 * Units are visited in topological order; for each trainable unit we enumerate the
 * distinct vectors it can produce given the vectors already chosen for the units it reads
 * (memoised on that input), each with one witness parameter choice, and recurse (DFS).
 * Shared upstream units are therefore handled exactly: each is chosen once per branch.
 * When an output unit is fixed, branches that can no longer reach `minCorrect` are cut.
 *
 * Candidate parameters:
 *  - threshold with integerWeights [a, b]: all integer weights and thresholds in [a, b];
 *  - threshold with integerWeights [a, b] and "threshold": "any": integer weights in [a, b]
 *    and thresholds in [-kWM, kWM + 1], W = max(|a|, |b|), M = the largest |input| rounded
 *    up: every sum w.z lies in [-kWM, kWM], so a threshold below that range acts as -kWM
 *    (all 1) and one above it as kWM + 1 (all 0), which makes the range complete;
 *  - threshold with real weights on 0/1 inputs: integer weights in [-W(k), W(k)] and
 *    thresholds in [-kW, kW + 1], which is complete (weight-bound.ts);
 *  - threshold with real weights on non-0/1 inputs: unsupported (throws);
 *  - lookup: every table, i.e. every 0/1 assignment to the input patterns that occur;
 *  - fixed units: their function;
 *  - score units (integer weights only), once every other unit is fixed: every integer
 *    weight vector in range for each class (weight vectors with equal sums on every example
 *    are one candidate); for each combination the thresholds are not enumerated but solved
 *    exactly: "label L scores strictly above class d on example e" is the difference
 *    constraint t_d - t_L >= floor(S_d(e) - S_L(e)) + 1 over integers (S = w.z), which with
 *    the bounds of the threshold range (none for "threshold": "any") is feasible iff its
 *    constraint graph has no negative cycle, and then shortest distances are an integer
 *    solution (Bellman-Ford; Cormen, Leiserson, Rivest and Stein, "Introduction to
 *    Algorithms", section 24.4). With minCorrect, every set of minCorrect examples is tried.
 * For each weight vector the distinct threshold behaviours are found by sorting the
 * weighted sums, not by trying every threshold. Work (unit evaluations on one example,
 * plus search steps) is bounded by `maxWork`; past it a BruteForceBudgetError is thrown
 * so tests never hang.
 */
import { checkParameters, evaluateUnit } from './evaluate.js';
import { lcm, Rational } from './rational.js';
import { isTrainableKind, type Instance, type IntegerRange, type LookupParams, type Parameters, type ThresholdParams, type Unit } from './types.js';
import { completeBox } from './weight-bound.js';

export interface BruteForceOptions {
  /** Budget in unit evaluations (default 5e6). */
  maxWork?: number;
}

export interface BruteForceResult {
  status: 'trainable' | 'untrainable';
  /** Parameters for every trainable unit (checked by checkParameters), or null. */
  params: Parameters | null;
  /** Work spent, in the units of `maxWork`. */
  work: number;
}

/** Thrown when brute force would exceed its work budget. */
export class BruteForceBudgetError extends Error {
  override name = 'BruteForceBudgetError';
}

type UnitParams = ThresholdParams | LookupParams;

interface Candidate {
  vec: bigint;
  params?: UnitParams;
}

/** A unit input as seen by the search: another unit's vector or a network input column. */
type Source = { unit: number } | { input: number };

const DEFAULT_MAX_WORK = 5_000_000;

function popcount(v: bigint): number {
  let c = 0;
  while (v > 0n) {
    v &= v - 1n;
    c++;
  }
  return c;
}

function floorDiv(a: bigint, b: bigint): bigint {
  // b > 0
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}


function isBit(r: Rational): boolean {
  return r.den === 1n && (r.num === 0n || r.num === 1n);
}

/** Decides the instance by exhaustive search (tiny instances only). */
export function bruteForce(instance: Instance, opts: BruteForceOptions = {}): BruteForceResult {
  const maxWork = opts.maxWork ?? DEFAULT_MAX_WORK;
  const { network, examples } = instance;
  const units = network.units;
  const E = examples.length;
  const all = (1n << BigInt(E)) - 1n;
  const required = instance.minCorrect ?? E;
  let work = 0;
  const spend = (w: number) => {
    work += w;
    if (work > maxWork) throw new BruteForceBudgetError(`brute force exceeded its budget of ${maxWork} unit evaluations`);
  };

  const index = new Map(units.map((u, i) => [u.id, i]));
  const source = (name: string): Source => {
    const i = index.get(name);
    if (i !== undefined) return { unit: i };
    const m = /^x(\d+)$/.exec(name);
    if (m && Number(m[1]) < network.inputs) return { input: Number(m[1]) };
    throw new RangeError(`unknown node "${name}"`);
  };
  const sources: Source[][] = units.map((u) => u.inputs.map(source));
  /** column[i][e]: value of network input i on example e. */
  const column: Rational[][] = Array.from({ length: network.inputs }, (_, i) => examples.map((ex) => ex.x[i]));

  // Units that can influence an output; the others get arbitrary parameters.
  const relevant = new Array<boolean>(units.length).fill(false);
  const outputsAt: number[][] = units.map(() => []);
  let fixedWrong = 0n; // examples already wrong because an output names a network input
  network.outputs.forEach((name, o) => {
    const s = source(name);
    if ('unit' in s) {
      relevant[s.unit] = true;
      outputsAt[s.unit].push(o);
    } else {
      examples.forEach((ex, e) => {
        const v = column[s.input][e];
        if (!isBit(v) || Number(v.num) !== ex.y[o]) fixedWrong |= 1n << BigInt(e);
      });
    }
  });
  for (let i = units.length - 1; i >= 0; i--) {
    if (!relevant[i]) continue;
    for (const s of sources[i]) if ('unit' in s) relevant[s.unit] = true;
  }
  const yMask: bigint[] = network.outputs.map((_, o) =>
    examples.reduce((m, ex, e) => (ex.y[o] === 1 ? m | (1n << BigInt(e)) : m), 0n),
  );

  const memo = new Map<string, Candidate[]>();
  const vecs: bigint[] = new Array<bigint>(units.length).fill(0n);
  const chosen: (UnitParams | undefined)[] = new Array<UnitParams | undefined>(units.length).fill(undefined);

  /** Input values of unit i on example e, given the chosen upstream vectors. */
  const inputValues = (i: number, e: number): Rational[] =>
    sources[i].map((s) => ('unit' in s ? ((vecs[s.unit] >> BigInt(e)) & 1n ? Rational.ONE : Rational.ZERO) : column[s.input][e]));

  const candidates = (i: number): Candidate[] => {
    const key = `${i}:${sources[i].map((s) => ('unit' in s ? vecs[s.unit].toString(36) : '')).join(',')}`;
    const hit = memo.get(key);
    if (hit) {
      spend(1);
      return hit;
    }
    const cands = computeCandidates(i);
    memo.set(key, cands);
    return cands;
  };

  const computeCandidates = (i: number): Candidate[] => {
    const u = units[i];
    const rows = examples.map((_, e) => inputValues(i, e));
    if (!isTrainableKind(u.kind)) {
      spend(E);
      let vec = 0n;
      rows.forEach((z, e) => {
        if (evaluateUnit(u, undefined, z) === 1) vec |= 1n << BigInt(e);
      });
      return [{ vec }];
    }
    if (u.kind === 'lookup') return lookupCandidates(u, rows);
    return thresholdCandidates(u, rows);
  };

  const lookupCandidates = (u: Unit, rows: Rational[][]): Candidate[] => {
    const k = u.inputs.length;
    const patternOf = rows.map((z) => {
      let p = 0;
      z.forEach((v) => {
        if (!isBit(v)) throw new Error(`brute force: lookup unit "${u.id}" has a non-0/1 input`);
        p = p * 2 + Number(v.num);
      });
      return p;
    });
    const patterns = [...new Set(patternOf)];
    const m = patterns.length;
    if (m > 24) throw new BruteForceBudgetError(`brute force: lookup unit "${u.id}" sees ${m} input patterns`);
    spend(E);
    const masks = patterns.map((p) => patternOf.reduce((acc, q, e) => (q === p ? acc | (1n << BigInt(e)) : acc), 0n));
    const out: Candidate[] = [];
    for (let a = 0; a < 2 ** m; a++) {
      spend(1);
      let vec = 0n;
      const table = new Array<0 | 1>(2 ** k).fill(0);
      for (let j = 0; j < m; j++) {
        if ((a >> j) & 1) {
          vec |= masks[j];
          table[patterns[j]] = 1;
        }
      }
      out.push({ vec, params: { table } });
    }
    return out;
  };

  const thresholdCandidates = (u: Unit, rows: Rational[][]): Candidate[] => {
    const k = u.inputs.length;
    if (!u.integerWeights && !rows.every((z) => z.every(isBit))) {
      throw new Error(`brute force does not support real weights on non-0/1 inputs (threshold unit "${u.id}")`);
    }
    const { weight: [wLo, wHi], threshold: [tLo, tHi] } = u.integerWeights?.anyThreshold ? anyThresholdBox(u.integerWeights, rows) : completeBox(u, 'boolean');
    // Scale every input value to an integer over a common denominator D.
    let D = 1n;
    for (const z of rows) for (const v of z) D = lcm(D, v.den);
    const Z = rows.map((z) => z.map((v) => v.num * (D / v.den)));
    const out = new Map<bigint, UnitParams>();
    const w = new Array<bigint>(k).fill(wLo);
    for (;;) {
      spend(Math.max(E, 1));
      const sums = Z.map((z) => z.reduce((s, v, j) => s + v * w[j], 0n));
      const distinct = [...new Set(sums)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      // Behaviour "sum >= distinct[c]" for c = 0..len-1, and the empty behaviour (c = len).
      for (let c = 0; c <= distinct.length; c++) {
        let t = c === 0 ? tLo : floorDiv(distinct[c - 1], D) + 1n;
        if (t < tLo) t = tLo;
        if (t > tHi) continue;
        if (c < distinct.length && t * D > distinct[c]) continue;
        let vec = 0n;
        sums.forEach((s, e) => {
          if (s >= t * D) vec |= 1n << BigInt(e);
        });
        if (!out.has(vec)) out.set(vec, { weights: w.map((x) => Rational.of(x)), threshold: Rational.of(t) });
      }
      // Next weight vector (odometer).
      let j = 0;
      while (j < k && w[j] === wHi) w[j++] = wLo;
      if (j === k) break;
      w[j]++;
    }
    return [...out].map(([vec, params]) => ({ vec, params }));
  };

  const search = (i: number, wrong: bigint): boolean => {
    spend(1);
    if (E - popcount(wrong) < required) return false;
    if (i === units.length) return network.classes === undefined || fitClasses();
    // Score units read only units before them and are read by none: they are chosen last.
    if (!relevant[i] || units[i].kind === 'score') return search(i + 1, wrong);
    for (const c of candidates(i)) {
      let w = wrong;
      for (const o of outputsAt[i]) w |= (c.vec ^ yMask[o]) & all;
      if (E - popcount(w) < required) continue;
      vecs[i] = c.vec;
      chosen[i] = c.params;
      if (search(i + 1, w)) return true;
    }
    return false;
  };

  // ---- score units (multi-class outputs) -------------------------------------------------
  /** Common denominator of the input values: scores are compared as integers S * D. */
  let D = 1n;
  for (const ex of examples) for (const v of ex.x) D = lcm(D, v.den);
  const classUnit = network.outputs.map((id) => index.get(id)!);
  const labels = examples.map((ex) => ex.label ?? -1);

  interface ScoreCandidate {
    /** D * (w.z) on each example. */
    sums: bigint[];
    weights: bigint[];
  }
  const scoreMemo = new Map<string, ScoreCandidate[]>();
  const scoreCandidates = (i: number): ScoreCandidate[] => {
    const key = `${i}:${sources[i].map((s) => ('unit' in s ? vecs[s.unit].toString(36) : '')).join(',')}`;
    const hit = scoreMemo.get(key);
    if (hit) return hit;
    const u = units[i];
    if (!u.integerWeights) throw new Error(`brute force does not support score units with real weights (score unit "${u.id}")`);
    const k = u.inputs.length;
    const Z = examples.map((_, e) => inputValues(i, e).map((v) => v.num * (D / v.den)));
    const lo = BigInt(u.integerWeights.min);
    const hi = BigInt(u.integerWeights.max);
    const out = new Map<string, ScoreCandidate>();
    const w = new Array<bigint>(k).fill(lo);
    for (;;) {
      spend(Math.max(E, 1));
      const sums = Z.map((z) => z.reduce((acc, v, j) => acc + v * w[j], 0n));
      const id = sums.join(',');
      if (!out.has(id)) out.set(id, { sums, weights: [...w] });
      let j = 0;
      while (j < k && w[j] === hi) w[j++] = lo;
      if (j === k) break;
      w[j]++;
    }
    const cands = [...out.values()];
    scoreMemo.set(key, cands);
    return cands;
  };

  /**
   * Integer thresholds for classes 0..depth-1 under which every example in `fit` whose label
   * is among them scores strictly above the other classes among them, or null.
   */
  const solveThresholds = (picked: ScoreCandidate[], fit: readonly number[]): bigint[] | null => {
    const C = picked.length;
    const zero = C; // the node fixed at 0, for the bounds of threshold ranges
    const edges: [number, number, bigint][] = [];
    for (const e of fit) {
      const L = labels[e];
      if (L >= C) continue;
      for (let d = 0; d < C; d++) {
        // t_d - t_L >= floor((S_d - S_L) / D) + 1, i.e. t_L - t_d <= -(that): edge d -> L.
        if (d !== L) edges.push([d, L, -(floorDiv(picked[d].sums[e] - picked[L].sums[e], D) + 1n)]);
      }
    }
    for (let c = 0; c < C; c++) {
      const r = units[classUnit[c]].integerWeights!;
      if (r.anyThreshold) continue;
      edges.push([zero, c, BigInt(r.max)], [c, zero, -BigInt(r.min)]);
    }
    const dist = new Array<bigint>(C + 1).fill(0n);
    for (let round = 0; round <= C + 1; round++) {
      spend(edges.length + 1);
      let changed = false;
      for (const [a, b, wt] of edges) {
        if (dist[a] + wt < dist[b]) {
          dist[b] = dist[a] + wt;
          changed = true;
        }
      }
      if (!changed) return dist.slice(0, C).map((v) => v - dist[zero]);
    }
    return null; // a negative cycle: infeasible
  };

  /** Sets of `required` examples (all of them without minCorrect). */
  const fitSets = (): number[][] => {
    const out: number[][] = [];
    const pick = (from: number, chosen: number[]) => {
      if (chosen.length === required) {
        out.push([...chosen]);
        return;
      }
      for (let e = from; e <= E - (required - chosen.length); e++) pick(e + 1, [...chosen, e]);
      spend(1);
    };
    pick(0, []);
    return out;
  };

  const fitClasses = (): boolean => {
    const sets = fitSets();
    const picked: ScoreCandidate[] = [];
    const choose = (c: number): boolean => {
      spend(1);
      // With every example to fit, the constraints among the classes chosen so far must already be feasible.
      if (c > 0 && required === E && solveThresholds(picked, sets[0]) === null) return false;
      if (c === classUnit.length) {
        for (const fit of sets) {
          const t = solveThresholds(picked, fit);
          if (t === null) continue;
          classUnit.forEach((ui, cl) => {
            chosen[ui] = { weights: picked[cl].weights.map((x) => Rational.of(x)), threshold: Rational.of(t[cl]) };
          });
          return true;
        }
        return false;
      }
      for (const cand of scoreCandidates(classUnit[c])) {
        picked.push(cand);
        const ok = choose(c + 1);
        picked.pop();
        if (ok) return true;
      }
      return false;
    };
    return choose(0);
  };

  if (!search(0, fixedWrong)) return { status: 'untrainable', params: null, work };

  const params: Parameters = {};
  units.forEach((u, i) => {
    if (!isTrainableKind(u.kind)) return;
    params[u.id] = relevant[i] && chosen[i] ? chosen[i]! : defaultParams(u);
  });
  const check = checkParameters(instance, params);
  if (!check.ok) {
    throw new Error(`internal error: brute-force parameters fail the exact check (${check.correct}/${check.total}; ${check.violations.join('; ')})`);
  }
  return { status: 'trainable', params, work };
}

/**
 * The weight range and a complete threshold range of a unit with integer weights and any
 * integer threshold (see the file comment): [-kWM, kWM + 1].
 */
function anyThresholdBox(range: IntegerRange, rows: readonly (readonly Rational[])[]): { weight: [bigint, bigint]; threshold: [bigint, bigint] } {
  const lo = BigInt(range.min);
  const hi = BigInt(range.max);
  const abs = (v: bigint) => (v < 0n ? -v : v);
  const W = abs(lo) > abs(hi) ? abs(lo) : abs(hi);
  let M = 0n;
  for (const z of rows) {
    for (const v of z) {
      const ceil = (abs(v.num) + v.den - 1n) / v.den;
      if (ceil > M) M = ceil;
    }
  }
  const k = BigInt(rows[0]?.length ?? 0);
  const bound = k * W * M;
  return { weight: [lo, hi], threshold: [-bound, bound + 1n] };
}

/** Valid parameters for a unit that cannot influence any output. */
function defaultParams(u: Unit): UnitParams {
  const k = u.inputs.length;
  if (u.kind === 'lookup') return { table: new Array<0 | 1>(2 ** k).fill(0) };
  let v = 0n;
  if (u.integerWeights) {
    const lo = BigInt(u.integerWeights.min);
    const hi = BigInt(u.integerWeights.max);
    v = lo > 0n ? lo : hi < 0n ? hi : 0n;
  }
  return { weights: new Array(k).fill(Rational.of(v)), threshold: Rational.of(v) };
}
