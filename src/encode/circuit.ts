/**
 * A network on a training set as CNF: the one circuit encoder behind the bit-blasted
 * loading encoding (loading.ts) and the hybrid solver's Boolean skeleton
 * (src/exact/skeleton.ts). The question is the loading problem (Judd, "Neural Network
 * Design and the Complexity of Learning", 1990): are there parameters for every trainable
 * unit such that the network maps each example's x to its y (or at least `minCorrect`
 * examples)?
 *
 * Per unit and distinct input pattern, one output value (a constant or a literal):
 * examples whose inputs to a unit are identical (same constants, same literals) share it,
 * and units reading the same inputs share the patterns.
 *  - and/or/nand/nor/xor/not: Tseitin definitions (Tseitin, "On the complexity of
 *    derivation in propositional calculus", 1968), constants folded (src/cnf/builder.ts);
 *  - lookup: a multiplexer over truth-table variables, the first input selecting the most
 *    significant bit of the entry;
 *  - fixed-threshold: the constant inputs summed exactly in rationals, the literal inputs
 *    as a pseudo-Boolean sum over integers (src/cnf/arith.ts);
 *  - threshold, bit-blasted (integerWeights always; real weights in 'bit-blast' mode):
 *    two's complement integers for the weights and the threshold, in the box of
 *    completeBox (src/model/weight-bound.ts: the declared range, or one complete for real
 *    weights, so that "no model" means that no real weights exist). Inputs are scaled by
 *    the common denominator s of the constants the unit sees (a literal counts as 0 or s).
 *    The weighted sums are a balanced adder tree whose subtrees are memoized per (index
 *    range, input pattern in that range): examples that agree on a block of inputs share
 *    that block's partial sum. Inputs 0 on every example are left out (their weights are
 *    free and read back as 0), and inputs equal on every example share one integer, the
 *    sum of their weights, split evenly when read back;
 *  - score (multi-class outputs, integer weights only): the same sums minus the threshold,
 *    and per example the strict comparisons of the label's score with every other
 *    class's (classComparisons);
 *  - threshold with real weights in 'theory' mode: not bit-blasted but a ThresholdTheory
 *    for the LP layer. 'points': a free output variable per pattern, the points being the
 *    input vectors. 'table' (inputs all 0/1, at least one an upstream literal, fan-in <=
 *    tableMaxFanin): a lookup unit whose table must be a threshold function of the whole
 *    cube {0,1}^k; a dichotomy of part of the cube is separable iff it extends to one of
 *    the whole cube (take the separating hyperplane), and its conflicts then mention only
 *    table variables, valid for every table unit of the same fan-in. Units that no output
 *    depends on are left out.
 * Outputs: every example correct (unit clauses), or with `minCorrect` a "correct" literal
 * per example and a totalizer (src/cnf/cardinality.ts). With `classes`, an example is
 * correct iff its label's score is strictly greater than every other class's.
 * Symmetry (symmetry.ts): interchangeable hidden units are ordered by a lexicographic
 * constraint on their output vectors, the lex-leader idea of Crawford, Ginsberg, Luks and
 * Roy ("Symmetry-breaking predicates for search problems", 1996). In 'theory' mode a
 * hidden real-weight unit whose readers can absorb its complement outputs 1 on the first
 * example (fixPolarities).
 */
import { CnfBuilder, FALSE, TRUE, type Lit } from '../cnf/builder.js';
import { add, constBV, geq, geqConst, mulBit, mulConst, newInt, sub, sum, valueOf, type BitVec } from '../cnf/arith.js';
import { atLeast, exactly } from '../cnf/cardinality.js';
import { interchangeableGroups, orderGroups } from './symmetry.js';
import { lcm, Rational } from '../model/rational.js';
import { InputError } from '../model/errors.js';
import { isTrainableKind, type Instance, type Unit } from '../model/types.js';
import { completeBox, idleWeight, scoreThresholdRange, type InputDomain } from '../model/weight-bound.js';

/** The value of a node on one example: a constant or a literal (never TRUE/FALSE). */
export type NodeValue = { c: Rational } | { l: Lit };

export const isConst = (v: NodeValue): v is { c: Rational } => 'c' in v;
const ZERO_V: NodeValue = { c: Rational.ZERO };
const ONE_V: NodeValue = { c: Rational.ONE };

/** Largest fan-in of a threshold unit handled in 'table' mode (2^k table variables). */
export const TABLE_MAX_FANIN = 6;
/** Default limits of enumeratedThreshold: weight vectors, and clauses per unit. */
export const ENUMERATE_WEIGHTS = { vectors: 4096, clauses: 400_000 } as const;

function fromLit(l: Lit): NodeValue {
  return l === TRUE ? ONE_V : l === FALSE ? ZERO_V : { l };
}

function isBit(r: Rational): boolean {
  return r.den === 1n && (r.num === 0n || r.num === 1n);
}

/** A 0/1 value as a literal (TRUE/FALSE for constants). */
export function boolLit(v: NodeValue, where: string): Lit {
  if (!isConst(v)) return v.l;
  if (v.c.num === 0n) return FALSE;
  if (v.c.num === 1n && v.c.den === 1n) return TRUE;
  throw new Error(`${where}: expected a 0/1 value, got ${v.c}`);
}

/** A value's key in a pattern's key (0 and 1, the common constants, without BigInt printing). */
const keyOf = (v: NodeValue): string => (!isConst(v) ? `l${v.l}` : v.c.den === 1n && v.c.num === 0n ? 'c0' : v.c.den === 1n && v.c.num === 1n ? 'c1' : `c${v.c}`);

/** A real-weight threshold unit left to the LP layer ('theory' mode). */
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
  /** Allocated entries (in 'theory' mode only those some pattern selects; others are free). */
  entries: Map<number, Lit>;
}

/** A bit-blasted threshold unit's parameters. */
export interface ThresholdVars {
  unit: Unit;
  /**
   * Per input its weight; an input 0 on every example has the constant 0, and of a group of
   * inputs equal on every example only the first carries a weight, the group's sum.
   */
  weights: BitVec[];
  /** Groups of >= 2 inputs equal on every example (input indices, first = the one with the sum). */
  groups: number[][];
  /**
   * Compared against the sum of w_i * (inputScale * z_i): scaled by inputScale for real
   * weights. An enumerated unit (enumeratedThreshold) holds its integer threshold as a ladder.
   */
  threshold: BitVec | ThresholdLadder;
  /** Inputs are scaled by this integer so that every constant input is an integer. */
  inputScale: bigint;
}

/**
 * An integer threshold t in the order encoding, on the values where it matters: step i's
 * literal stands for t >= steps[i].at (the `at` increasing, each literal implying the one
 * before). t reads back as the largest `at` whose literal is true, or `below` (less than
 * every `at`) when none is; every t between two steps gives the same outputs.
 */
export interface ThresholdLadder {
  steps: { at: bigint; lit: Lit }[];
  below: bigint;
}

/** One encoded unit as a circuit node, for justification (don't-care detection). */
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

export interface CircuitOptions {
  /**
   * Real-weight threshold units: 'bit-blast' them within the complete box (every unit is
   * encoded, lookup tables allocated whole), or leave them to the 'theory' (units no
   * output depends on are left out, lookup entries allocated on first use).
   */
  realWeights: 'bit-blast' | 'theory';
  /** Lexicographic order of interchangeable units, and in 'theory' mode fixPolarities (default true). */
  symmetryBreaking?: boolean;
  /** Share partial sums between patterns that agree on a block of inputs (default true). */
  shareSums?: boolean;
  /** Largest fan-in handled in 'table' mode (default TABLE_MAX_FANIN; 0 = always 'points'). */
  tableMaxFanin?: number;
  /**
   * Integer-weight units reading constants are encoded with one selector per weight vector
   * (enumeratedThreshold) when they have at most `vectors` vectors and the encoding at most
   * `clauses` clauses (default ENUMERATE_WEIGHTS; {vectors: 0, clauses: 0} = never).
   */
  enumerateWeights?: { vectors: number; clauses: number };
  /**
   * A margin M, an integer in [0, max] (one variable for the whole network): every bit-blasted
   * integer-weight threshold unit then satisfies w.z - t >= M on the patterns where it fires
   * and w.z - t < -M where it does not, and every class comparison reads "the label's score
   * exceeds the other's by more than M" (docs/format.md, "Objectives"). The thresholds'
   * derived ranges ("threshold": "any") are widened by `max` on both sides, which keeps them
   * complete (a unit constant on the data needs its threshold M beyond the reachable sums;
   * see marginThresholdWidening). Units are not enumerated (enumeratedThreshold) under a margin.
   */
  margin?: { max: bigint };
}

export interface Circuit {
  cnf: CnfBuilder;
  /** Encoded units in topological order. */
  circuit: CircuitNode[];
  /** Value of each node (network input or encoded unit) per example. */
  values: Map<string, NodeValue[]>;
  /** Per example: the literal "this example is fully correct" (TRUE when all must be). */
  correct: Lit[];
  /** Circuit index of each network output (-1: it names a network input). */
  outputNodes: number[];
  theories: ThresholdTheory[];
  lookups: LookupVars[];
  /** Bit-blasted threshold units (integer weights, and real ones in 'bit-blast' mode). */
  thresholds: ThresholdVars[];
  /** Trainable units that cannot influence an output ('theory' mode). */
  irrelevant: Unit[];
  /** Distinct input patterns per encoded unit. */
  patterns: Record<string, number>;
  symmetricGroups: string[][];
  /** Hidden units whose output on the first example was fixed to 1 (complement symmetry). */
  polarityFixed: string[];
  /** The margin variable (CircuitOptions.margin), when asked for. */
  margin?: BitVec;
}

export function encodeCircuit(instance: Instance, opts: CircuitOptions): Circuit {
  const b = new CnfBuilder();
  const { network, examples } = instance;
  const m = examples.length;
  const units = network.units;
  const theoryMode = opts.realWeights === 'theory';
  const relevant = theoryMode ? relevantUnits(instance) : units.map(() => true);
  const values = new Map<string, NodeValue[]>();
  for (let i = 0; i < network.inputs; i++) values.set(`x${i}`, examples.map((ex) => ({ c: ex.x[i] })));
  const c: Circuit = {
    cnf: b,
    circuit: [],
    values,
    correct: [],
    outputNodes: [],
    theories: [],
    lookups: [],
    thresholds: [],
    irrelevant: [],
    patterns: {},
    symmetricGroups: [],
    polarityFixed: [],
  };
  if (opts.margin) c.margin = newInt(b, 0n, opts.margin.max);
  const nodeOf = new Map<string, number>();
  const patternsOf = new Map<string, { rows: NodeValue[][]; patOf: Int32Array }>();
  // Distinct input patterns (units reading the same inputs share them: read-only).
  const patternsFor = (unit: Unit): { rows: NodeValue[][]; patOf: Int32Array } => {
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
        const row = cols.map((col) => col[e]);
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
    c.patterns[unit.id] = shared.rows.length;
    return shared;
  };
  if (network.classes !== undefined && theoryMode) {
    throw new InputError('multi-class outputs (score units) are decided by the bit-blasted encoding only: use auto (the default), layerwise or a SAT backend such as cadical (which with --certify records a DRUP proof)', 'network.classes');
  }

  const scoreUnits: Unit[] = [];
  units.forEach((unit, ui) => {
    if (!relevant[ui]) {
      if (isTrainableKind(unit.kind)) c.irrelevant.push(unit);
      return;
    }
    // Score units are read by no unit: encoded last, together (their thresholds share one range).
    if (unit.kind === 'score') {
      scoreUnits.push(unit);
      return;
    }
    const { rows, patOf } = patternsFor(unit);
    const nTheories = c.theories.length;
    const out = unitOutputs(c, opts, unit, ui, rows);
    nodeOf.set(unit.id, c.circuit.length);
    c.circuit.push({
      unit,
      src: unit.inputs.map((id) => nodeOf.get(id) ?? -1),
      rows,
      patOf,
      out,
      theory: c.theories.length > nTheories ? c.theories[c.theories.length - 1] : undefined,
    });
    values.set(unit.id, Array.from(patOf, (p) => out[p]));
  });

  // Outputs: a literal per example that is true iff all its outputs match y (with classes:
  // iff its label's score is strictly greater than every other class's).
  const exampleOk =
    network.classes !== undefined
      ? classComparisons(c, instance, scoreUnits.map((u) => ({ unit: u, ...patternsFor(u) })), opts.shareSums !== false, opts.margin?.max)
      : (e: number): Lit[] =>
          network.outputs.map((id, j) => {
            const v = values.get(id)![e];
            const want = examples[e].y[j];
            if (isConst(v)) return isBit(v.c) && Number(v.c.num) === want ? TRUE : FALSE;
            return want === 1 ? v.l : -v.l;
          });
  for (let e = 0; e < m; e++) {
    const ok = exampleOk(e);
    if (instance.minCorrect === undefined) {
      for (const l of ok) b.assert(l);
      c.correct.push(TRUE);
    } else c.correct.push(b.and(ok));
  }
  if (instance.minCorrect !== undefined) atLeast(b, c.correct, instance.minCorrect);

  if (opts.symmetryBreaking !== false) {
    const groups = interchangeableGroups(network, (i) => relevant[i]);
    c.symmetricGroups = orderGroups(b, groups, (id) => values.get(id)!.map((v) => boolLit(v, id)));
    if (theoryMode) c.polarityFixed = fixPolarities(b, instance, relevant, values, c.theories);
  }
  c.outputNodes = network.outputs.map((id) => nodeOf.get(id) ?? -1);
  return c;
}

/** Units an output depends on. */
function relevantUnits(instance: Instance): boolean[] {
  const units = instance.network.units;
  const index = new Map(units.map((u, i) => [u.id, i]));
  const relevant = new Array<boolean>(units.length).fill(false);
  for (const o of instance.network.outputs) {
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
  return relevant;
}

/** Output value per pattern of one unit. */
function unitOutputs(c: Circuit, opts: CircuitOptions, unit: Unit, ui: number, rows: NodeValue[][]): NodeValue[] {
  const b = c.cnf;
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
      if (opts.realWeights === 'bit-blast') b.newVars(1 << k).forEach((l, i) => entries.set(i, l));
      c.lookups.push({ unit, entries });
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
    case 'score':
      throw new Error(`internal: score unit ${unit.id} is encoded with the class comparisons`);
    case 'threshold': {
      if (unit.integerWeights || opts.realWeights === 'bit-blast') return bitBlastThreshold(c, unit, rows, opts);
      const anyLit = rows.some((r) => r.some((v) => !isConst(v)));
      if (anyLit && k <= (opts.tableMaxFanin ?? TABLE_MAX_FANIN) && rows.every((r) => r.every((v) => !isConst(v) || isBit(v.c)))) {
        const table = b.newVars(1 << k);
        c.theories.push({ unit, index: ui, k, mode: 'table', groupKey: `table:${k}`, rows, out: [], constant: false, table });
        return rows.map((r) => fromLit(mux(b, (i) => table[i], 0, k, bools(r))));
      }
      const out = b.newVars(rows.length);
      const groupKey = `points:${JSON.stringify(unit.inputs)}`;
      c.theories.push({ unit, index: ui, k, mode: 'points', groupKey, rows, out, constant: !anyLit, table: [] });
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
  let constant = Rational.ZERO;
  const lits: { w: Rational; l: Lit }[] = [];
  row.forEach((v, i) => {
    if (isConst(v)) constant = constant.add(ws[i].mul(v.c));
    else if (ws[i].num !== 0n) lits.push({ w: ws[i], l: v.l });
  });
  const rhs = unit.threshold!.sub(constant); // 1 iff sum over lits of w_i l_i >= rhs
  if (lits.length === 0) return Rational.ZERO.cmp(rhs) >= 0 ? TRUE : FALSE;
  let den = rhs.den;
  for (const { w } of lits) den = lcm(den, w.den);
  const s = sum(b, lits.map(({ w, l }) => mulBit(b, constBV((w.num * den) / w.den), l)));
  // s >= rhs * den, an integer since den is a multiple of rhs.den.
  return geqConst(b, s, (rhs.num * den) / rhs.den);
}

/**
 * What a weighted unit sees: the scale s of its inputs (the common denominator of every
 * constant it sees, so that s * z is an integer vector), the largest |s * z| over every
 * input value (a literal counts as s), whether every input is 0/1, and the inputs that are
 * not 0 on every pattern (`kept`; the others add nothing to any sum, so their weights are
 * left free and read back as 0).
 */
interface WeightedInputs {
  scale: bigint;
  maxAbs: bigint;
  boolean: boolean;
  kept: number[];
}

function weightedInputs(rows: NodeValue[][], k: number): WeightedInputs {
  let scale = 1n;
  let boolean = true;
  let literal = false;
  const kept: number[] = [];
  const isZero = (v: NodeValue): boolean => isConst(v) && v.c.num === 0n;
  for (let i = 0; i < k; i++) if (!rows.every((row) => isZero(row[i]))) kept.push(i);
  for (const row of rows) {
    for (const i of kept) {
      const v = row[i];
      if (!isConst(v)) literal = true;
      else {
        scale = lcm(scale, v.c.den);
        if (!isBit(v.c)) boolean = false;
      }
    }
  }
  let maxAbs = literal ? scale : 1n;
  for (const row of rows) {
    for (const i of kept) {
      const v = row[i];
      if (!isConst(v)) continue;
      let a = (v.c.num * scale) / v.c.den;
      if (a < 0n) a = -a;
      if (a > maxAbs) maxAbs = a;
    }
  }
  return { scale, maxAbs, boolean, kept };
}

const domainOf = (w: WeightedInputs): InputDomain => (w.boolean ? 'boolean' : { maxAbs: w.maxAbs, scale: w.scale });

/** The unit restricted to its kept inputs, as completeBox sees it. */
const keptUnit = (unit: Unit, w: WeightedInputs) => ({ inputs: w.kept.map((i) => unit.inputs[i]), integerWeights: unit.integerWeights });

/**
 * A weighted unit's parameters, bit-blasted in `box`, and its scaled weighted sum
 * sum_i w_i * (s * z_i) per pattern, beside the threshold on the same scale (s * t for
 * integer weights; real weights compare with the scaled threshold itself).
 */
function weightedSums(c: Circuit, unit: Unit, rows: NodeValue[][], w: WeightedInputs, box: { weight: [bigint, bigint]; threshold: [bigint, bigint] }, shareSums: boolean): { sums: BitVec[]; tScaled: BitVec } {
  const b = c.cnf;
  const { scale } = w;
  // Inputs equal on every pattern only ever contribute the sum of their weights: one integer
  // in [g lo, g hi] for a group of g (every such sum splits into g weights in [lo, hi]).
  const byColumn = new Map<string, number[]>();
  for (const i of w.kept) {
    const key = rows.map((row) => keyOf(row[i])).join(',');
    const members = byColumn.get(key);
    if (members) members.push(i);
    else byColumn.set(key, [i]);
  }
  const kept = [...byColumn.values()].map((members) => members[0]);
  // An input 0 on every pattern adds nothing whatever its weight: it gets the allowed
  // weight nearest 0, so the decoded parameters stay inside an integer range.
  const idle = unit.integerWeights ? idleWeight(unit.integerWeights) : 0n;
  const weights = unit.inputs.map(() => constBV(idle));
  for (const members of byColumn.values()) {
    const g = BigInt(members.length);
    weights[members[0]] = newInt(b, g * box.weight[0], g * box.weight[1]);
  }
  const threshold = newInt(b, box.threshold[0], box.threshold[1]);
  const groups = [...byColumn.values()].filter((members) => members.length >= 2);
  c.thresholds.push({ unit, weights, groups, threshold, inputScale: scale });
  const tScaled = unit.integerWeights && scale !== 1n ? mulConst(b, threshold, scale) : threshold;

  // term(i, v): w_i * (s * v). A literal l stands for the value l: (s * w_i) * l.
  const scaled: (BitVec | undefined)[] = weights.map((wi) => (scale === 1n ? wi : undefined));
  const scaledWeight = (i: number): BitVec => (scaled[i] ??= mulConst(b, weights[i], scale));
  const term = (i: number, v: NodeValue): BitVec =>
    isConst(v) ? mulConst(b, weights[i], (v.c.num * scale) / v.c.den) : mulBit(b, scaledWeight(i), v.l);
  const sums = new Map<string, BitVec>();
  // Balanced adder tree over kept[lo..hi), memoized by the pattern in the range.
  const rangeSum = (row: NodeValue[], keys: string[], lo: number, hi: number): BitVec => {
    if (hi - lo === 1) return term(kept[lo], row[kept[lo]]);
    const key = `${lo}:${hi}:${keys.slice(lo, hi).join(',')}`;
    const hit = sums.get(key);
    if (hit) return hit;
    const mid = (lo + hi) >> 1;
    const s = add(b, rangeSum(row, keys, lo, mid), rangeSum(row, keys, mid, hi));
    sums.set(key, s);
    return s;
  };
  return {
    tScaled,
    sums: rows.map((row) => {
      if (!shareSums) sums.clear();
      return kept.length === 0 ? constBV(0n) : rangeSum(row, kept.map((i) => keyOf(row[i])), 0, kept.length);
    }),
  };
}

/** A threshold unit with bounded integer weights and threshold, bit-blasted. */
function bitBlastThreshold(c: Circuit, unit: Unit, rows: NodeValue[][], opts: CircuitOptions): NodeValue[] {
  const shareSums = opts.shareSums !== false;
  const w = weightedInputs(rows, unit.inputs.length);
  const box = widenedForMargin(completeBox(keptUnit(unit, w), domainOf(w)), unit, opts);
  if (unit.integerWeights && !c.margin) {
    const enumerated = enumeratedThreshold(c, unit, rows, w, box, opts.enumerateWeights ?? ENUMERATE_WEIGHTS);
    if (enumerated) return enumerated;
  }
  const { sums, tScaled } = weightedSums(c, unit, rows, w, box, shareSums);
  const outs = sums.map((s) => fromLit(geq(c.cnf, s, tScaled)));
  if (c.margin) marginClauses(c, c.margin, unit, w.scale, sums, tScaled, outs);
  return outs;
}

/**
 * A unit's threshold range under a margin (CircuitOptions.margin): a derived range
 * ("threshold": "any") widened by the largest margin on both sides. With margin M a unit
 * firing on every pattern needs t <= min(w.z) - M and one firing on none t > max(w.z) + M;
 * a unit firing on some patterns only has t within the reachable sums already.
 */
function widenedForMargin<T extends { threshold: [bigint, bigint] }>(box: T, unit: Unit, opts: CircuitOptions): T {
  if (!opts.margin || !unit.integerWeights?.anyThreshold) return box;
  return { ...box, threshold: [box.threshold[0] - opts.margin.max, box.threshold[1] + opts.margin.max] };
}

/**
 * The margin constraints of one threshold unit on the scale s of its inputs: firing means
 * s(w.z) - s t >= s M, not firing s(w.z) - s t < -s M, i.e. s t >= s(w.z) + s M + 1 (every
 * scaled quantity is an integer).
 */
function marginClauses(c: Circuit, margin: BitVec, unit: Unit, scale: bigint, sums: BitVec[], tScaled: BitVec, outs: NodeValue[]): void {
  if (!unit.integerWeights) throw new InputError('a margin needs integer weights', `unit ${unit.id}`);
  const b = c.cnf;
  const m = scale === 1n ? margin : mulConst(b, margin, scale);
  const firesAt = add(b, tScaled, m);
  const quietAt = add(b, m, constBV(1n));
  sums.forEach((s, p) => {
    const out = boolLit(outs[p], `unit ${unit.id}`);
    b.addClause([-out, geq(b, s, firesAt)]);
    b.addClause([out, geq(b, tScaled, add(b, s, quietAt))]);
  });
}

/**
 * Enumerated weights, for a threshold unit with integer weights whose kept inputs are
 * constants on every pattern (a first layer reading the data) and that has few weight
 * vectors: one selector per weight vector v (exactly one true), the threshold t in the
 * order encoding (G_j <-> t >= j, only for the j some f + 1 below takes: a ThresholdLadder,
 * so its size follows the data, not the range of t), and per pattern p and vector v the clauses
 * sel_v -> (out_p <-> not G_{f+1}) with f = floor(v.x_p), since w.x >= t <=> t <= f for an
 * integer t. Once a vector is chosen every output is one threshold literal, which unit
 * propagation reaches directly; the adder sums of weightedSums reach it through carries.
 * This is the order encoding of integer variables of Tamura, Taga, Kitagawa & Banbara,
 * "Compiling finite linear CSP into SAT" (Constraints, 2009), applied to the threshold,
 * with the weight vector as one finite-domain variable. The weights' bit-vectors are kept
 * and tied to the selectors, so they decode like every bit-blasted unit's; the threshold
 * decodes from the ladder. Null (use weightedSums) when some kept input is a
 * literal or there are more than `limit.vectors` vectors or `limit.clauses` clauses.
 */
function enumeratedThreshold(
  c: Circuit,
  unit: Unit,
  rows: NodeValue[][],
  w: WeightedInputs,
  box: { weight: [bigint, bigint]; threshold: [bigint, bigint] },
  limit: { vectors: number; clauses: number },
): NodeValue[] | null {
  const [lo, hi] = box.weight;
  const [tlo, thi] = box.threshold;
  const k = w.kept.length;
  const span = Number(hi - lo + 1n);
  const count = span ** k;
  if (k === 0 || !Number.isFinite(count) || count > limit.vectors || count * rows.length * 2 > limit.clauses) return null;
  if (!rows.every((row) => w.kept.every((i) => isConst(row[i])))) return null;
  const b = c.cnf;
  const { scale } = w;
  // Scaled integer inputs per pattern, kept inputs only.
  const a = rows.map((row) => w.kept.map((i) => {
    const v = row[i] as { c: Rational };
    return (v.c.num * scale) / v.c.den;
  }));
  const vectors: bigint[][] = [];
  for (let n = 0; n < count; n++) {
    let r = n;
    const v: bigint[] = [];
    for (let i = 0; i < k; i++) {
      v.push(lo + BigInt(r % span));
      r = Math.floor(r / span);
    }
    vectors.push(v);
  }
  const sel = b.newVars(count);
  exactly(b, sel, 1);
  const weights = unit.inputs.map(() => constBV(idleWeight(unit.integerWeights!)));
  const weightBits = w.kept.map((i) => (weights[i] = newInt(b, lo, hi)));
  vectors.forEach((v, n) => {
    weightBits.forEach((bits, i) => {
      const u = BigInt.asUintN(bits.length, v[i]);
      bits.forEach((l, j) => {
        if (l !== TRUE && l !== FALSE) b.addClause([-sel[n], ((u >> BigInt(j)) & 1n) === 1n ? l : -l]);
      });
    });
  });
  // f_pv = floor(v.x_p / s) per pattern p and vector v: the output is 1 iff t <= f_pv, i.e.
  // iff not (t >= f_pv + 1). Only the steps f + 1 inside (tlo, thi] need a literal: below
  // the range the output is 1 whatever t is, above it 0.
  const floors = a.map((x) =>
    vectors.map((v) => {
      let s = 0n;
      for (let i = 0; i < k; i++) s += v[i] * x[i];
      const f = s / scale;
      return f * scale > s ? f - 1n : f;
    }),
  );
  const at = [...new Set(floors.flat().map((f) => f + 1n).filter((j) => j > tlo && j <= thi))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const steps = at.map((j) => ({ at: j, lit: b.newVar() }));
  for (let i = 1; i < steps.length; i++) b.addClause([-steps[i].lit, steps[i - 1].lit]);
  const G = new Map(steps.map((st) => [st.at, st.lit]));
  c.thresholds.push({ unit, weights, groups: [], threshold: { steps, below: tlo }, inputScale: scale });
  return floors.map((fs) => {
    const out = b.newVar();
    fs.forEach((f, n) => {
      if (f + 1n > thi) b.addClause([-sel[n], out]);
      else if (f + 1n <= tlo) b.addClause([-sel[n], -out]);
      else {
        const g = G.get(f + 1n)!;
        b.addClause([-sel[n], -out, -g]);
        b.addClause([-sel[n], out, g]);
      }
    });
    return fromLit(out);
  });
}

/**
 * The class comparisons of a multi-class network: each score unit's score w.z - t per
 * pattern, bit-blasted with integer weights (on a common scale: each unit's scaled score
 * times L / s for L the lcm of the units' scales), and per example the literals "the
 * label's score > class c's score" for every other class c (strict: a tie is a miss).
 * Thresholds with `anyThreshold` range over scoreThresholdRange of every class's sums
 * (widened by `marginMax` on both sides under a margin: with margin M, the argument of
 * scoreThresholdRange puts a class that wins nothing at most M higher).
 */
function classComparisons(c: Circuit, instance: Instance, scoreUnits: { unit: Unit; rows: NodeValue[][]; patOf: Int32Array }[], shareSums: boolean, marginMax = 0n): (e: number) => Lit[] {
  const b = c.cnf;
  const { network, examples } = instance;
  const byId = new Map(scoreUnits.map((s) => [s.unit.id, s]));
  const classes = network.outputs.map((id) => {
    const s = byId.get(id);
    if (!s) throw new Error(`internal: output ${id} of a multi-class network is not an encoded score unit`);
    if (!s.unit.integerWeights) {
      throw new InputError('multi-class outputs need integer weights ("weights" in the layered preset)', `unit ${id}`);
    }
    return { ...s, inputs: weightedInputs(s.rows, s.unit.inputs.length) };
  });
  const anyRange = scoreThresholdRange(classes.map((s) => ({ k: s.inputs.kept.length, weights: s.unit.integerWeights!, inputs: domainOf(s.inputs) })));
  let common = 1n;
  for (const s of classes) common = lcm(common, s.inputs.scale);
  const scores = classes.map((s) => {
    const box = completeBox(keptUnit(s.unit, s.inputs), domainOf(s.inputs));
    if (s.unit.integerWeights!.anyThreshold) box.threshold = marginMax === 0n ? anyRange : [anyRange[0] - marginMax, anyRange[1] + marginMax];
    const { sums, tScaled } = weightedSums(c, s.unit, s.rows, s.inputs, box, shareSums);
    const factor = common / s.inputs.scale;
    return sums.map((sum) => mulConst(b, sub(b, sum, tScaled), factor));
  });
  // Under a margin M: "a beats b" is L * score_a > L * score_b + L * M.
  const lead = c.margin ? mulConst(b, c.margin, common) : undefined;
  // "class a's score > class b's score" on patterns (pa, pb), shared between examples.
  const beats = new Map<string, Lit>();
  const greater = (a: number, pa: number, bc: number, pb: number): Lit => {
    const key = `${a}:${pa}:${bc}:${pb}`;
    let l = beats.get(key);
    if (l === undefined) {
      l = -geq(b, lead ? add(b, scores[bc][pb], lead) : scores[bc][pb], scores[a][pa]);
      beats.set(key, l);
    }
    return l;
  };
  return (e) => {
    const label = examples[e].label!;
    const pl = classes[label].patOf[e];
    return classes.flatMap((s, k) => (k === label ? [] : [greater(label, pl, k, s.patOf[e])]));
  };
}

function ladderValue(ladder: ThresholdLadder, value: (v: number) => boolean): bigint {
  let t = ladder.below;
  for (const st of ladder.steps) if (value(st.lit)) t = st.at;
  return t;
}

/** A bit-blasted threshold unit's parameters from a model: w.z >= t. */
export function decodeThreshold(u: ThresholdVars, value: (v: number) => boolean): { weights: Rational[]; threshold: Rational } {
  // Integer weights: sum(w_i * (s z_i)) >= s * t, i.e. w.z >= t.
  // Real weights: sum(w_i * (s z_i)) >= t, i.e. w.z >= t / s.
  const t = Array.isArray(u.threshold) ? valueOf(u.threshold, value) : ladderValue(u.threshold, value);
  const weights = u.weights.map((w) => valueOf(w, value));
  // A group's sum W in [g lo, g hi] split evenly: q = floor(W / g) in [lo, hi] on every
  // member and one more on the first W - g q (then q < hi).
  for (const members of u.groups) {
    const g = BigInt(members.length);
    const sum = weights[members[0]];
    let q = sum / g;
    if (q * g > sum) q -= 1n;
    const r = Number(sum - q * g);
    members.forEach((i, j) => (weights[i] = j < r ? q + 1n : q));
  }
  return {
    weights: weights.map((w) => Rational.of(w)),
    threshold: u.unit.integerWeights ? Rational.of(t) : Rational.of(t, u.inputScale),
  };
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
  const absorbs = (u: Unit) => (u.kind === 'threshold' && !u.integerWeights) || u.kind === 'lookup';
  const fixed: string[] = [];
  for (const th of theories) {
    const id = th.unit.id;
    if (outputs.has(id)) continue;
    const readers = network.units.filter((u, i) => relevant[i] && u.inputs.includes(id));
    if (readers.length === 0 || !readers.every(absorbs)) continue;
    const first = values.get(id)![0];
    if (isConst(first)) continue;
    b.assert(first.l);
    fixed.push(id);
  }
  return fixed;
}
