/**
 * The tests' CNF oracles, independent of every production solver: exhaustive enumeration
 * of tiny formulas (`bruteModels` and what is built on it: `bruteCount`,
 * `bruteSatisfiable`, `bruteModel`), a model checker (`satisfies`), a plain RUP check
 * (`naiveRup`), and a small model counter for larger ones.
 *
 * Why: the CNF encodings and the solver backends must be checked against their
 * specification without trusting any production solver. `Dpll` is a plain DPLL search
 * (Davis, Logemann & Loveland 1962) with unit propagation over occurrence lists; it counts
 * models over *all* variables of the formula, up to a cap, under unit assumptions.
 * Counting all variables matters: a fully defined (Tseitin) gate must have exactly one
 * extension per input assignment, and an unconstrained auxiliary variable shows up as a
 * doubled count. Enumeration checks `Dpll` itself (tests/cnf/brute-helper.test.ts).
 */
export interface CnfLike {
  numVars: number;
  clauses: readonly (readonly number[])[];
}

export interface CountResult {
  /** Number of models found, capped at the requested cap. */
  count: number;
  /** The first model found: model[v] for v in 1..numVars (index 0 unused). */
  model?: boolean[];
}

export class Dpll {
  private readonly n: number;
  private readonly clauses: number[][];
  /** occ[lit + n] = indices of clauses containing lit. */
  private readonly occ: number[][];
  private readonly hasEmpty: boolean;
  private val!: Int8Array;
  private trail: number[] = [];
  private found = 0;
  private cap = 2;
  private first?: boolean[];

  constructor(cnf: CnfLike) {
    this.n = cnf.numVars;
    this.clauses = cnf.clauses.map((c) => [...c]);
    this.occ = Array.from({ length: 2 * this.n + 1 }, () => [] as number[]);
    let empty = false;
    this.clauses.forEach((c, i) => {
      if (c.length === 0) empty = true;
      for (const l of c) {
        if (l === 0 || Math.abs(l) > this.n) throw new Error(`literal ${l} out of range 1..${this.n}`);
        this.occ[l + this.n].push(i);
      }
    });
    this.hasEmpty = empty;
  }

  private litVal(l: number): number {
    const v = this.val[Math.abs(l)];
    return l > 0 ? v : -v;
  }

  private assign(l: number): boolean {
    const cur = this.litVal(l);
    if (cur === 1) return true;
    if (cur === -1) return false;
    this.val[Math.abs(l)] = l > 0 ? 1 : -1;
    this.trail.push(l);
    return true;
  }

  /** Propagates from trail position `from`; false on conflict. */
  private propagate(from: number): boolean {
    for (let t = from; t < this.trail.length; t++) {
      const falsified = -this.trail[t];
      for (const ci of this.occ[falsified + this.n]) {
        const c = this.clauses[ci];
        let unassigned = 0;
        let last = 0;
        let sat = false;
        for (const l of c) {
          const v = this.litVal(l);
          if (v === 1) {
            sat = true;
            break;
          }
          if (v === 0) {
            unassigned++;
            last = l;
            if (unassigned > 1) break;
          }
        }
        if (sat || unassigned > 1) continue;
        if (unassigned === 0) return false;
        if (!this.assign(last)) return false;
      }
    }
    return true;
  }

  private undo(to: number): void {
    while (this.trail.length > to) this.val[Math.abs(this.trail.pop()!)] = 0;
  }

  private search(from: number, nextVar: number): void {
    if (!this.propagate(from)) return;
    let v = nextVar;
    while (v <= this.n && this.val[v] !== 0) v++;
    if (v > this.n) {
      this.found++;
      if (!this.first) this.first = Array.from({ length: this.n + 1 }, (_, i) => i > 0 && this.val[i] === 1);
      return;
    }
    for (const l of [v, -v]) {
      const mark = this.trail.length;
      this.assign(l);
      this.search(mark, v + 1);
      this.undo(mark);
      if (this.found >= this.cap) return;
    }
  }

  /** Counts models (over all variables) that satisfy the unit `assumptions`, up to `cap`. */
  count(assumptions: readonly number[] = [], cap = 2): CountResult {
    this.val = new Int8Array(this.n + 1);
    this.trail = [];
    this.found = 0;
    this.cap = cap;
    this.first = undefined;
    if (this.hasEmpty) return { count: 0 };
    for (const a of assumptions) if (!this.assign(a)) return { count: 0 };
    // Unit clauses are not reached by propagation from the trail: seed them.
    for (const c of this.clauses) {
      let unassigned = 0;
      let last = 0;
      let sat = false;
      for (const l of c) {
        const v = this.litVal(l);
        if (v === 1) sat = true;
        else if (v === 0) {
          unassigned++;
          last = l;
        }
      }
      if (sat) continue;
      if (unassigned === 0) return { count: 0 };
      if (unassigned === 1 && !this.assign(last)) return { count: 0 };
    }
    this.search(0, 1);
    return { count: Math.min(this.found, cap), model: this.first };
  }
}

/** Largest formula the enumeration takes: 2^20 assignments. */
const MAX_BRUTE_VARS = 20;

/**
 * Every model of a tiny CNF (numVars <= 20), found by trying all 2^numVars assignments in
 * increasing order of their bit masks: bit v-1 of a yielded mask is the value of variable v.
 * Written plainly, literal by literal, and sharing no code with the library's own
 * enumeration (src/arbitraries/brute.ts), whose answers the arbitrary tests check.
 */
export function* bruteModels(cnf: CnfLike): Generator<number> {
  if (cnf.numVars > MAX_BRUTE_VARS) throw new RangeError(`brute force is for formulas of at most ${MAX_BRUTE_VARS} variables, not ${cnf.numVars}`);
  for (const c of cnf.clauses) for (const l of c) if (l === 0 || Math.abs(l) > cnf.numVars) throw new RangeError(`literal ${l} out of range 1..${cnf.numVars}`);
  for (let m = 0; m < 2 ** cnf.numVars; m++) {
    const holds = (l: number): boolean => (((m >> (Math.abs(l) - 1)) & 1) === 1) === l > 0;
    if (cnf.clauses.every((c) => c.some(holds))) yield m;
  }
}

/** The number of models of a tiny CNF, by enumeration. */
export function bruteCount(cnf: CnfLike): number {
  let total = 0;
  for (const models = bruteModels(cnf); !models.next().done; ) total++;
  return total;
}

/** Whether a tiny CNF has a model, by enumeration. */
export function bruteSatisfiable(cnf: CnfLike): boolean {
  return !bruteModels(cnf).next().done;
}

/** The first model of a tiny CNF in enumeration order, value of variable v at index v-1; null if none. */
export function bruteModel(cnf: CnfLike): boolean[] | null {
  const m = bruteModels(cnf).next();
  return m.done ? null : Array.from({ length: cnf.numVars }, (_, i) => ((m.value >> i) & 1) === 1);
}

/** Whether `model` (model[v] for v >= 1) satisfies every clause. */
export function satisfies(clauses: readonly (readonly number[])[], model: ArrayLike<boolean | number>): boolean {
  return clauses.every((c) => c.some((l) => (l > 0 ? !!model[l] : !model[-l])));
}

/**
 * Whether `clause` is RUP (reverse unit propagation) with respect to `db`, checked as
 * plainly as possible: assign the negated clause, then pass over all clauses until none is
 * unit; RUP iff some clause is falsified. The oracle of the proof checkers' tests.
 */
export function naiveRup(db: readonly (readonly number[])[], clause: readonly number[]): boolean {
  const val = new Map<number, boolean>();
  for (const l of clause) {
    if (val.get(Math.abs(l)) === l > 0) return true;
    val.set(Math.abs(l), l < 0);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of db) {
      const open = c.filter((l) => !val.has(Math.abs(l)));
      if (c.some((l) => val.get(Math.abs(l)) === l > 0)) continue;
      if (open.length === 0) return true;
      if (new Set(open).size === 1) {
        val.set(Math.abs(open[0]), open[0] > 0);
        changed = true;
      }
    }
  }
  return false;
}

/** Literal assumptions fixing variables `vars` to the bits of `mask` (bit i -> vars[i]). */
export function maskAssumptions(vars: readonly number[], mask: number): number[] {
  return vars.map((v, i) => (((mask >> i) & 1) === 1 ? v : -v));
}

/** Truth of literal l in a model array (model[v] for variable v). */
export function litTrue(model: readonly boolean[], l: number): boolean {
  return l > 0 ? model[l] : !model[-l];
}
