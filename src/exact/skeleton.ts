/**
 * The Boolean skeleton of the hybrid solver: everything about a network except the
 * linear separability of its real-weight threshold units, as CNF.
 *
 * Variables (the same ideas as the bit-blasted encoder, src/encode/loading.ts):
 *  - every unit, per distinct input pattern: one output literal. Examples whose inputs to
 *    a unit are identical (same constants, same literals) share it; this is also the
 *    cheapest propagation there is ("identical inputs, identical output") and costs
 *    nothing at solve time;
 *  - lookup units: truth-table variables (allocated on first use) and a multiplexer per
 *    pattern; fixed gates: Tseitin definitions; fixed-threshold units: an exact
 *    pseudo-Boolean sum (src/cnf/arith.ts);
 *  - threshold units with `integerWeights`: bit-blasted exactly like the encoder (bounded
 *    integers and adder trees). Integer feasibility is not an LP question, so these units
 *    never reach the theory layer: the hybrid handles mixed networks natively, with only
 *    the real-weight units left lazy;
 *  - real-weight threshold units: NOT bit-blasted. Each becomes a theory unit
 *    (`ThresholdTheory`) in one of two modes:
 *      'points': a fresh output variable per pattern; the unit's points are its input
 *        vectors (constants, or upstream literals whose values the model fixes);
 *      'table': for units whose inputs are all 0/1 and at least one is an upstream
 *        literal (hidden layers, e.g. the output unit of the Blum–Rivest network), with
 *        fan-in <= TABLE_MAX_FANIN: the unit is a lookup unit whose truth table must be a
 *        threshold function on the whole cube {0,1}^k. A dichotomy of part of the cube is
 *        separable iff it extends to a threshold function of the whole cube (take the
 *        separating hyperplane), so this is equivalent, and its conflicts mention only
 *        table variables: short clauses, valid for every table unit of the same fan-in.
 *  - outputs: every example correct (unit clauses), or with `minCorrect` a
 *    "correct" literal per example and a totalizer (src/cnf/cardinality.ts).
 *  - symmetry: interchangeable hidden units (same kind, inputs and domain, read
 *    symmetrically by every consumer, e.g. h1/h2 of the Blum–Rivest networks) are ordered
 *    lexicographically by output vector, as in the encoder. In blum-rivest-and this fixes
 *    the first negative example to be rejected by h2 (positives force h1 = h2 = 1).
 *    Complement symmetry (fixPolarities): a hidden real-weight threshold unit read only
 *    by real-weight threshold or lookup units outputs 1 on the first example (measured on
 *    random blum-rivest instances: 2-4x fewer conflicts).
 * Units that cannot influence an output are left out and get default parameters.
 */
import { CnfBuilder, FALSE, TRUE, type Lit } from '../cnf/builder.js';
import { constBV, geq, geqConst, mulBit, mulConst, newInt, sum, valueOf, type BitVec } from '../cnf/arith.js';
import { atLeast } from '../cnf/cardinality.js';
import { lcm, Rational } from '../model/rational.js';
import type { Instance, Unit } from '../model/types.js';
import { interchangeableGroups, orderGroups } from '../encode/symmetry.js';

/** The value of a node on one example: a constant or a literal (never TRUE/FALSE). */
export type NodeValue = { c: Rational } | { l: Lit };

export const isConst = (v: NodeValue): v is { c: Rational } => 'c' in v;
const ZERO_V: NodeValue = { c: Rational.ZERO };
const ONE_V: NodeValue = { c: Rational.ONE };

/** Largest fan-in of a threshold unit handled in 'table' mode (2^k table variables). */
export const TABLE_MAX_FANIN = 6;

function fromLit(l: Lit): NodeValue {
  return l === TRUE ? ONE_V : l === FALSE ? ZERO_V : { l };
}

function isBit(r: Rational): boolean {
  return r.den === 1n && (r.num === 0n || r.num === 1n);
}

function boolLit(v: NodeValue, where: string): Lit {
  if (!isConst(v)) return v.l;
  if (v.c.num === 0n) return FALSE;
  if (v.c.num === 1n && v.c.den === 1n) return TRUE;
  throw new Error(`${where}: expected a 0/1 value, got ${v.c}`);
}

/** A value's key in a pattern's key (0 and 1, the common constants, without BigInt printing). */
const keyOf = (v: NodeValue): string => (!isConst(v) ? `l${v.l}` : v.c.den === 1n && v.c.num === 0n ? 'c0' : v.c.den === 1n && v.c.num === 1n ? 'c1' : `c${v.c}`);

/** A real-weight threshold unit left to the LP layer. */
export interface ThresholdTheory {
  unit: Unit;
  index: number;
  k: number;
  mode: 'points' | 'table';
  /** Units with the same key have the same theory: a conflict of one is one of all. */
  groupKey: string;
  /** Input values per pattern (both modes). */
  rows: NodeValue[][];
  /** points mode: output literal per pattern. */
  out: Lit[];
  /** points mode: true when every row is constant (points fixed once and for all). */
  constant: boolean;
  /** table mode: table[i] = output on the cube vertex i (first input = most significant bit). */
  table: Lit[];
}

export interface LookupVars {
  unit: Unit;
  /** Allocated entries (others are free; decoded as 0). */
  entries: Map<number, Lit>;
}

export interface IntegerThresholdVars {
  unit: Unit;
  weights: BitVec[];
  threshold: BitVec;
}

/** One relevant unit as a circuit node, for justification (don't-care detection). */
export interface CircuitNode {
  unit: Unit;
  /** Per input: the circuit index of the unit it reads, or -1 for a network input. */
  src: number[];
  /** Input values per pattern, and each example's pattern. */
  rows: NodeValue[][];
  patOf: Int32Array;
  /** Output value per pattern. */
  out: NodeValue[];
  /** The real-weight theory of this node, if it is one. */
  theory?: ThresholdTheory;
}

export interface Skeleton {
  cnf: CnfBuilder;
  /** Relevant units in topological order. */
  circuit: CircuitNode[];
  /** Per example: the literal "this example is fully correct" (TRUE when all must be). */
  correct: Lit[];
  /** Circuit index of each network output (-1: it names a network input). */
  outputNodes: number[];
  theories: ThresholdTheory[];
  lookups: LookupVars[];
  integerUnits: IntegerThresholdVars[];
  /** Trainable units that cannot influence an output. */
  irrelevant: Unit[];
  patterns: Record<string, number>;
  symmetricGroups: string[][];
  /** Hidden units whose output on the first example was fixed to 1 (complement symmetry). */
  polarityFixed: string[];
}

export interface SkeletonOptions {
  symmetryBreaking?: boolean;
  /** Largest fan-in handled in 'table' mode (default TABLE_MAX_FANIN; 0 = always 'points'). */
  tableMaxFanin?: number;
}


export function buildSkeleton(instance: Instance, opts: SkeletonOptions = {}): Skeleton {
  const b = new CnfBuilder();
  const { network, examples } = instance;
  const m = examples.length;
  const units = network.units;
  const index = new Map(units.map((u, i) => [u.id, i]));

  // Relevance: units an output depends on.
  const relevant = new Array<boolean>(units.length).fill(false);
  for (const o of network.outputs) {
    const i = index.get(o);
    if (i !== undefined) relevant[i] = true;
  }
  for (let i = units.length - 1; i >= 0; i--) {
    if (!relevant[i]) continue;
    for (const id of units[i].inputs) {
      const j = index.get(id);
      if (j !== undefined) relevant[j] = true;
    }
  }

  const values = new Map<string, NodeValue[]>();
  for (let i = 0; i < network.inputs; i++) values.set(`x${i}`, examples.map((ex) => ({ c: ex.x[i] })));
  const theories: ThresholdTheory[] = [];
  const lookups: LookupVars[] = [];
  const integerUnits: IntegerThresholdVars[] = [];
  const irrelevant: Unit[] = [];
  const patterns: Record<string, number> = {};
  const circuit: CircuitNode[] = [];
  const nodeOf = new Map<string, number>();
  const patternsOf = new Map<string, { rows: NodeValue[][]; patOf: Int32Array }>();

  units.forEach((unit, ui) => {
    if (!relevant[ui]) {
      if (unit.kind === 'threshold' || unit.kind === 'lookup') irrelevant.push(unit);
      return;
    }
    // Distinct input patterns (units reading the same inputs share them: read-only).
    const inputsKey = unit.inputs.join('\u0000');
    let shared = patternsOf.get(inputsKey);
    if (!shared) {
      const cols = unit.inputs.map((id) => {
        const v = values.get(id);
        if (!v) throw new Error(`internal: unit ${unit.id} reads unknown node ${id}`);
        return v;
      });
      const memo = new Map<string, number>();
      const rows: NodeValue[][] = [];
      const patOf = new Int32Array(m);
      for (let e = 0; e < m; e++) {
        const row = cols.map((c) => c[e]);
        const key = row.map(keyOf).join(',');
        let p = memo.get(key);
        if (p === undefined) {
          p = rows.length;
          memo.set(key, p);
          rows.push(row);
        }
        patOf[e] = p;
      }
      shared = { rows, patOf };
      patternsOf.set(inputsKey, shared);
    }
    const { rows, patOf } = shared;
    patterns[unit.id] = rows.length;
    const nTheories = theories.length;
    const outs = unitOutputs(b, unit, ui, rows, theories, lookups, integerUnits, opts.tableMaxFanin ?? TABLE_MAX_FANIN);
    nodeOf.set(unit.id, circuit.length);
    circuit.push({
      unit,
      src: unit.inputs.map((id) => nodeOf.get(id) ?? -1),
      rows,
      patOf,
      out: outs,
      theory: theories.length > nTheories ? theories[theories.length - 1] : undefined,
    });
    values.set(
      unit.id,
      Array.from(patOf, (p) => outs[p]),
    );
  });

  // Outputs: a literal per example that is true iff all its outputs match y.
  const correct: Lit[] = [];
  for (let e = 0; e < m; e++) {
    const ok: Lit[] = network.outputs.map((id, j) => {
      const v = values.get(id)![e];
      const want = examples[e].y[j];
      if (isConst(v)) return isBit(v.c) && Number(v.c.num) === want ? TRUE : FALSE;
      return want === 1 ? v.l : -v.l;
    });
    if (instance.minCorrect === undefined) {
      for (const l of ok) b.assert(l);
      correct.push(TRUE);
    } else correct.push(b.and(ok));
  }
  if (instance.minCorrect !== undefined) atLeast(b, correct, instance.minCorrect);

  const symmetricGroups =
    opts.symmetryBreaking === false
      ? []
      : orderGroups(b, interchangeableGroups(instance.network, (i) => relevant[i]), (id) => values.get(id)!.map((v) => boolLit(v, id)));
  const polarityFixed = opts.symmetryBreaking === false ? [] : fixPolarities(b, instance, relevant, values, theories);
  const outputNodes = network.outputs.map((id) => nodeOf.get(id) ?? -1);
  return { cnf: b, circuit, correct, outputNodes, theories, lookups, integerUnits, irrelevant, patterns, symmetricGroups, polarityFixed };
}

/** Output value per pattern of one unit. */
function unitOutputs(
  b: CnfBuilder,
  unit: Unit,
  ui: number,
  rows: NodeValue[][],
  theories: ThresholdTheory[],
  lookups: LookupVars[],
  integerUnits: IntegerThresholdVars[],
  tableMaxFanin: number,
): NodeValue[] {
  const where = `unit ${unit.id}`;
  const bools = (row: NodeValue[]) => row.map((v) => boolLit(v, where));
  const k = unit.inputs.length;
  switch (unit.kind) {
    case 'and':
      return rows.map((r) => fromLit(b.and(bools(r))));
    case 'or':
      return rows.map((r) => fromLit(b.or(bools(r))));
    case 'nand':
      return rows.map((r) => fromLit(-b.and(bools(r))));
    case 'nor':
      return rows.map((r) => fromLit(-b.or(bools(r))));
    case 'xor':
      return rows.map((r) => fromLit(b.xorAll(bools(r))));
    case 'not':
      return rows.map((r) => fromLit(-bools(r)[0]));
    case 'lookup': {
      const entries = new Map<number, Lit>();
      lookups.push({ unit, entries });
      const entry = (i: number): Lit => {
        let l = entries.get(i);
        if (l === undefined) {
          l = b.newVar();
          entries.set(i, l);
        }
        return l;
      };
      return rows.map((r) => fromLit(mux(b, entry, 0, k, bools(r))));
    }
    case 'fixed-threshold':
      return rows.map((r) => fromLit(fixedThreshold(b, unit, r)));
    case 'threshold': {
      if (unit.integerWeights) return integerThreshold(b, unit, rows, integerUnits);
      const allBool = rows.every((r) => r.every((v) => !isConst(v) || isBit(v.c)));
      const anyLit = rows.some((r) => r.some((v) => !isConst(v)));
      if (allBool && anyLit && k <= tableMaxFanin) {
        const table = b.newVars(1 << k);
        theories.push({ unit, index: ui, k, mode: 'table', groupKey: `table:${k}`, rows, out: [], constant: false, table });
        return rows.map((r) => fromLit(mux(b, (i) => table[i], 0, k, bools(r))));
      }
      const out = b.newVars(rows.length);
      theories.push({
        unit,
        index: ui,
        k,
        mode: 'points',
        groupKey: `points:${JSON.stringify(unit.inputs)}`,
        rows,
        out,
        constant: !anyLit,
        table: [],
      });
      return out.map((l) => ({ l }));
    }
  }
}

/** table[base + i] for the i selected by `sel` (sel[0] most significant), as a literal. */
function mux(b: CnfBuilder, entry: (i: number) => Lit, base: number, k: number, sel: Lit[]): Lit {
  if (sel.length === 0) return entry(base);
  const s = sel[0];
  const rest = sel.slice(1);
  const half = 1 << (k - 1);
  if (s === TRUE) return mux(b, entry, base + half, k - 1, rest);
  if (s === FALSE) return mux(b, entry, base, k - 1, rest);
  return b.ite(s, mux(b, entry, base + half, k - 1, rest), mux(b, entry, base, k - 1, rest));
}

/** A fixed-threshold unit on one row: the literal part as an exact pseudo-Boolean sum. */
function fixedThreshold(b: CnfBuilder, unit: Unit, row: NodeValue[]): Lit {
  const ws = unit.weights!;
  const t = unit.threshold!;
  let constant = Rational.ZERO;
  const lits: { w: Rational; l: Lit }[] = [];
  row.forEach((v, i) => {
    if (isConst(v)) constant = constant.add(ws[i].mul(v.c));
    else if (ws[i].num !== 0n) lits.push({ w: ws[i], l: v.l });
  });
  const rhs = t.sub(constant); // 1 iff sum over lits of w_i l_i >= rhs
  if (lits.length === 0) return Rational.ZERO.cmp(rhs) >= 0 ? TRUE : FALSE;
  let den = rhs.den;
  for (const { w } of lits) den = lcm(den, w.den);
  const terms = lits.map(({ w, l }) => mulBit(b, constBV((w.num * den) / w.den), l));
  const s = terms.length === 1 ? terms[0] : sum(b, terms);
  // s >= rhs * den; rhs * den may be fractional only if den misses rhs.den (it does not).
  return geqConst(b, s, (rhs.num * den) / rhs.den);
}

/** A threshold unit with integer weights in [min, max], bit-blasted. */
function integerThreshold(b: CnfBuilder, unit: Unit, rows: NodeValue[][], integerUnits: IntegerThresholdVars[]): NodeValue[] {
  const { min, max } = unit.integerWeights!;
  let scale = 1n;
  for (const r of rows) for (const v of r) if (isConst(v)) scale = lcm(scale, v.c.den);
  const weights = unit.inputs.map(() => newInt(b, BigInt(min), BigInt(max)));
  const threshold = newInt(b, BigInt(min), BigInt(max));
  integerUnits.push({ unit, weights, threshold });
  const tCmp = scale !== 1n ? mulConst(b, threshold, scale) : threshold;
  // Every input is scaled by `scale`, literals too: a literal l contributes (scale * w_i) * l.
  const scaled: (BitVec | undefined)[] = weights.map((w) => (scale === 1n ? w : undefined));
  const scaledWeight = (i: number): BitVec => (scaled[i] ??= mulConst(b, weights[i], scale));
  return rows.map((row) => {
    const terms: BitVec[] = [];
    row.forEach((v, i) => {
      if (isConst(v)) {
        if (v.c.num !== 0n) terms.push(mulConst(b, weights[i], (v.c.num * scale) / v.c.den));
      } else terms.push(mulBit(b, scaledWeight(i), v.l));
    });
    const s = terms.length === 0 ? constBV(0n) : terms.length === 1 ? terms[0] : sum(b, terms);
    return fromLit(geq(b, s, tCmp));
  });
}

/** Decodes an integer-weight unit's parameters from a model. */
export function decodeInteger(u: IntegerThresholdVars, value: (v: number) => boolean): { weights: Rational[]; threshold: Rational } {
  return { weights: u.weights.map((w) => Rational.of(valueOf(w, value))), threshold: Rational.of(valueOf(u.threshold, value)) };
}

/**
 * Complement symmetry: a hidden real-weight threshold unit u can be replaced by its
 * complement (on a finite set, "not (w.z >= t)" is again a threshold function: -w.z >= s
 * for a suitable s) when every unit reading u can absorb the flip: a real-weight threshold
 * unit (weight w_j on u becomes -w_j and its threshold drops by w_j) or a lookup unit
 * (permute its table). Network outputs cannot. So any solution can be normalized to give
 * 1 on the first example for every such unit, and that is asserted. Combined with the lex
 * order of interchangeable units this stays valid: normalize polarities first, then sort
 * (swapping units keeps every normalized first value at 1). In the Blum–Rivest network
 * this cuts the output unit's 14 threshold functions down to their complement classes.
 */
function fixPolarities(b: CnfBuilder, instance: Instance, relevant: boolean[], values: Map<string, NodeValue[]>, theories: ThresholdTheory[]): string[] {
  const { network } = instance;
  if (instance.examples.length === 0) return [];
  const outputs = new Set(network.outputs);
  const absorbs = (c: Unit) => (c.kind === 'threshold' && !c.integerWeights) || c.kind === 'lookup';
  const fixed: string[] = [];
  for (const th of theories) {
    const id = th.unit.id;
    if (outputs.has(id)) continue;
    const readers = network.units.filter((c, i) => relevant[i] && c.inputs.includes(id));
    if (readers.length === 0 || !readers.every(absorbs)) continue;
    const first = values.get(id)![0];
    if (isConst(first)) continue;
    b.assert(first.l);
    fixed.push(id);
  }
  return fixed;
}
