/**
 * The loading problem as an SMT-LIB 2 script: satisfiable iff the instance is trainable.
 *
 * Every unit kind is supported:
 *  - `threshold` with real weights: Real variables `w`, `t`; the unit's output on example e
 *    is a Bool `o` with (o => w.z >= t) and (not o => w.z <= t - 1) (margin-1 semantics,
 *    equivalent to real weights on a finite training set, docs/format.md, "Deciding real weights exactly"). An input
 *    from another unit contributes `(ite h w 0.0)`, which keeps the script linear.
 *  - `threshold` with integerWeights [a, b]: Int variables bounded to [a, b] and
 *    o = (w.z >= t). Rational inputs are scaled by the example's common denominator so
 *    every coefficient is an integer.
 *  - `lookup`: one Bool per table entry; the output is a nested ite on the inputs, the
 *    first input deciding the most significant bit.
 *  - fixed gates: Boolean connectives (xor = parity); `fixed-threshold`: a linear
 *    constraint with integer coefficients (scaled by the common denominator).
 *  - `score` units (with `classes`): Int weights and threshold like integer-weight threshold
 *    units; an example is correct iff its label's score w.z - t is strictly greater than
 *    every other class's. With `anyThreshold` the threshold is an unbounded Int.
 *  - `minCorrect: k`: a Bool per example that implies that example is fully correct, and
 *    `(>= (+ (ite c 1 0) ...) k)`.
 *
 * The logic is QF_LRA (no integer-weight units), QF_LIA (only integer-weight threshold
 * units) or QF_LIRA (both). Symbols are generated from unit positions (`smtSymbols`), so
 * any unit id is safe; comments map them back to ids. With `getModel` the script also asks
 * for the solver's model (`(set-option :produce-models true)` and `(get-model)` after
 * `(check-sat)`, SMT-LIB 2.6 sections 4.1.7 and 4.2.4), which smtlib-model.ts reads back
 * into parameters.
 */
import { InputError } from '../model/errors.js';
import { lcm, Rational } from '../model/rational.js';
import { isWeightedKind, type Example, type Instance, type Unit } from '../model/types.js';

const INPUT = /^x(\d+)$/;

/**
 * The symbols of the parameters of unit i (its position in network.units): weight j,
 * threshold, table entry r. Real weights satisfy margin-1 constraints (the unit is 0 only
 * when w.z <= t - 1), so a model's values are parameters under the usual semantics
 * (output 1 iff w.z >= t) as they stand.
 */
export const smtSymbols = {
  weight: (i: number, j: number): string => `u${i}_w${j}`,
  threshold: (i: number): string => `u${i}_t`,
  table: (i: number, r: number): string => `u${i}_tab${r}`,
};

export interface SmtLibOptions {
  /** Ask for the model: `:produce-models` and `(get-model)` after `(check-sat)`. */
  getModel?: boolean;
}

function comment(text: string): string {
  return `; ${text.replace(/[\r\n]+/g, ' ')}`;
}



/** An integer numeral (valid as Int, and as Real in QF_LRA). */
function intLit(n: bigint): string {
  return n < 0n ? `(- ${-n})` : `${n}`;
}

/** A Real constant, exactly: `3.0`, `(- 3.0)`, `(/ 3.0 2.0)`. */
function realLit(r: Rational): string {
  const abs = r.num < 0n ? -r.num : r.num;
  const body = r.den === 1n ? `${abs}.0` : `(/ ${abs}.0 ${r.den}.0)`;
  return r.num < 0n ? `(- ${body})` : body;
}

function sum(terms: string[], zero: string): string {
  if (terms.length === 0) return zero;
  if (terms.length === 1) return terms[0];
  return `(+ ${terms.join(' ')})`;
}

function nary(op: 'and' | 'or', args: string[]): string {
  if (args.length === 0) return op === 'and' ? 'true' : 'false';
  if (args.length === 1) return args[0];
  return `(${op} ${args.join(' ')})`;
}

function xorOf(args: string[]): string {
  if (args.length === 0) return 'false';
  return args.reduce((a, b) => `(xor ${a} ${b})`);
}

/** The SMT-LIB 2 script of the loading problem (sat iff trainable). */
export function toSmtLib(instance: Instance, options: SmtLibOptions = {}): string {
  const { network, examples } = instance;
  const units = network.units;
  const index = new Map<string, number>();
  units.forEach((u, i) => index.set(u.id, i));

  for (const u of units) {
    if (u.kind === 'score' && !u.integerWeights) throw new InputError('multi-class outputs need integer weights ("weights" in the layered preset)', `unit ${u.id}`);
  }
  const realUnits = units.some((u) => u.kind === 'threshold' && !u.integerWeights);
  const intUnits = units.some((u) => isWeightedKind(u.kind) && u.integerWeights);
  const logic = realUnits && intUnits ? 'QF_LIRA' : intUnits ? 'QF_LIA' : 'QF_LRA';

  const head: string[] = [
    comment(`trainsat loading-problem encoding${instance.name ? ` of ${instance.name}` : ''}`),
    comment('sat iff trainable'),
    comment(
      `${network.inputs} inputs, ${units.length} units, ${examples.length} examples` +
        (instance.minCorrect !== undefined ? `, at least ${instance.minCorrect} correct` : ''),
    ),
  ];
  units.forEach((u, i) => head.push(comment(`unit u${i} = ${JSON.stringify(u.id)} (${u.kind})`)));
  const L: string[] = [...head, ...(options.getModel ? ['(set-option :produce-models true)'] : []), `(set-logic ${logic})`];

  // Parameters.
  units.forEach((u, i) => {
    if (isWeightedKind(u.kind)) {
      const sort = u.integerWeights ? 'Int' : 'Real';
      const names = [...u.inputs.map((_, j) => smtSymbols.weight(i, j)), smtSymbols.threshold(i)];
      for (const v of names) {
        L.push(`(declare-fun ${v} () ${sort})`);
        // anyThreshold: the threshold is any integer (SMT integers are unbounded).
        if (u.integerWeights && !(u.integerWeights.anyThreshold && v === smtSymbols.threshold(i))) {
          L.push(`(assert (and (<= ${intLit(BigInt(u.integerWeights.min))} ${v}) (<= ${v} ${intLit(BigInt(u.integerWeights.max))})))`);
        }
      }
    } else if (u.kind === 'lookup') {
      for (let r = 0; r < 2 ** u.inputs.length; r++) L.push(`(declare-fun ${smtSymbols.table(i, r)} () Bool)`);
    }
  });

  const correct: string[] = [];
  examples.forEach((ex, e) => {
    L.push(comment(`example ${e}`));
    /** A node as a Bool term (unit output or 0/1 input constant). */
    const boolOf = (name: string): string => {
      const ui = index.get(name);
      if (ui !== undefined) return `u${ui}_e${e}`;
      const m = INPUT.exec(name);
      if (!m) throw new RangeError(`unknown node "${name}"`);
      const v = ex.x[Number(m[1])];
      if (v.eq(Rational.ONE)) return 'true';
      if (v.eq(Rational.ZERO)) return 'false';
      throw new RangeError(`node ${name} is ${v.toString()} on example ${e}, expected 0/1`);
    };
    units.forEach((u, i) => {
      if (u.kind === 'score') return;
      const o = `u${i}_e${e}`;
      L.push(`(declare-fun ${o} () Bool)`);
      if (u.kind === 'threshold' && !u.integerWeights) {
        const terms: string[] = [];
        u.inputs.forEach((name, j) => {
          const w = smtSymbols.weight(i, j);
          const m = INPUT.exec(name);
          if (m) {
            const c = ex.x[Number(m[1])];
            if (c.num === 0n) return;
            terms.push(c.eq(Rational.ONE) ? w : `(* ${realLit(c)} ${w})`);
          } else terms.push(`(ite ${boolOf(name)} ${w} 0.0)`);
        });
        const s = sum(terms, '0.0');
        L.push(`(assert (=> ${o} (>= ${s} ${smtSymbols.threshold(i)})))`);
        L.push(`(assert (=> (not ${o}) (<= ${s} (- ${smtSymbols.threshold(i)} 1.0))))`);
      } else {
        L.push(`(assert (= ${o} ${unitExpr(u, i, ex.x, boolOf)}))`);
      }
    });
    const matches =
      network.classes === undefined
        ? network.outputs.map((name, j) => (ex.y[j] === 1 ? boolOf(name) : `(not ${boolOf(name)})`))
        : classMatches(network.outputs, ex, index, units, boolOf);
    if (instance.minCorrect === undefined) {
      for (const m of matches) L.push(`(assert ${m})`);
    } else {
      const c = `ok_e${e}`;
      L.push(`(declare-fun ${c} () Bool)`);
      L.push(`(assert (=> ${c} ${nary('and', matches)}))`);
      correct.push(`(ite ${c} 1 0)`);
    }
  });
  if (instance.minCorrect !== undefined && instance.minCorrect > 0) {
    L.push(comment(`at least ${instance.minCorrect} examples fully correct`));
    L.push(`(assert (>= ${sum(correct, '0')} ${instance.minCorrect}))`);
  }
  L.push('(check-sat)', ...(options.getModel ? ['(get-model)'] : []), '(exit)');
  return L.join('\n') + '\n';
}

/**
 * With classes: the label's score is strictly greater than every other class's. Scores
 * w.z - t are compared times the common denominator D of the example's inputs, so every
 * coefficient is an integer.
 */
function classMatches(outputs: readonly string[], ex: Example, index: Map<string, number>, units: readonly Unit[], boolOf: (name: string) => string): string[] {
  let d = 1n;
  for (const v of ex.x) d = lcm(d, v.den);
  const score = (name: string): string => {
    const i = index.get(name)!;
    const terms = weightedTerms(units[i], i, ex.x, boolOf, d);
    const t = d === 1n ? smtSymbols.threshold(i) : `(* ${intLit(d)} ${smtSymbols.threshold(i)})`;
    return `(- ${sum(terms, '0')} ${t})`;
  };
  const label = ex.label!;
  const mine = score(outputs[label]);
  return outputs.flatMap((name, c) => (c === label ? [] : [`(> ${mine} ${score(name)})`]));
}

/** The Int terms w_j * (d z_j) of an integer-weight unit (d: a common denominator of its constant inputs). */
function weightedTerms(u: Unit, i: number, x: readonly Rational[], boolOf: (name: string) => string, d: bigint): string[] {
  const terms: string[] = [];
  u.inputs.forEach((name, j) => {
    const w = smtSymbols.weight(i, j);
    const m = INPUT.exec(name);
    if (m) {
      const c = x[Number(m[1])].mul(Rational.of(d)).num;
      if (c !== 0n) terms.push(c === 1n ? w : `(* ${intLit(c)} ${w})`);
    } else terms.push(`(ite ${boolOf(name)} ${d === 1n ? w : `(* ${intLit(d)} ${w})`} 0)`);
  });
  return terms;
}

/** The Bool term of a unit other than a real-weight threshold unit, on input x. */
function unitExpr(u: Unit, i: number, x: readonly Rational[], boolOf: (name: string) => string): string {
  const args = (): string[] => u.inputs.map(boolOf);
  switch (u.kind) {
    case 'and':
      return nary('and', args());
    case 'or':
      return nary('or', args());
    case 'nand':
      return `(not ${nary('and', args())})`;
    case 'nor':
      return `(not ${nary('or', args())})`;
    case 'xor':
      return xorOf(args());
    case 'not':
      return `(not ${args()[0]})`;
    case 'lookup': {
      const a = args();
      const rec = (j: number, row: number): string => {
        if (j === a.length) return smtSymbols.table(i, row);
        if (a[j] === 'true') return rec(j + 1, row * 2 + 1);
        if (a[j] === 'false') return rec(j + 1, row * 2);
        return `(ite ${a[j]} ${rec(j + 1, row * 2 + 1)} ${rec(j + 1, row * 2)})`;
      };
      return rec(0, 0);
    }
    case 'score':
      throw new Error(`internal: score unit ${u.id} has no Bool term (classMatches compares scores)`);
    case 'threshold':
    case 'fixed-threshold': {
      // Scale w.z >= t by the common denominator D of the constants so every coefficient
      // is an integer; unit inputs are 0/1.
      const fixed = u.kind === 'fixed-threshold';
      if (fixed && (!u.weights || u.threshold === undefined)) throw new RangeError(`fixed-threshold unit "${u.id}" lacks weights`);
      const consts: Rational[] = [];
      u.inputs.forEach((name, j) => {
        const m = INPUT.exec(name);
        if (m) consts.push(fixed ? u.weights![j].mul(x[Number(m[1])]) : x[Number(m[1])]);
        else if (fixed) consts.push(u.weights![j]);
      });
      if (fixed) consts.push(u.threshold!);
      let d = 1n;
      for (const c of consts) d = lcm(d, c.den);
      const D = Rational.of(d);
      if (fixed) {
        let constant = Rational.ZERO;
        const terms: string[] = [];
        u.inputs.forEach((name, j) => {
          const w = u.weights![j];
          const m = INPUT.exec(name);
          if (m) constant = constant.add(w.mul(x[Number(m[1])]));
          else {
            const cw = w.mul(D).num;
            if (cw !== 0n) terms.push(`(ite ${boolOf(name)} ${intLit(cw)} 0)`);
          }
        });
        const rhs = u.threshold!.sub(constant).mul(D).num;
        if (terms.length === 0) return 0n >= rhs ? 'true' : 'false';
        return `(>= ${sum(terms, '0')} ${intLit(rhs)})`;
      }
      // Integer-weight trainable threshold unit.
      const terms = weightedTerms(u, i, x, boolOf, d);
      const t = d === 1n ? smtSymbols.threshold(i) : `(* ${intLit(d)} ${smtSymbols.threshold(i)})`;
      return `(>= ${sum(terms, '0')} ${t})`;
    }
    default: {
      const never: never = u.kind;
      throw new RangeError(`unknown unit kind ${String(never)}`);
    }
  }
}
