/**
 * The loading problem as a mixed-integer program in CPLEX LP format: feasible iff the
 * instance is trainable. Every coefficient and bound is an integer.
 *
 * Variables: one binary `u<i>_e<e>` per unit and distinct input vector (the unit's output;
 * e is the first example with that x, and later examples with the same x use it: a network
 * computes one output per input, and sharing it makes contradictory duplicates infeasible
 * by their labels alone, not through big-M rows that a floating-point solver's tolerances
 * can bend).
 *  - `threshold` with real weights: continuous weights and threshold in a box that is
 *    complete for real weights (weight-bound.ts): booleanRanges(k) on 0/1 inputs, else
 *    integerInputRanges on the inputs scaled to integers by their common denominator D
 *    (an upstream output h becomes 0 or D), the threshold's box divided by D. With the
 *    linear form S = w.(D z) - D t, the output binary o obeys o = 1 => S >= 0 and
 *    o = 0 => S <= -1 (margin-1 semantics, docs/format.md, "Deciding real weights exactly"), by big-M with M taken
 *    from the exact range of S over the box.
 *  - `threshold` with integerWeights [a, b]: general integers in [a, b], and S scaled by the
 *    example's common denominator so that S < 0 means S <= -1.
 *  - A weight w times an upstream output h (a binary) is a continuous p = w h, linearized
 *    on the box [L, U] of w: L h <= p <= U h, w - U (1 - h) <= p <= w - L (1 - h).
 *  - `fixed-threshold`: the same big-M pair with constant coefficients.
 *  - gates: and/or/nand/nor by the usual inequalities, not by o = 1 - a, xor by
 *    o + sum a = 2 m with an integer m; `lookup`: binary table entries T_r with
 *    |o - T_r| <= (number of inputs differing from row r), the first input being the most
 *    significant bit of r.
 *  - outputs: fixed to the labels, or with `minCorrect: k` a binary per example that
 *    implies the example is fully correct, and their sum >= k.
 *  - `score` units (with `classes`, integer weights only): general integer weights and
 *    threshold like integer-weight threshold units (an any-integer threshold in
 *    scoreThresholdRange), no output binary; on each example, with D the common
 *    denominator of x, D (score_label - score_c) >= 1 for every other class c (a tie is a
 *    miss), or with `minCorrect` implied by the example's binary through big-M.
 * The objective is 0 (a feasibility problem) and lists every variable, so each is known
 * to LP readers before the Bounds section.
 *
 * Staged boxes (`LpOptions.weightBound` = B): real-weight threshold units get weights in
 * [-B, B] and the threshold in [-kBm, kBm + 1] (m = the largest |input| after scaling by
 * D, 1 on 0/1 inputs: the sum w.(D z) lies in [-kBm, kBm], so a threshold outside that
 * range realizes nothing a clipped one does not), unless B reaches the complete bound, in
 * which case the complete box is used. The big-M then comes from the smaller box, which
 * floating-point MIP solvers handle far better than the ~1e8 of the complete box at
 * k = 18..20. A feasible point is still a correct training (it stands for real weights);
 * an infeasible program only says that no weights with |w| <= B exist. The header says
 * so whenever some box is not complete. Units with declared integerWeights keep their box.
 */
import { InputError } from '../model/errors.js';
import { lcm, Rational } from '../model/rational.js';
import { isWeightedKind, type Instance, type IntegerRange, type Unit } from '../model/types.js';
import { completeBox, scoreThresholdRange, type InputDomain } from '../model/weight-bound.js';

const INPUT = /^x(\d+)$/;

/** A linear expression with integer coefficients and a constant. */
class Lin {
  readonly terms = new Map<string, bigint>();
  c = 0n;

  static of(v: string, coef = 1n): Lin {
    return new Lin().add(v, coef);
  }

  static constant(c: bigint): Lin {
    const l = new Lin();
    l.c = c;
    return l;
  }

  add(v: string, coef: bigint): Lin {
    const next = (this.terms.get(v) ?? 0n) + coef;
    if (next === 0n) this.terms.delete(v);
    else this.terms.set(v, next);
    return this;
  }

  plus(o: Lin, scale = 1n): Lin {
    const r = this.copy();
    for (const [v, a] of o.terms) r.add(v, a * scale);
    r.c += o.c * scale;
    return r;
  }

  copy(): Lin {
    const r = new Lin();
    for (const [v, a] of this.terms) r.terms.set(v, a);
    r.c = this.c;
    return r;
  }
}



const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const abs = (a: bigint) => (a < 0n ? -a : a);

/**
 * 2^53: integers up to this size are exact in a double; a floating-point solver reads a
 * larger number rounded, i.e. solves another program than the one written.
 */
export const DOUBLE_EXACT_INTEGER = 2n ** 53n;

/** The largest numbers an LP text holds (see LpWithNames). */
export interface LpMagnitudes {
  /** The largest |coefficient| or |right-hand side| in the constraints (bounds not counted). */
  maxCoefficient: bigint;
  /** The largest |coefficient| of a variable in a constraint (the matrix entries). */
  maxMatrixCoefficient: bigint;
  /** The largest absolute value of any number written: coefficients, right-hand sides, bounds. */
  maxNumber: bigint;
}

/**
 * Writes CPLEX LP text. Every number is a decimal integer written from a bigint, exact
 * whatever its size; the writer records the largest ones (LpMagnitudes), because readers
 * in floating point have limits of their own: HiGHS, for one, refuses a matrix entry of
 * 1e15 or more and reads a bound or right-hand side of 1e20 or more as infinite (see
 * src/mip/highs.ts, highsCannotRead), and any double rounds integers beyond 2^53. Lines
 * are broken every 8 terms.
 */
class LpWriter {
  private readonly vars = new Map<string, { lo: bigint; hi: bigint; type: 'binary' | 'general' | 'continuous' }>();
  private readonly rows: string[] = [];
  /** The largest |coefficient| or |right-hand side| written (bounds are not counted). */
  maxCoefficient = 0n;
  /** The largest |coefficient| of a variable in a row. */
  maxMatrixCoefficient = 0n;

  variable(name: string, type: 'binary' | 'general' | 'continuous', lo = 0n, hi = 1n): string {
    if (!this.vars.has(name)) this.vars.set(name, { lo, hi, type });
    return name;
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  /** The exact range of a linear expression over the variables' boxes. */
  range(l: Lin): [bigint, bigint] {
    let lo = l.c;
    let hi = l.c;
    for (const [v, a] of l.terms) {
      const b = this.vars.get(v)!;
      lo += a > 0n ? a * b.lo : a * b.hi;
      hi += a > 0n ? a * b.hi : a * b.lo;
    }
    return [lo, hi];
  }

  /** Adds `l op rhs`; a constraint without variables is checked now (false: infeasible). */
  constraint(l: Lin, op: '<=' | '>=' | '=', rhs: bigint): void {
    const r = rhs - l.c;
    if (l.terms.size === 0) {
      const ok = op === '<=' ? 0n <= r : op === '>=' ? 0n >= r : r === 0n;
      if (!ok) {
        this.rows.push(`zero >= 1`);
        this.maxCoefficient = max(this.maxCoefficient, 1n);
        this.maxMatrixCoefficient = max(this.maxMatrixCoefficient, 1n);
      }
      return;
    }
    const parts: string[] = [];
    let first = true;
    for (const [v, a] of l.terms) {
      const sign = a < 0n ? '-' : first ? '' : '+';
      const mag = abs(a) === 1n ? '' : `${abs(a)} `;
      parts.push(`${sign}${sign ? ' ' : ''}${mag}${v}`);
      first = false;
    }
    for (const a of l.terms.values()) this.maxMatrixCoefficient = max(this.maxMatrixCoefficient, abs(a));
    this.maxCoefficient = max(max(this.maxCoefficient, this.maxMatrixCoefficient), abs(r));
    this.rows.push(`${wrap(parts)} ${op} ${r}`);
  }

  /** The largest numbers written so far (complete once `text` has been called). */
  magnitudes(): LpMagnitudes {
    let maxNumber = this.maxCoefficient;
    for (const b of this.vars.values()) if (b.type !== 'binary') maxNumber = max(maxNumber, max(abs(b.lo), abs(b.hi)));
    return { maxCoefficient: this.maxCoefficient, maxMatrixCoefficient: this.maxMatrixCoefficient, maxNumber };
  }

  text(header: string[]): string {
    this.variable('zero', 'continuous', 0n, 0n);
    const { maxNumber } = this.magnitudes();
    const notes =
      maxNumber > DOUBLE_EXACT_INTEGER
        ? [`numbers reach ${maxNumber}, beyond 2^53: a floating-point solver reads them rounded, i.e. solves another program`]
        : [];
    const out = [...header, ...notes].map((h) => `\\ ${h.replace(/[\r\n]+/g, ' ')}`);
    out.push('Minimize', ` obj: ${wrap([...this.vars.keys()].map((v, i) => `${i === 0 ? '' : '+ '}0 ${v}`))}`);
    out.push('Subject To');
    this.rows.forEach((r, i) => out.push(` c${i + 1}: ${r}`));
    out.push('Bounds');
    for (const [v, b] of this.vars) if (b.type !== 'binary') out.push(` ${b.lo} <= ${v} <= ${b.hi}`);
    const general = [...this.vars].filter(([, b]) => b.type === 'general').map(([v]) => v);
    const binary = [...this.vars].filter(([, b]) => b.type === 'binary').map(([v]) => v);
    if (general.length > 0) out.push('General', ` ${wrap(general)}`);
    if (binary.length > 0) out.push('Binary', ` ${wrap(binary)}`);
    out.push('End');
    return out.join('\n') + '\n';
  }
}

/** Joins terms, breaking lines so no line gets long (some LP readers limit line length). */
function wrap(parts: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return lines.join('\n   ');
}

/** Options of toLp / toLpWithNames. */
export interface LpOptions {
  /**
   * A bound B >= 1 on |w| for real-weight threshold units (see the module comment): the
   * program is then feasible => trainable, but infeasible only means that no weights with
   * |w| <= B exist, unless B reaches the complete bound. Default: the complete box.
   */
  weightBound?: bigint;
}

/**
 * The CPLEX LP mixed-integer program of the loading problem (feasible iff trainable; with
 * a `weightBound` below the complete bound, feasible => trainable only).
 */
export function toLp(instance: Instance, opts: LpOptions = {}): string {
  return toLpWithNames(instance, opts).text;
}

/**
 * The LP text of `toLp` (identical) with the names of the parameter columns, for reading
 * a solver's solution back. A threshold unit's columns are its weights and threshold
 * themselves (the margin-1 form scales the whole sum, so no rescaling is needed); `scale`
 * is the factor its sum was multiplied by on 0/1-scaled inputs (real weights: on those
 * examples S <= -1 means w.z - t <= -1/scale; integer weights: 1).
 */
export interface LpWithNames extends LpMagnitudes {
  text: string;
  /** The LP column of weight i of a threshold unit. */
  weightVar(unitId: string, i: number): string;
  /** The LP column of a threshold unit's threshold. */
  thresholdVar(unitId: string): string;
  /** The LP column of table entry r of a lookup unit (first input = most significant bit). */
  tableVar(unitId: string, r: number): string;
  /** Real-weight threshold units: the common denominator D of their network inputs. */
  scale(unitId: string): bigint;
  /**
   * True when every real-weight threshold unit has its complete box (always without a
   * weightBound): only then does infeasibility mean untrainable.
   */
  complete: boolean;
  /**
   * The largest complete weight bound among real-weight threshold units (W(k) on 0/1
   * inputs, the Hadamard bound on scaled rational inputs), 0 when there is none: a
   * weightBound at or above it changes nothing.
   */
  completeBound: bigint;
  /**
   * The largest absolute coefficient or right-hand side in the constraints (the big-M
   * values dominate). A floating-point solver with feasibility tolerance tol can be off
   * by about maxCoefficient * tol in a row, while the program's margin is 1: once that
   * product nears 1/2, its feasibility verdicts say nothing (see floatVerdictTrusted).
   * (LpMagnitudes also gives the largest matrix entry and the largest number, bounds
   * included, for what a floating-point reader can take in at all.)
   */
  maxCoefficient: bigint;
}

/**
 * Whether a floating-point MIP solver's verdict on this program can mean anything: its row
 * error (about maxCoefficient * tolerance) must stay below half the margin of 1; beyond
 * that a solver can call a trainable instance infeasible (an example with cbc:
 * docs/measurements.md).
 */
export function floatVerdictTrusted(maxCoefficient: bigint, tolerance: number): boolean {
  return Number(maxCoefficient) * tolerance < 0.5;
}

export function toLpWithNames(instance: Instance, opts: LpOptions = {}): LpWithNames {
  const bound = opts.weightBound;
  if (bound !== undefined && (typeof bound !== 'bigint' || bound < 1n)) {
    throw new RangeError(`weight bound must be a positive integer, got ${String(bound)}`);
  }
  const { text, scales, complete, completeBound, ...magnitudes } = writeLp(instance, bound);
  const at = (unitId: string): number => {
    const i = instance.network.units.findIndex((u) => u.id === unitId);
    if (i < 0) throw new RangeError(`unknown unit "${unitId}"`);
    return i;
  };
  return {
    text,
    weightVar: (unitId, i) => `u${at(unitId)}_w${i}`,
    thresholdVar: (unitId) => `u${at(unitId)}_t`,
    tableVar: (unitId, r) => `u${at(unitId)}_tab${r}`,
    scale: (unitId) => scales.get(at(unitId)) ?? 1n,
    complete,
    completeBound,
    ...magnitudes,
  };
}

function writeLp(
  instance: Instance,
  bound: bigint | undefined,
): { text: string; scales: Map<number, bigint>; complete: boolean; completeBound: bigint } & LpMagnitudes {
  const { network, examples } = instance;
  for (const u of network.units) {
    if (u.kind === 'score' && !u.integerWeights) throw new InputError('multi-class outputs need integer weights ("weights" in the layered preset)', `unit ${u.id}`);
  }
  const units = network.units;
  const index = new Map<string, number>();
  units.forEach((u, i) => index.set(u.id, i));
  const lp = new LpWriter();

  // Parameters: [lo, hi] box of each threshold unit's weights and threshold, and the
  // scale D of its network inputs (real weights).
  const box = new Map<number, { lo: bigint; hi: bigint; tlo: bigint; thi: bigint; scale: bigint }>();
  /** Units whose box was cut to the weight bound (not complete). */
  const cut: string[] = [];
  let completeBound = 0n;
  /** The input domain of every weighted unit, and the threshold range shared by the score units. */
  const domains = new Map<number, { boolean: boolean; d: bigint; m: bigint }>();
  const scoreDomains: { k: number; weights: IntegerRange; inputs: InputDomain }[] = [];
  units.forEach((u, i) => {
    if (!isWeightedKind(u.kind)) return;
    const values = u.inputs.flatMap((name) => {
      const m = INPUT.exec(name);
      return m ? examples.map((ex) => ex.x[Number(m[1])]) : [];
    });
    // d: the common denominator of the network inputs; m: the largest |input| after
    // scaling by d (upstream unit outputs become 0/d).
    let d = 1n;
    let m = 1n;
    const boolean = values.every((v) => v.eq(Rational.ZERO) || v.eq(Rational.ONE));
    if (!boolean) {
      for (const v of values) d = lcm(d, v.den);
      m = d;
      for (const v of values) m = max(m, abs(v.mul(Rational.of(d)).num));
    }
    domains.set(i, { boolean, d, m });
    if (u.kind === 'score') scoreDomains.push({ k: u.inputs.length, weights: u.integerWeights!, inputs: boolean ? 'boolean' : { maxAbs: m, scale: d } });
  });
  const scoreThresholds = scoreThresholdRange(scoreDomains);
  units.forEach((u, i) => {
    if (isWeightedKind(u.kind)) {
      const k = u.inputs.length;
      const { boolean, d, m } = domains.get(i)!;
      // Real weights: the box holds for the scaled threshold T = d t; t's box is T's divided
      // by d, rounded outwards. Integer weights: the box is t's own.
      const r = completeBox(u, boolean ? 'boolean' : { maxAbs: m, scale: d });
      const ceilDiv = (a: bigint) => (a >= 0n ? (a + d - 1n) / d : -(-a / d));
      if (u.kind === 'score' && u.integerWeights!.anyThreshold) r.threshold = scoreThresholds;
      let spec = u.integerWeights
        ? { lo: r.weight[0], hi: r.weight[1], tlo: r.threshold[0], thi: r.threshold[1], scale: d }
        : { lo: r.weight[0], hi: r.weight[1], tlo: -ceilDiv(-r.threshold[0]), thi: ceilDiv(r.threshold[1]), scale: d };
      if (!u.integerWeights) {
        completeBound = max(completeBound, spec.hi);
        if (bound !== undefined && bound < spec.hi) {
          const kbm = BigInt(k) * bound * m;
          spec = { lo: -bound, hi: bound, tlo: max(spec.tlo, -kbm), thi: min(spec.thi, kbm + 1n), scale: d };
          cut.push(`u${i}`);
        }
      }
      box.set(i, spec);
      const type = u.integerWeights ? 'general' : 'continuous';
      u.inputs.forEach((_, j) => lp.variable(`u${i}_w${j}`, type, spec.lo, spec.hi));
      lp.variable(`u${i}_t`, type, spec.tlo, spec.thi);
    } else if (u.kind === 'lookup') {
      for (let r = 0; r < 2 ** u.inputs.length; r++) lp.variable(`u${i}_tab${r}`, 'binary');
    }
  });

  const correct: string[] = [];
  /** The first example with each input vector: examples with equal x share every unit output. */
  const firstWith = new Map<string, number>();
  examples.forEach((ex, e) => {
    const key = ex.x.map((v) => v.toString()).join(',');
    const first = firstWith.get(key);
    if (first === undefined) firstWith.set(key, e);
    const rep = first ?? e;
    /** A node as a 0/1 linear expression (unit output binary or input constant). */
    const bit = (name: string): Lin => {
      const ui = index.get(name);
      if (ui !== undefined) return Lin.of(`u${ui}_e${rep}`);
      const m = INPUT.exec(name);
      if (!m) throw new RangeError(`unknown node "${name}"`);
      const v = ex.x[Number(m[1])];
      if (v.eq(Rational.ONE)) return Lin.constant(1n);
      if (v.eq(Rational.ZERO)) return Lin.constant(0n);
      throw new RangeError(`node ${name} is ${v.toString()} on example ${e}, expected 0/1`);
    };
    if (first === undefined) {
      units.forEach((u, i) => {
        if (u.kind === 'score') return;
        const o = lp.variable(`u${i}_e${e}`, 'binary');
        encodeUnit(lp, u, i, e, Lin.of(o), ex.x, bit, box.get(i));
      });
    }
    if (network.classes === undefined) {
      const matches = network.outputs.map((name, j) => (ex.y[j] === 1 ? bit(name) : Lin.constant(1n).plus(bit(name), -1n)));
      if (instance.minCorrect === undefined) {
        for (const m of matches) lp.constraint(m, '=', 1n);
      } else {
        const c = lp.variable(`ok_e${e}`, 'binary');
        for (const m of matches) lp.constraint(Lin.of(c).plus(m, -1n), '<=', 0n);
        correct.push(c);
      }
      return;
    }
    // Classes: D times each score (D the common denominator of x), the label's greater by
    // at least 1 than every other class's (an integer gap: a tie is a miss).
    let d = 1n;
    for (const v of ex.x) d = lcm(d, v.den);
    const score = (name: string): Lin => {
      const i = index.get(name)!;
      return weightedSum(lp, units[i], i, rep, ex.x, bit, box.get(i)!, d).add(`u${i}_t`, -d);
    };
    const label = ex.label!;
    const mine = score(network.outputs[label]);
    const gaps = network.outputs.flatMap((name, c) => (c === label ? [] : [mine.plus(score(name), -1n)]));
    if (instance.minCorrect === undefined) {
      for (const g of gaps) lp.constraint(g, '>=', 1n);
    } else {
      // ok_e = 1 => gap >= 1, by big-M from the exact range of the gap.
      const c = lp.variable(`ok_e${e}`, 'binary');
      for (const g of gaps) {
        const bigM = max(0n, 1n - lp.range(g)[0]);
        lp.constraint(g.plus(Lin.of(c), -bigM), '>=', 1n - bigM);
      }
      correct.push(c);
    }
  });
  if (instance.minCorrect !== undefined && instance.minCorrect > 0) {
    const s = new Lin();
    for (const c of correct) s.add(c, 1n);
    lp.constraint(s, '>=', BigInt(instance.minCorrect));
  }

  const header = [
    `trainsat loading-problem encoding${instance.name ? ` of ${instance.name}` : ''}`,
    ...(cut.length === 0
      ? ['feasible iff trainable (objective 0)']
      : [
          'feasible => trainable (objective 0); the weight box is NOT complete:',
          `real weights of ${cut.join(', ')} are bounded by |w| <= ${bound}, so infeasible only means: no weights with |w| <= ${bound}`,
        ]),
    `${network.inputs} inputs, ${units.length} units, ${examples.length} examples` +
      (instance.minCorrect !== undefined ? `, at least ${instance.minCorrect} correct` : ''),
    ...units.map((u, i) => `unit u${i} = ${JSON.stringify(u.id)} (${u.kind})`),
  ];
  const scales = new Map<number, bigint>();
  for (const [i, b] of box) scales.set(i, b.scale);
  return { text: lp.text(header), scales, complete: cut.length === 0, completeBound, ...lp.magnitudes() };
}

/**
 * sum_j w_j * (d z_j) of a weighted unit on example e (d: a common denominator of its
 * constant inputs). A weight times an upstream output h is a continuous p = w h (declared
 * once per unit, input and example, so the class comparisons of one example share them).
 */
function weightedSum(lp: LpWriter, u: Unit, i: number, e: number, x: readonly Rational[], bit: (name: string) => Lin, b: { lo: bigint; hi: bigint }, d: bigint): Lin {
  const s = new Lin();
  u.inputs.forEach((name, j) => {
    const w = `u${i}_w${j}`;
    const m = INPUT.exec(name);
    if (m) {
      const c = x[Number(m[1])].mul(Rational.of(d)).num;
      if (c !== 0n) s.add(w, c);
      return;
    }
    const h = bit(name);
    const p = `u${i}_p${j}_e${e}`;
    if (!lp.has(p)) {
      lp.variable(p, 'continuous', min(b.lo, 0n), max(b.hi, 0n));
      // p = w h on w in [lo, hi]
      lp.constraint(Lin.of(p).plus(h, -b.hi), '<=', 0n);
      lp.constraint(Lin.of(p).plus(h, -b.lo), '>=', 0n);
      lp.constraint(Lin.of(p).add(w, -1n).plus(h, -b.lo), '<=', -b.lo);
      lp.constraint(Lin.of(p).add(w, -1n).plus(h, -b.hi), '>=', -b.hi);
    }
    s.add(p, d);
  });
  return s;
}

/** o = 1 => s >= 0 and o = 0 => s <= -1, by big-M from the exact range of s. */
function margin(lp: LpWriter, s: Lin, o: Lin): void {
  const [lo, hi] = lp.range(s);
  const mLo = max(0n, -lo);
  const mHi = max(0n, hi + 1n);
  lp.constraint(s.plus(o, -mLo), '>=', -mLo);
  lp.constraint(s.plus(o, -mHi), '<=', -1n);
}

function encodeUnit(
  lp: LpWriter,
  u: Unit,
  i: number,
  e: number,
  o: Lin,
  x: readonly Rational[],
  bit: (name: string) => Lin,
  spec: { lo: bigint; hi: bigint; scale: bigint } | undefined,
): void {
  const args = (): Lin[] => u.inputs.map(bit);
  const not = (l: Lin) => Lin.constant(1n).plus(l, -1n);
  switch (u.kind) {
    case 'and':
    case 'nand': {
      const out = u.kind === 'and' ? o : not(o);
      const a = args();
      let s = new Lin();
      for (const aj of a) {
        lp.constraint(out.plus(aj, -1n), '<=', 0n);
        s = s.plus(aj);
      }
      lp.constraint(out.plus(s, -1n), '>=', BigInt(1 - a.length));
      return;
    }
    case 'or':
    case 'nor': {
      const out = u.kind === 'or' ? o : not(o);
      let s = new Lin();
      for (const aj of args()) {
        lp.constraint(out.plus(aj, -1n), '>=', 0n);
        s = s.plus(aj);
      }
      lp.constraint(out.plus(s, -1n), '<=', 0n);
      return;
    }
    case 'not':
      lp.constraint(o.plus(args()[0]), '=', 1n);
      return;
    case 'xor': {
      const a = args();
      const m = lp.variable(`u${i}_m_e${e}`, 'general', 0n, BigInt(Math.floor((a.length + 1) / 2)));
      let s = o.copy();
      for (const aj of a) s = s.plus(aj);
      lp.constraint(s.plus(Lin.of(m), -2n), '=', 0n);
      return;
    }
    case 'lookup': {
      const a = args();
      for (let r = 0; r < 2 ** a.length; r++) {
        let mismatch = new Lin();
        a.forEach((aj, j) => {
          const want = (r >> (a.length - 1 - j)) & 1;
          mismatch = mismatch.plus(want === 1 ? not(aj) : aj);
        });
        if (mismatch.terms.size === 0 && mismatch.c > 0n) continue; // row ruled out by constant inputs
        const t = Lin.of(`u${i}_tab${r}`);
        lp.constraint(o.plus(t, -1n).plus(mismatch, -1n), '<=', 0n);
        lp.constraint(t.plus(o, -1n).plus(mismatch, -1n), '<=', 0n);
      }
      return;
    }
    case 'fixed-threshold': {
      if (!u.weights || u.threshold === undefined) throw new RangeError(`fixed-threshold unit "${u.id}" lacks weights`);
      let constant = u.threshold.neg();
      const coefs: [Lin, Rational][] = [];
      u.inputs.forEach((name, j) => {
        const m = INPUT.exec(name);
        if (m) constant = constant.add(u.weights![j].mul(x[Number(m[1])]));
        else coefs.push([bit(name), u.weights![j]]);
      });
      let d = constant.den;
      for (const [, w] of coefs) d = lcm(d, w.den);
      let s = Lin.constant(constant.mul(Rational.of(d)).num);
      for (const [h, w] of coefs) s = s.plus(h, w.mul(Rational.of(d)).num);
      margin(lp, s, o);
      return;
    }
    case 'score':
      throw new Error(`internal: score unit ${u.id} outside a multi-class network`);
    case 'threshold': {
      const b = spec!;
      // Integer weights: scale by this example's common denominator; real weights: by the
      // unit's (the weights then stand for scaled ones).
      let d = b.scale;
      if (u.integerWeights) {
        d = 1n;
        for (const name of u.inputs) {
          const m = INPUT.exec(name);
          if (m) d = lcm(d, x[Number(m[1])].den);
        }
      }
      margin(lp, weightedSum(lp, u, i, e, x, bit, b, d).add(`u${i}_t`, -d), o);
      return;
    }
    default: {
      const never: never = u.kind;
      throw new RangeError(`unknown unit kind ${String(never)}`);
    }
  }
}
