/**
 * Checking DRUP proofs that only add clauses (such as the learned-clause stream of
 * `trainsat sat --proof`, which has no deletions) over one tiered clause database: backwards
 * with core marking (checkDrupBackward), and forwards one clause at a time as a proof is
 * being produced (ForwardRupStream, which ./rup-concurrent.ts runs beside the solver).
 *
 * A forward checker (./rup.ts) checks every added clause. Most clauses a CDCL solver learns
 * are never used to derive the empty clause, and checking them is wasted work. Backward
 * checking (Heule, Hunt & Wetzler, "Trimming while checking clausal proofs", FMCAD 2013;
 * the method of drat-trim) first adds every clause up to the one after which unit
 * propagation of the database conflicts, without checking anything; then marks the clauses
 * that conflict depends on (its clause and, through the reasons of the top-level
 * assignment, every clause that propagated one of its literals); then walks the proof
 * backwards, removing each added clause and, if it is marked, checking it by RUP against
 * the input and the clauses added before it, marking the clauses that check's conflict
 * depends on. Only marked (core) clauses are checked, and each against exactly the
 * clauses before it, so acceptance means: the empty clause follows by unit propagation from
 * the input plus core clauses, each of which is RUP with respect to the input plus the
 * clauses before it. That makes every core clause, and so the empty clause, a consequence
 * of the input: the input is unsatisfiable. A clause that is not RUP but never used is not
 * looked at, so this accepts every proof the forward checker accepts and possibly more; a
 * rejection names an added clause that is not RUP with respect to the clauses before it
 * (not necessarily the first such), or the end of the proof. Given a prefix of the proof
 * already checked forward (`verifiedBelow`), the walk stops when it reaches that prefix:
 * the marked clauses left are in it, each a consequence of the input by the same induction.
 *
 * The backward check can also write what it found as an LRAT proof (./lrat.ts): the core
 * clauses in order, each with its hints, the clauses its RUP check propagated in trail order
 * and then the one it found false (conflict analysis collects them: the reasons of the
 * literals the conflict depends on, except literals the check assumes, whose top-level
 * reasons a hint chain does not need and which would be satisfied hints there).
 *
 * The forward stream checks every clause as it arrives, against the input and the clauses
 * before it, with the same propagation; a mark then means "used by a recent check" and is
 * dropped after FORGET_AFTER checks without a use, so that the first tier holds what the
 * solver most likely still had in its database (a solver's clause-database reduction keeps
 * the clauses its recent conflicts used), not every clause ever used.
 *
 * Propagation is core first (drat-trim's heuristic), and then local: a clause is in one of
 * four tiers by two flags, marked (core) and in the window (an input clause, or one of the
 * few hundred proof clauses just before the one being checked), and propagation visits the
 * watchers of the marked clauses in the window, then of the other marked ones, then of the
 * rest of the window, all to a fixpoint, before any other clause. The window holds what a
 * CDCL solver most likely still had in its database when it learned the clause (it
 * deletes most learned clauses soon, and the stream reports no deletions); on random
 * 3-SAT and 5-SAT proofs almost every clause a check newly marks was learned shortly
 * before the clause checked (docs/measurements.md, "Proof overhead"). The lowest tier is visited
 * newest first, one propagation at a time (then the higher tiers get the new literal
 * first). The order only decides which conflict is found, so which clauses are marked,
 * never whether a clause is RUP. Each tier has its own watch lists, so a visit touches no
 * clause of another tier; a clause that changes tier is added to its new tier's lists,
 * and its entries in the old ones are dropped when next met.
 *
 * Removing a clause undoes the top-level assignment to what it was before that clause was
 * added (recorded in the forward pass: the unit-propagation closure of the clauses before
 * it). Unassigning can leave a clause watching a false literal next to an unassigned one;
 * such clauses are re-watched on a non-false literal, which exists because the remaining
 * assignment is a propagation fixpoint of the remaining clauses.
 *
 * Proofs with deletions go to the forward checker (checkDrup) unchanged.
 */
import { lratFromHints, type LratProof } from './lrat.js';
import { checkDrup, describeClause, enc, literalError, watchNonFalse, type CnfForCheck, type DrupResult, type ProofStep } from './rup.js';

/**
 * Clause tiers: two flags, CORE (marked) and WINDOW (an input clause, or one of the
 * WINDOW_SIZE proof clauses before the one being checked). Backwards, flags are only ever
 * set; forwards, WINDOW is cleared when a clause leaves the window and CORE when it is forgotten.
 */
const CORE = 1;
const WINDOW = 2;
const TIERS = 4;
/**
 * The tiers in the order propagation visits them: core clauses in the window, core clauses
 * before it, the rest of the window, everything else.
 */
const ORDER = [CORE | WINDOW, CORE, WINDOW, 0];
/** How many proof clauses before the one being checked are in the window, by default. */
const WINDOW_SIZE = 300;
/** Forward checking: checks after which an unused mark is dropped, by default. */
const FORGET_AFTER = 2000;

/** Options of checkDrupBackward. */
export interface BackwardCheckOptions {
  /**
   * When the proof is accepted, receives the 1-based steps that were checked (the clauses
   * the refutation uses, the empty clause excluded), in increasing order; a proof with
   * deletions, checked forward, leaves it empty.
   */
  core?: number[];
  /**
   * How many proof clauses before the one being checked propagate first (a heuristic: with
   * any value, acceptance means the CNF is unsatisfiable, every proof the forward checker
   * accepts is accepted, and a rejection names a clause that is not RUP).
   */
  window?: number;
  /**
   * The number of leading proof clauses already checked forward, each RUP with respect to
   * the input and the clauses before it (read again during the walk, so it may grow while
   * the check runs, as ConcurrentDrupCheck's worker advances). The walk stops accepting once
   * it reaches them: every clause it has not checked is then among them. `core` then lists
   * only the clauses checked here.
   */
  verifiedBelow?: () => number;
  /**
   * When the proof is accepted, receives it as an LRAT proof (./lrat.ts): the clauses the
   * refutation uses, in order, each with the clauses its RUP check propagated, and the empty
   * clause. Not with verifiedBelow (the clauses checked forward have no hints here).
   */
  lrat?: LratProof;
  /**
   * Receives the LRAT hints (ids: input clause j is j + 1, proof clause i is m + i + 1) of
   * every clause checked here and of the first empty clause, by 0-based proof position. With
   * verifiedBelow, the clauses of the verified prefix the refutation uses need theirs from
   * the forward check (lratFromHints in ./lrat.ts puts the two together).
   */
  hints?: Map<number, ArrayLike<number>>;
}

/** Checks a DRUP proof of the CNF's unsatisfiability backwards (see the file comment). */
export function checkDrupBackward(cnf: CnfForCheck, proof: readonly ProofStep[], opts: BackwardCheckOptions = {}): DrupResult {
  if (proof.some((s) => s.kind !== 'add')) return checkDrup(cnf, proof);
  let maxVar = Math.max(0, cnf.numVars);
  let literals = 0;
  const measure = (clause: readonly number[]): void => {
    for (const l of clause) maxVar = Math.max(maxVar, Math.abs(l));
    literals += clause.length;
  };
  for (let i = 0; i < cnf.clauses.length; i++) {
    const bad = literalError(cnf.clauses[i], `CNF clause ${i + 1}`);
    if (bad) return { ok: false, step: 0, reason: bad };
    measure(cnf.clauses[i]);
  }
  for (let i = 0; i < proof.length; i++) {
    const bad = literalError(proof[i].clause, `step ${i + 1}`);
    if (bad) return { ok: false, step: i + 1, reason: bad };
    measure(proof[i].clause);
  }
  return new TieredRup(maxVar, cnf.clauses.length + proof.length, literals, opts.window ?? WINDOW_SIZE, { marking: true, forgetAfter: 0 }).check(cnf.clauses, proof, opts);
}

/**
 * Checks a DRUP proof: backwards (checkDrupBackward) unless `forward`, then every added
 * clause in order (checkDrup). A rejection is always the forward checker's, so it names the
 * first step that is not RUP; it is the same verdict, since the backward checker accepts
 * every proof the forward checker accepts.
 */
export function checkDrupProof(cnf: CnfForCheck, proof: readonly ProofStep[], opts: { forward?: boolean } = {}): DrupResult {
  if (checkedForwardOnly(proof, opts)) return checkDrup(cnf, proof);
  const backward = checkDrupBackward(cnf, proof);
  return backward.ok ? backward : checkDrup(cnf, proof);
}

/**
 * Whether checkDrupProof (and its two-thread form) checks `proof` forward only: when asked
 * to, and when it has deletions, which checkDrupBackward would check forward anyway (once
 * is enough).
 */
export function checkedForwardOnly(proof: readonly ProofStep[], opts: { forward?: boolean }): boolean {
  return opts.forward === true || proof.some((s) => s.kind !== 'add');
}

class TieredRup {
  /**
   * Every clause's literals, one after another in `arena`, the clause `id` from start[id],
   * size[id] long; `count` clauses so far. The arrays grow when full.
   */
  private arena: Int32Array;
  private used = 0;
  private count = 0;
  private start: Int32Array;
  private size: Int32Array;
  private alive: Uint8Array;
  /** Per clause: its tier, the CORE and WINDOW flags it has (0: neither); propagation visits the tiers in ORDER. */
  private tier: Uint8Array;
  /**
   * Per tier and encoded literal x: the clauses of that tier watching x's complement,
   * visited when x becomes true, as pairs (clause id, blocker): the blocker is another
   * literal of the clause, and while it is true the clause need not be looked at (MiniSat's
   * blocking literals). A clause promoted to a higher tier is added to that tier's lists;
   * its entries in the lower tier's lists are dropped when next met.
   */
  private readonly watches: number[][][];
  /** Per encoded literal: 1 true. */
  private readonly val: Uint8Array;
  private readonly trail: Int32Array;
  private trailLen = 0;
  /** Per variable: the clause that propagated it, -1 for an assumed literal. */
  private readonly reason: Int32Array;
  private readonly seen: Uint8Array;
  /** The length in use of each lowest-tier list (entries beyond it are free room). */
  private readonly restLen: Int32Array;
  /** Where visitRest goes on in the lowest-tier list it stopped in, -1 from its end. */
  private restPos = -1;
  /** Per position in ORDER: the next trail position that tier's watchers are visited for. */
  private readonly heads = new Int32Array(TIERS);
  /** A clause false under the top-level assignment, -1 none. */
  private topConflict = -1;
  /**
   * Whether RUP checks mark the clauses their conflicts depend on (CORE). The backward check
   * needs the marks, for good. Forward, marks kept for good made checking slower than no
   * marks (every clause ever used propagates first); marks dropped after forgetAfter checks
   * without a use made it faster (docs/measurements.md, "Proof overhead").
   */
  private readonly marking: boolean;
  /** Checks after which an unused mark is dropped (0: marks stay). */
  private readonly forgetAfter: number;
  /** RUP checks done (forward), the clock of usedAt. */
  private checks = 0;
  /**
   * LRAT hints: while `hints` is an array, conflict analysis leaves in it the clauses the
   * conflict depends on, latest on the trail first (and the conflict clause first of all).
   * `assumed[x] === stamp` marks the literals a RUP check assumes (its clause's negation),
   * whose reasons it does not need.
   */
  private hints: number[] | null = null;
  private assumed: Uint32Array;
  private stamp = 0;
  /** Forward with forgetting: the marked clauses, and the check that last used each clause. */
  private readonly marked: number[] = [];
  private usedAt: Int32Array;

  /**
   * Room for `clauses` clauses of `literals` literals in all (more is made when needed),
   * over variables 1..maxVar; the window is the `windowSize` proof clauses before the one
   * being checked.
   */
  constructor(
    maxVar: number,
    clauses: number,
    literals: number,
    private readonly windowSize: number,
    marks: { marking: boolean; forgetAfter: number },
  ) {
    this.marking = marks.marking;
    this.forgetAfter = marks.forgetAfter;
    this.usedAt = new Int32Array(clauses);
    this.arena = new Int32Array(literals);
    this.start = new Int32Array(clauses);
    this.size = new Int32Array(clauses);
    this.alive = new Uint8Array(clauses);
    this.tier = new Uint8Array(clauses);
    this.watches = Array.from({ length: TIERS }, () => Array.from({ length: 2 * maxVar + 2 }, () => []));
    this.restLen = new Int32Array(2 * maxVar + 2);
    this.val = new Uint8Array(2 * maxVar + 2);
    this.trail = new Int32Array(maxVar + 1);
    this.reason = new Int32Array(maxVar + 1).fill(-1);
    this.seen = new Uint8Array(maxVar + 1);
    this.assumed = new Uint32Array(2 * maxVar + 2);
  }

  check(clauses: readonly (readonly number[])[], proof: readonly ProofStep[], opts: BackwardCheckOptions): DrupResult {
    const verifiedBelow = opts.verifiedBelow;
    if (opts.lrat && verifiedBelow) throw new Error('checkDrupBackward: lrat and verifiedBelow exclude each other');
    const hintsOf = opts.hints ?? (opts.lrat ? new Map<number, ArrayLike<number>>() : null);
    // LRAT ids by database id: input clause j is j + 1, proof clause i is clauses.length + i + 1.
    const lratId: number[] = [];
    if (hintsOf) this.hints = [];
    const takeHints = (): number[] => {
      const h = this.hints!;
      const out = h.map((id) => lratId[id]).reverse();
      h.length = 0;
      return out;
    };
    const emptyAt = proof.findIndex((s) => s.clause.length === 0);
    const accept = (): DrupResult => {
      this.hints = null;
      if (opts.lrat && hintsOf) opts.lrat.steps = lratFromHints(clauses.length, proof, emptyAt, (i) => hintsOf.get(i)).steps;
      return { ok: true };
    };
    const ends: DrupResult = { ok: false, step: proof.length + 1, reason: `the proof ends (after ${proof.length} steps) without deriving the empty clause` };
    // As in the forward checker, the proof must contain the empty clause.
    if (!proof.some((s) => s.clause.length === 0)) return ends;
    for (let j = 0; j < clauses.length; j++) {
      const id = this.add(clauses[j], WINDOW);
      if (id >= 0) lratId[id] = j + 1;
      // An empty input clause, or propagation of the input conflicts: everything is RUP.
      if (id === -2 || this.topConflict >= 0) {
        if (hintsOf && emptyAt >= 0) {
          if (id === -2) hintsOf.set(emptyAt, [j + 1]);
          else {
            this.analyze(this.topConflict, -1);
            hintsOf.set(emptyAt, takeHints());
          }
        }
        return accept();
      }
    }
    // Forward pass: add clauses, unchecked, until propagation conflicts or the empty clause.
    const ids = new Int32Array(proof.length);
    const trailAt = new Int32Array(proof.length);
    let last = -1;
    for (let i = 0; i < proof.length; i++) {
      const clause = proof[i].clause;
      if (clause.length === 0) {
        if (this.topConflict < 0) return { ok: false, step: i + 1, reason: `added clause ${describeClause(clause)} is not RUP (unit propagation finds no conflict)` };
        break;
      }
      trailAt[i] = this.trailLen;
      ids[i] = this.add(clause, 0);
      if (ids[i] >= 0) lratId[ids[i]] = clauses.length + i + 1;
      last = i;
      if (this.topConflict >= 0) break;
    }
    if (this.topConflict < 0) return ends;
    this.analyze(this.topConflict, -1);
    if (hintsOf) hintsOf.set(emptyAt, takeHints());
    if (verifiedBelow && verifiedBelow() > last) return accept();
    // Backward pass: remove each clause; check the marked ones, with the WINDOW_SIZE
    // clauses before it in the window tier.
    let windowLow = last + 1;
    for (let i = last; i >= 0; i--) {
      const id = ids[i];
      if (id < 0) continue;
      this.alive[id] = 0;
      this.truncate(trailAt[i]);
      this.topConflict = -1;
      if (!(this.tier[id] & CORE)) continue;
      // Every clause up to this one was checked forward: the rest of the walk has nothing to do.
      if (verifiedBelow && verifiedBelow() > i) return accept();
      for (; windowLow > Math.max(0, i - this.windowSize); windowLow--) {
        const w = ids[windowLow - 1];
        if (w >= 0 && this.alive[w]) this.promote(w, WINDOW);
      }
      if (this.rupAnalyze(this.arena.slice(this.start[id], this.start[id] + this.size[id]))) {
        if (hintsOf) hintsOf.set(i, takeHints());
        continue;
      }
      this.hints = null;
      return { ok: false, step: i + 1, reason: `added clause ${describeClause(proof[i].clause)} is not RUP (unit propagation finds no conflict)` };
    }
    const core = opts.core;
    if (core) for (let i = 0; i <= last; i++) if (ids[i] >= 0 && this.tier[ids[i]] & CORE) core.push(i + 1);
    return accept();
  }

  /**
   * Adds a clause in the given tier and extends the top-level assignment; its id, -1 for a
   * tautology, -2 for the empty clause.
   */
  private add(clause: ArrayLike<number>, tier: number): number {
    const out: number[] = [];
    for (let k = 0; k < clause.length; k++) {
      const x = enc(clause[k]);
      if (out.includes(x ^ 1)) return -1;
      if (!out.includes(x)) out.push(x);
    }
    if (out.length === 0) return -2;
    if (this.count === this.start.length || this.used + out.length > this.arena.length) this.grow(out.length);
    const id = this.count++;
    const c = this.arena.subarray(this.used, this.used + out.length);
    c.set(out);
    this.start[id] = this.used;
    this.size[id] = out.length;
    this.used += out.length;
    this.alive[id] = 1;
    this.tier[id] = tier;
    const val = this.val;
    if (c.length === 1) {
      if (val[c[0]]) return id;
      if (val[c[0] ^ 1]) this.topConflict = id;
      else this.topAssign(c[0], id);
      return id;
    }
    // Watches: non-false literals first; fewer than two means unit, false or satisfied.
    const w = watchNonFalse(c, val);
    this.pushWatch(tier, c[0] ^ 1, id, c[1]);
    this.pushWatch(tier, c[1] ^ 1, id, c[0]);
    if (w === 0) this.topConflict = id;
    else if (w === 1 && !val[c[0]]) this.topAssign(c[0], id);
    return id;
  }

  /** Makes room for one more clause of `n` literals. */
  private grow(n: number): void {
    if (this.count === this.start.length) {
      const cap = Math.max(16, 2 * this.start.length);
      const widen = <T extends Int32Array | Uint8Array>(a: T, make: (k: number) => T): T => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      this.start = widen(this.start, (k) => new Int32Array(k));
      this.size = widen(this.size, (k) => new Int32Array(k));
      this.alive = widen(this.alive, (k) => new Uint8Array(k));
      this.tier = widen(this.tier, (k) => new Uint8Array(k));
      this.usedAt = widen(this.usedAt, (k) => new Int32Array(k));
    }
    if (this.used + n > this.arena.length) {
      const b = new Int32Array(Math.max(2 * this.arena.length, this.used + n, 64));
      b.set(this.arena);
      this.arena = b;
    }
  }

  /** Adds an input clause in the window tier (forward checking): its id, -1 for a tautology, -2 if it is empty. */
  addInput(clause: readonly number[]): number {
    return this.add(clause, WINDOW);
  }

  /**
   * Checks the next clause of an add-only proof by RUP against the input and the proof
   * clauses before it and, if it is RUP, adds it: the forward check, one clause at a time.
   * The clause enters the window tier and leaves it windowSize clauses later. Literals must be
   * valid and over variables 1..maxVar. Once a conflict is derived, every clause is RUP.
   */
  checkNext(clause: ArrayLike<number>, recent: Int32Array, index: number, hints?: number[]): boolean {
    if (this.topConflict >= 0) {
      // Every clause is RUP now; only the empty clause gets hints (the conflict's), the
      // clauses in between are not needed by it (they get none).
      if (hints) {
        if (clause.length === 0) this.collectHints(hints, () => this.analyze(this.topConflict, -1));
        else hints.length = 0;
      }
      return true;
    }
    if (clause.length === 0) return false;
    const c = new Int32Array(clause.length);
    for (let k = 0; k < clause.length; k++) c[k] = enc(clause[k]);
    if (!(hints ? this.collectHints(hints, () => this.rupAnalyze(c)) : this.rupAnalyze(c))) return false;
    this.forget();
    const slot = index % recent.length;
    if (index >= recent.length) {
      const old = recent[slot];
      if (old >= 0) this.retier(old, this.tier[old] & ~WINDOW);
    }
    recent[slot] = this.add(clause, WINDOW);
    return true;
  }

  /**
   * Runs `analysis` with hint collection on and leaves in `hints` the clauses it found, in
   * LRAT order (by their ids in this database); returns what `analysis` returns.
   */
  private collectHints<T>(hints: number[], analysis: () => T): T {
    this.hints = hints;
    hints.length = 0;
    try {
      const r = analysis();
      hints.reverse();
      return r;
    } finally {
      this.hints = null;
    }
  }

  private topAssign(x: number, why: number): void {
    const from = this.trailLen;
    this.assign(x, why);
    const confl = this.propagate(from);
    if (confl >= 0) this.topConflict = confl;
  }

  private assign(x: number, why: number): void {
    this.val[x] = 1;
    this.reason[x >> 1] = why;
    this.trail[this.trailLen++] = x;
  }

  /**
   * Undoes the top-level assignment down to `len` literals, and re-watches every live
   * clause left watching a false literal beside a now unassigned one.
   */
  private truncate(len: number): void {
    if (this.trailLen <= len) return;
    const val = this.val;
    for (let p = len; p < this.trailLen; p++) val[this.trail[p]] = 0;
    for (let p = len; p < this.trailLen; p++) {
      const x = this.trail[p];
      for (let t = 0; t < TIERS; t++) this.rewatch(x, t);
    }
    this.trailLen = len;
  }

  /** Re-watches the clauses of the tier left watching a false literal beside x. */
  private rewatch(x: number, tier: number): void {
    const val = this.val;
    const lists = this.watches[tier];
    const ws = lists[x ^ 1];
    const len = tier === 0 ? this.restLen[x ^ 1] : ws.length;
    for (let i = 0; i < len; i += 2) {
      const id = ws[i];
      if (!this.alive[id] || this.tier[id] !== tier) continue;
      const c = this.arena;
      const s = this.start[id];
      const end = s + this.size[id];
      let f: number;
      if (c[s] === x) f = s + 1;
      else if (c[s + 1] === x) f = s;
      else continue; // a stale entry: the clause no longer watches x
      const o = f === s ? s + 1 : s;
      if (!val[c[f] ^ 1] || val[c[o]]) continue;
      let k = s + 2;
      while (k < end && val[c[k] ^ 1]) k++;
      if (k === end) throw new Error('internal error: backward DRUP checker found a unit clause at a propagation fixpoint');
      const y = c[k];
      c[k] = c[f];
      c[f] = y;
      this.pushWatch(tier, y ^ 1, id, c[o]);
    }
  }

  /**
   * Unit propagation of the trail from `head`, tier by tier: the core clauses to a fixpoint,
   * then one literal's window watchers, and the rest's only once the core and the window
   * are at a fixpoint; returns a live clause that is false, or -1 at a fixpoint.
   */
  private propagate(head: number): number {
    const heads = this.heads;
    heads.fill(head);
    this.restPos = -1;
    for (;;) {
      let k = 0;
      while (k < TIERS && heads[k] >= this.trailLen) k++;
      if (k === TIERS) return -1;
      let confl: number;
      if (ORDER[k] === 0) {
        confl = this.visitRest(this.trail[heads[k]]);
        if (this.restPos < 0) heads[k]++;
      } else confl = this.visit(this.trail[heads[k]++], ORDER[k]);
      if (confl >= 0) return confl;
    }
  }

  /**
   * Visits the lowest tier's clauses watching the complement of the true literal p, newest
   * first, from `restPos` (from the end of the list when it is -1), moving watches; stops
   * after the first propagation, leaving in `restPos` where to go on, else at the start of
   * the list with `restPos` -1. Returns a false clause or -1. An entry that leaves the list
   * (a moved watch; a dead, promoted or stale clause) is replaced by the list's last entry,
   * which has been visited already.
   */
  private visitRest(p: number): number {
    const val = this.val;
    const falseLit = p ^ 1;
    const ws = this.watches[0][p];
    const tiers = this.tier;
    const alive = this.alive;
    const arena = this.arena;
    const start = this.start;
    const size = this.size;
    let i = this.restPos < 0 ? this.restLen[p] - 2 : this.restPos;
    for (; i >= 0; i -= 2) {
      const id = ws[i];
      if (!alive[id] || tiers[id] !== 0) {
        this.dropRest(p, ws, i);
        continue;
      }
      if (val[ws[i + 1]]) continue;
      const s = start[id];
      if (arena[s] === falseLit) {
        arena[s] = arena[s + 1];
        arena[s + 1] = falseLit;
      } else if (arena[s + 1] !== falseLit) {
        this.dropRest(p, ws, i);
        continue;
      }
      const other = arena[s];
      ws[i + 1] = other;
      if (val[other]) continue;
      const end = s + size[id];
      let k = s + 2;
      while (k < end && val[arena[k] ^ 1]) k++;
      if (k < end) {
        const x = arena[k];
        arena[s + 1] = x;
        arena[k] = falseLit;
        this.pushWatch(0, x ^ 1, id, other);
        this.dropRest(p, ws, i);
        continue;
      }
      this.restPos = -1;
      if (val[other ^ 1]) return id;
      this.assign(other, id);
      if (i > 0) this.restPos = i - 2;
      return -1;
    }
    this.restPos = -1;
    return -1;
  }

  /** Removes the entry at i of p's lowest-tier list ws, replacing it with the list's last one. */
  private dropRest(p: number, ws: number[], i: number): void {
    const n = this.restLen[p] - 2;
    ws[i] = ws[n];
    ws[i + 1] = ws[n + 1];
    this.restLen[p] = n;
  }

  /** Appends (id, blocker) to the tier's list of the encoded literal x. */
  private pushWatch(tier: number, x: number, id: number, blocker: number): void {
    const ws = this.watches[tier][x];
    if (tier !== 0) {
      ws.push(id, blocker);
      return;
    }
    const n = this.restLen[x];
    if (n === ws.length) ws.push(id, blocker);
    else {
      ws[n] = id;
      ws[n + 1] = blocker;
    }
    this.restLen[x] = n + 2;
  }

  /**
   * Visits the clauses of the tier watching the complement of the true literal p, moving
   * watches or propagating; returns a false clause or -1. Dead clauses, clauses promoted
   * since and stale entries are dropped from the list.
   */
  private visit(p: number, tier: number): number {
    const val = this.val;
    const falseLit = p ^ 1;
    const lists = this.watches[tier];
    const ws = lists[p];
    const tiers = this.tier;
    const alive = this.alive;
    const arena = this.arena;
    const start = this.start;
    const size = this.size;
    let j = 0;
    let i = 0;
    let confl = -1;
    for (; i < ws.length; i += 2) {
      const id = ws[i];
      const blocker = ws[i + 1];
      if (val[blocker]) {
        // Satisfied: nothing to do, and the clause is not touched.
        ws[j++] = id;
        ws[j++] = blocker;
        continue;
      }
      if (!alive[id] || tiers[id] !== tier) continue; // dead, or promoted since
      const s = start[id];
      const first = arena[s];
      if (first === falseLit) {
        arena[s] = arena[s + 1];
        arena[s + 1] = falseLit;
      } else if (arena[s + 1] !== falseLit) continue; // stale
      const other = arena[s];
      if (val[other]) {
        ws[j++] = id;
        ws[j++] = other;
        continue;
      }
      let moved = false;
      const end = s + size[id];
      for (let k = s + 2; k < end; k++) {
        const x = arena[k];
        if (!val[x ^ 1]) {
          arena[s + 1] = x;
          arena[k] = falseLit;
          lists[x ^ 1].push(id, other);
          moved = true;
          break;
        }
      }
      if (moved) continue;
      ws[j++] = id;
      ws[j++] = other;
      if (val[other ^ 1]) {
        confl = id;
        for (i += 2; i < ws.length; i++) ws[j++] = ws[i];
        break;
      }
      this.assign(other, id);
    }
    if (j < ws.length) ws.length = j;
    return confl;
  }

  /**
   * Is the clause RUP with respect to the live clauses? If so, marks the clauses its
   * conflict depends on. Called at the top level (the whole trail), and back there afterwards.
   */
  private rupAnalyze(c: Int32Array): boolean {
    const val = this.val;
    const top = this.trailLen;
    let ok = false;
    let satisfiedBy = -1;
    const stamp = ++this.stamp;
    for (let k = 0; k < c.length; k++) {
      const x = c[k] ^ 1;
      this.assumed[x] = stamp;
      if (val[x]) continue;
      if (val[x ^ 1]) {
        satisfiedBy = x ^ 1;
        break;
      }
      this.assign(x, -1);
    }
    if (satisfiedBy >= 0) {
      this.analyze(-1, satisfiedBy, stamp);
      ok = true;
    } else {
      const confl = this.propagate(top);
      if (confl >= 0) {
        this.analyze(confl, -1, stamp);
        ok = true;
      }
    }
    for (let p = top; p < this.trailLen; p++) val[this.trail[p]] = 0;
    this.trailLen = top;
    return ok;
  }

  /**
   * Marks the clause `confl` (or, with confl -1, starts from the true literal `lit`) and,
   * walking the trail backwards, the reason of every literal the conflict depends on, except
   * literals the RUP check with this `stamp` assumes (its clause's negation, some of which
   * may be true at the top level already); with `hints` an array, appends them there too.
   */
  private analyze(confl: number, lit: number, stamp = 0): void {
    if (!this.marking && !this.hints) return;
    const seen = this.seen;
    const hints = this.hints;
    const assumed = this.assumed;
    // Variables seen and not yet met on the trail: every one is assigned, so the walk can
    // stop when none is left.
    let pending = 0;
    if (confl >= 0) {
      if (this.marking) this.use(confl);
      hints?.push(confl);
      for (let k = this.start[confl], end = k + this.size[confl]; k < end; k++) {
        const x = this.arena[k];
        if (!seen[x >> 1]) pending++;
        seen[x >> 1] = 1;
      }
    } else {
      seen[lit >> 1] = 1;
      pending = 1;
    }
    for (let p = this.trailLen - 1; p >= 0 && pending > 0; p--) {
      const v = this.trail[p] >> 1;
      if (!seen[v]) continue;
      seen[v] = 0;
      pending--;
      const r = this.reason[v];
      if (r < 0 || (stamp !== 0 && assumed[this.trail[p]] === stamp)) continue;
      if (this.marking) this.use(r);
      hints?.push(r);
      for (let k = this.start[r], end = k + this.size[r]; k < end; k++) {
        const y = this.arena[k];
        if (y >> 1 === v || seen[y >> 1]) continue;
        seen[y >> 1] = 1;
        pending++;
      }
    }
  }

  /** Marks a clause a conflict depends on (CORE), and when it was last used. */
  private use(id: number): void {
    if (!(this.tier[id] & CORE)) {
      this.promote(id, CORE);
      if (this.forgetAfter > 0) this.marked.push(id);
    }
    this.usedAt[id] = this.checks;
  }

  /**
   * Counts a forward check and unmarks the clauses no check has used in the last forgetAfter
   * checks (marks then mean "used lately", the clauses a solver most likely still had).
   */
  private forget(): void {
    this.checks++;
    if (this.forgetAfter <= 0 || this.checks % this.forgetAfter !== 0) return;
    let j = 0;
    for (const id of this.marked) {
      if (this.checks - this.usedAt[id] < this.forgetAfter) this.marked[j++] = id;
      else this.retier(id, this.tier[id] & ~CORE);
    }
    this.marked.length = j;
  }

  /** Sets a tier flag of a clause, moving it to its new tier's watch lists. */
  private promote(id: number, flag: number): void {
    this.retier(id, this.tier[id] | flag);
  }

  /** Moves a clause to another tier's watch lists (its entries in the old ones are dropped when next met). */
  private retier(id: number, tier: number): void {
    if (tier === this.tier[id]) return;
    this.tier[id] = tier;
    if (this.size[id] < 2) return;
    const s = this.start[id];
    this.pushWatch(tier, this.arena[s] ^ 1, id, this.arena[s + 1]);
    this.pushWatch(tier, this.arena[s + 1] ^ 1, id, this.arena[s]);
  }
}

/**
 * Checks an add-only DRUP proof forward, one clause at a time as the clauses arrive (for a
 * proof still being produced): each clause must be RUP with respect to the input and the
 * clauses pushed before it, then joins them. Propagation goes by window first (the input and
 * the last `window` clauses, where a CDCL solver's antecedents mostly are) and by recent use
 * (clauses a check used in the last `forgetAfter` checks; 0: no marks), each first.
 * `verified` counts the clauses accepted so far; the first one that is not RUP, or has an
 * invalid literal or one beyond maxVar, stops the check for good (`stopped`). Once the empty
 * clause is accepted (`complete`), the input is unsatisfiable.
 */
export class ForwardRupStream {
  private readonly rup: TieredRup;
  private readonly recent: Int32Array;
  private readonly maxVar: number;
  private everything = false;
  /** With hints: LRAT ids by database id (input clause j is j + 1, proof clause i is m + i + 1). */
  private readonly lratId: number[] = [];
  private readonly numInput: number;
  private readonly hintBuf: number[] | null;
  /** With hints: every accepted clause's hints (LRAT ids), clause i's from hintStart[i] to hintStart[i + 1]. */
  private hintData = new Int32Array(1024);
  private hintLen = 0;
  private readonly hintStart: number[] = [0];
  /** Proof clauses accepted so far (each RUP with respect to the input and those before it). */
  verified = 0;
  /** The empty clause has been accepted. */
  complete = false;
  /** A clause was refused (not RUP, invalid, or beyond maxVar): no further clause is accepted. */
  stopped = false;

  /**
   * `hints`: keep, for every clause accepted, the LRAT hints of its check (allHints), for an
   * LRAT proof or a trimmed one; not for input that is unsatisfiable by propagation alone.
   */
  constructor(cnf: CnfForCheck, opts: { window?: number; forgetAfter?: number; hints?: boolean } = {}) {
    const window = opts.window ?? WINDOW_SIZE;
    this.numInput = cnf.clauses.length;
    this.hintBuf = opts.hints ? [] : null;
    let maxVar = Math.max(0, cnf.numVars);
    let literals = 0;
    for (const c of cnf.clauses) {
      for (const l of c) maxVar = Math.max(maxVar, Math.abs(l));
      literals += c.length;
    }
    this.maxVar = maxVar;
    this.recent = new Int32Array(Math.max(1, window)).fill(-1);
    const forgetAfter = opts.forgetAfter ?? FORGET_AFTER;
    this.rup = new TieredRup(maxVar, cnf.clauses.length + 1024, literals + 4096, window, { marking: forgetAfter > 0, forgetAfter });
    for (let i = 0; i < cnf.clauses.length; i++) {
      if (literalError(cnf.clauses[i], `CNF clause ${i + 1}`) !== null) {
        this.stopped = true;
        return;
      }
    }
    // With an empty input clause every clause is RUP (as with input that propagates to a conflict).
    for (let j = 0; j < cnf.clauses.length && !this.everything; j++) {
      const id = this.rup.addInput(cnf.clauses[j]);
      if (id === -2) this.everything = true;
      else if (id >= 0) this.lratId[id] = j + 1;
    }
  }

  /** All hints so far: the flat list and where each accepted clause's start (one more entry than clauses). */
  allHints(): { data: Int32Array; start: Int32Array } {
    return { data: this.hintData.slice(0, this.hintLen), start: Int32Array.from(this.hintStart) };
  }

  /** Checks and adds the next proof clause; false if it is refused (then `stopped`). */
  push(clause: ArrayLike<number>): boolean {
    if (this.stopped) return false;
    if (this.complete) return true;
    for (let k = 0; k < clause.length; k++) {
      const l = clause[k];
      if (!Number.isInteger(l) || l === 0 || Math.abs(l) > this.maxVar) {
        this.stopped = true;
        return false;
      }
    }
    const hints = this.everything ? null : this.hintBuf;
    if (!this.everything && !this.rup.checkNext(clause, this.recent, this.verified, hints ?? undefined)) {
      this.stopped = true;
      return false;
    }
    if (this.hintBuf) {
      // checkNext left the clause's database id in its window slot (-1: a tautology, not kept).
      const id = this.recent[this.verified % this.recent.length];
      if (clause.length > 0 && id >= 0 && this.lratId[id] === undefined) this.lratId[id] = this.numInput + this.verified + 1;
      const h = hints ?? [];
      if (this.hintLen + h.length > this.hintData.length) {
        const b = new Int32Array(Math.max(2 * this.hintData.length, this.hintLen + h.length));
        b.set(this.hintData);
        this.hintData = b;
      }
      for (const x of h) this.hintData[this.hintLen++] = this.lratId[x];
      this.hintStart.push(this.hintLen);
    }
    this.verified++;
    if (clause.length === 0) this.complete = true;
    return true;
  }
}
