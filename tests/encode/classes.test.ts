/**
 * Multi-class outputs in the bit-blasted encoding (src/encode/circuit.ts): score units
 * w.z - t with integer weights, an example correct iff its label's score is strictly the
 * largest (a tie is a miss), thresholds of `anyThreshold` units in the range
 * scoreThresholdRange / anyThresholdRange derive.
 *  - against brute force on tiny layered instances (0/1, integer and rational inputs, with
 *    and without hidden layers and minCorrect): the CNF is satisfiable iff some parameters
 *    with thresholds in a range much wider than the encoder's fit, and every model decodes
 *    to parameters that fit by exact evaluation;
 *  - completeness: random integer parameters (thresholds far outside the encoder's range)
 *    induce hidden outputs and labels (the argmax, or minCorrect where it ties) that
 *    satisfy the CNF with every hidden output fixed;
 *  - ties: equal scores are misses; inputs 0 on every example leave their weights free.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredInstance } from '../../src/arbitraries/layered.js';
import { FALSE, TRUE, type Lit } from '../../src/cnf/builder.js';
import { chooseBackend, decide } from '../../src/decide.js';
import { encodeLoading } from '../../src/encode/loading.js';
import { toSmtLib } from '../../src/encode/smtlib.js';
import { toLp } from '../../src/encode/lp.js';
import { InputError } from '../../src/model/errors.js';
import { Rational } from '../../src/model/rational.js';
import type { Example, Instance, Network, Parameters, ThresholdParams, Unit } from '../../src/model/types.js';
import { createSolver } from '../../src/solvers/index.js';
import { bruteStatus } from '../helpers/brute-status.js';
import { evaluateSmtScript, type SmtValue } from '../helpers/smt-eval.js';

/** The layered preset's network, built here: h{l}_{j} threshold units, o{c} score units. */
function layered(inputs: number, hidden: number[], classes: number, min = -1, max = 1): Network {
  const units: Unit[] = [];
  let prev = Array.from({ length: inputs }, (_, i) => `x${i}`);
  const integerWeights = { min, max, anyThreshold: true };
  hidden.forEach((size, l) => {
    const layer = Array.from({ length: size }, (_, j) => `h${l + 1}_${j + 1}`);
    for (const id of layer) units.push({ id, kind: 'threshold', inputs: prev, integerWeights });
    prev = layer;
  });
  const outputs = Array.from({ length: classes }, (_, c) => `o${c}`);
  for (const id of outputs) units.push({ id, kind: 'score', inputs: prev, integerWeights });
  return { inputs, units, outputs, classes };
}

const dot = (w: readonly Rational[], z: readonly Rational[]) => z.reduce((s, v, j) => s.add(w[j].mul(v)), Rational.ZERO);

/** Every unit's value on x: 0/1 for threshold units, w.z - t for score units. */
function run(network: Network, params: Parameters, x: readonly Rational[]): Map<string, Rational> {
  const val = new Map<string, Rational>(x.map((v, i) => [`x${i}`, v]));
  for (const u of network.units) {
    const { weights, threshold } = params[u.id] as ThresholdParams;
    const s = dot(weights, u.inputs.map((id) => val.get(id)!));
    val.set(u.id, u.kind === 'score' ? s.sub(threshold) : s.cmp(threshold) >= 0 ? Rational.ONE : Rational.ZERO);
  }
  return val;
}

/** The label's score strictly above every other class's. */
function fits(network: Network, params: Parameters, ex: Example): boolean {
  const val = run(network, params, ex.x);
  const mine = val.get(network.outputs[ex.label!])!;
  return network.outputs.every((id, c) => c === ex.label || mine.cmp(val.get(id)!) > 0);
}

const correctCount = (inst: Instance, params: Parameters) => inst.examples.filter((ex) => fits(inst.network, params, ex)).length;
const needed = (inst: Instance) => inst.minCorrect ?? inst.examples.length;

/** All integer vectors of length k in [lo, hi]. */
function* vectors(k: number, lo: number, hi: number): Generator<number[]> {
  const v = new Array<number>(k).fill(lo);
  for (;;) {
    yield v.slice();
    let j = 0;
    while (j < k && v[j] === hi) v[j++] = lo;
    if (j === k) return;
    v[j]++;
  }
}

/**
 * Brute force over every weight in [min, max] and every threshold in [-T, T] (class 0's
 * threshold fixed to 0: adding one integer to every score threshold changes no comparison).
 * Hidden units are enumerated by the distinct output vectors they give on the examples.
 */
function bruteForce(inst: Instance, T: number): boolean {
  const { network, examples } = inst;
  const m = examples.length;
  const params: Parameters = {};
  const hidden = network.units.filter((u) => u.kind === 'threshold');
  const scores = network.units.filter((u) => u.kind === 'score');
  const r = hidden[0]?.integerWeights ?? scores[0].integerWeights!;
  const rec = (i: number): boolean => {
    if (i < hidden.length) {
      const u = hidden[i];
      const seen = new Set<string>();
      for (const w of vectors(u.inputs.length, r.min, r.max)) {
        for (let t = -T; t <= T; t++) {
          params[u.id] = { weights: w.map((v) => Rational.of(v)), threshold: Rational.of(t) };
          const key = examples.map((ex) => run({ ...network, units: network.units.slice(0, network.units.indexOf(u) + 1) }, params, ex.x).get(u.id)!.toString()).join('');
          if (seen.has(key)) continue;
          seen.add(key);
          if (rec(i + 1)) return true;
        }
      }
      return false;
    }
    const j = i - hidden.length;
    if (j === scores.length) return correctCount(inst, params) >= needed(inst);
    const u = scores[j];
    for (const w of vectors(u.inputs.length, r.min, r.max)) {
      for (let t = j === 0 ? 0 : -T; t <= (j === 0 ? 0 : T); t++) {
        params[u.id] = { weights: w.map((v) => Rational.of(v)), threshold: Rational.of(t) };
        if (rec(i + 1)) return true;
      }
    }
    void m;
    return false;
  };
  return rec(0);
}

async function solveCnf(enc: ReturnType<typeof encodeLoading>, assumptions: Lit[] = []): Promise<{ status: string; params?: Parameters }> {
  const s = await createSolver('cadical');
  try {
    s.ensureVars(enc.cnf.numVars);
    s.addClauses(enc.cnf.clauses);
    const status = await s.solve({ assumptions });
    return status === 'sat' ? { status, params: enc.decode((v) => s.value(v)) } : { status };
  } finally {
    s.dispose();
  }
}

const value = fc.constantFrom(Rational.ZERO, Rational.ONE, Rational.ONE, Rational.of(2), Rational.of(1, 2), Rational.of(-1));
const bit = fc.constantFrom(Rational.ZERO, Rational.ONE);

/** Tiny layered multi-class instances, small enough for bruteForce. */
const tinyInstance = fc
  .record({
    shape: fc.constantFrom(
      { n: 2, hidden: [] as number[], classes: 3 },
      { n: 3, hidden: [] as number[], classes: 2 },
      { n: 2, hidden: [1], classes: 3 },
      { n: 2, hidden: [2], classes: 2 },
      { n: 3, hidden: [1], classes: 2 },
    ),
    rational: fc.boolean(),
    rows: fc.array(fc.record({ x: fc.array(fc.tuple(value, bit), { minLength: 3, maxLength: 3 }), label: fc.nat() }), { minLength: 1, maxLength: 4 }),
    drop: fc.nat({ max: 4 }),
    minCorrect: fc.option(fc.nat(), { freq: 3 }),
  })
  .map(({ shape, rational, rows, drop, minCorrect }): Instance => {
    const network = layered(shape.n, shape.hidden, shape.classes);
    const examples = rows.map(({ x, label }) => ({
      // Sometimes an input is 0 on every example (its weights are then free).
      x: x.slice(0, shape.n).map(([v, b], i) => (i === drop ? Rational.ZERO : rational ? v : b)),
      y: [] as (0 | 1)[],
      label: label % shape.classes,
    }));
    const inst: Instance = { network, examples };
    if (minCorrect !== null) inst.minCorrect = minCorrect % (examples.length + 1);
    return inst;
  });

describe('multi-class outputs in the bit-blasted encoding', () => {
  it('agrees with brute force on tiny layered instances; every model decodes to fitting parameters', async () => {
    await fc.assert(
      fc.asyncProperty(tinyInstance, async (inst) => {
        const enc = encodeLoading(inst);
        const r = await solveCnf(enc);
        const brute = bruteForce(inst, 7);
        const what = JSON.stringify(inst);
        if (r.status === 'sat') expect(correctCount(inst, r.params!), what).toBeGreaterThanOrEqual(needed(inst));
        expect(r.status, what).toBe(brute ? 'sat' : 'unsat');
      }),
      { numRuns: 120 },
    );
  });

  it('the LP export is feasible in HiGHS iff brute force finds parameters', async () => {
    const highs = await ((await import('highs')) as unknown as { default: () => Promise<{ solve(t: string, o?: object): { Status: string } }> }).default();
    await fc.assert(
      fc.asyncProperty(tinyInstance, async (inst) => {
        const st = highs.solve(toLp(inst), { output_flag: false, time_limit: 20 }).Status;
        expect(st, JSON.stringify(inst)).toBe(bruteForce(inst, 7) ? 'Optimal' : 'Infeasible');
      }),
      { numRuns: 80 },
    );
  });

  it('complete: random integer parameters (thresholds far outside the encoded range) give hidden outputs and labels the CNF accepts', async () => {
    const params = (k: number) => fc.record({ w: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: k, maxLength: k }), t: fc.integer({ min: -40, max: 40 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom({ n: 4, hidden: [] as number[], classes: 3 }, { n: 4, hidden: [3], classes: 3 }, { n: 3, hidden: [2, 2], classes: 4 }),
        fc.array(fc.array(value, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(params(4), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: -30, max: 30 }),
        async (shape, xs, drawn, shift) => {
          const network = layered(shape.n, shape.hidden, shape.classes);
          const p: Parameters = {};
          network.units.forEach((u, i) => {
            const d = drawn[i];
            // Score thresholds: a common shift far away plus a small spread, so the encoder has to normalize them.
            const t = u.kind === 'score' ? shift + (d.t % 5) : d.t % 6;
            p[u.id] = { weights: u.inputs.map((_, j) => Rational.of(d.w[j])), threshold: Rational.of(t) };
          });
          const examples: Example[] = xs.map((row) => {
            const x = row.slice(0, shape.n);
            const val = run(network, p, x);
            const scores = network.outputs.map((id) => val.get(id)!);
            let label = 0;
            scores.forEach((s, c) => {
              if (s.cmp(scores[label]) > 0) label = c;
            });
            return { x, y: [], label };
          });
          const inst: Instance = { network, examples };
          const ok = correctCount(inst, p);
          if (ok < examples.length) inst.minCorrect = ok;
          const enc = encodeLoading(inst, { symmetryBreaking: false });
          const assumptions: Lit[] = [];
          for (const u of network.units) {
            if (u.kind !== 'threshold') continue;
            examples.forEach((ex, e) => {
              const l = enc.unitOutput(u.id, e);
              const want = run(network, p, ex.x).get(u.id)!.eq(Rational.ONE);
              if (l === TRUE || l === FALSE) expect(l === TRUE).toBe(want);
              else assumptions.push(want ? l : -l);
            });
          }
          const r = await solveCnf(enc, assumptions);
          expect(r.status, JSON.stringify({ inst, p })).toBe('sat');
          expect(correctCount(inst, r.params!)).toBeGreaterThanOrEqual(needed(inst));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a tie is a miss: equal inputs with different labels, and all-zero inputs, need distinct thresholds', async () => {
    const network = layered(2, [], 2);
    const zero = [Rational.ZERO, Rational.ZERO];
    const one: Instance = { network, examples: [{ x: zero, y: [], label: 1 }] };
    const r1 = await solveCnf(encodeLoading(one));
    expect(r1.status).toBe('sat');
    // Inputs 0 everywhere: weights read back as 0, and the label wins by its threshold alone.
    const p1 = r1.params!;
    expect((p1.o0 as ThresholdParams).weights.every((w) => w.eq(Rational.ZERO))).toBe(true);
    expect((p1.o1 as ThresholdParams).threshold.cmp((p1.o0 as ThresholdParams).threshold)).toBeLessThan(0);
    const both: Instance = { network, examples: [{ x: zero, y: [], label: 0 }, { x: zero, y: [], label: 1 }] };
    expect((await solveCnf(encodeLoading(both))).status).toBe('unsat');
    // One of the two can be fitted; with equal scores neither counts.
    expect((await solveCnf(encodeLoading({ ...both, minCorrect: 1 }))).status).toBe('sat');
    // Three classes over one 0/1 input: x = 1 labelled 0 and 1 is a conflict at any weights.
    const three = layered(1, [], 3);
    const clash: Instance = { network: three, examples: [{ x: [Rational.ONE], y: [], label: 0 }, { x: [Rational.ONE], y: [], label: 1 }, { x: [Rational.ZERO], y: [], label: 2 }] };
    expect((await solveCnf(encodeLoading(clash))).status).toBe('unsat');
    expect((await solveCnf(encodeLoading({ ...clash, minCorrect: 2 }))).status).toBe('sat');
  });

  it('inputs equal on every example share one integer, the sum of their weights, split back within the range', async () => {
    const network = layered(4, [], 2);
    const x = (v: number[]) => v.map((a) => Rational.of(a));
    // Class 0 needs x0 + x1 + x2 to outweigh x3 by 3 more than class 1 does.
    const examples: Example[] = [
      { x: x([1, 1, 1, 0]), y: [], label: 0 },
      { x: x([0, 0, 0, 1]), y: [], label: 1 },
      { x: x([1, 1, 1, 1]), y: [], label: 0 },
    ];
    const inst: Instance = { network, examples };
    const enc = encodeLoading(inst);
    const bits = enc.parameterBits('o0');
    expect(bits && 'groups' in bits ? bits.groups : null).toEqual([[0, 1, 2]]);
    const r = await solveCnf(enc);
    expect(r.status).toBe('sat');
    for (const id of ['o0', 'o1']) {
      for (const w of (r.params![id] as ThresholdParams).weights) expect(w.cmp(Rational.of(-1)) >= 0 && w.cmp(Rational.ONE) <= 0).toBe(true);
    }
    expect(correctCount(inst, r.params!)).toBe(3);
  });

  it('hidden units read by score units are ordered (symmetry breaking) and examples with equal hidden inputs share comparisons', () => {
    const network = layered(3, [3], 2);
    const examples: Example[] = [
      [1, 0, 1, 0],
      [0, 1, 1, 1],
      [1, 1, 0, 0],
      [1, 0, 1, 1],
    ].map(([a, b, c, label]) => ({ x: [a, b, c].map((v) => Rational.of(v)), y: [], label }));
    const enc = encodeLoading({ network, examples });
    expect(enc.stats.symmetricGroups).toEqual([['h1_1', 'h1_2', 'h1_3']]);
    expect(enc.stats.patterns.o0).toBeLessThanOrEqual(examples.length);
  });

  it('real-weight score units are refused with an input error naming the place', () => {
    const network = layered(2, [], 2);
    for (const u of network.units) delete u.integerWeights;
    const inst: Instance = { network, examples: [{ x: [Rational.ONE, Rational.ZERO], y: [], label: 0 }] };
    expect(() => encodeLoading(inst)).toThrow(InputError);
    expect(() => encodeLoading(inst)).toThrow(/unit o0: multi-class outputs need integer weights/);
    expect(() => toSmtLib(inst)).toThrow(/unit o0: multi-class outputs need integer weights/);
    expect(() => toLp(inst)).toThrow(/unit o0: multi-class outputs need integer weights/);
    const int: Instance = { network: layered(2, [], 2), examples: inst.examples };
    expect(toSmtLib(int)).toContain('(> ');
  });

  it('decide: planted layered instances are trainable on every backend that takes classes (answers checked by exact evaluation)', async () => {
    await fc.assert(
      fc.asyncProperty(layeredInstance({ maxExamples: 6 }), async ({ instance }) => {
        expect(['cadical', 'layerwise']).toContain(chooseBackend(instance));
        for (const backend of ['auto', 'cadical', 'minisat', 'highs', 'layerwise']) expect((await decide(instance, { backend, timeoutMs: 20_000 })).status).toBe('trainable');
      }),
      { numRuns: 40 },
    );
  });

  it('decide agrees with the model brute force on layered instances with random labels and minCorrect', async () => {
    await fc.assert(
      fc.asyncProperty(
        layeredInstance({ minExamples: 4, maxExamples: 7, maxWidth: 1, inputValues: { min: -1, max: 2 } }),
        fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
        fc.option(fc.nat(), { freq: 3 }),
        async ({ instance }, labels, minCorrect) => {
          const classes = instance.network.classes!;
          const inst: Instance = { ...instance, examples: instance.examples.map((ex, e) => ({ ...ex, label: labels[e] % classes })) };
          if (minCorrect !== null) inst.minCorrect = minCorrect % (inst.examples.length + 1);
          const status = bruteStatus(inst, 2_000_000);
          if (status === null) return;
          const r = await decide(inst, { timeoutMs: 20_000 });
          expect(r.status, JSON.stringify(inst)).toBe(status);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('SMT-LIB script: true under the planted parameters of layered instances (exact ground evaluation)', () => {
    fc.assert(
      fc.property(layeredInstance({ maxExamples: 6, inputValues: { min: -2, max: 3 } }), ({ instance, witness }) => {
        const env = new Map<string, SmtValue>();
        instance.network.units.forEach((u, i) => {
          const { weights, threshold } = witness[u.id] as ThresholdParams;
          weights.forEach((w, j) => env.set(`u${i}_w${j}`, w));
          env.set(`u${i}_t`, threshold);
          if (u.kind === 'threshold') instance.examples.forEach((ex, e) => env.set(`u${i}_e${e}`, run(instance.network, witness, ex.x).get(u.id)!.eq(Rational.ONE)));
        });
        const r = evaluateSmtScript(toSmtLib(instance), env);
        expect(r.missing).toEqual([]);
        expect(r.falseAsserts).toEqual([]);
        // A label no parameters give: some assertion is false under the same assignment.
        const wrong = instance.examples.findIndex((ex) => ex.label !== undefined);
        if (wrong >= 0) {
          const relabelled: Instance = { ...instance, examples: instance.examples.map((ex, e) => (e === wrong ? { ...ex, label: (ex.label! + 1) % instance.network.classes! } : ex)) };
          expect(evaluateSmtScript(toSmtLib(relabelled), env).falseAsserts.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('backends without multi-class support refuse with an input error: hybrid (certified or not)', async () => {
    const network = layered(2, [1], 2);
    const inst: Instance = { network, examples: [{ x: [Rational.ONE, Rational.ZERO], y: [], label: 0 }] };
    for (const opts of [{ backend: 'hybrid' }, { backend: 'hybrid', certify: true }]) await expect(decide(inst, opts)).rejects.toThrow(InputError);
  });
});
