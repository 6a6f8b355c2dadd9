/**
 * Shared plumbing for the SAT backends: a compact growable clause store and the model check.
 *
 * Every backend keeps its own copy of the clauses as one flat, 0-terminated Int32Array
 * (4 bytes a literal), for two reasons: backends feed their engine from it in one tight
 * loop, and every 'sat' answer is checked against it in one pass before it is returned
 * (the contract in types.ts: a model is never reported unchecked).
 */
import { ModelCheckError, SolverCapacityError } from './types.js';

const INT32_MIN = -2147483648;
/** Typed arrays above this length are not reliably allocatable in Node. */
const MAX_STORE = 2 ** 30;

/** Throws a RangeError unless `l` is a non-zero 32-bit literal (not -2^31). */
export function checkLiteral(l: number): void {
  if ((l | 0) !== l || l === 0 || l === INT32_MIN) {
    throw new RangeError(`invalid literal ${String(l)}: literals are non-zero 32-bit integers`);
  }
}

/** Flat clause storage with the largest variable seen. */
export class ClauseStore {
  private buf = new Int32Array(1024);
  /** Number of int32 slots used (literals plus terminating zeros). */
  length = 0;
  numClauses = 0;
  maxVar = 0;

  private reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    if (need > MAX_STORE) throw new SolverCapacityError(`formula too large: more than ${MAX_STORE} literals`);
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const nb = new Int32Array(Math.min(cap, MAX_STORE));
    nb.set(this.buf.subarray(0, this.length));
    this.buf = nb;
  }

  /** Appends one clause (validated). */
  add(lits: ArrayLike<number>): void {
    const m = lits.length;
    for (let j = 0; j < m; j++) checkLiteral(lits[j]);
    this.reserve(m + 1);
    const b = this.buf;
    let k = this.length;
    let mv = this.maxVar;
    for (let j = 0; j < m; j++) {
      const l = lits[j];
      b[k++] = l;
      const v = l < 0 ? -l : l;
      if (v > mv) mv = v;
    }
    b[k++] = 0;
    this.length = k;
    this.maxVar = mv;
    this.numClauses++;
  }

  /** Appends flat, 0-terminated clauses (an unterminated tail is terminated). */
  addFlat(flat: Int32Array): void {
    const m = flat.length;
    if (m === 0) return;
    const open = flat[m - 1] !== 0;
    this.reserve(m + (open ? 1 : 0));
    const b = this.buf;
    let k = this.length;
    let mv = this.maxVar;
    let clauses = 0;
    for (let j = 0; j < m; j++) {
      const l = flat[j];
      if (l === 0) clauses++;
      else if (l === INT32_MIN) throw new RangeError(`invalid literal ${l}: literals are non-zero 32-bit integers`);
      const v = l < 0 ? -l : l;
      if (v > mv) mv = v;
      b[k++] = l;
    }
    if (open) {
      b[k++] = 0;
      clauses++;
    }
    this.length = k;
    this.maxVar = mv;
    this.numClauses += clauses;
  }

  /** All stored clauses, flat (a view: valid until the next add). */
  get flat(): Int32Array {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * Index of the first clause of `flat` that `model` falsifies (model[v] = 1 means v is
 * true; variables beyond the model read as false), or -1 if the model satisfies them all.
 */
export function firstFalsified(flat: Int32Array, model: Uint8Array): number {
  let sat = false;
  let idx = 0;
  const n = model.length;
  for (let j = 0; j < flat.length; j++) {
    const l = flat[j];
    if (l === 0) {
      if (!sat) return idx;
      idx++;
      sat = false;
    } else if (!sat) {
      const v = l < 0 ? -l : l;
      const val = v < n ? model[v] : 0;
      if (l > 0 ? val === 1 : val === 0) sat = true;
    }
  }
  if (flat.length > 0 && flat[flat.length - 1] !== 0 && !sat) return idx;
  return -1;
}

/** Throws ModelCheckError unless `model` satisfies every clause and every assumption. */
export function verifyModel(
  backend: string,
  flat: Int32Array,
  model: Uint8Array,
  assumptions: readonly number[] = [],
): void {
  const bad = firstFalsified(flat, model);
  if (bad >= 0) {
    throw new ModelCheckError(
      `internal error: the ${backend} backend answered 'sat' with a model that falsifies clause ${bad + 1}; ` +
        'the answer is withheld. Please report this formula.',
    );
  }
  for (const a of assumptions) {
    const v = a < 0 ? -a : a;
    const val = v < model.length ? model[v] : 0;
    if (a > 0 ? val !== 1 : val !== 0) {
      throw new ModelCheckError(
        `internal error: the ${backend} backend answered 'sat' with a model that violates assumption ${a}; ` +
          'the answer is withheld.',
      );
    }
  }
}

/** model[v] for v in 1..maxVar as booleans (index 0 unused, false). */
export function modelToBooleans(model: Uint8Array, maxVar: number): boolean[] {
  const out = new Array<boolean>(maxVar + 1);
  out[0] = false;
  for (let v = 1; v <= maxVar; v++) out[v] = v < model.length && model[v] === 1;
  return out;
}

/** Normalises a budget: undefined for none, otherwise a non-negative number. */
export function budget(x: number | undefined): number | undefined {
  if (x === undefined || x === null || !Number.isFinite(x)) return undefined;
  return Math.max(0, x);
}

/**
 * The longest delay a Node.js timer holds (2^31 - 1 ms, about 24.8 days); a longer one
 * fires at once. Timers for budgets are capped at this, so a huge budget means "about
 * 24.8 days", never "no time at all".
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;
