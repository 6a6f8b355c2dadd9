/**
 * A forward DRUP proof checker, plus the textual DRAT format (read and write).
 *
 * A proof is a list of steps: `add` a clause, which must be RUP (reverse unit propagation:
 * assigning the negation of its literals and unit-propagating over the current clause
 * database reaches a conflict), or `delete` a clause from the database. The proof is
 * accepted once some added clause is the empty clause whose RUP check (plain unit
 * propagation of the database) conflicts; steps after that are not looked at. Only RUP is
 * checked, not RAT: clauses that are RAT but not RUP (e.g. from blocked-clause addition)
 * are rejected. Variables beyond the CNF's numVars are allowed (they just start
 * unconstrained).
 *
 * Deleting a clause that is not in the database is ignored (as drat-trim does, with a
 * warning there); deleting one copy of a clause added twice leaves the other. Unit clauses
 * are deleted for real: a check sees exactly the clauses added and not deleted before it.
 *
 * Besides proof steps, clauses can be added as axioms (RupChecker.axiom: accepted without
 * a check, e.g. theory lemmas the caller validated) at any point; later steps may use
 * them, earlier ones may not (src/exact/certificate.ts adds the hybrid's theory lemmas at
 * their proof position this way).
 *
 * Propagation uses two watched literals: literals are encoded as 2*var + sign, each clause
 * of length >= 2 keeps its two watches in positions 0 and 1. The database keeps its
 * top-level assignment, the unit-propagation closure of its clauses (or the fact that
 * propagation conflicts: then every clause is RUP), between checks: a check assigns the
 * negated candidate on top of it, propagates only from there, and undoes back to it.
 * Adding a clause extends the top-level assignment: its watches are two literals not false
 * there if it has them; otherwise it is satisfied (watching its true literal), unit (its
 * literal is assigned and propagated) or false (a top-level conflict). Deleting a clause
 * that a top-level literal was propagated from (its reason), or the conflicting clause,
 * makes the assignment be recomputed from scratch before the next use, so every check
 * answers as propagating the live clauses from scratch would (unit propagation reaches a
 * conflict in every order or in none). Deleted clauses are dropped from watch lists lazily.
 *
 * Proofs from CaDiCaL: see src/solvers/cadical.ts (DRUP_PROOF_OPTIONS) for which solver
 * options make its learned-clause stream a DRUP proof.
 *
 * Sources: RUP proofs of unsatisfiability (Goldberg & Novikov, "Verification of proofs of
 * unsatisfiability for CNF formulas", DATE 2003); DRUP, RUP with deletions (Heule, Hunt &
 * Wetzler, "Trimming while checking clausal proofs", FMCAD 2013); the textual DRAT format
 * (Wetzler, Heule & Hunt, "DRAT-trim: Efficient checking and trimming using expressive
 * clausal proofs", SAT 2014).
 */
import { InputError } from '../model/errors.js';

export interface ProofStep {
  kind: 'add' | 'delete';
  clause: number[];
}

export interface CnfForCheck {
  numVars: number;
  clauses: readonly (readonly number[])[];
}

/** `step` is the 1-based index of the offending proof step (proof.length + 1: the proof ended too soon). */
export type DrupResult = { ok: true } | { ok: false; step: number; reason: string };

/** A DIMACS literal encoded as 2*var + sign (the index into per-literal arrays). */
export const enc = (lit: number): number => (lit > 0 ? 2 * lit : -2 * lit + 1);
const keyOf = (c: Int32Array): string => Array.from(c).sort((a, b) => a - b).join(' ');
const MAX_LIT = 0x3fffffff;

/** Why `clause` is not a list of valid literals (`where` names it), or null. */
export function literalError(clause: readonly number[], where: string): string | null {
  for (const l of clause) if (!Number.isInteger(l) || l === 0 || Math.abs(l) > MAX_LIT) return `${where}: invalid literal ${String(l)}`;
  return null;
}

/**
 * The clause database with its top-level assignment: the unit-propagation closure of the
 * live clauses (or a conflict), kept between checks and updated as clauses are added.
 */
class Database {
  /** Clause literals (encoded); watched literals in positions 0 and 1. */
  private readonly lits: Int32Array[] = [];
  private readonly alive: boolean[] = [];
  /** Clause ids by sorted-literal key, for deletion. */
  private readonly byKey = new Map<string, number[]>();
  /** Clause ids watching each encoded literal (indexed by the watched literal's negation). */
  private watches: number[][];
  /** Ids of unit clauses (dead ones included; checked on use). */
  private readonly units: number[] = [];
  /** Per encoded literal: 1 true, 0 not true (false = complement true). */
  private val: Uint8Array;
  private trail: Int32Array;
  /** Per variable: the clause that made it true by propagation (or the unit clause), -1 none. */
  private reason: Int32Array;
  private trailLen = 0;
  private maxVar: number;
  /** Trail length of the top-level assignment; every check propagates from here and undoes back to it. */
  private top = 0;
  /** A clause false under the top-level assignment (-1: none): every clause is RUP then. */
  private topConflict = -1;
  /** A deletion removed a clause the top-level assignment relied on: recompute it. */
  private stale = false;
  /** Live empty clauses. */
  private emptyCount = 0;

  constructor(maxVar: number) {
    this.maxVar = maxVar;
    this.watches = Array.from({ length: 2 * maxVar + 2 }, () => []);
    this.val = new Uint8Array(2 * maxVar + 2);
    this.trail = new Int32Array(maxVar + 1);
    this.reason = new Int32Array(maxVar + 1).fill(-1);
  }

  /** Makes room for variables up to v. */
  private grow(v: number): void {
    if (v <= this.maxVar) return;
    const n = Math.max(v, 2 * this.maxVar);
    const val = new Uint8Array(2 * n + 2);
    val.set(this.val);
    const trail = new Int32Array(n + 1);
    trail.set(this.trail);
    const reason = new Int32Array(n + 1).fill(-1);
    reason.set(this.reason);
    for (let x = this.watches.length; x < 2 * n + 2; x++) this.watches.push([]);
    this.val = val;
    this.trail = trail;
    this.reason = reason;
    this.maxVar = n;
  }

  /** Normalised clause: duplicates removed; null if tautological. */
  private normalise(clause: readonly number[]): Int32Array | null {
    const seen = new Set<number>();
    const out: number[] = [];
    for (const l of clause) {
      if (seen.has(-l)) return null;
      if (!seen.has(l)) {
        seen.add(l);
        out.push(enc(l));
        this.grow(Math.abs(l));
      }
    }
    return Int32Array.from(out);
  }

  /** The top-level assignment conflicts (or an empty clause is live): everything follows. */
  get refuted(): boolean {
    this.refresh();
    return this.emptyCount > 0 || this.topConflict >= 0;
  }

  /** Adds a clause (no check) and extends the top-level assignment by it. */
  add(clause: readonly number[]): void {
    const c = this.normalise(clause);
    if (c === null) return; // a tautology never propagates
    this.refresh();
    const id = this.lits.length;
    this.lits.push(c);
    this.alive.push(true);
    const key = keyOf(c);
    const list = this.byKey.get(key);
    if (list) list.push(id);
    else this.byKey.set(key, [id]);
    if (c.length === 0) {
      this.emptyCount++;
      return;
    }
    const val = this.val;
    if (c.length === 1) {
      this.units.push(id);
      if (this.topConflict >= 0 || val[c[0]]) return;
      if (val[c[0] ^ 1]) this.topConflict = id;
      else this.topAssign(c[0], id);
      return;
    }
    // Watches: two literals that are not false at the top level if there are two (the
    // watch invariant for a clause added mid-proof); otherwise the clause is unit, false or
    // satisfied at the top level, and watches its one non-false literal and a false one.
    if (this.topConflict < 0) {
      const w = watchNonFalse(c, val);
      if (w === 0) this.topConflict = id;
      else if (w === 1 && !val[c[0]]) {
        this.watch(id, c);
        this.topAssign(c[0], id);
        return;
      }
    }
    this.watch(id, c);
  }

  private watch(id: number, c: Int32Array): void {
    this.watches[c[0] ^ 1].push(id);
    this.watches[c[1] ^ 1].push(id);
  }

  /** Assigns x at the top level (x unassigned) and propagates to the new fixpoint. */
  private topAssign(x: number, why: number): void {
    const from = this.trailLen;
    this.val[x] = 1;
    this.reason[x >> 1] = why;
    this.trail[this.trailLen++] = x;
    const confl = this.propagate(from);
    if (confl >= 0) this.topConflict = confl;
    this.top = this.trailLen;
  }

  /** Removes one copy of the clause; false if it was not present. */
  delete(clause: readonly number[]): boolean {
    const c = this.normalise(clause);
    if (c === null) return true;
    const list = this.byKey.get(keyOf(c));
    if (!list || list.length === 0) return false;
    const id = list.pop()!;
    this.alive[id] = false;
    if (c.length === 0) this.emptyCount--;
    else if (id === this.topConflict) this.stale = true;
    else {
      // A reason of the top-level assignment: its literal may no longer follow.
      const lits = this.lits[id];
      for (let k = 0; k < lits.length; k++) if (this.val[lits[k]] && this.reason[lits[k] >> 1] === id) this.stale = true;
    }
    return true;
  }

  /** Recomputes the top-level assignment from scratch after a deletion made it stale. */
  private refresh(): void {
    if (!this.stale) return;
    this.stale = false;
    for (let i = 0; i < this.trailLen; i++) this.val[this.trail[i]] = 0;
    this.trailLen = 0;
    this.top = 0;
    this.topConflict = -1;
    for (const id of this.units) {
      if (!this.alive[id]) continue;
      const x = this.lits[id][0];
      if (this.val[x]) continue;
      if (this.val[x ^ 1]) {
        this.topConflict = id;
        break;
      }
      this.val[x] = 1;
      this.reason[x >> 1] = id;
      this.trail[this.trailLen++] = x;
    }
    if (this.topConflict < 0) {
      const confl = this.propagate(0);
      if (confl >= 0) this.topConflict = confl;
    }
    this.top = this.trailLen;
  }

  /**
   * Unit propagation of the trail from position `head`; returns a clause id that is false
   * (a conflict), or -1 at a fixpoint.
   */
  private propagate(head: number): number {
    const val = this.val;
    let confl = -1;
    while (head < this.trailLen) {
      const p = this.trail[head++];
      // Clauses watching the literal that p made false live in watches[p].
      const falseLit = p ^ 1;
      const ws = this.watches[p];
      let i = 0;
      let j = 0;
      for (; i < ws.length; i++) {
        const id = ws[i];
        if (!this.alive[id]) continue; // drop lazily
        if (confl >= 0) {
          ws[j++] = id;
          continue;
        }
        const c = this.lits[id];
        if (c[0] === falseLit) {
          c[0] = c[1];
          c[1] = falseLit;
        }
        const other = c[0];
        if (val[other]) {
          ws[j++] = id;
          continue;
        }
        let moved = false;
        for (let k = 2; k < c.length; k++) {
          const x = c[k];
          if (!val[x ^ 1]) {
            c[1] = x;
            c[k] = falseLit;
            this.watches[x ^ 1].push(id);
            moved = true;
            break;
          }
        }
        if (moved) continue;
        ws[j++] = id;
        if (val[other ^ 1]) confl = id;
        else {
          val[other] = 1;
          this.reason[other >> 1] = id;
          this.trail[this.trailLen++] = other;
        }
      }
      ws.length = j;
      if (confl >= 0) return confl;
    }
    return -1;
  }

  /** Is the clause RUP with respect to the live database? */
  rup(clause: readonly number[]): boolean {
    if (this.refuted) return true;
    for (const l of clause) this.grow(Math.abs(l));
    const val = this.val;
    try {
      for (const l of clause) {
        const x = enc(l) ^ 1;
        if (val[x]) continue;
        if (val[x ^ 1]) return true;
        val[x] = 1;
        this.reason[x >> 1] = -1;
        this.trail[this.trailLen++] = x;
      }
      return this.propagate(this.top) >= 0;
    } finally {
      for (let i = this.top; i < this.trailLen; i++) this.val[this.trail[i]] = 0;
      this.trailLen = this.top;
    }
  }
}

/**
 * Moves up to two literals of `c` (encoded) that are not false under `val` to positions 0
 * and 1, the watch positions; returns how many it found (0, 1 or 2).
 */
export function watchNonFalse(c: Int32Array, val: Uint8Array): number {
  let w = 0;
  for (let k = 0; k < c.length && w < 2; k++) {
    const x = c[k];
    if (!val[x ^ 1]) {
      c[k] = c[w];
      c[w++] = x;
    }
  }
  return w;
}

export const describeClause = (c: readonly number[]): string => (c.length ? `${c.join(' ')} 0` : 'the empty clause');

/**
 * The forward checker as an object, for proofs whose steps come from elsewhere: clauses
 * are added either as axioms (`axiom`: accepted without a check, e.g. theory lemmas
 * validated by the caller) or as derived clauses (`derive`: accepted only if RUP), at any
 * point, and deleted. Each call sees exactly the clauses added (and not deleted) before
 * it. Literals must be non-zero integers of magnitude at most 2^30 - 1 (RangeError
 * otherwise); variables beyond numVars are allowed.
 */
export class RupChecker {
  private readonly db: Database;

  constructor(cnf: CnfForCheck) {
    let maxVar = Math.max(0, cnf.numVars);
    for (let i = 0; i < cnf.clauses.length; i++) {
      const bad = literalError(cnf.clauses[i], `CNF clause ${i + 1}`);
      if (bad) throw new RangeError(bad);
      for (const l of cnf.clauses[i]) maxVar = Math.max(maxVar, Math.abs(l));
    }
    this.db = new Database(maxVar);
    for (const c of cnf.clauses) this.db.add(c);
  }

  private static valid(clause: readonly number[]): void {
    const bad = literalError(clause, 'clause');
    if (bad) throw new RangeError(bad);
  }

  /** Adds a clause without checking it. */
  axiom(clause: readonly number[]): void {
    RupChecker.valid(clause);
    this.db.add(clause);
  }

  /** Is the clause RUP with respect to the clauses so far? (Nothing is added.) */
  isRup(clause: readonly number[]): boolean {
    RupChecker.valid(clause);
    return this.db.rup(clause);
  }

  /** Adds the clause if it is RUP; returns whether it was. */
  derive(clause: readonly number[]): boolean {
    if (!this.isRup(clause)) return false;
    this.db.add(clause);
    return true;
  }

  /** Removes one copy of the clause; false if it was not present (then nothing changes). */
  delete(clause: readonly number[]): boolean {
    RupChecker.valid(clause);
    return this.db.delete(clause);
  }

  /** The empty clause is RUP: the clauses so far are refuted by unit propagation alone. */
  get refuted(): boolean {
    return this.db.refuted;
  }
}

/** Checks a DRUP proof of the CNF's unsatisfiability (see the file comment). */
export function checkDrup(cnf: CnfForCheck, proof: readonly ProofStep[]): DrupResult {
  for (let i = 0; i < cnf.clauses.length; i++) {
    const bad = literalError(cnf.clauses[i], `CNF clause ${i + 1}`);
    if (bad) return { ok: false, step: 0, reason: bad };
  }
  let maxVar = Math.max(0, cnf.numVars);
  for (let i = 0; i < proof.length; i++) {
    const bad = literalError(proof[i].clause, `step ${i + 1}`);
    if (bad) return { ok: false, step: i + 1, reason: bad };
    for (const l of proof[i].clause) maxVar = Math.max(maxVar, Math.abs(l));
  }
  // Sized for every variable of the proof up front (the checker would grow otherwise).
  const checker = new RupChecker({ numVars: maxVar, clauses: cnf.clauses });
  for (let i = 0; i < proof.length; i++) {
    const { kind, clause } = proof[i];
    if (kind === 'delete') {
      checker.delete(clause);
      continue;
    }
    if (kind !== 'add') return { ok: false, step: i + 1, reason: `unknown step kind '${String(kind)}'` };
    if (!checker.derive(clause)) {
      return { ok: false, step: i + 1, reason: `added clause ${describeClause(clause)} is not RUP (unit propagation finds no conflict)` };
    }
    if (clause.length === 0) return { ok: true };
  }
  return {
    ok: false,
    step: proof.length + 1,
    reason: `the proof ends (after ${proof.length} steps) without deriving the empty clause`,
  };
}

/**
 * Parses a textual DRAT proof: one clause per line (a clause may also span lines), literals
 * separated by whitespace and ended by 0, a `d` before a clause marks a deletion, lines
 * starting with `c` are comments. Throws InputError naming the line of the first problem.
 */
export function parseDrat(text: string, source = '<proof>'): ProofStep[] {
  const steps: ProofStep[] = [];
  let cur: number[] | null = null;
  let curKind: 'add' | 'delete' = 'add';
  let curLine = 0;
  const lines = text.split('\n');
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln];
    const lineNo = ln + 1;
    const err = (msg: string): never => {
      throw new InputError(`line ${lineNo}: ${msg}`, source);
    };
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed[0] === 'c' && cur === null) continue;
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x08\x0e-\x1f\x7f-\xff]/.test(line)) err('unexpected binary data (binary DRAT is not supported; use the text format)');
    for (const tok of trimmed.split(/\s+/)) {
      if (tok === 'd') {
        if (cur !== null) err("'d' in the middle of a clause");
        cur = [];
        curKind = 'delete';
        curLine = lineNo;
        continue;
      }
      if (!/^-?\d+$/.test(tok)) err(`expected a literal, 'd' or 0, got '${tok.length > 20 ? tok.slice(0, 20) + '...' : tok}'`);
      const n = Number(tok);
      if (!Number.isSafeInteger(n) || Math.abs(n) > 0x3fffffff) err(`literal ${tok} is out of range`);
      if (cur === null) {
        cur = [];
        curKind = 'add';
        curLine = lineNo;
      }
      if (n === 0) {
        steps.push({ kind: curKind, clause: cur });
        cur = null;
      } else cur.push(n);
    }
  }
  if (cur !== null) {
    throw new InputError(`line ${curLine}: clause not terminated by 0 at the end of the proof`, source);
  }
  return steps;
}

/** The textual DRAT form of a proof (one step per line). */
export function writeDrat(proof: readonly ProofStep[]): string {
  const parts: string[] = [];
  for (const s of proof) parts.push((s.kind === 'delete' ? 'd ' : '') + (s.clause.length ? s.clause.join(' ') + ' 0' : '0'));
  return parts.length ? parts.join('\n') + '\n' : '';
}
