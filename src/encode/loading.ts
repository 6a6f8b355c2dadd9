/**
 * The loading problem as CNF (Judd, "Neural Network Design and the Complexity of
 * Learning", 1990): is there a parameter assignment for every trainable unit such that
 * the network maps each example's x to its y (or at least `minCorrect` examples)?
 *
 * Variables:
 *  - threshold unit: one bounded integer per weight and one for the threshold (two's
 *    complement bit-vectors, src/cnf/arith.ts). With `integerWeights` the range is the
 *    declared one; with real weights it is the complete bound of src/model/weight-bound.ts
 *    (W(k) for 0/1 inputs, integerInputRanges for integer or scaled rational inputs), so "no model" means no
 *    real weights exist, not "none within an arbitrary bound";
 *  - lookup unit: one variable per truth-table entry;
 *  - every unit, per distinct input pattern: one output literal.
 *
 * What keeps the formula small:
 *  - examples whose inputs to a unit are identical (same constants, same literals) share
 *    that unit's output literal (a memo keyed by the input pattern);
 *  - a threshold unit's weighted sums are built by a balanced adder tree whose subtrees are
 *    memoized per (index range, input pattern in that range): examples that agree on a
 *    block of inputs share that block's partial sum (on m examples over n Boolean inputs
 *    a range of r inputs has at most min(m, 2^r) distinct partial sums);
 *  - constants are folded everywhere (a weight times input 0 vanishes, times 1 is the
 *    weight itself; an example fixed by its label becomes unit clauses);
 *  - interchangeable hidden units (same kind, inputs and domain, read symmetrically by
 *    every consumer, e.g. h1/h2 in the Blum–Rivest network) are ordered by a
 *    lexicographic constraint on their output vectors: any solution can be permuted into
 *    one that satisfies it, so the answer is unchanged.
 */
import { CnfBuilder, FALSE, TRUE, type Lit } from '../cnf/builder.js';
import { add, constBV, geq, geqConst, mulBit, mulConst, newInt, sum, valueOf, type BitVec } from '../cnf/arith.js';
import { atLeast } from '../cnf/cardinality.js';
import { interchangeableGroups, orderGroups } from './symmetry.js';
import { lcm, Rational } from '../model/rational.js';
import type { Instance, Parameters, Unit } from '../model/types.js';
import { booleanRanges, integerInputRanges } from '../model/weight-bound.js';

/** The value of a node on one example: a constant or a literal (0/1-valued). */
type NodeValue = { c: Rational } | { l: Lit };

export interface LoadingEncodingOptions {
  /** Add lexicographic symmetry breaking between interchangeable hidden units (default true). */
  symmetryBreaking?: boolean;
  /** Share partial sums between examples that agree on a block of inputs (default true). */
  shareSums?: boolean;
}

export interface LoadingEncodingStats {
  vars: number;
  clauses: number;
  /** Distinct input patterns per unit id (examples sharing a pattern share an output). */
  patterns: Record<string, number>;
  /** Groups of interchangeable units that were ordered. */
  symmetricGroups: string[][];
}

export interface LoadingEncoding {
  cnf: CnfBuilder;
  stats: LoadingEncodingStats;
  /** Reads parameters from a model (`value(v)` = truth of variable v). Verify before use. */
  decode(value: (v: number) => boolean): Parameters;
  /** The literal of unit `id`'s output on example e (TRUE or FALSE where it is constant). */
  unitOutput(id: string, e: number): Lit;
  /**
   * The variables of a trainable unit's parameters: a lookup unit's table, or an
   * integer-weight threshold unit's weights and threshold (two's complement, LSB first).
   * Real-weight units are left out: their bit-vectors hold scaled integers, not the weights.
   */
  parameterBits(id: string): { table: Lit[] } | { weights: BitVec[]; threshold: BitVec } | undefined;
}

interface ThresholdVars {
  kind: 'threshold';
  weights: BitVec[];
  threshold: BitVec;
  /** Inputs are scaled by this integer so that every constant input is an integer. */
  inputScale: bigint;
  /** Integer weights: the threshold is compared against the sum as t * inputScale. */
  integer: boolean;
}

interface LookupVars {
  kind: 'lookup';
  table: Lit[];
}

const isConst = (v: NodeValue): v is { c: Rational } => 'c' in v;


function absBig(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function boolValue(v: NodeValue, where: string): Lit {
  if (!isConst(v)) return v.l;
  if (v.c.eq(Rational.ZERO)) return FALSE;
  if (v.c.eq(Rational.ONE)) return TRUE;
  throw new Error(`${where}: expected a 0/1 value, got ${v.c}`);
}

export function encodeLoading(instance: Instance, opts: LoadingEncodingOptions = {}): LoadingEncoding {
  const b = new CnfBuilder();
  const { network, examples } = instance;
  const m = examples.length;
  const params = new Map<string, ThresholdVars | LookupVars>();
  const patterns: Record<string, number> = {};
  /** values.get(node)[e] = value of node on example e. */
  const values = new Map<string, NodeValue[]>();
  for (let i = 0; i < network.inputs; i++) {
    values.set(`x${i}`, examples.map((ex) => ({ c: ex.x[i] })));
  }

  for (const unit of network.units) {
    const ins = unit.inputs.map((id) => {
      const v = values.get(id);
      if (!v) throw new Error(`internal: unit ${unit.id} reads unknown node ${id}`);
      return v;
    });
    const out: NodeValue[] = new Array(m);
    const memo = new Map<string, NodeValue>();
    const gate = makeUnitEncoder(b, unit, ins, params, opts.shareSums !== false);
    for (let e = 0; e < m; e++) {
      const row = ins.map((col) => col[e]);
      const key = row.map((v) => (isConst(v) ? `c${v.c}` : `l${v.l}`)).join(',');
      let v = memo.get(key);
      if (v === undefined) {
        v = gate(row);
        memo.set(key, v);
      }
      out[e] = v;
    }
    patterns[unit.id] = memo.size;
    values.set(unit.id, out);
  }

  // Outputs: per example, a literal that is true iff all its outputs match y.
  const correct: Lit[] = [];
  for (let e = 0; e < m; e++) {
    const ok: Lit[] = network.outputs.map((id, j) => {
      const l = boolValue(values.get(id)![e], `output ${id} on example ${e}`);
      return examples[e].y[j] === 1 ? l : -l;
    });
    if (instance.minCorrect === undefined) {
      for (const l of ok) b.assert(l);
    } else {
      correct.push(b.and(ok));
    }
  }
  if (instance.minCorrect !== undefined) atLeast(b, correct, instance.minCorrect);

  const symmetricGroups =
    opts.symmetryBreaking === false
      ? []
      : orderGroups(b, interchangeableGroups(network), (id) => values.get(id)!.map((v) => boolValue(v, id)));

  const decode = (value: (v: number) => boolean): Parameters => {
    const out: Parameters = {};
    for (const [id, p] of params) {
      if (p.kind === 'lookup') {
        out[id] = { table: p.table.map((l) => (litValue(l, value) ? 1 : 0)) };
      } else {
        const t = valueOf(p.threshold, value);
        const ws = p.weights.map((w) => valueOf(w, value));
        // Integer weights: the unit compares sum(w_i * (s z_i)) >= s * t, i.e. w.z >= t.
        // Real weights: it compares sum(w_i * (s z_i)) >= t, i.e. w.z >= t / s.
        out[id] = {
          weights: ws.map((w) => Rational.of(w)),
          threshold: p.integer ? Rational.of(t) : Rational.of(t, p.inputScale),
        };
      }
    }
    return out;
  };

  return {
    cnf: b,
    stats: { vars: b.numVars, clauses: b.clauses.length, patterns, symmetricGroups },
    decode,
    unitOutput: (id, e) => {
      const v = patterns[id] === undefined ? undefined : values.get(id)?.[e];
      if (v === undefined) throw new RangeError(`no unit "${id}" on example ${e}`);
      return boolValue(v, `unit ${id}`);
    },
    parameterBits: (id) => {
      const p = params.get(id);
      if (p === undefined) return undefined;
      if (p.kind === 'lookup') return { table: p.table };
      return p.integer ? { weights: p.weights, threshold: p.threshold } : undefined;
    },
  };
}

function litValue(l: Lit, value: (v: number) => boolean): boolean {
  if (l === TRUE) return true;
  if (l === FALSE) return false;
  return l > 0 ? value(l) : !value(-l);
}

/** Returns a function that encodes the unit's output for one input row. */
function makeUnitEncoder(
  b: CnfBuilder,
  unit: Unit,
  ins: NodeValue[][],
  params: Map<string, ThresholdVars | LookupVars>,
  shareSums: boolean,
): (row: NodeValue[]) => NodeValue {
  const k = unit.inputs.length;
  const where = `unit ${unit.id}`;
  const bools = (row: NodeValue[]) => row.map((v) => boolValue(v, where));
  switch (unit.kind) {
    case 'and':
      return (row) => ({ l: b.and(bools(row)) });
    case 'or':
      return (row) => ({ l: b.or(bools(row)) });
    case 'nand':
      return (row) => ({ l: -b.and(bools(row)) });
    case 'nor':
      return (row) => ({ l: -b.or(bools(row)) });
    case 'xor':
      return (row) => ({ l: b.xorAll(bools(row)) });
    case 'not':
      return (row) => ({ l: -bools(row)[0] });
    case 'lookup': {
      const table = b.newVars(1 << k);
      params.set(unit.id, { kind: 'lookup', table });
      // Multiplexer: table[i], i = sum_j z_j 2^(k-1-j); constant inputs select directly.
      return (row) => ({ l: mux(b, table, bools(row)) });
    }
    case 'fixed-threshold':
      return fixedThreshold(b, unit, ins);
    case 'threshold':
      return threshold(b, unit, ins, params, shareSums);
  }
}

function mux(b: CnfBuilder, table: Lit[], sel: Lit[]): Lit {
  // sel[0] is the most significant bit: it splits the table into halves.
  if (sel.length === 0) return table[0];
  const half = table.length >> 1;
  const rest = sel.slice(1);
  const s = sel[0];
  if (s === TRUE) return mux(b, table.slice(half), rest);
  if (s === FALSE) return mux(b, table.slice(0, half), rest);
  return b.ite(s, mux(b, table.slice(half), rest), mux(b, table.slice(0, half), rest));
}

/**
 * The scale s of a threshold unit's inputs: the common denominator of every constant input
 * it sees, so that s * z is an integer vector for every input value z (a literal input, 0 or
 * 1, becomes 0 or s). Also the largest |s * z| over every input it can see, literals
 * included, which is what the complete weight bound on the scaled inputs depends on.
 */
function scaleOf(ins: NodeValue[][]): { scale: bigint; maxAbs: bigint; boolean: boolean } {
  let scale = 1n;
  let boolean = true;
  let literal = false;
  for (const col of ins) {
    for (const v of col) {
      if (!isConst(v)) {
        literal = true;
        continue;
      }
      scale = lcm(scale, v.c.den);
      if (!v.c.eq(Rational.ZERO) && !v.c.eq(Rational.ONE)) boolean = false;
    }
  }
  let maxAbs = literal ? scale : 1n;
  for (const col of ins) {
    for (const v of col) {
      if (!isConst(v)) continue;
      const a = absBig((v.c.num * scale) / v.c.den);
      if (a > maxAbs) maxAbs = a;
    }
  }
  return { scale, maxAbs, boolean };
}

function threshold(
  b: CnfBuilder,
  unit: Unit,
  ins: NodeValue[][],
  params: Map<string, ThresholdVars | LookupVars>,
  shareSums: boolean,
): (row: NodeValue[]) => NodeValue {
  const k = unit.inputs.length;
  const { scale, maxAbs, boolean } = scaleOf(ins);
  let wRange: [bigint, bigint];
  let tRange: [bigint, bigint];
  const integer = unit.integerWeights !== undefined;
  if (unit.integerWeights) {
    wRange = [BigInt(unit.integerWeights.min), BigInt(unit.integerWeights.max)];
    tRange = wRange;
  } else if (boolean) {
    const r = booleanRanges(k);
    wRange = r.weight;
    tRange = r.threshold;
  } else {
    const r = integerInputRanges(k, maxAbs);
    wRange = r.weight;
    tRange = r.threshold;
  }
  const weights = unit.inputs.map(() => newInt(b, wRange[0], wRange[1]));
  const t = newInt(b, tRange[0], tRange[1]);
  params.set(unit.id, { kind: 'threshold', weights, threshold: t, inputScale: scale, integer });
  const tCmp = integer && scale !== 1n ? mulConst(b, t, scale) : t;

  // term(i, v): w_i * (scale * v) as a bit-vector. Every input is scaled, literals too (a
  // literal l stands for the value l, so its term is (scale * w_i) * l).
  const scaled: (BitVec | undefined)[] = weights.map((w) => (scale === 1n ? w : undefined));
  const scaledWeight = (i: number): BitVec => (scaled[i] ??= mulConst(b, weights[i], scale));
  const term = (i: number, v: NodeValue): BitVec => {
    if (isConst(v)) return mulConst(b, weights[i], (v.c.num * scale) / v.c.den);
    return mulBit(b, scaledWeight(i), v.l);
  };
  const sums = new Map<string, BitVec>();
  const keyOf = (v: NodeValue) => (isConst(v) ? `c${v.c}` : `l${v.l}`);
  // Balanced adder tree over input indices [lo, hi), memoized by the pattern in the range.
  const rangeSum = (row: NodeValue[], keys: string[], lo: number, hi: number): BitVec => {
    if (hi - lo === 1) return term(lo, row[lo]);
    const key = `${lo}:${hi}:${keys.slice(lo, hi).join(',')}`;
    const hit = sums.get(key);
    if (hit) return hit;
    const mid = (lo + hi) >> 1;
    const s = add(b, rangeSum(row, keys, lo, mid), rangeSum(row, keys, mid, hi));
    sums.set(key, s);
    return s;
  };
  return (row) => {
    if (!shareSums) sums.clear();
    const s = k === 0 ? constBV(0n) : rangeSum(row, row.map(keyOf), 0, k);
    return { l: geq(b, s, tCmp) };
  };
}

function fixedThreshold(b: CnfBuilder, unit: Unit, ins: NodeValue[][]): (row: NodeValue[]) => NodeValue {
  const ws = unit.weights!;
  const t = unit.threshold!;
  void ins;
  return (row) => {
    // Constant part exactly in rationals; literal part as a pseudo-Boolean sum over
    // integers (everything scaled by the common denominator).
    let constant = Rational.ZERO;
    const lits: { w: Rational; l: Lit }[] = [];
    row.forEach((v, i) => {
      if (isConst(v)) constant = constant.add(ws[i].mul(v.c));
      else if (!ws[i].eq(Rational.ZERO)) lits.push({ w: ws[i], l: v.l });
    });
    const rhs = t.sub(constant); // output 1 iff sum_{lits} w_i l_i >= rhs
    if (lits.length === 0) return { l: Rational.ZERO.cmp(rhs) >= 0 ? TRUE : FALSE };
    let den = rhs.den;
    for (const { w } of lits) den = lcm(den, w.den);
    const terms = lits.map(({ w, l }) => mulBit(b, constBV((w.num * den) / w.den), l));
    const s = sum(b, terms);
    // sum >= rhs*den  <=>  sum >= ceil(rhs*den) since sum is an integer
    const r = rhs.num * (den / rhs.den);
    return { l: geqConst(b, s, r) };
  };
}
