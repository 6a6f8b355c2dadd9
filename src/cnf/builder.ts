/**
 * CNF builder: fresh variables, clauses, and Tseitin definitions with constant folding.
 *
 * Literals are DIMACS integers: variable v >= 1 is `v`, its negation `-v`.
 * Invariants:
 *  - every literal in a stored clause names a variable in 1..numVars;
 *  - variable 1 is the constant TRUE (fixed by a unit clause), so `TRUE = 1`, `FALSE = -1`;
 *    helpers fold constants instead of emitting clauses for them;
 *  - Tseitin gate outputs are fully defined (both directions), so a gate output is a
 *    function of its inputs in every model; decoders may read them back;
 *  - besides and/or/xor/iff/ite there are xor3 and maj, the sum and carry of a full
 *    adder, used by the bit-vector arithmetic in arith.ts.
 *
 * Tseitin, "On the complexity of derivation in propositional calculus" (1968).
 */
export type Lit = number;

export const TRUE: Lit = 1;
export const FALSE: Lit = -1;

export interface Cnf {
  numVars: number;
  clauses: Lit[][];
}

export class CnfBuilder {
  numVars = 1;
  readonly clauses: Lit[][] = [[TRUE]];

  newVar(): Lit {
    return ++this.numVars;
  }

  newVars(n: number): Lit[] {
    const out: Lit[] = [];
    for (let i = 0; i < n; i++) out.push(this.newVar());
    return out;
  }

  /** Adds a clause after dropping FALSE literals; a clause containing TRUE is skipped. */
  addClause(lits: readonly Lit[]): void {
    const c: Lit[] = [];
    for (const l of lits) {
      if (l === TRUE) return;
      if (l === FALSE) continue;
      c.push(l);
    }
    this.clauses.push(c);
  }

  /** Constrains `l` to be true. */
  assert(l: Lit): void {
    this.addClause([l]);
  }

  static isConst(l: Lit): boolean {
    return l === TRUE || l === FALSE;
  }

  /** Output literal equivalent to the conjunction of `lits`. */
  and(lits: readonly Lit[]): Lit {
    const ins: Lit[] = [];
    const seen = new Set<Lit>();
    for (const l of lits) {
      if (l === FALSE || seen.has(-l)) return FALSE;
      if (l === TRUE || seen.has(l)) continue;
      seen.add(l);
      ins.push(l);
    }
    if (ins.length === 0) return TRUE;
    if (ins.length === 1) return ins[0];
    const o = this.newVar();
    for (const l of ins) this.clauses.push([-o, l]);
    this.clauses.push([o, ...ins.map((l) => -l)]);
    return o;
  }

  /** Output literal equivalent to the disjunction of `lits`. */
  or(lits: readonly Lit[]): Lit {
    return -this.and(lits.map((l) => -l));
  }

  /** Output literal equivalent to a XOR b. */
  xor(a: Lit, b: Lit): Lit {
    if (a === FALSE) return b;
    if (b === FALSE) return a;
    if (a === TRUE) return -b;
    if (b === TRUE) return -a;
    if (a === b) return FALSE;
    if (a === -b) return TRUE;
    const o = this.newVar();
    this.clauses.push([-o, a, b], [-o, -a, -b], [o, -a, b], [o, a, -b]);
    return o;
  }

  /** Output literal equivalent to the parity of `lits`. */
  xorAll(lits: readonly Lit[]): Lit {
    let acc = FALSE;
    for (const l of lits) acc = this.xor(acc, l);
    return acc;
  }

  /** Output literal equivalent to (a <-> b). */
  iff(a: Lit, b: Lit): Lit {
    return -this.xor(a, b);
  }

  /**
   * Output literal equivalent to the parity a XOR b XOR c (the sum bit of a full adder).
   * Folds constants and equal/complementary inputs; otherwise 1 variable, 8 clauses.
   */
  xor3(a: Lit, b: Lit, c: Lit): Lit {
    if (CnfBuilder.isConst(a)) return a === TRUE ? -this.xor(b, c) : this.xor(b, c);
    if (CnfBuilder.isConst(b)) return b === TRUE ? -this.xor(a, c) : this.xor(a, c);
    if (CnfBuilder.isConst(c)) return c === TRUE ? -this.xor(a, b) : this.xor(a, b);
    if (a === b) return c;
    if (a === -b) return -c;
    if (a === c) return b;
    if (a === -c) return -b;
    if (b === c) return a;
    if (b === -c) return -a;
    const o = this.newVar();
    // One clause per input assignment, forcing o to that assignment's parity.
    for (let m = 0; m < 8; m++) {
      const va = (m & 1) !== 0;
      const vb = (m & 2) !== 0;
      const vc = (m & 4) !== 0;
      const parity = va !== vb !== vc;
      this.clauses.push([va ? -a : a, vb ? -b : b, vc ? -c : c, parity ? o : -o]);
    }
    return o;
  }

  /**
   * Output literal equivalent to majority(a, b, c), i.e. at least two of them true (the
   * carry bit of a full adder). Folds constants and equal/complementary inputs;
   * otherwise 1 variable, 6 clauses.
   */
  maj(a: Lit, b: Lit, c: Lit): Lit {
    if (a === b || a === c) return a;
    if (b === c) return b;
    if (a === -b) return c;
    if (a === -c) return b;
    if (b === -c) return a;
    if (CnfBuilder.isConst(a)) return a === TRUE ? this.or([b, c]) : this.and([b, c]);
    if (CnfBuilder.isConst(b)) return b === TRUE ? this.or([a, c]) : this.and([a, c]);
    if (CnfBuilder.isConst(c)) return c === TRUE ? this.or([a, b]) : this.and([a, b]);
    const o = this.newVar();
    this.clauses.push(
      [-a, -b, o], [-a, -c, o], [-b, -c, o],
      [a, b, -o], [a, c, -o], [b, c, -o],
    );
    return o;
  }

  /** Output literal equivalent to (c ? t : e). */
  ite(c: Lit, t: Lit, e: Lit): Lit {
    if (c === TRUE) return t;
    if (c === FALSE) return e;
    if (t === e) return t;
    if (t === -e) return this.iff(c, t);
    if (t === c) return this.or([c, e]);
    if (t === -c) return this.and([-c, e]);
    if (e === c) return this.and([c, t]);
    if (e === -c) return this.or([-c, t]);
    if (t === TRUE) return this.or([c, e]);
    if (t === FALSE) return this.and([-c, e]);
    if (e === TRUE) return this.or([-c, t]);
    if (e === FALSE) return this.and([c, t]);
    const o = this.newVar();
    this.clauses.push([-c, -t, o], [-c, t, -o], [c, -e, o], [c, e, -o], [-t, -e, o], [t, e, -o]);
    return o;
  }

  /** Constrains a <-> b without a new variable. */
  equate(a: Lit, b: Lit): void {
    this.addClause([-a, b]);
    this.addClause([a, -b]);
  }

  build(): Cnf {
    return { numVars: this.numVars, clauses: this.clauses };
  }
}
