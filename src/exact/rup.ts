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
 * are deleted for real (each check propagates from scratch, so nothing is kept from
 * earlier checks).
 *
 * Propagation uses two watched literals: literals are encoded as 2*var + sign, each clause
 * of length >= 2 keeps its two watches in positions 0 and 1, and each check starts from
 * the empty assignment (assigning the unit clauses and the negated candidate), then undoes
 * its trail, so the watch invariants hold at the start of every check. Deleted clauses are
 * dropped from watch lists lazily.
 *
 * Proofs from CaDiCaL: see src/solvers/cadical.ts (solveWithDrupProof) for which solver
 * options make its learned-clause stream a DRUP proof.
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

const enc = (lit: number): number => (lit > 0 ? 2 * lit : -2 * lit + 1);
const keyOf = (c: Int32Array): string => Array.from(c).sort((a, b) => a - b).join(' ');

class Database {
  /** Clause literals (encoded); watched literals in positions 0 and 1. */
  private readonly lits: Int32Array[] = [];
  private readonly alive: boolean[] = [];
  /** Clause ids by sorted-literal key, for deletion. */
  private readonly byKey = new Map<string, number[]>();
  /** Clause ids watching each encoded literal. */
  private readonly watches: number[][];
  /** Ids of live unit clauses (may include dead ones; checked on use). */
  private readonly units: number[] = [];
  /** Per encoded literal: 1 true, 0 unassigned (false = complement true). */
  private readonly val: Uint8Array;
  private readonly trail: Int32Array;
  private trailLen = 0;
  /** A live empty clause exists (from the CNF). */
  private emptyCount = 0;

  constructor(maxVar: number) {
    this.watches = Array.from({ length: 2 * maxVar + 2 }, () => []);
    this.val = new Uint8Array(2 * maxVar + 2);
    this.trail = new Int32Array(maxVar + 1);
  }

  /** Normalised clause: duplicates removed; null if tautological. */
  private static normalise(clause: readonly number[]): Int32Array | null {
    const seen = new Set<number>();
    const out: number[] = [];
    for (const l of clause) {
      if (seen.has(-l)) return null;
      if (!seen.has(l)) {
        seen.add(l);
        out.push(enc(l));
      }
    }
    return Int32Array.from(out);
  }

  add(clause: readonly number[]): void {
    const c = Database.normalise(clause);
    if (c === null) return; // a tautology never propagates
    const id = this.lits.length;
    this.lits.push(c);
    this.alive.push(true);
    const key = keyOf(c);
    const list = this.byKey.get(key);
    if (list) list.push(id);
    else this.byKey.set(key, [id]);
    if (c.length === 0) this.emptyCount++;
    else if (c.length === 1) this.units.push(id);
    else {
      this.watches[c[0] ^ 1].push(id);
      this.watches[c[1] ^ 1].push(id);
    }
  }

  /** Removes one copy of the clause; false if it was not present. */
  delete(clause: readonly number[]): boolean {
    const c = Database.normalise(clause);
    if (c === null) return true;
    const list = this.byKey.get(keyOf(c));
    if (!list || list.length === 0) return false;
    const id = list.pop()!;
    this.alive[id] = false;
    if (c.length === 0) this.emptyCount--;
    return true;
  }

  /** Makes encoded literal x true; false on conflict (x already false). */
  private assign(x: number): boolean {
    if (this.val[x]) return true;
    if (this.val[x ^ 1]) return false;
    this.val[x] = 1;
    this.trail[this.trailLen++] = x;
    return true;
  }

  /** Unit propagation from the current trail; true if a conflict was reached. */
  private propagate(): boolean {
    const val = this.val;
    let head = 0;
    while (head < this.trailLen) {
      const p = this.trail[head++];
      // Clauses watching the literal that p made false live in watches[p] (watch lists are
      // indexed by the negation of the watched literal).
      const falseLit = p ^ 1;
      const ws = this.watches[p];
      let i = 0;
      let j = 0;
      let conflict = false;
      for (; i < ws.length; i++) {
        const id = ws[i];
        if (!this.alive[id]) continue; // drop lazily
        if (conflict) {
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
        if (val[other ^ 1]) conflict = true;
        else {
          val[other] = 1;
          this.trail[this.trailLen++] = other;
        }
      }
      ws.length = j;
      if (conflict) return true;
    }
    return false;
  }

  private undo(): void {
    for (let i = 0; i < this.trailLen; i++) this.val[this.trail[i]] = 0;
    this.trailLen = 0;
  }

  /** Is the clause RUP with respect to the live database? */
  rup(clause: readonly number[]): boolean {
    if (this.emptyCount > 0) return true;
    try {
      for (const id of this.units) if (this.alive[id] && !this.assign(this.lits[id][0])) return true;
      for (const l of clause) if (!this.assign(enc(l) ^ 1)) return true;
      return this.propagate();
    } finally {
      this.undo();
    }
  }
}

const describe = (c: readonly number[]): string => (c.length ? `${c.join(' ')} 0` : 'the empty clause');

/** Checks a DRUP proof of the CNF's unsatisfiability (see the file comment). */
export function checkDrup(cnf: CnfForCheck, proof: readonly ProofStep[]): DrupResult {
  let maxVar = Math.max(0, cnf.numVars);
  const scan = (c: readonly number[], where: string): string | null => {
    for (const l of c) {
      if (!Number.isInteger(l) || l === 0 || Math.abs(l) > 0x3fffffff) return `${where}: invalid literal ${String(l)}`;
      if (Math.abs(l) > maxVar) maxVar = Math.abs(l);
    }
    return null;
  };
  for (let i = 0; i < cnf.clauses.length; i++) {
    const bad = scan(cnf.clauses[i], `CNF clause ${i + 1}`);
    if (bad) return { ok: false, step: 0, reason: bad };
  }
  for (let i = 0; i < proof.length; i++) {
    const bad = scan(proof[i].clause, `step ${i + 1}`);
    if (bad) return { ok: false, step: i + 1, reason: bad };
  }
  const db = new Database(maxVar);
  for (const c of cnf.clauses) db.add(c);
  for (let i = 0; i < proof.length; i++) {
    const { kind, clause } = proof[i];
    if (kind === 'delete') {
      db.delete(clause);
      continue;
    }
    if (kind !== 'add') return { ok: false, step: i + 1, reason: `unknown step kind '${String(kind)}'` };
    if (!db.rup(clause)) {
      return { ok: false, step: i + 1, reason: `added clause ${describe(clause)} is not RUP (unit propagation finds no conflict)` };
    }
    if (clause.length === 0) return { ok: true };
    db.add(clause);
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
