/**
 * An independent oracle for trainsat's answers: random instances of every unit kind,
 * written as SMT-LIB 2 straight from the semantics in docs/format.md ("Units") and decided by
 * z3, then compared with every backend's answer.
 *
 * Independence is the point, so this file shares no code with the product's encoders or
 * evaluator: it reads the generated instance JSON itself, with its own BigInt rationals,
 * writes its own SMT-LIB (not src/encode/smtlib.ts), and evaluates parameters with its
 * own evaluator. The library is used only as the thing under test: its parser (to skip
 * what the product rejects as an invalid instance), `decide` on each backend, and the
 * certificate writer and checker.
 *
 * Semantics encoded (docs/format.md, "Units"):
 *  - threshold unit: o <=> w.z >= t, weights and threshold unbounded reals, or integers in
 *    [min, max] (both) with `integerWeights`; z mixes rational constants (network inputs)
 *    and 0/1 outputs of other units. No margin trick: z3 decides >= and < exactly;
 *  - fixed-threshold: the same with the given rational weights and threshold;
 *  - lookup: a free truth table, the first input the most significant bit;
 *  - and / or / nand / nor / xor (parity) / not over 0/1 values;
 *  - every example fully correct, or at least `minCorrect` of them.
 *
 * A z3 `sat` is checked, too: its model is read back and evaluated here (and by the
 * product's checkParameters); a model that fails is an oracle error, not a finding.
 */
import { parseSexps, type Sexp } from '../src/encode/sexp.js';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide } from '../src/decide.js';
import { certificateText, checkCertificate, parseCertificate } from '../src/exact/certificate.js';
import { checkParameters } from '../src/model/evaluate.js';
import { parseParametersValue } from '../src/model/params.js';
import { parseInstance } from '../src/model/parse.js';
import type { Instance, Parameters } from '../src/model/types.js';
import { Rng } from '../src/random/rng.js';

// ---------------------------------------------------------------------------------------
// exact rationals of the oracle's own (BigInt numerator / positive denominator, reduced)

export interface Q {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function q(n: bigint | number, d: bigint | number = 1n): Q {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('zero denominator');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}

const Q0 = q(0);
const qAdd = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const qMul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const qCmp = (a: Q, b: Q): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
const isBitQ = (a: Q): boolean => a.d === 1n && (a.n === 0n || a.n === 1n);

/** The forms the generator writes: JSON integers and non-integers, "p/q", "-p/q", "1.25". */
export function parseQ(v: number | string): Q {
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return q(BigInt(v));
    return parseQ(String(v));
  }
  const s = v.trim();
  let m = /^([+-]?\d+)\/(\d+)$/.exec(s);
  if (m) return q(BigInt(m[1]), BigInt(m[2]));
  m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (m) {
    const frac = m[3] ?? '';
    const mag = BigInt(m[2] + frac);
    return q(m[1] === '-' ? -mag : mag, 10n ** BigInt(frac.length));
  }
  throw new RangeError(`oracle: cannot read the number ${JSON.stringify(v)}`);
}

export function qToString(a: Q): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}

/** A Real-sorted SMT-LIB literal: 3.0, (- 3.0), (/ 3.0 2.0), (- (/ 3.0 2.0)). */
function smtReal(a: Q): string {
  const mag = a.n < 0n ? -a.n : a.n;
  const body = a.d === 1n ? `${mag}.0` : `(/ ${mag}.0 ${a.d}.0)`;
  return a.n < 0n ? `(- ${body})` : body;
}

function smtInt(v: number): string {
  return v < 0 ? `(- ${-v})` : String(v);
}

// ---------------------------------------------------------------------------------------
// instances (plain JSON in the instance format, docs/format.md "Instance JSON")

export type Num = number | string;
export type FuzzKind = 'threshold' | 'lookup' | 'fixed-threshold' | 'and' | 'or' | 'nand' | 'nor' | 'xor' | 'not';

export interface FuzzUnit {
  id: string;
  kind: FuzzKind;
  inputs: string[];
  integerWeights?: { min: number; max: number };
  weights?: Num[];
  threshold?: Num;
}

export interface FuzzInstance {
  network: { inputs: number; units: FuzzUnit[]; outputs: string[] };
  examples: { x: Num[]; y: (0 | 1)[] }[];
  minCorrect?: number;
}

/** Value domains of network inputs. */
export type InputDomain = 'bit' | 'int' | 'large' | 'rational';
export const INPUT_DOMAINS: readonly InputDomain[] = ['bit', 'int', 'large', 'rational'];

/** Unit kinds as the summary counts them: threshold split by weight kind. */
export const FEATURE_KINDS = ['threshold-real', 'threshold-int', 'lookup', 'fixed-threshold', 'and', 'or', 'nand', 'nor', 'xor', 'not'] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

export interface Features {
  kinds: FeatureKind[];
  /** Domains of the input values the examples actually contain (by column domain). */
  domains: InputDomain[];
  /** Longest chain of units (1: units read only network inputs). */
  depth: number;
  outputs: number;
  minCorrect: boolean;
  duplicates: boolean;
  contradictory: boolean;
}

export interface FuzzCase {
  seed: number;
  instance: FuzzInstance;
  /** The template the network started from (SHAPES), or null for a plain random network. */
  shape?: Shape | null;
  features: Features;
}

/** Network input index of a node name, or -1 for a unit. Unit ids never look like x<digits>. */
function inputIdx(name: string): number {
  const m = /^x(\d+)$/.exec(name);
  return m ? Number(m[1]) : -1;
}

// ---------------------------------------------------------------------------------------
// the oracle's own evaluator

export type OracleParams = Map<string, { weights: Q[]; threshold: Q } | { table: (0 | 1)[] }>;

interface ParsedUnit {
  u: FuzzUnit;
  weights?: Q[];
  threshold?: Q;
}

function parsedUnits(inst: FuzzInstance): ParsedUnit[] {
  return inst.network.units.map((u) =>
    u.kind === 'fixed-threshold' ? { u, weights: u.weights!.map(parseQ), threshold: parseQ(u.threshold!) } : { u },
  );
}

/** Every unit's output on input x, by unit id (a Map: ids are user strings). */
export function oracleEvaluate(inst: FuzzInstance, params: OracleParams, x: readonly Q[]): Map<string, 0 | 1> {
  const vals = new Map<string, 0 | 1>();
  const node = (name: string): Q => {
    const v = vals.get(name);
    if (v !== undefined) return q(v);
    const i = inputIdx(name);
    if (i < 0 || i >= x.length) throw new RangeError(`oracle: unknown node ${name}`);
    return x[i];
  };
  const bitOf = (name: string): 0 | 1 => {
    const v = node(name);
    if (!isBitQ(v)) throw new RangeError(`oracle: ${name} is not 0/1`);
    return Number(v.n) as 0 | 1;
  };
  for (const { u, weights, threshold } of parsedUnits(inst)) {
    let out: 0 | 1;
    const atLeast = (w: Q[], t: Q): 0 | 1 => {
      let s = Q0;
      u.inputs.forEach((name, j) => (s = qAdd(s, qMul(w[j], node(name)))));
      return qCmp(s, t) >= 0 ? 1 : 0;
    };
    const bits = () => u.inputs.map(bitOf);
    switch (u.kind) {
      case 'threshold': {
        const p = params.get(u.id);
        if (!p || !('weights' in p)) throw new RangeError(`oracle: no weights for ${u.id}`);
        out = atLeast(p.weights, p.threshold);
        break;
      }
      case 'fixed-threshold':
        out = atLeast(weights!, threshold!);
        break;
      case 'lookup': {
        const p = params.get(u.id);
        if (!p || !('table' in p)) throw new RangeError(`oracle: no table for ${u.id}`);
        out = p.table[bits().reduce<number>((a, b) => a * 2 + b, 0)];
        break;
      }
      case 'and':
        out = bits().every((b) => b === 1) ? 1 : 0;
        break;
      case 'or':
        out = bits().some((b) => b === 1) ? 1 : 0;
        break;
      case 'nand':
        out = bits().every((b) => b === 1) ? 0 : 1;
        break;
      case 'nor':
        out = bits().some((b) => b === 1) ? 0 : 1;
        break;
      case 'xor':
        out = bits().reduce<number>((a, b) => a ^ b, 0) as 0 | 1;
        break;
      case 'not':
        out = bits()[0] === 1 ? 0 : 1;
        break;
    }
    vals.set(u.id, out);
  }
  return vals;
}

/** Whether the parameters are in range and fit the instance (all examples, or minCorrect). */
export function oracleCheck(inst: FuzzInstance, params: OracleParams): { ok: boolean; why?: string } {
  for (const u of inst.network.units) {
    if (u.kind === 'threshold') {
      const p = params.get(u.id);
      if (!p || !('weights' in p) || p.weights.length !== u.inputs.length) return { ok: false, why: `${u.id}: missing or mis-shaped weights` };
      if (u.integerWeights) {
        const { min, max } = u.integerWeights;
        for (const v of [...p.weights, p.threshold]) {
          if (v.d !== 1n || v.n < BigInt(min) || v.n > BigInt(max)) return { ok: false, why: `${u.id}: ${qToString(v)} is not an integer in [${min}, ${max}]` };
        }
      }
    } else if (u.kind === 'lookup') {
      const p = params.get(u.id);
      if (!p || !('table' in p) || p.table.length !== 2 ** u.inputs.length) return { ok: false, why: `${u.id}: missing or mis-shaped table` };
    }
  }
  let correct = 0;
  for (const ex of inst.examples) {
    const x = ex.x.map(parseQ);
    const vals = oracleEvaluate(inst, params, x);
    const got = inst.network.outputs.map((name) => {
      const v = vals.get(name);
      if (v !== undefined) return v;
      const xi = x[inputIdx(name)];
      return Number(xi.n) as 0 | 1;
    });
    if (got.every((g, j) => g === ex.y[j])) correct++;
  }
  const need = inst.minCorrect ?? inst.examples.length;
  return correct >= need ? { ok: true } : { ok: false, why: `${correct} of ${inst.examples.length} examples correct, ${need} needed` };
}

/** The product's parameters (already exact-checked by it) in the oracle's form. */
export function fromProductParameters(p: Parameters): OracleParams {
  const out: OracleParams = new Map();
  for (const [id, v] of Object.entries(p)) {
    if ('table' in v) out.set(id, { table: [...v.table] });
    else out.set(id, { weights: v.weights.map((w) => q(w.num, w.den)), threshold: q(v.threshold.num, v.threshold.den) });
  }
  return out;
}

/** The oracle's parameters as a parameters JSON value (for the product's checkParameters). */
export function toParamsJSON(p: OracleParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, v] of p) {
    const value = 'table' in v ? { table: v.table } : { weights: v.weights.map(qToString), threshold: qToString(v.threshold) };
    Object.defineProperty(out, id, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// SMT-LIB writer

interface SmtEncoding {
  text: string;
  /** Model symbols to read back, per trainable unit. */
  symbols: { unit: FuzzUnit; weights: string[]; threshold: string; int: boolean }[];
  tables: { unit: FuzzUnit; entries: string[] }[];
}

/**
 * The loading problem as an SMT-LIB 2 script (QF_LIRA), satisfiable iff the instance is
 * trainable, ending in (check-sat) and a (get-value ...) of every parameter.
 */
export function oracleSmt(inst: FuzzInstance): SmtEncoding {
  const lines: string[] = ['(set-option :produce-models true)', '(set-logic QF_LIRA)'];
  const units = parsedUnits(inst);
  const index = new Map<string, number>();
  units.forEach((p, i) => index.set(p.u.id, i));
  const symbols: { unit: FuzzUnit; weights: string[]; threshold: string; int: boolean }[] = [];
  const tables: { unit: FuzzUnit; entries: string[] }[] = [];

  units.forEach(({ u }, i) => {
    if (u.kind === 'threshold') {
      const int = u.integerWeights !== undefined;
      const sort = int ? 'Int' : 'Real';
      const ws = u.inputs.map((_, j) => `w_${i}_${j}`);
      const t = `t_${i}`;
      for (const s of [...ws, t]) {
        lines.push(`(declare-const ${s} ${sort})`);
        if (int) lines.push(`(assert (and (<= ${smtInt(u.integerWeights!.min)} ${s}) (<= ${s} ${smtInt(u.integerWeights!.max)})))`);
      }
      symbols.push({ unit: u, weights: ws, threshold: t, int });
    } else if (u.kind === 'lookup') {
      const entries = Array.from({ length: 2 ** u.inputs.length }, (_, r) => `T_${i}_${r}`);
      for (const s of entries) lines.push(`(declare-const ${s} Bool)`);
      tables.push({ unit: u, entries });
    }
  });

  const correct: string[] = [];
  inst.examples.forEach((ex, e) => {
    const x = ex.x.map(parseQ);
    /** A node as a Bool term (0/1 network input or a unit's output). */
    const boolTerm = (name: string): string => {
      const k = index.get(name);
      if (k !== undefined) return `o_${k}_${e}`;
      const v = x[inputIdx(name)];
      if (!isBitQ(v)) throw new RangeError(`oracle: ${name} = ${qToString(v)} feeds a Boolean place`);
      return v.n === 1n ? 'true' : 'false';
    };
    /** Sum of weight * input as a Real term; weight(j) gives a Real term or a constant. */
    const sum = (u: FuzzUnit, weight: (j: number) => { term: string } | { value: Q }): string => {
      const terms: string[] = [];
      let constant = Q0;
      u.inputs.forEach((name, j) => {
        const w = weight(j);
        const k = index.get(name);
        if (k !== undefined) {
          terms.push(`(ite o_${k}_${e} ${'term' in w ? w.term : smtReal(w.value)} 0.0)`);
        } else {
          const v = x[inputIdx(name)];
          if ('term' in w) {
            if (v.n !== 0n) terms.push(`(* ${smtReal(v)} ${w.term})`);
          } else {
            constant = qAdd(constant, qMul(w.value, v));
          }
        }
      });
      if (constant.n !== 0n || terms.length === 0) terms.push(smtReal(constant));
      return terms.length === 1 ? terms[0] : `(+ ${terms.join(' ')})`;
    };
    units.forEach(({ u, weights, threshold }, i) => {
      let expr: string;
      const bs = () => u.inputs.map(boolTerm);
      switch (u.kind) {
        case 'threshold': {
          const int = u.integerWeights !== undefined;
          const real = (s: string) => (int ? `(to_real ${s})` : s);
          expr = `(>= ${sum(u, (j) => ({ term: real(`w_${i}_${j}`) }))} ${real(`t_${i}`)})`;
          break;
        }
        case 'fixed-threshold':
          expr = `(>= ${sum(u, (j) => ({ value: weights![j] }))} ${smtReal(threshold!)})`;
          break;
        case 'lookup': {
          const b = bs();
          const pick = (depth: number, row: number): string =>
            depth === b.length ? `T_${i}_${row}` : `(ite ${b[depth]} ${pick(depth + 1, row * 2 + 1)} ${pick(depth + 1, row * 2)})`;
          expr = pick(0, 0);
          break;
        }
        case 'and':
        case 'nand': {
          const b = bs();
          const a = b.length === 0 ? 'true' : b.length === 1 ? b[0] : `(and ${b.join(' ')})`;
          expr = u.kind === 'and' ? a : `(not ${a})`;
          break;
        }
        case 'or':
        case 'nor': {
          const b = bs();
          const o = b.length === 0 ? 'false' : b.length === 1 ? b[0] : `(or ${b.join(' ')})`;
          expr = u.kind === 'or' ? o : `(not ${o})`;
          break;
        }
        case 'xor':
          expr = bs().reduce((acc, b) => `(xor ${acc} ${b})`, 'false');
          break;
        case 'not':
          expr = `(not ${bs()[0]})`;
          break;
      }
      lines.push(`(declare-const o_${i}_${e} Bool)`, `(assert (= o_${i}_${e} ${expr}))`);
    });
    const fits = inst.network.outputs.map((name, j) => (ex.y[j] === 1 ? boolTerm(name) : `(not ${boolTerm(name)})`));
    correct.push(fits.length === 1 ? fits[0] : `(and ${fits.join(' ')})`);
  });

  if (inst.minCorrect === undefined) {
    for (const c of correct) lines.push(`(assert ${c})`);
  } else if (correct.length > 0) {
    lines.push(`(assert (>= (+ 0 ${correct.map((c) => `(ite ${c} 1 0)`).join(' ')}) ${inst.minCorrect}))`);
  } else {
    lines.push(`(assert (>= 0 ${inst.minCorrect}))`);
  }
  lines.push('(check-sat)');
  const all = [...symbols.flatMap((s) => [...s.weights, s.threshold]), ...tables.flatMap((t) => t.entries)];
  if (all.length > 0) lines.push(`(get-value (${all.join(' ')}))`);
  return { text: lines.join('\n') + '\n', symbols, tables };
}

// --- reading z3's answer back

function sexpValue(s: Sexp): Q | boolean {
  if (typeof s === 'string') {
    if (s === 'true') return true;
    if (s === 'false') return false;
    return parseQ(s);
  }
  const [op, ...args] = s;
  const nums = args.map((a) => {
    const v = sexpValue(a);
    if (typeof v === 'boolean') throw new Error('oracle: Bool inside arithmetic');
    return v;
  });
  if (op === '-' && nums.length === 1) return q(-nums[0].n, nums[0].d);
  if (op === '/' && nums.length === 2) return q(nums[0].n * nums[1].d, nums[0].d * nums[1].n);
  if (op === 'to_real' && nums.length === 1) return nums[0];
  throw new Error(`oracle: cannot read the z3 value ${JSON.stringify(s)}`);
}

export interface OracleAnswer {
  status: 'trainable' | 'untrainable' | 'unknown';
  /** z3's parameters, when trainable. */
  params?: OracleParams;
  /** Why unknown (z3's own output). */
  detail?: string;
  ms: number;
}

const DONE = 'fuzz-oracle-done';

/**
 * One z3 process reused for script after script ((reset) between them): starting z3 costs
 * more than most of these instances. Scripts run one at a time; a script that outlives its
 * hard deadline kills the process, and the next script starts a fresh one. The process and
 * its pipes are unref'd, so an open session never keeps Node alive.
 */
export class Z3Session {
  private child: ChildProcessWithoutNullStreams | null = null;
  private buf = '';
  private done: ((out: string | null) => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /** z3's output for the script (up to its end), or null if z3 died or took longer than hardMs. */
  run(script: string, hardMs: number): Promise<string | null> {
    const next = this.queue.then(() => this.runNow(script, hardMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn('z3', ['-in'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      this.buf += chunk;
      const at = this.buf.indexOf(`${DONE}\n`);
      if (at >= 0 && (at === 0 || this.buf[at - 1] === '\n')) {
        const out = this.buf.slice(0, at);
        this.buf = this.buf.slice(at + DONE.length + 1);
        this.finish(out);
      }
    });
    child.stderr.on('data', () => {});
    child.stdin.on('error', () => {});
    child.once('error', () => this.finish(null));
    child.once('exit', () => {
      if (this.child === child) this.child = null;
      this.finish(null);
    });
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr] as unknown as { unref?: () => void }[]) stream.unref?.();
    return child;
  }

  private finish(out: string | null): void {
    const d = this.done;
    this.done = null;
    d?.(out);
  }

  private runNow(script: string, hardMs: number): Promise<string | null> {
    if (!this.child) {
      this.buf = '';
      this.child = this.start();
    }
    const child = this.child;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.child = null;
        child.kill('SIGKILL');
        this.finish(null);
      }, hardMs);
      this.done = (out) => {
        clearTimeout(timer);
        resolve(out);
      };
      child.stdin.write(`(reset)\n${script}(echo "${DONE}")\n`);
    });
  }

  close(): void {
    const c = this.child;
    this.child = null;
    c?.kill('SIGKILL');
  }
}

const sharedSession = new Z3Session();

/**
 * Runs z3 on the oracle's script (in `session`, by default one shared z3 process); a sat
 * answer comes with its model as parameters. z3's own timeout gives unknown; a z3 that
 * does not answer within timeoutS + 10 s is killed (unknown too).
 */
export async function runZ3(inst: FuzzInstance, timeoutS = 10, session: Z3Session = sharedSession): Promise<OracleAnswer> {
  const enc = oracleSmt(inst);
  const t0 = performance.now();
  const out = await session.run(`(set-option :timeout ${timeoutS * 1000})\n${enc.text}`, timeoutS * 1000 + 10_000);
  const ms = performance.now() - t0;
  if (out === null) return { status: 'unknown', detail: 'z3 died or did not answer in time', ms };
  const r = { stdout: out, stderr: '' };
  const [first, ...rest] = r.stdout.split('\n');
  const head = first.trim();
  if (head === 'unsat') return { status: 'untrainable', ms };
  if (head !== 'sat') return { status: 'unknown', detail: (r.stdout + r.stderr).trim().slice(0, 300), ms };
  const values = new Map<string, Q | boolean>();
  const parsed = parseSexps(rest.join('\n'));
  for (const top of parsed) {
    if (!Array.isArray(top)) continue;
    for (const pair of top) {
      if (Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string') values.set(pair[0], sexpValue(pair[1]));
    }
  }
  const num = (s: string): Q => {
    const v = values.get(s);
    if (v === undefined || typeof v === 'boolean') throw new Error(`oracle: z3 gave no number for ${s}`);
    return v;
  };
  const params: OracleParams = new Map();
  for (const s of enc.symbols) params.set(s.unit.id, { weights: s.weights.map(num), threshold: num(s.threshold) });
  for (const t of enc.tables) {
    params.set(t.unit.id, {
      table: t.entries.map((s) => {
        const v = values.get(s);
        if (typeof v !== 'boolean') throw new Error(`oracle: z3 gave no Bool for ${s}`);
        return v ? 1 : 0;
      }),
    });
  }
  return { status: 'trainable', params, ms };
}

let z3Present: boolean | undefined;
/** Whether `z3` runs from PATH. */
export function haveZ3(): boolean {
  if (z3Present === undefined) {
    const r = spawnSync('z3', ['-version'], { encoding: 'utf8' });
    z3Present = !r.error && r.status === 0;
  }
  return z3Present;
}

// ---------------------------------------------------------------------------------------
// the generator

const SMALL_RATIONALS: readonly string[] = ['1/2', '-1/2', '3/2', '-3/2', '5/3', '-5/3', '1/3', '2/3', '-2/3', '7/4', '-1/4', '5/2', '4/5', '-7/3'];
/** Decimals, as JSON numbers (0.1 is not a double: read exactly as 1/10) and as strings. */
const DECIMALS: readonly Num[] = [0.1, -0.3, 2.5, 0.75, '0.25', '-1.2', '0.001'];
const LARGE_INTS: readonly number[] = [1000, -250, 999, -1000, 4096, 250, -999, 1024];
const INT_RANGES: readonly { min: number; max: number }[] = [
  { min: 0, max: 1 },
  { min: -1, max: 1 },
  { min: -2, max: 2 },
  { min: -3, max: 3 },
  { min: 1, max: 2 },
  { min: -2, max: 0 },
  { min: 0, max: 0 },
  { min: 0, max: 3 },
  { min: -5, max: 5 },
  { min: -1, max: 0 },
  // Ranges without 0 (the threshold cannot be 0 either) and a wide one.
  { min: 2, max: 5 },
  { min: -4, max: -1 },
  { min: -20, max: 20 },
];
const FIXED_WEIGHTS: readonly Num[] = [1, -1, 2, -2, 0, '1/2', '-3/2', '2/3', 3];
const FIXED_THRESHOLDS: readonly Num[] = [0, 1, -1, 2, '1/2', '3/2', '-1/2', '5/3'];
const PLANT_WEIGHTS: readonly Num[] = [-2, -1, '-1/2', 0, '1/2', 1, 2, 3, '5/3', 7, '-13/2', -11, 25];
const PLANT_THRESHOLDS: readonly Num[] = [-1, '-1/2', 0, '1/2', 1, '3/2', 2];
/** Ids that are also names of Object.prototype members (reserved: the parser refuses them). */
const AWKWARD_IDS: readonly string[] = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

/**
 * Templates aimed at what the hybrid treats specially, each followed by a few random units:
 *  - 'two-hidden': two hidden threshold units read by one unit (blum-rivest's shape, which
 *    the output normal form decides as AND / NAND when the reader is a real threshold unit
 *    with exactly those two private inputs), with integer weights, gates, other readers;
 *  - 'symmetric': 2-3 hidden units of one kind over the same inputs (interchangeable, so
 *    the skeleton breaks their symmetry) read by a unit that may not treat them alike:
 *    a lookup, fixed weights, an integer range, or reading one of them twice;
 *  - 'polarity': a hidden real-weight unit whose complement the skeleton may fix, read by
 *    units that cannot absorb a complement (integer ranges such as [0, 2], gates, fixed
 *    weights) as well as by ones that can.
 */
export const SHAPES = ['two-hidden', 'symmetric', 'polarity'] as const;
export type Shape = (typeof SHAPES)[number];

function shapeUnits(shape: Shape, inputs: string[], bitInputs: string[], r: () => number): FuzzUnit[] {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  const subset = (): string[] => {
    const s = inputs.filter(() => chance(0.7));
    return s.length > 0 ? s : [...inputs];
  };
  const threshold = (id: string, ins: string[], intProb: number): FuzzUnit => {
    const u: FuzzUnit = { id, kind: 'threshold', inputs: ins };
    if (chance(intProb)) u.integerWeights = { ...pick(INT_RANGES) };
    return u;
  };
  const asymmetric = [{ min: 0, max: 1 }, { min: 0, max: 2 }, { min: 1, max: 3 }, { min: -1, max: 2 }];
  const fixed = (id: string, ins: string[]): FuzzUnit => ({ id, kind: 'fixed-threshold', inputs: ins, weights: ins.map(() => pick(FIXED_WEIGHTS)), threshold: pick(FIXED_THRESHOLDS) });
  switch (shape) {
    case 'two-hidden': {
      const s1 = chance(0.6) ? [...inputs] : subset();
      const s2 = chance(0.7) ? s1 : subset();
      const h = [threshold('h0', s1, 0.25), threshold('h1', s2, 0.25)];
      const ins = chance(0.5) ? ['h0', 'h1'] : ['h1', 'h0'];
      const v = r();
      const reader: FuzzUnit =
        v < 0.55
          ? threshold('out', ins, 0)
          : v < 0.7
            ? { id: 'out', kind: 'threshold', inputs: ins, integerWeights: { ...pick([...INT_RANGES, ...asymmetric]) } }
            : v < 0.8
              ? { id: 'out', kind: pick(['and', 'nand', 'or', 'nor', 'xor'] as const), inputs: ins }
              : v < 0.9
                ? fixed('out', ins)
                : threshold('out', inputs.length > 0 ? [...ins, pick(inputs)] : ins, 0);
      return [...h, reader];
    }
    case 'symmetric': {
      const k = int(2, 3);
      const v = r();
      const range = { ...pick(INT_RANGES) };
      const lookup = v >= 0.85 && bitInputs.length > 0;
      const hidden: FuzzUnit[] = Array.from({ length: k }, (_, j) =>
        lookup
          ? { id: `h${j}`, kind: 'lookup', inputs: [...bitInputs.slice(0, 3)] }
          : v < 0.6
            ? { id: `h${j}`, kind: 'threshold', inputs: [...inputs] }
            : { id: `h${j}`, kind: 'threshold', inputs: [...inputs], integerWeights: { ...range } },
      );
      const ids = hidden.map((h) => h.id);
      const ins = chance(0.2) ? [ids[0], ids[0], ids[1]] : chance(0.3) ? ids.slice(0, 2) : ids;
      const w = r();
      const reader: FuzzUnit =
        w < 0.25
          ? { id: 'out', kind: 'lookup', inputs: ins }
          : w < 0.45
            ? fixed('out', ins)
            : w < 0.65
              ? { id: 'out', kind: 'threshold', inputs: ins, integerWeights: { ...pick(asymmetric) } }
              : w < 0.8
                ? { id: 'out', kind: pick(['xor', 'and', 'or'] as const), inputs: ins }
                : threshold('out', ins, 0);
      const extra: FuzzUnit[] = chance(0.3) ? [{ id: 'side', kind: pick(['not', 'and'] as const), inputs: [ids[0]] }] : [];
      return [...hidden, ...extra, reader];
    }
    case 'polarity': {
      const h = threshold('h0', subset(), 0.2);
      const readers: FuzzUnit[] = [];
      const count = int(1, 2);
      for (let j = 0; j < count; j++) {
        const id = `r${j}`;
        const v = r();
        const other = inputs.length > 0 && chance(0.5) ? [pick(inputs)] : [];
        readers.push(
          v < 0.4
            ? { id, kind: 'threshold', inputs: ['h0', ...other], integerWeights: { ...pick(asymmetric) } }
            : v < 0.55
              ? { id, kind: 'not', inputs: ['h0'] }
              : v < 0.7
                ? { id, kind: pick(['and', 'or'] as const), inputs: ['h0', ...(bitInputs.length > 0 ? [pick(bitInputs)] : [])] }
                : v < 0.85
                  ? fixed(id, ['h0', ...other])
                  : { id, kind: 'lookup', inputs: ['h0'] },
        );
      }
      return [h, ...readers];
    }
  }
}

/**
 * Random parameters for every trainable unit of the instance: integer weights in their
 * range, small rational real weights, random tables (for planted labels and tests).
 */
export function randomParams(inst: FuzzInstance, r: () => number): OracleParams {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const params: OracleParams = new Map();
  for (const u of inst.network.units) {
    if (u.kind === 'threshold') {
      const range = u.integerWeights;
      params.set(
        u.id,
        range
          ? { weights: u.inputs.map(() => q(int(range.min, range.max))), threshold: q(int(range.min, range.max)) }
          : { weights: u.inputs.map(() => parseQ(pick(PLANT_WEIGHTS))), threshold: parseQ(pick(PLANT_THRESHOLDS)) },
      );
    } else if (u.kind === 'lookup') {
      params.set(u.id, { table: Array.from({ length: 2 ** u.inputs.length }, () => int(0, 1) as 0 | 1) });
    }
  }
  return params;
}

/**
 * Moves each real-weight threshold unit's threshold onto the weighted sum of one example
 * (an integer-weight unit's too, when that sum is an integer in its range), in unit order,
 * so that planted labels put examples exactly on w.z = t: the >= of the semantics decides
 * them, and every encoder must get ties right.
 */
export function placeOnTies(inst: FuzzInstance, params: OracleParams, xs: Num[][], r: () => number): void {
  for (const u of inst.network.units) {
    const p = params.get(u.id);
    if (u.kind !== 'threshold' || !p || !('weights' in p)) continue;
    const x = xs[Math.floor(r() * xs.length)].map(parseQ);
    const vals = oracleEvaluate(inst, params, x);
    let s = Q0;
    u.inputs.forEach((name, j) => {
      const v = vals.get(name);
      s = qAdd(s, qMul(p.weights[j], v !== undefined ? q(v) : x[inputIdx(name)]));
    });
    const range = u.integerWeights;
    if (!range || (s.d === 1n && s.n >= BigInt(range.min) && s.n <= BigInt(range.max))) p.threshold = s;
  }
}

export interface GenerateOptions {
  /** Every instance wide: 4-7 inputs, 8-20 examples, more units (the bench's --wide). */
  wide?: boolean;
}

/** One random instance; the same seed (and options) gives the same instance. */
export function generateCase(seed: number, opts: GenerateOptions = {}): FuzzCase {
  const stream = Rng.fromSeed(seed);
  const r = () => stream.float();
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;

  // Now and then a wider instance: more inputs and examples (bigger LPs, more conflicts).
  const wide = chance(0.12) || opts.wide === true;
  const n = wide ? int(4, 7) : chance(0.03) ? 0 : int(1, 4);
  const allBits = chance(0.35);
  const domains: InputDomain[] = Array.from({ length: n }, () => {
    if (allBits) return 'bit';
    const v = r();
    return v < 0.4 ? 'bit' : v < 0.65 ? 'int' : v < 0.9 ? 'rational' : 'large';
  });
  const inputs = Array.from({ length: n }, (_, i) => `x${i}`);
  const bitInputs = inputs.filter((_, i) => domains[i] === 'bit');
  const nonBitInputs = inputs.filter((_, i) => domains[i] !== 'bit');

  const units: FuzzUnit[] = [];
  const shape = chance(0.3) ? pick(SHAPES) : null;
  if (shape) units.push(...shapeUnits(shape, inputs, bitInputs, r));
  const numUnits = (shape ? int(0, 2) : int(1, 5)) + (opts.wide ? int(0, 3) : 0);
  const awkward = chance(0.01) ? int(0, numUnits - 1) : -1;
  for (let i = 0; i < numUnits; i++) {
    const id = i === awkward ? pick(AWKWARD_IDS) : `u${i}`;
    const earlier = units.map((u) => u.id);
    const v = r();
    let kind: FuzzKind =
      v < 0.36 ? 'threshold' : v < 0.48 ? 'lookup' : v < 0.6 ? 'fixed-threshold' : pick(['and', 'or', 'nand', 'nor', 'xor', 'not'] as const);
    const boolean = kind !== 'threshold' && kind !== 'fixed-threshold';
    let pool = boolean ? [...bitInputs, ...earlier] : [...inputs, ...earlier];
    if (pool.length === 0) {
      kind = 'threshold';
      pool = [...inputs, ...earlier];
    }
    let fanin = kind === 'not' ? 1 : chance(0.03) ? 0 : int(1, kind === 'lookup' ? 3 : 3);
    if (pool.length === 0) fanin = 0;
    if (kind === 'not' && fanin === 0) kind = 'threshold';
    const chosen: string[] = [];
    // Depth: read the unit just before this one more often than chance would.
    if (fanin > 0 && earlier.length > 0 && chance(0.6)) chosen.push(earlier[earlier.length - 1]);
    // Mixed sums: a hidden unit beside a non-0/1 input (every input must be scaled alike).
    if (!boolean && fanin >= 2 && earlier.length > 0 && nonBitInputs.length > 0 && chance(0.5)) {
      if (chosen.length === 0) chosen.push(pick(earlier));
      chosen.push(pick(nonBitInputs));
    }
    while (chosen.length < fanin) {
      const c = pick(pool);
      if (!chosen.includes(c) || chance(0.05)) chosen.push(c);
      else if (new Set(chosen).size >= pool.length) chosen.push(c);
    }
    // Shuffle so the hidden input is not always first.
    for (let j = chosen.length - 1; j > 0; j--) {
      const k = int(0, j);
      [chosen[j], chosen[k]] = [chosen[k], chosen[j]];
    }
    const u: FuzzUnit = { id, kind, inputs: chosen };
    if (kind === 'threshold' && chance(0.45)) u.integerWeights = { ...pick(INT_RANGES) };
    if (kind === 'fixed-threshold') {
      u.weights = chosen.map(() => pick(FIXED_WEIGHTS));
      u.threshold = pick(FIXED_THRESHOLDS);
    }
    units.push(u);
  }

  const outputs = [units[units.length - 1].id];
  // A hidden unit of a shape that is also an output is no longer private to its reader.
  if (shape && chance(0.2)) outputs.push(units[0].id);
  const extra = chance(0.35) ? int(1, 2) : 0;
  for (let j = 0; j < extra; j++) {
    if (bitInputs.length > 0 && chance(0.1)) outputs.push(pick(bitInputs));
    else outputs.push(pick(units).id);
  }

  const value = (d: InputDomain): Num => {
    switch (d) {
      case 'bit':
        return int(0, 1) as 0 | 1;
      case 'int':
        return int(-3, 3);
      case 'large':
        return chance(0.6) ? pick(LARGE_INTS) : int(-2, 2);
      case 'rational': {
        if (chance(0.2)) return int(-2, 2);
        const s = pick(SMALL_RATIONALS);
        const w = r();
        if (w < 0.1) return String(parseQ(s).n * 2n) + '/' + String(parseQ(s).d * 2n); // unreduced "6/4"
        if (w < 0.2 && [2n, 4n].includes(parseQ(s).d)) return Number(parseQ(s).n) / Number(parseQ(s).d); // 0.5 as a JSON number
        if (w < 0.3) return pick(DECIMALS);
        return s;
      }
    }
  };

  const inst: FuzzInstance = { network: { inputs: n, units, outputs }, examples: [] };
  const m = wide ? int(8, 20) : chance(0.02) ? 0 : int(1, 8);
  const xs = Array.from({ length: m }, () => domains.map(value));
  let ys: (0 | 1)[][];
  if (chance(0.55)) {
    // Planted: labels from random parameters, then sometimes one flipped.
    const params = randomParams(inst, r);
    if (m > 0 && chance(0.4)) placeOnTies(inst, params, xs, r);
    ys = xs.map((x) => {
      const xq = x.map(parseQ);
      const vals = oracleEvaluate(inst, params, xq);
      return outputs.map((o) => (vals.get(o) ?? (Number(xq[inputIdx(o)].n) as 0 | 1)));
    });
    if (m > 0 && chance(0.3)) {
      const e = int(0, m - 1);
      const j = int(0, outputs.length - 1);
      ys[e][j] = (1 - ys[e][j]) as 0 | 1;
    }
  } else {
    ys = xs.map(() => outputs.map(() => int(0, 1) as 0 | 1));
  }
  inst.examples = xs.map((x, e) => ({ x, y: ys[e] }));
  let duplicates = false;
  let contradictory = false;
  if (m > 0 && chance(0.15)) {
    const e = pick(inst.examples);
    inst.examples.push({ x: [...e.x], y: [...e.y] });
    duplicates = true;
  }
  if (m > 0 && chance(0.1)) {
    const e = pick(inst.examples);
    const y = [...e.y];
    const j = int(0, y.length - 1);
    y[j] = (1 - y[j]) as 0 | 1;
    inst.examples.push({ x: [...e.x], y });
    contradictory = true;
  }
  if (chance(0.2)) inst.minCorrect = int(0, inst.examples.length);

  return { seed, instance: inst, shape, features: featuresOf(inst, domains, duplicates, contradictory) };
}

/** A hand-written instance as a case (seed -1), for pinned tests and replays. */
export function caseOf(instance: FuzzInstance, seed = -1): FuzzCase {
  const domains: InputDomain[] = Array.from({ length: instance.network.inputs }, () => 'large');
  return { seed, instance, features: featuresOf(instance, domains, false, false) };
}

function featuresOf(inst: FuzzInstance, domains: InputDomain[], duplicates: boolean, contradictory: boolean): Features {
  const kinds = new Set<FeatureKind>();
  const depth = new Map<string, number>();
  let maxDepth = 0;
  for (const u of inst.network.units) {
    kinds.add(u.kind === 'threshold' ? (u.integerWeights ? 'threshold-int' : 'threshold-real') : u.kind);
    const d = 1 + Math.max(0, ...u.inputs.map((name) => depth.get(name) ?? 0));
    depth.set(u.id, d);
    maxDepth = Math.max(maxDepth, d);
  }
  const present = new Set<InputDomain>();
  for (const ex of inst.examples) {
    ex.x.forEach((v, i) => {
      const a = parseQ(v);
      const d = domains[i];
      // Classify by value: a 'large' column's small values count as int, etc.
      present.add(isBitQ(a) ? 'bit' : a.d !== 1n ? 'rational' : d === 'large' && (a.n > 3n || a.n < -3n) ? 'large' : 'int');
    });
  }
  return {
    kinds: FEATURE_KINDS.filter((k) => kinds.has(k)),
    domains: INPUT_DOMAINS.filter((d) => present.has(d)),
    depth: maxDepth,
    outputs: inst.network.outputs.length,
    minCorrect: inst.minCorrect !== undefined,
    duplicates,
    contradictory,
  };
}

// ---------------------------------------------------------------------------------------
// known classes of wrong answers (fixed bugs, see the README's fuzz suite), to tell them apart from new ones

/**
 * The known class a finding (a disagreement or an error of one backend) belongs to, or
 * null for a new kind: 'int-scale' (a wrong answer, or parameters failing exact evaluation,
 * on an instance with an integer-weight unit reading a unit and an input that is not an
 * integer on some example),
 * 'real-scale' (cadical or minisat parameters failing exact evaluation on such a sum with
 * real weights), 'proto-id' (a unit id naming an Object.prototype member),
 * 'highs-lp-read' (HiGHS cannot read the LP file it is given). Called without a
 * finding, it tells whether the instance has the 'int-scale' or 'proto-id' shape.
 */
export function knownClass(inst: FuzzInstance, backend = '', message = '', outcome: Outcome = 'disagree'): string | null {
  if (/Unable to read LP model/.test(message)) return 'highs-lp-read';
  const unitIds = new Set(inst.network.units.map((u) => u.id));
  if (inst.network.units.some((u) => AWKWARD_IDS.includes(u.id))) return 'proto-id';
  const nonInteger = (name: string) => {
    const i = inputIdx(name);
    return i >= 0 && inst.examples.some((ex) => parseQ(ex.x[i]).d !== 1n);
  };
  const scaled = (u: FuzzUnit) => u.kind === 'threshold' && u.inputs.some((s) => unitIds.has(s)) && u.inputs.some(nonInteger);
  const failsCheck = outcome === 'error' && /fail exact evaluation/.test(message);
  if ((outcome === 'disagree' || failsCheck) && inst.network.units.some((u) => scaled(u) && u.integerWeights)) return 'int-scale';
  if (
    outcome === 'error' &&
    (backend === 'cadical' || backend === 'minisat') &&
    /fail exact evaluation/.test(message) &&
    inst.network.units.some((u) => scaled(u) && !u.integerWeights)
  ) {
    return 'real-scale';
  }
  return null;
}

/** Whether the instance has the 'int-scale' shape (for coverage counts). */
export function hasMixedIntegerSum(inst: FuzzInstance): boolean {
  return knownClass(inst) === 'int-scale';
}

/** Whether some unit id names an Object.prototype member (the parser refuses those). */
export function hasReservedId(inst: FuzzInstance): boolean {
  return inst.network.units.some((u) => AWKWARD_IDS.includes(u.id));
}

// ---------------------------------------------------------------------------------------
// running the product against the oracle

export const DEFAULT_BACKENDS: readonly string[] = ['hybrid', 'cadical', 'minisat', 'highs', 'hybrid-certify'];

export type Outcome = 'agree' | 'disagree' | 'unknown' | 'error';

export interface BackendRun {
  backend: string;
  status: 'trainable' | 'untrainable' | 'unknown' | 'error';
  outcome: Outcome;
  /** What went wrong (errors, rejected certificates, parameters the oracle refuses). */
  message?: string;
  /** For a disagreement or error: the known class it belongs to (knownClass), or null. */
  knownClass?: string | null;
  ms: number;
}

export interface CaseResult {
  case: FuzzCase;
  /** The product's parser rejected the instance (skipped, counted). */
  invalid?: string;
  oracle?: OracleAnswer;
  /** z3's model did not check: a bug of the oracle (or of z3), not of the product. */
  oracleError?: string;
  runs: BackendRun[];
}

export interface RunOptions {
  backends?: readonly string[];
  /** Per backend run, in milliseconds. */
  timeoutMs?: number;
  z3TimeoutS?: number;
}

/** The product's answer on one backend ('hybrid-certify': hybrid with a checked certificate). */
async function runBackend(backend: string, inst: Instance, opts: RunOptions): Promise<Omit<BackendRun, 'outcome'> & { parameters?: Parameters }> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  try {
    const certify = backend === 'hybrid-certify';
    const res = await decide(inst, certify ? { backend: 'hybrid', certify, timeoutMs: opts.timeoutMs } : { backend, timeoutMs: opts.timeoutMs });
    if (certify && res.status === 'untrainable') {
      if (!res.certificate) return { backend, status: 'error', message: 'untrainable without a certificate', ms: ms() };
      // Through text, as `solve --certify` writes it and `check` reads it.
      const check = checkCertificate(inst, parseCertificate(JSON.parse(certificateText(inst, res.certificate))));
      if (!check.ok) return { backend, status: 'error', message: `certificate rejected at step ${check.step}: ${check.reason}`, ms: ms() };
    }
    if (res.status === 'unknown') {
      // An unknown says why: the budget, the solver's own failure, or float
      // precision. A failure dressed as a timeout, or a budget that ran out long before its
      // end, is an error; an honest 'solver' or 'precision' unknown is counted as unknown.
      const why = (res as { unknown?: { kind: string; message?: string } }).unknown;
      const stats = res.stats as { highs_status?: string; note?: string };
      if (!why && stats.highs_status === 'error') return { backend, status: 'error', message: `unknown, but HiGHS failed: ${stats.note ?? ''}`, ms: ms() };
      if ((!why || why.kind === 'budget') && backend !== 'highs' && opts.timeoutMs !== undefined && ms() < opts.timeoutMs / 2) {
        return { backend, status: 'error', message: `unknown (${why ? 'budget' : 'no reason'}) after ${ms()} ms of a ${opts.timeoutMs} ms budget`, ms: ms() };
      }
      return { backend, status: 'unknown', message: why ? `${why.kind}${why.message ? `: ${why.message}` : ''}` : 'no reason given', ms: ms() };
    }
    return { backend, status: res.status, parameters: res.parameters ?? undefined, ms: ms() };
  } catch (e) {
    const err = e as Error;
    // A formula too big for the backend is a documented, clearly reported limit (MiniSat's
    // fixed heap, CaDiCaL's memory): no answer, not a crash.
    if (err?.name === 'SolverCapacityError') return { backend, status: 'unknown', message: `capacity: ${err.message}`.slice(0, 300), ms: ms() };
    return { backend, status: 'error', message: `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`.slice(0, 500), ms: ms() };
  }
}

/** Generates nothing: runs one case through the parser, z3 and every backend. */
export async function runCase(c: FuzzCase, opts: RunOptions = {}): Promise<CaseResult> {
  const backends = opts.backends ?? DEFAULT_BACKENDS;
  const result: CaseResult = { case: c, runs: [] };
  let inst: Instance;
  try {
    inst = parseInstance(JSON.stringify(c.instance), `seed ${c.seed}`);
  } catch (e) {
    result.invalid = (e as Error).message;
    return result;
  }
  const pending = runZ3(c.instance, opts.z3TimeoutS);
  const raw: Awaited<ReturnType<typeof runBackend>>[] = [];
  try {
    for (const b of backends) raw.push(await runBackend(b, inst, opts));
  } finally {
    result.oracle = await pending;
  }
  const oracle = result.oracle;
  if (oracle.status === 'trainable') {
    const own = oracleCheck(c.instance, oracle.params!);
    if (!own.ok) result.oracleError = `z3's model fails the oracle's evaluator: ${own.why}`;
    else {
      // The product's evaluator must accept what the oracle's accepts.
      try {
        const chk = checkParameters(inst, parseParametersValue(toParamsJSON(oracle.params!), inst));
        if (!chk.ok) {
          result.runs.push({
            backend: 'checkParameters',
            status: 'error',
            outcome: 'error',
            message: `the product's evaluator rejects parameters the oracle accepts: ${chk.correct}/${chk.total} correct; ${chk.violations.join('; ')}`,
            ms: 0,
          });
        }
      } catch (e) {
        result.runs.push({ backend: 'checkParameters', status: 'error', outcome: 'error', message: (e as Error).message, ms: 0 });
      }
    }
  }
  for (const run of raw) {
    let outcome: Outcome;
    let message = run.message;
    if (run.status === 'error') outcome = 'error';
    else if (run.status === 'unknown') outcome = 'unknown';
    else if (run.status === 'trainable' && run.parameters) {
      // Independently re-check the product's (already checked) parameters.
      let own: { ok: boolean; why?: string };
      try {
        own = oracleCheck(c.instance, fromProductParameters(run.parameters));
      } catch (e) {
        own = { ok: false, why: (e as Error).message };
      }
      if (!own.ok) {
        outcome = 'error';
        message = `trainable, but its parameters fail the oracle's evaluator: ${own.why}`;
      } else outcome = oracle.status === 'untrainable' ? 'disagree' : oracle.status === 'trainable' ? 'agree' : 'unknown';
    } else if (oracle.status === 'unknown') outcome = 'unknown';
    else outcome = run.status === oracle.status ? 'agree' : 'disagree';
    const bad = outcome === 'disagree' || outcome === 'error';
    result.runs.push({ backend: run.backend, status: run.status, outcome, message, knownClass: bad ? knownClass(c.instance, run.backend, message, outcome) : undefined, ms: run.ms });
  }
  for (const r of result.runs) if (r.backend === 'checkParameters') r.knownClass = knownClass(c.instance, r.backend, r.message, 'error');
  return result;
}

/** Writes each disagreement or error of a case as one JSON file in dir; returns the paths. */
export function recordFindings(dir: string, res: CaseResult): string[] {
  const bad = res.runs.filter((r) => r.outcome === 'disagree' || r.outcome === 'error');
  const files: string[] = [];
  if (bad.length === 0 && !res.oracleError) return files;
  mkdirSync(dir, { recursive: true });
  for (const r of bad) {
    const file = join(dir, `seed-${res.case.seed}-${r.backend}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          seed: res.case.seed,
          backend: r.backend,
          trainsat: r.status,
          z3: res.oracle?.status,
          outcome: r.outcome,
          message: r.message,
          knownClass: r.knownClass ?? null,
          instance: res.case.instance,
        },
        null,
        1,
      ) + '\n',
    );
    files.push(file);
  }
  if (res.oracleError) {
    const file = join(dir, `seed-${res.case.seed}-oracle.json`);
    writeFileSync(file, JSON.stringify({ seed: res.case.seed, oracleError: res.oracleError, instance: res.case.instance }, null, 1) + '\n');
    files.push(file);
  }
  return files;
}

// ---------------------------------------------------------------------------------------
// shrinking a finding

/** Smaller variants of an instance, each one step away (examples, outputs, units, inputs, values). */
function* smallerInstances(inst: FuzzInstance): Generator<FuzzInstance> {
  const clone = (): FuzzInstance => JSON.parse(JSON.stringify(inst)) as FuzzInstance;
  const { units, outputs } = inst.network;
  if (inst.minCorrect !== undefined) {
    const c = clone();
    delete c.minCorrect;
    yield c;
  }
  for (let e = 0; e < inst.examples.length; e++) {
    const c = clone();
    c.examples.splice(e, 1);
    if (c.minCorrect !== undefined) c.minCorrect = Math.min(c.minCorrect, c.examples.length);
    yield c;
  }
  for (let j = 0; j < outputs.length && outputs.length > 1; j++) {
    const c = clone();
    c.network.outputs.splice(j, 1);
    for (const ex of c.examples) ex.y.splice(j, 1);
    yield c;
  }
  // A unit that nothing reads and that is no output.
  for (let i = 0; i < units.length; i++) {
    const id = units[i].id;
    if (outputs.includes(id) || units.some((u) => u.inputs.includes(id))) continue;
    const c = clone();
    c.network.units.splice(i, 1);
    yield c;
  }
  // An output unit replaced by one of the units it reads.
  for (let j = 0; j < outputs.length; j++) {
    const u = units.find((v) => v.id === outputs[j]);
    for (const name of u?.inputs ?? []) {
      if (inputIdx(name) >= 0) continue;
      const c = clone();
      c.network.outputs[j] = name;
      yield c;
    }
  }
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u.kind === 'not') continue;
    for (let k = 0; k < u.inputs.length; k++) {
      const c = clone();
      const v = c.network.units[i];
      v.inputs.splice(k, 1);
      v.weights?.splice(k, 1);
      yield c;
    }
    if (u.integerWeights) {
      const c = clone();
      delete c.network.units[i].integerWeights;
      yield c;
      const narrow = clone();
      const r = narrow.network.units[i].integerWeights!;
      if (r.max > r.min) {
        if (r.max > 0) r.max--;
        else r.min++;
        yield narrow;
      }
    }
  }
  // Network inputs nothing reads: drop the column.
  for (let k = inst.network.inputs - 1; k >= 0; k--) {
    const name = `x${k}`;
    if (outputs.includes(name) || units.some((u) => u.inputs.includes(name))) continue;
    const c = clone();
    c.network.inputs--;
    const rename = (s: string) => (inputIdx(s) > k ? `x${inputIdx(s) - 1}` : s);
    for (const u of c.network.units) u.inputs = u.inputs.map(rename);
    c.network.outputs = c.network.outputs.map(rename);
    for (const ex of c.examples) ex.x.splice(k, 1);
    yield c;
  }
  // Simpler values: a non-0/1 input as 0, 1, or its integer part.
  for (let e = 0; e < inst.examples.length; e++) {
    for (let k = 0; k < inst.examples[e].x.length; k++) {
      const v = parseQ(inst.examples[e].x[k]);
      if (isBitQ(v)) continue;
      const whole = v.n / v.d;
      for (const w of new Set([0n, 1n, whole])) {
        if (w === v.n && v.d === 1n) continue;
        const c = clone();
        c.examples[e].x[k] = Number(w);
        yield c;
      }
    }
  }
}

/**
 * Greedily shrinks a case while `stillFails` holds (e.g. the same backend still disagrees
 * with z3): each round takes the first one-step-smaller instance that still fails, until
 * none does or maxTries candidates or maxMs milliseconds are spent. Returns the smallest
 * instance found and the number of candidates tried.
 */
export async function shrinkInstance(
  inst: FuzzInstance,
  stillFails: (c: FuzzInstance) => Promise<boolean>,
  maxTries = 2000,
  maxMs = Infinity,
): Promise<{ instance: FuzzInstance; tries: number }> {
  let best = inst;
  let tries = 0;
  const t0 = performance.now();
  for (let progress = true; progress && tries < maxTries; ) {
    progress = false;
    for (const cand of smallerInstances(best)) {
      if (++tries > maxTries || performance.now() - t0 > maxMs) break;
      if (await stillFails(cand)) {
        best = cand;
        progress = true;
        break;
      }
    }
  }
  return { instance: best, tries };
}

/** The predicate for shrinking a finding: the backend's run is still the same kind of failure. */
export function sameFailure(backend: string, original: BackendRun, opts: RunOptions = {}): (c: FuzzInstance) => Promise<boolean> {
  return async (inst) => {
    const res = await runCase(caseOf(inst), { ...opts, backends: [backend] });
    if (res.invalid !== undefined || res.oracleError) return false;
    const r = res.runs.find((x) => x.backend === backend);
    return r !== undefined && r.outcome === original.outcome && r.status === original.status;
  };
}
