/**
 * A small CDCL SAT solver with a theory hook (DPLL(T)), for the hybrid procedure.
 *
 * Why not CaDiCaL: the hybrid's SAT part is tiny (hundreds of variables, a few
 * thousand clauses) and the cost is in the theory. With CaDiCaL (cadical-wasm offers no
 * external-propagator interface) the theory can only look at COMPLETE models, so a
 * conflict is found after the solver has committed to everything, and each round flips a
 * few literals: on random blum-rivest-and instances that takes an order of magnitude more
 * theory conflicts than native z3, which checks linear arithmetic on partial assignments
 * (figures in docs/measurements.md).
 * This solver calls the theory at every propagation fixpoint instead, so a
 * non-separable choice is refuted as soon as it is made and the search backjumps there.
 *
 * The solver: two watched literals, first-UIP clause learning with non-chronological
 * backjumping, VSIDS-style activities (linear scan for the decision: the formulas are
 * small), phase saving, Luby restarts, and clause-database reduction by literal block
 * distance (below). The theory returns clauses whose literals are all false under the
 * current assignment (blocking clauses); they are analysed like ordinary conflicts.
 * Budget: a deadline, polled every few hundred propagations; 'unknown' when it passes.
 *
 * Clause-database reduction (Audemard & Simon, "Predicting Learnt Clauses Quality in
 * Modern SAT Solvers", IJCAI 2009, Glucose): learned clauses and theory clauses are
 * deletable, clauses given to `addClause` never are. Every `reduceBase + k * reduceStep`
 * conflicts the worse half of the deletable clauses, by literal block distance (LBD: the
 * number of distinct decision levels among a clause's literals when it was made, lowered
 * when it takes part in a conflict analysis), is deleted; clauses with LBD <= 2 and
 * clauses that are the reason of an assigned literal are kept. Deleting a clause never
 * changes an answer: 'sat' is returned only after the theory accepted a complete
 * assignment that satisfies every clause of `addClause`, and every clause kept or learned
 * later is still implied by those and the theory (a deleted theory clause is found again
 * by the theory if it is needed). Termination: the number of clauses kept after each
 * reduction grows without bound, as in Glucose. On search problems whose theory refutes
 * tens of thousands of partial assignments, the clauses would otherwise grow to hundreds
 * of thousands and unit propagation over them dominates the search.
 *
 * Assumptions (MiniSat's incremental interface, Een & Sorensson 2003): `solve` may be given
 * literals that must hold in the model without being added as clauses. Assumption i is
 * decided at decision level i + 1 (a level is opened with no assignment when it is already
 * true), before any free decision. Invariants: (a) while the decision level is at most
 * the number of assumptions, every decision on the trail is an assumption; (b) learned
 * clauses never depend on the assumptions (they are treated as decisions, which analysis
 * resolves away or keeps as literals of the clause), so every clause learned stays
 * implied by the clauses and theory lemmas and is kept for later solves under other
 * assumptions. When an assumption is found false, `analyzeFinal` walks the implication
 * graph back from it to the decisions it rests on, all assumptions by (a): `failed` is
 * then a subset of the assumptions that is unsatisfiable together with the clauses.
 * UNSAT at level 0 needs no assumption: `failed` is empty, and every later solve is UNSAT.
 *
 * Literals are DIMACS integers over variables 1..numVars.
 *
 * Sources: conflict analysis with clause learning and non-chronological backjumping from
 * GRASP (Marques-Silva & Sakallah, IEEE Trans. Computers 48(5), 1999); two watched literals
 * and VSIDS from Chaff (Moskewicz, Madigan, Zhao, Zhang & Malik, DAC 2001); the overall
 * design after MiniSat (Een & Sorensson, "An Extensible SAT-solver", SAT 2003); Luby
 * restarts (Luby, Sinclair & Zuckerman, 1993); phase saving (Pipatsrisawat & Darwiche,
 * SAT 2007); the theory hook after DPLL(T) (Nieuwenhuis, Oliveras & Tinelli, J. ACM 2006).
 */

export interface TheoryHook {
  /**
   * Called at every propagation fixpoint (`complete`: every variable assigned). Returns
   * clauses that are false under the current assignment (empty: consistent so far).
   */
  check(complete: boolean): number[][];
}

export type CdclStatus = 'sat' | 'unsat' | 'unknown';

export class Cdcl {
  readonly numVars: number;
  /** assign[v]: 1 true, -1 false, 0 unassigned. */
  private readonly assign: Int8Array;
  private readonly level: Int32Array;
  private readonly reason: Int32Array;
  private readonly trail: Int32Array;
  private trailLen = 0;
  private qhead = 0;
  private readonly trailLim: number[] = [];
  /**
   * The clauses, one after another in one array (clause ci is arena[cstart[ci]] ..
   * arena[cstart[ci] + clen[ci] - 1]; clen 0: deleted): propagation reads them in place, with
   * no object per clause between the watch and the literals. Deleted clauses leave a gap
   * (`wasted`) until the arena is compacted.
   */
  private arena = new Int32Array(1024);
  private arenaLen = 0;
  private wasted = 0;
  private cstart = new Int32Array(256);
  private clen = new Int32Array(256);
  private numClauses = 0;
  private readonly watches: number[][];
  private readonly activity: Float64Array;
  private readonly phase: Int8Array;
  private readonly seen: Uint8Array;
  private inc = 1;
  private unsat = false;
  /** Indices of the deletable clauses not yet deleted (learned and theory clauses). */
  private deletable: number[] = [];
  /** Literal block distance of each clause by index (0: a clause of addClause, never deleted). */
  private readonly lbd: number[] = [];
  /**
   * Decision levels seen while computing an LBD (a stamp per level). Levels can exceed
   * numVars (assumptions already true open empty levels), so it grows on demand.
   */
  private levelStamp = new Int32Array(16);
  private stamp = 0;
  /** Reductions done, and the conflict count at the last one. */
  private reductions = 0;
  private lastReduceAt = 0;
  /**
   * Delete the worse half of the learned and theory clauses every so often (see the file
   * comment); default true. False keeps every clause.
   */
  clauseDeletion = true;
  /** Conflicts before the first reduction, and the growth of the interval after each one. */
  reduceBase = 2000;
  reduceStep = 300;
  /** Deletable clauses with an LBD at most this are kept by every reduction ("glue" clauses). */
  keepLbd = 2;
  /**
   * The arena is compacted after a reduction once deleted clauses are more than this
   * fraction of it (0: after every reduction that deletes, for tests).
   */
  compactAt = 0.5;
  /** Clauses deleted by reductions so far. */
  deleted = 0;
  /**
   * After 'unsat': assumption literals of that solve whose conjunction is unsatisfiable
   * with the clauses (empty when the clauses alone are).
   */
  failed: number[] = [];
  /**
   * Above the assumptions, the theory is checked on partial assignments after every
   * theoryInterval-th decision only (1: at every propagation fixpoint).
   */
  theoryInterval = 1;
  /**
   * `solve` returns 'unknown' once the engine has counted this many conflicts (between
   * conflicts, with no theory clause pending), so a caller can run engines in turns and
   * call `solve` again: the next call starts at level 0 and keeps every clause.
   */
  conflictLimit = Infinity;
  conflicts = 0;
  decisions = 0;
  theoryChecks = 0;
  /**
   * Called with every learned clause (first-UIP, units included), in the order they are
   * learned; unset by default (no cost). Each one is RUP with respect to the clauses
   * added before it (addClause, theory clauses, earlier learned clauses): the proof
   * stream of `trainsat solve --certify` (src/exact/certificate.ts).
   */
  onLearn?: (clause: readonly number[]) => void;

  constructor(numVars: number) {
    this.numVars = numVars;
    this.assign = new Int8Array(numVars + 1);
    this.level = new Int32Array(numVars + 1);
    this.reason = new Int32Array(numVars + 1).fill(-1);
    this.trail = new Int32Array(numVars + 1);
    this.watches = Array.from({ length: 2 * numVars + 2 }, () => []);
    this.activity = new Float64Array(numVars + 1);
    this.phase = new Int8Array(numVars + 1).fill(1);
    this.seen = new Uint8Array(numVars + 1);
  }

  private static idx(l: number): number {
    return l > 0 ? 2 * l : -2 * l + 1;
  }

  /** 1 true, -1 false, 0 unassigned. */
  litValue(l: number): number {
    // 0 - x, not -x: an unassigned negative literal is then +0, a small integer, rather than
    // -0, which is a heap number and costs an allocation per read where calls are not inlined.
    return l > 0 ? this.assign[l] : 0 - this.assign[-l];
  }

  /** The value of variable v in the last model (after 'sat'). */
  value(v: number): boolean {
    return this.assign[v] === 1;
  }

  /** Initial phase for a decision on v (default true). */
  setPhase(v: number, value: boolean): void {
    this.phase[v] = value ? 1 : -1;
  }

  private get decisionLevel(): number {
    return this.trailLim.length;
  }

  private enqueue(l: number, reason: number): void {
    const v = l > 0 ? l : -l;
    this.assign[v] = l > 0 ? 1 : -1;
    this.level[v] = this.decisionLevel;
    this.reason[v] = reason;
    this.trail[this.trailLen++] = l;
  }

  /**
   * Adds a clause at decision level 0: before solving, or between solves (the search is
   * first undone to level 0; learned clauses stay, being implied by the clauses before).
   */
  addClause(lits: readonly number[]): void {
    if (this.unsat) return;
    this.backtrack(0);
    // Clauses are short: a linear scan finds duplicates and tautologies without a Set.
    const c: number[] = [];
    next: for (const l of lits) {
      for (const x of c) {
        if (x === -l) return; // tautology
        if (x === l) continue next;
      }
      const v = this.litValue(l);
      if (v === 1 && this.level[Math.abs(l)] === 0) return;
      if (v === -1 && this.level[Math.abs(l)] === 0) continue;
      c.push(l);
    }
    if (c.length === 0) {
      this.unsat = true;
      return;
    }
    if (c.length === 1) {
      if (this.litValue(c[0]) === 0) this.enqueue(c[0], -1);
      return;
    }
    this.attach(Int32Array.from(c));
  }

  private attach(c: ArrayLike<number>, lbd = 0): number {
    const ci = this.numClauses++;
    if (ci === this.cstart.length) {
      this.cstart = grow(this.cstart, 2 * ci);
      this.clen = grow(this.clen, 2 * ci);
    }
    if (this.arenaLen + c.length > this.arena.length) this.arena = grow(this.arena, 2 * (this.arenaLen + c.length));
    this.arena.set(c, this.arenaLen);
    this.cstart[ci] = this.arenaLen;
    this.clen[ci] = c.length;
    this.arenaLen += c.length;
    this.lbd.push(lbd);
    if (lbd > 0) this.deletable.push(ci);
    // Each watch is a pair (clause, blocker): the other watched literal when attached.
    this.watches[Cdcl.idx(-c[0])].push(ci, c[1]);
    this.watches[Cdcl.idx(-c[1])].push(ci, c[0]);
    return ci;
  }

  /**
   * Unit propagation; returns a conflicting clause index or -1. A watch entry carries a
   * blocker, a literal of its clause: when the blocker is true the clause is satisfied and
   * is not read at all (MiniSat 2.2's blocking literals; Chu, Harwood & Stuckey, "Cache
   * Conscious Data Structures for Boolean Satisfiability Solvers", JSAT 6, 2009): with
   * thousands of long theory clauses, reading the clauses was most of the search's time.
   */
  private propagate(): number {
    const { assign, arena, cstart, clen, watches } = this;
    const value = (l: number) => (l > 0 ? assign[l] : -assign[-l]);
    while (this.qhead < this.trailLen) {
      const p = this.trail[this.qhead++]; // p became true: clauses watching -p
      const ws = watches[Cdcl.idx(p)];
      // ws does not grow below: a new watch goes to a literal that is not false, never -p.
      const n = ws.length;
      let i = 0;
      let j = 0;
      let confl = -1;
      for (; i < n; i += 2) {
        const ci = ws[i];
        const blocker = ws[i + 1];
        if (value(blocker) === 1) {
          ws[j++] = ci;
          ws[j++] = blocker;
          continue;
        }
        const s = cstart[ci];
        const e = s + clen[ci];
        if (arena[s] === -p) {
          arena[s] = arena[s + 1];
          arena[s + 1] = -p;
        }
        const first = arena[s];
        if (first !== blocker && value(first) === 1) {
          ws[j++] = ci;
          ws[j++] = first;
          continue;
        }
        let found = false;
        for (let k = s + 2; k < e; k++) {
          const q = arena[k];
          if (value(q) !== -1) {
            arena[s + 1] = q;
            arena[k] = -p;
            watches[Cdcl.idx(-q)].push(ci, first);
            found = true;
            break;
          }
        }
        if (found) continue;
        ws[j++] = ci;
        ws[j++] = first;
        if (value(first) === -1) {
          confl = ci;
          for (i += 2; i < ws.length; i++) ws[j++] = ws[i];
          break;
        }
        this.enqueue(first, ci);
      }
      ws.length = j;
      if (confl >= 0) return confl;
    }
    return -1;
  }

  private backtrack(lvl: number): void {
    if (this.decisionLevel <= lvl) return;
    const lim = this.trailLim[lvl];
    for (let t = this.trailLen - 1; t >= lim; t--) {
      const l = this.trail[t];
      const v = l > 0 ? l : -l;
      this.phase[v] = l > 0 ? 1 : -1;
      this.assign[v] = 0;
      this.reason[v] = -1;
    }
    this.trailLen = lim;
    this.qhead = lim;
    this.trailLim.length = lvl;
  }

  /** Raises v's decision priority as much as one conflict that involves it would (VSIDS). */
  bumpActivity(v: number): void {
    this.bump(v);
  }

  private bump(v: number): void {
    this.activity[v] += this.inc;
    if (this.activity[v] > 1e100) {
      for (let u = 1; u <= this.numVars; u++) this.activity[u] *= 1e-100;
      this.inc *= 1e-100;
    }
  }

  /** First-UIP analysis of a clause false at the current level; returns learned clause and level. */
  private analyze(confl: number): { learnt: number[]; btLevel: number } {
    const learnt: number[] = [0];
    let pathC = 0;
    let p = 0;
    let idx = this.trailLen - 1;
    let ci = confl;
    const arena = this.arena;
    const cur = this.decisionLevel;
    const touched: number[] = [];
    for (;;) {
      const s = this.cstart[ci];
      const e = s + this.clen[ci];
      if (this.lbd[ci] > this.keepLbd) {
        const l = this.computeLbd(arena, s, e);
        if (l < this.lbd[ci]) this.lbd[ci] = l;
      }
      for (let k = p === 0 ? s : s + 1; k < e; k++) {
        const q = arena[k];
        const v = q > 0 ? q : -q;
        if (this.seen[v] || this.level[v] === 0) continue;
        this.seen[v] = 1;
        touched.push(v);
        this.bump(v);
        if (this.level[v] >= cur) pathC++;
        else learnt.push(q);
      }
      // Next literal of the current level on the trail that is marked.
      for (;;) {
        const l = this.trail[idx--];
        const v = l > 0 ? l : -l;
        if (this.seen[v] && this.level[v] >= cur) {
          p = l;
          break;
        }
      }
      pathC--;
      const pv = p > 0 ? p : -p;
      if (pathC <= 0) break;
      ci = this.reason[pv]; // its implied literal p sits at position 0 (see propagate/integrate)
    }
    learnt[0] = -p;
    for (const v of touched) this.seen[v] = 0;
    this.inc /= 0.95;
    let btLevel = 0;
    let maxAt = 1;
    for (let k = 1; k < learnt.length; k++) {
      const lv = this.level[Math.abs(learnt[k])];
      if (lv > btLevel) {
        btLevel = lv;
        maxAt = k;
      }
    }
    if (learnt.length > 1) [learnt[1], learnt[maxAt]] = [learnt[maxAt], learnt[1]];
    return { learnt, btLevel };
  }

  /**
   * Adds a lemma (a valid clause, possibly false or unit under the current assignment)
   * keeping the watch invariant: returns the clause index if it is false (a conflict to
   * analyse, after backtracking to its highest level), -1 if it was added (possibly
   * after backtracking and asserting its one non-false literal), -2 if it is false at
   * level 0 (the formula is unsatisfiable).
   */
  private integrate(lits: number[]): number {
    const c = [...new Set(lits)];
    const nonFalse = c.filter((l) => this.litValue(l) !== -1);
    const falses = c.filter((l) => this.litValue(l) === -1).sort((a, b) => this.level[Math.abs(b)] - this.level[Math.abs(a)]);
    const lv = (l: number) => this.level[Math.abs(l)];
    if (nonFalse.length === 0) {
      if (c.length === 0 || lv(falses[0]) === 0) return -2;
      if (c.length === 1) {
        this.backtrack(0);
        this.enqueue(c[0], -1);
        return -1;
      }
      this.backtrack(lv(falses[0]));
      return this.attach(Int32Array.from(falses), this.computeLbd(falses));
    }
    if (c.length === 1) {
      const x = c[0];
      if (this.litValue(x) === 0 || lv(x) > 0) {
        this.backtrack(0);
        this.enqueue(x, -1);
      }
      return -1;
    }
    if (nonFalse.length >= 2) {
      // Prefer true literals of low level and unassigned ones as watches.
      this.attach(Int32Array.from([...nonFalse, ...falses]), this.computeLbd(c));
      return -1;
    }
    const x = nonFalse[0];
    const f = falses[0];
    if (this.litValue(x) === 1 && lv(x) <= lv(f)) {
      this.attach(Int32Array.from([x, ...falses]), this.computeLbd(c));
      return -1;
    }
    this.backtrack(lv(f));
    const ci = this.attach(Int32Array.from([x, ...falses]), this.computeLbd(c));
    if (this.litValue(x) === 0) this.enqueue(x, ci);
    return -1;
  }

  /** Distinct decision levels among the assigned literals of `c` (at least 1). */
  private computeLbd(c: ArrayLike<number>, from = 0, to = c.length): number {
    if (++this.stamp === 0x7fffffff) {
      this.levelStamp.fill(0);
      this.stamp = 1;
    }
    let n = 0;
    for (let k = from; k < to; k++) {
      const v = c[k] > 0 ? c[k] : -c[k];
      if (this.assign[v] === 0) continue;
      const lv = this.level[v];
      if (lv >= this.levelStamp.length) {
        const grown = new Int32Array(Math.max(2 * this.levelStamp.length, lv + 1));
        grown.set(this.levelStamp);
        this.levelStamp = grown;
      }
      if (this.levelStamp[lv] !== this.stamp) {
        this.levelStamp[lv] = this.stamp;
        n++;
      }
    }
    return Math.max(1, n);
  }

  /** True when clause ci is the reason of the assigned literal it implies (its first). */
  private locked(ci: number): boolean {
    const first = this.arena[this.cstart[ci]];
    const v = first > 0 ? first : -first;
    return this.reason[v] === ci && this.litValue(first) === 1;
  }

  /**
   * Deletes the worse half of the deletable clauses by LBD (then length), keeping those
   * with LBD <= 2 and the locked ones, and drops their watches.
   */
  private reduceDb(): void {
    const order = this.deletable.slice().sort((a, b) => this.lbd[b] - this.lbd[a] || this.clen[b] - this.clen[a]);
    const limit = order.length >> 1;
    const gone = new Uint8Array(this.numClauses);
    let removed = 0;
    for (let k = 0; k < order.length && removed < limit; k++) {
      const ci = order[k];
      if (this.lbd[ci] <= this.keepLbd || this.locked(ci)) continue;
      gone[ci] = 1;
      removed++;
    }
    if (removed === 0) return;
    this.deletable = this.deletable.filter((ci) => !gone[ci]);
    for (const ws of this.watches) {
      let j = 0;
      for (let i = 0; i < ws.length; i += 2) {
        if (gone[ws[i]]) continue;
        ws[j++] = ws[i];
        ws[j++] = ws[i + 1];
      }
      ws.length = j;
    }
    for (let ci = 0; ci < gone.length; ci++) {
      if (!gone[ci]) continue;
      this.wasted += this.clen[ci];
      this.clen[ci] = 0;
    }
    this.deleted += removed;
    if (this.wasted > this.compactAt * this.arenaLen) this.compact();
  }

  /** Moves the live clauses together (same order, same indices), dropping the gaps of deleted ones. */
  private compact(): void {
    const old = this.arena;
    const arena = new Int32Array(Math.max(1024, 2 * (this.arenaLen - this.wasted)));
    let at = 0;
    for (let ci = 0; ci < this.numClauses; ci++) {
      const n = this.clen[ci];
      if (n === 0) continue;
      arena.set(old.subarray(this.cstart[ci], this.cstart[ci] + n), at);
      this.cstart[ci] = at;
      at += n;
    }
    this.arena = arena;
    this.arenaLen = at;
    this.wasted = 0;
  }

  /**
   * Variables decided before every other one (the most active first among them); empty
   * by default. A decision order only: it changes no answer.
   */
  decideFirst: Int32Array = new Int32Array(0);

  private pickBranch(): number {
    let best = 0;
    let bestAct = -1;
    for (const v of this.decideFirst) {
      if (this.assign[v] === 0 && this.activity[v] > bestAct) {
        bestAct = this.activity[v];
        best = v;
      }
    }
    if (best !== 0) return best;
    for (let v = 1; v <= this.numVars; v++) {
      if (this.assign[v] === 0 && this.activity[v] > bestAct) {
        bestAct = this.activity[v];
        best = v;
      }
    }
    return best;
  }

  /**
   * The assumptions behind the assumption literal p being false: the decisions (all
   * assumptions, invariant (a)) reached backwards through the reasons of the trail from
   * -p, together with p. Their conjunction with the clauses implies -p by unit
   * propagation along those reasons, so together with p it is unsatisfiable.
   */
  private analyzeFinal(p: number): number[] {
    const out = [p];
    const pv = p > 0 ? p : -p;
    if (this.level[pv] === 0) return out;
    this.seen[pv] = 1;
    for (let t = this.trailLen - 1; t >= this.trailLim[0]; t--) {
      const l = this.trail[t];
      const v = l > 0 ? l : -l;
      if (!this.seen[v]) continue;
      this.seen[v] = 0;
      const r = this.reason[v];
      if (r < 0) {
        // A decision at level > 0: an assumption (the trail literal is the assumption
        // itself; it is -p when both p and -p are assumed).
        out.push(l);
        continue;
      }
      const s = this.cstart[r];
      for (let k = s + 1; k < s + this.clen[r]; k++) {
        const q = this.arena[k];
        const u = q > 0 ? q : -q;
        if (this.level[u] > 0) this.seen[u] = 1;
      }
    }
    return out;
  }

  /**
   * Solves under the theory; `deadline` is a performance.now() time. With `assumptions`,
   * a model must satisfy them; 'unsat' then means unsatisfiable together with them, and
   * `failed` says which of them suffice.
   */
  solve(theory: TheoryHook, deadline = Infinity, assumptions: readonly number[] = []): CdclStatus {
    this.failed = [];
    if (this.unsat) return 'unsat';
    this.backtrack(0);
    if (performance.now() > deadline) return 'unknown';
    let restartIn = luby(1) * 64;
    let restarts = 0;
    let sinceRestart = 0;
    let polls = 0;
    const pending: number[][] = [];
    for (;;) {
      let confl = this.propagate();
      if (confl < 0 && pending.length > 0) {
        const r = this.integrate(pending.shift()!);
        if (r === -2) {
          this.unsat = true;
          return 'unsat';
        }
        if (r < 0) continue;
        confl = r;
      }
      // The theory is consulted once every assumption is on the trail, then after every
      // `theoryInterval`-th decision, and on every complete assignment: placing the
      // assumptions one level at a time would otherwise cost one theory check per
      // assumption. Skipping a partial check loses no answer (a check only adds valid
      // clauses earlier): a model is returned only after a check of the complete
      // assignment found no conflict.
      const skip = this.decisionLevel < assumptions.length || (this.theoryInterval > 1 && this.decisionLevel > assumptions.length && this.decisions % this.theoryInterval !== 0);
      if (confl < 0 && skip && this.trailLen !== this.numVars) {
        // fall through to the decision step: the next assumption
      } else if (confl < 0) {
        const complete = this.trailLen === this.numVars;
        this.theoryChecks++;
        const lemmas = theory.check(complete);
        if (lemmas.length > 0) {
          pending.push(...lemmas);
          continue;
        }
        // With assumptions not yet all on the trail, the decision step below settles
        // them (a complete assignment only opens empty levels or finds one false).
        if (complete && this.decisionLevel >= assumptions.length) return 'sat';
      }
      if (confl >= 0) {
        this.conflicts++;
        sinceRestart++;
        if (this.decisionLevel === 0) {
          this.unsat = true;
          return 'unsat';
        }
        const { learnt, btLevel } = this.analyze(confl);
        if (this.onLearn) this.onLearn(learnt.slice());
        this.backtrack(btLevel);
        if (learnt.length === 1) {
          this.enqueue(learnt[0], -1);
        } else {
          const ci = this.attach(Int32Array.from(learnt), this.computeLbd(learnt));
          this.enqueue(learnt[0], ci);
        }
        if ((++polls & 63) === 0 && performance.now() > deadline) return 'unknown';
        if (this.conflicts >= this.conflictLimit && pending.length === 0) return 'unknown';
        continue;
      }
      if (this.clauseDeletion && this.conflicts - this.lastReduceAt >= this.reduceBase + (this.reductions + 1) * this.reduceStep) {
        this.reduceDb();
        this.reductions++;
        this.lastReduceAt = this.conflicts;
      }
      if (sinceRestart >= restartIn) {
        this.backtrack(0);
        restarts++;
        sinceRestart = 0;
        restartIn = luby(restarts + 1) * 64;
        if (performance.now() > deadline) return 'unknown';
        continue;
      }
      // Assumptions first, one per level (invariant (a)).
      let next = 0;
      while (this.decisionLevel < assumptions.length) {
        const a = assumptions[this.decisionLevel];
        const value = this.litValue(a);
        if (value === 1) {
          this.trailLim.push(this.trailLen);
        } else if (value === -1) {
          this.failed = this.analyzeFinal(a);
          return 'unsat';
        } else {
          next = a;
          break;
        }
      }
      if (next === 0) {
        const v = this.pickBranch();
        // Every variable assigned and every assumption true: the theory accepted this
        // very assignment at the fixpoint just before (empty levels change nothing).
        if (v === 0) return 'sat';
        next = this.phase[v] >= 0 ? v : -v;
      }
      this.decisions++;
      if ((this.decisions & 255) === 0 && performance.now() > deadline) return 'unknown';
      this.trailLim.push(this.trailLen);
      this.enqueue(next, -1);
    }
  }

}

/** A copy of `a` with room for `size` elements. */
function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** The Luby sequence 1, 1, 2, 1, 1, 2, 4, ... (1-based). */
function luby(i: number): number {
  let k = 1;
  while ((1 << k) - 1 < i) k++;
  while (i !== (1 << k) - 1) {
    i -= (1 << (k - 1)) - 1;
    k = 1;
    while ((1 << k) - 1 < i) k++;
  }
  return 1 << (k - 1);
}
