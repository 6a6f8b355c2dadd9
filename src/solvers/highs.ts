/**
 * `--backend highs`: the instance's mixed-integer program (src/encode/lp.ts) solved
 * in-process by HiGHS compiled to WebAssembly (npm package `highs`). Loaded lazily by
 * src/decide.ts, so no other path loads HiGHS.
 *
 * `trainable` is checked: HiGHS works in floating point, so its solution is turned into
 * exact rationals (integer weights and tables rounded; real weights by nearby small-
 * denominator rationals, then by the exact value of the doubles, each with and without a
 * half-margin shift of the threshold) and the first candidate that passes exact
 * evaluation (checkParameters) is returned. If none passes the answer is `unknown`, with
 * a note in the stats: unchecked weights are never returned.
 *
 * `untrainable` is NOT certified: it is HiGHS's floating-point branch-and-bound claiming
 * infeasibility, trusted as is (tolerances could in principle make it wrong). The
 * `hybrid` backend, by contrast, justifies every conflict with a Farkas certificate
 * checked in exact rational arithmetic.
 */
import { toLpWithNames } from '../encode/lp.js';
import { checkParameters } from '../model/evaluate.js';
import { Rational } from '../model/rational.js';
import type { Instance, Parameters, Status } from '../model/types.js';
import type { DecideResult } from '../decide.js';

export interface HighsDecideOptions {
  /** Wall-clock budget in milliseconds (HiGHS option time_limit). */
  timeoutMs?: number;
}

export type HighsStats = DecideResult['stats'] & {
  /** HiGHS's model status string, e.g. 'Optimal', 'Infeasible', 'Time limit reached'. */
  highs_status: string;
  /** Why the answer is `unknown`, or how the float solution was made exact. */
  note?: string;
};

export interface HighsResult extends DecideResult {
  stats: HighsStats;
}

type Solver = { solve(problem: string, options?: Record<string, unknown>): { Status: string; Columns: Record<string, { Primal?: number }> } };

let loaded: Promise<Solver> | undefined;

/** Loads the HiGHS WebAssembly module once per process. */
async function loadHighs(): Promise<Solver> {
  loaded ??= (async () => {
    const mod = (await import('highs')) as unknown as { default: (opts?: object) => Promise<Solver> };
    return mod.default();
  })();
  return loaded;
}

/** A rational within `tol` of x with the smallest denominator the continued fraction finds (den <= maxDen), or null. */
function nearbyRational(x: number, tol = 1e-6, maxDen = 1_000_000n): Rational | null {
  if (!Number.isFinite(x)) return null;
  const neg = x < 0;
  let v = Math.abs(x);
  // Convergents h/k of the continued fraction of |x|.
  let h0 = 0n;
  let h1 = 1n;
  let k0 = 1n;
  let k1 = 0n;
  for (let step = 0; step < 64; step++) {
    const a = Math.floor(v);
    if (a > Number.MAX_SAFE_INTEGER) return null;
    const ab = BigInt(a);
    [h0, h1] = [h1, ab * h1 + h0];
    [k0, k1] = [k1, ab * k1 + k0];
    if (k1 > maxDen) return null;
    if (Math.abs(Number(h1) / Number(k1) - Math.abs(x)) <= tol) return Rational.of(neg ? -h1 : h1, k1);
    const frac = v - a;
    if (frac <= 0) break;
    v = 1 / frac;
  }
  return null;
}

type Value = (col: string) => number;

/** Builds parameters from column values; `real` makes a real weight exact (null: give up). */
function buildParameters(
  instance: Instance,
  names: ReturnType<typeof toLpWithNames>,
  value: Value,
  real: (x: number) => Rational | null,
  shift: boolean,
): Parameters | null {
  const params: Parameters = {};
  for (const u of instance.network.units) {
    if (u.kind === 'lookup') {
      params[u.id] = { table: Array.from({ length: 2 ** u.inputs.length }, (_, r) => (value(names.tableVar(u.id, r)) > 0.5 ? 1 : 0)) };
    } else if (u.kind === 'threshold') {
      const exact = (x: number): Rational | null => (u.integerWeights ? (Number.isFinite(x) ? Rational.of(BigInt(Math.round(x))) : null) : real(x));
      const weights: Rational[] = [];
      for (let j = 0; j < u.inputs.length; j++) {
        const w = exact(value(names.weightVar(u.id, j)));
        if (!w) return null;
        weights.push(w);
      }
      let threshold = exact(value(names.thresholdVar(u.id)));
      if (!threshold) return null;
      // The LP asks S <= -1 for output 0, i.e. w.z - t <= -1/scale: lowering t by half of
      // that margin keeps both sides strict under small rounding errors in the weights.
      if (shift && !u.integerWeights) threshold = threshold.sub(Rational.of(1n, 2n * names.scale(u.id)));
      params[u.id] = { weights, threshold };
    }
  }
  return params;
}

/** Decides `instance` with HiGHS's MIP solver on the LP encoding (see the module comment). */
export async function decideHighs(instance: Instance, opts: HighsDecideOptions = {}): Promise<HighsResult> {
  const t0 = performance.now();
  const names = toLpWithNames(instance);
  const columns = new Set<string>();
  const rows = names.text.split('\n').filter((l) => /^ c\d+: /.test(l)).length;
  const objective = names.text.slice(names.text.indexOf('obj:'), names.text.indexOf('Subject To'));
  for (const m of objective.matchAll(/0 ([A-Za-z_][A-Za-z0-9_]*)/g)) columns.add(m[1]);
  const t1 = performance.now();

  const highs = await loadHighs();
  const options: Record<string, unknown> = { output_flag: false };
  if (opts.timeoutMs !== undefined) options.time_limit = Math.max(opts.timeoutMs, 1) / 1000;
  const sol = highs.solve(names.text, options);

  let status: Status = 'unknown';
  let parameters: Parameters | null = null;
  let note: string | undefined;
  const hasPrimal = Object.values(sol.Columns ?? {}).some((c) => typeof c.Primal === 'number');
  if (sol.Status === 'Infeasible' || sol.Status === 'Primal infeasible or unbounded') {
    // Every column is bounded and the objective is 0, so the model cannot be unbounded.
    status = 'untrainable';
    note = 'infeasibility claimed by HiGHS in floating point (not certified)';
  } else if (sol.Status === 'Optimal' || sol.Status === 'Empty' || hasPrimal) {
    // A limit status may carry a point too: it counts only if it passes the exact check.
    const value: Value = (col) => {
      const p = sol.Columns?.[col]?.Primal;
      return typeof p === 'number' ? p : 0;
    };
    const attempts: [string, (x: number) => Rational | null, boolean][] = [
      ['nearby rationals', (x) => nearbyRational(x), false],
      ['nearby rationals, threshold lowered by half the margin', (x) => nearbyRational(x), true],
      ['exact doubles', (x) => (Number.isFinite(x) ? Rational.fromNumber(x) : null), false],
      ['exact doubles, threshold lowered by half the margin', (x) => (Number.isFinite(x) ? Rational.fromNumber(x) : null), true],
    ];
    for (const [how, real, shift] of attempts) {
      const candidate = buildParameters(instance, names, value, real, shift);
      if (candidate && checkParameters(instance, candidate).ok) {
        parameters = candidate;
        status = 'trainable';
        note = `weights from HiGHS's solution by ${how}, checked exactly`;
        break;
      }
    }
    if (!parameters) {
      note =
        sol.Status === 'Optimal' || sol.Status === 'Empty'
          ? `HiGHS reported ${sol.Status}, but no exact rounding of its solution passes exact evaluation`
          : `HiGHS stopped with status ${sol.Status}`;
    }
  } else {
    note = `HiGHS stopped with status ${sol.Status}`;
  }
  const t3 = performance.now();
  return {
    status,
    parameters,
    backend: 'highs',
    time_ms: Math.round(t3 - t0),
    stats: {
      vars: columns.size,
      clauses: rows,
      patterns: {},
      symmetricGroups: [],
      encode_ms: Math.round(t1 - t0),
      solve_ms: Math.round(t3 - t1),
      highs_status: sol.Status,
      ...(note ? { note } : {}),
    },
  };
}
