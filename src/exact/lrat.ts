/**
 * LRAT proofs: a RUP proof in which every added clause names the clauses that check it.
 *
 * Each added clause has an id, larger than every id before it (the input clauses are
 * 1..m, in order), and hints: clause ids such that, once the clause's literals are all
 * assumed false, each hinted clause in turn has every literal false but one, which is then
 * assumed true, until one has every literal false. Checking a step is a single pass over its
 * hints, no search: linear in the size of the proof (Cruz-Filipe, Heule, Hunt, Kaufmann &
 * Schneider-Kamp, "Efficient certified RAT verification", CADE 2017, which defines the
 * format). Only RUP steps are supported here: a negative hint (a RAT step) is rejected.
 * A step may also delete clauses by id; later steps can no longer use them.
 *
 * trainsat writes LRAT from its backward DRUP check (checkDrupBackward's `lrat` option in
 * ./rup-backward.ts: the clauses the refutation uses, each with the reasons its RUP check
 * propagated, in trail order), and `check-proof --lrat` checks it with checkLrat.
 *
 * Text format, one step per line: `ID LIT... 0 HINT... 0` adds a clause, `ID d ID... 0`
 * deletes clauses (the leading ID of a deletion line is not checked); lines starting with
 * `c` are comments.
 */
import { InputError } from '../model/errors.js';
import { describeClause, enc, type CnfForCheck, type DrupResult, type ProofStep } from './rup.js';

export type LratStep = { kind: 'add'; id: number; clause: number[]; hints: number[] } | { kind: 'delete'; ids: number[] };

export interface LratProof {
  steps: LratStep[];
}

const MAX_ID = Number.MAX_SAFE_INTEGER;
const MAX_LIT = 0x3fffffff;

/**
 * Checks an LRAT proof that the CNF is unsatisfiable: accepted once an added empty clause
 * checks (later steps are not looked at). A rejection names the 1-based step.
 */
export function checkLrat(cnf: CnfForCheck, proof: LratProof): DrupResult {
  let maxVar = Math.max(0, cnf.numVars);
  for (const c of cnf.clauses) for (const l of c) maxVar = Math.max(maxVar, Math.abs(l));
  for (const s of proof.steps) if (s.kind === 'add') for (const l of s.clause) if (Number.isInteger(l)) maxVar = Math.max(maxVar, Math.min(Math.abs(l), MAX_LIT));
  const checker = new LratChecker(cnf, maxVar);
  for (let i = 0; i < proof.steps.length; i++) {
    const step = proof.steps[i];
    const why = checker.step(step);
    if (why !== null) return { ok: false, step: i + 1, reason: why };
    if (step.kind === 'add' && step.clause.length === 0) return { ok: true };
  }
  return { ok: false, step: proof.steps.length + 1, reason: `the proof ends (after ${proof.steps.length} steps) without adding the empty clause` };
}

/**
 * The clause database of an LRAT check: the input clauses under ids 1..m, then every clause
 * a step added (and did not delete since). Steps are checked one at a time.
 */
export class LratChecker {
  private readonly db = new Map<number, Int32Array>();
  /** Per encoded literal: true in the current step when mark[x] === stamp. */
  private readonly mark: Uint32Array;
  private stamp = 0;
  private lastId: number;

  /** Literals of the proof's clauses must be over variables 1..maxVar (at least the CNF's). */
  constructor(
    cnf: CnfForCheck,
    private readonly maxVar: number,
  ) {
    for (let j = 0; j < cnf.clauses.length; j++) this.db.set(j + 1, Int32Array.from(cnf.clauses[j], enc));
    this.mark = new Uint32Array(2 * maxVar + 2);
    this.lastId = cnf.clauses.length;
  }

  /** Checks a step and, if it holds, applies it; null, or why the step is rejected. */
  step(step: LratStep): string | null {
    const { db, mark } = this;
    if (step.kind === 'delete') {
      for (const id of step.ids) db.delete(id);
      return null;
    }
    if (!(step.id > this.lastId)) return `clause id ${step.id} is not larger than every id before it (${this.lastId})`;
    for (const l of step.clause) if (!Number.isInteger(l) || l === 0 || Math.abs(l) > this.maxVar) return `invalid literal ${String(l)}`;
    const what = `added clause ${step.id} (${describeClause(step.clause)})`;
    const stamp = ++this.stamp;
    let conflict = false;
    for (const l of step.clause) {
      const x = enc(l) ^ 1; // the literal assumed false: its complement true
      if (mark[x ^ 1] === stamp) conflict = true; // a tautology
      mark[x] = stamp;
    }
    for (let k = 0; k < step.hints.length && !conflict; k++) {
      const h = step.hints[k];
      if (h < 0) return `${what}: hint ${h} is a RAT hint; only RUP steps are supported`;
      const c = db.get(h);
      if (!c) return `${what}: hint ${h} is not a clause (never added, or deleted)`;
      let unit = -1;
      for (const x of c) {
        if (mark[x] === stamp) return `${what}: hint ${h} is satisfied at its turn`;
        if (mark[x ^ 1] === stamp) continue;
        if (unit >= 0 && unit !== x) return `${what}: hint ${h} has two literals not false at its turn`;
        unit = x;
      }
      if (unit < 0) conflict = true;
      else mark[unit] = stamp;
    }
    if (!conflict) return `${what}: its hints end without a false clause`;
    this.lastId = step.id;
    db.set(step.id, Int32Array.from(step.clause, enc));
    return null;
  }
}

/**
 * The LRAT proof of what a refutation needs, from the hints of a DRUP proof's checks: the
 * empty clause at 0-based position `emptyAt` with its hints, and, going back from it, every
 * proof clause a needed clause's hints name (LRAT ids: input clause j is j + 1, proof clause
 * i is numInput + i + 1), in proof order. `hintsOf(i)` gives clause i's hints; a needed
 * clause without any is an error (the caller's hints do not cover the refutation).
 */
export function lratFromHints(numInput: number, proof: readonly ProofStep[], emptyAt: number, hintsOf: (i: number) => ArrayLike<number> | undefined): LratProof {
  if (emptyAt < 0 || proof[emptyAt]?.clause.length !== 0) throw new Error(`lratFromHints: no empty clause at position ${emptyAt}`);
  const needed = new Uint8Array(emptyAt + 1);
  needed[emptyAt] = 1;
  const hints: (ArrayLike<number> | undefined)[] = [];
  for (let i = emptyAt; i >= 0; i--) {
    if (!needed[i]) continue;
    const h = hintsOf(i);
    if (!h) throw new Error(`lratFromHints: proof clause ${i + 1} is needed but has no hints`);
    hints[i] = h;
    for (let k = 0; k < h.length; k++) if (h[k] > numInput) needed[h[k] - numInput - 1] = 1;
  }
  const steps: LratStep[] = [];
  for (let i = 0; i <= emptyAt; i++) if (needed[i]) steps.push({ kind: 'add', id: numInput + i + 1, clause: [...proof[i].clause], hints: Array.from(hints[i]!) });
  return { steps };
}

/**
 * The same refutation as a DRUP proof with deletions: the LRAT proof's clauses in order, and
 * after each one the clauses (input clauses too) that no later step's hints name any more
 * deleted. Each clause is then RUP with respect to the clauses its hints name, all still
 * there, so every DRUP checker accepts it (with or without unit deletions), and one that
 * keeps only live clauses works on a small database.
 */
export function lratToDrup(lrat: LratProof, inputClauses: readonly (readonly number[])[]): ProofStep[] {
  const lastUse = new Map<number, number>();
  lrat.steps.forEach((s, k) => {
    if (s.kind === 'add') for (const h of s.hints) lastUse.set(h, k);
  });
  const clauseOf = new Map<number, readonly number[]>();
  const dying: number[][] = lrat.steps.map(() => []);
  for (const [id, k] of lastUse) dying[k].push(id);
  const out: ProofStep[] = [];
  lrat.steps.forEach((s, k) => {
    if (s.kind !== 'add') return;
    out.push({ kind: 'add', clause: [...s.clause] });
    clauseOf.set(s.id, s.clause);
    if (s.clause.length === 0) return;
    for (const id of dying[k].sort((a, b) => a - b)) {
      const c = id <= inputClauses.length ? inputClauses[id - 1] : clauseOf.get(id);
      if (c) out.push({ kind: 'delete', clause: [...c] });
    }
  });
  return out;
}

/** The text form (see the file comment), one step per line. */
export function writeLrat(proof: LratProof): string {
  const lines: string[] = [];
  for (const s of proof.steps) {
    if (s.kind === 'add') lines.push(`${s.id} ${s.clause.length ? s.clause.join(' ') + ' ' : ''}0 ${s.hints.length ? s.hints.join(' ') + ' ' : ''}0`);
    else lines.push(`${s.ids.length ? s.ids[0] : 0} d ${s.ids.length ? s.ids.join(' ') + ' ' : ''}0`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/**
 * Whether text read as a DRAT proof is more likely LRAT: among its first lines that are not
 * comments, one is `ID d ...` or holds two 0 tokens (an LRAT addition; a DRAT line holds one
 * clause as a rule). Only for advice in messages, never for a verdict.
 */
export function looksLikeLrat(text: string): boolean {
  let seen = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('c')) continue;
    const t = line.split(/\s+/);
    if (t[1] === 'd' || t.filter((x) => x === '0').length >= 2) return true;
    if (++seen >= 20) break;
  }
  return false;
}

/** Reads the text form; a malformed line is an InputError naming it. */
export function parseLrat(text: string, source = '<proof>'): LratProof {
  const steps: LratStep[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '' || line.startsWith('c')) continue;
    const where = `line ${n + 1}`;
    const tokens = line.split(/\s+/);
    const int = (t: string, max: number): number => {
      if (!/^-?\d+$/.test(t)) throw new InputError(`${where}: '${t}' is not an integer`, source);
      const v = Number(t);
      if (Math.abs(v) > max) throw new InputError(`${where}: ${t} is out of range`, source);
      return v;
    };
    const id = int(tokens[0], MAX_ID);
    if (id <= 0) throw new InputError(`${where}: clause id ${id} must be positive`, source);
    if (tokens[1] === 'd') {
      const ids = tokens.slice(2).map((t) => int(t, MAX_ID));
      if (ids.pop() !== 0 || ids.includes(0)) throw new InputError(`${where}: a deletion line ends with a single 0`, source);
      steps.push({ kind: 'delete', ids });
      continue;
    }
    const rest = tokens.slice(1).map((t) => int(t, MAX_ID));
    const z = rest.indexOf(0);
    if (z < 0 || rest[rest.length - 1] !== 0 || rest.indexOf(0, z + 1) !== rest.length - 1) {
      throw new InputError(`${where}: an addition line is ID LITERALS 0 HINTS 0`, source);
    }
    const clause = rest.slice(0, z);
    for (const l of clause) if (Math.abs(l) > MAX_LIT) throw new InputError(`${where}: literal ${l} is out of range`, source);
    steps.push({ kind: 'add', id, clause, hints: rest.slice(z + 1, rest.length - 1) });
  }
  return { steps };
}
