/**
 * Encodings never exclude a real network. A `trainable` answer is checked by exact
 * evaluation before it is printed, but an `untrainable` answer is only as good as the
 * encoding it came from, and the certificate checker rebuilds the skeleton with the same
 * code that made it. So for random real networks (every unit kind, any depth, real- and
 * integer-weight threshold units, 0/1, integer and rational inputs) with random
 * parameters, the behaviour those parameters induce (every unit's output on every example)
 * must satisfy every encoding:
 *  - the bit-blasted CNF (src/encode/loading.ts) is satisfiable together with every unit's
 *    output fixed to its behaviour, on CaDiCaL and on MiniSat;
 *  - the hybrid's skeleton (src/exact/skeleton.ts) likewise, and in every model the
 *    points each real-weight unit is given are the unit's real inputs with its real
 *    outputs as labels (so the parameters separate them), in 'points' and 'table' mode;
 *  - the MIP (src/encode/lp.ts) is feasible in HiGHS with every unit output fixed;
 *  - the SMT-LIB script (src/encode/smtlib.ts) is true under the exact assignment read off
 *    the parameters (real weights rescaled to the script's margin of 1), evaluated by an
 *    independent ground evaluator;
 *  - end to end, every backend (auto, hybrid, certified hybrid, cadical, minisat, highs)
 *    says `trainable` on the labels the network produces (with symmetry breaking on).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALSE, TRUE, type Lit } from '../../src/cnf/builder.js';
import { decide } from '../../src/decide.js';
import { encodeLoading } from '../../src/encode/loading.js';
import type { ThresholdLadder } from '../../src/encode/circuit.js';
import { toLp } from '../../src/encode/lp.js';
import { toSmtLib } from '../../src/encode/smtlib.js';
import { buildSkeleton, isConst } from '../../src/exact/skeleton.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance, LookupParams, ThresholdParams } from '../../src/model/types.js';
import { createSolver } from '../../src/solvers/index.js';
import { plantedBehaviourMix, type PlantedBehaviour } from '../helpers/arb-behaviour.js';
import { evaluateSmtScript, type SmtValue } from '../helpers/smt-eval.js';

/** Runs per property: the cheap ones (no SAT solver per case) get more. */
const RUNS = 250;
const CHEAP_RUNS = 600;

/** Solves `clauses` under assumptions on a backend: 'sat' or 'unsat' (small formulas only). */
async function satUnder(backend: string, numVars: number, clauses: readonly Lit[][], assumptions: Lit[]): Promise<{ status: string; value: (v: number) => boolean }> {
  const s = await createSolver(backend);
  try {
    s.ensureVars(numVars);
    s.addClauses(clauses);
    const status = await s.solve({ assumptions });
    const model = status === 'sat' ? s.model() : [];
    return { status, value: (v) => model[v] === true };
  } finally {
    s.dispose();
  }
}

/**
 * Assumptions fixing each literal to a wanted value; null when a constant literal
 * (TRUE/FALSE) already disagrees, i.e. the encoding excluded the behaviour outright.
 */
function fixLits(pairs: [Lit, 0 | 1][]): Lit[] | null {
  const out: Lit[] = [];
  for (const [l, want] of pairs) {
    if (l === TRUE || l === FALSE) {
      if ((l === TRUE) !== (want === 1)) return null;
    } else out.push(want === 1 ? l : -l);
  }
  return out;
}

/** The literals that make a two's complement bit-vector (LSB first) equal to v. */
function bitsEqual(bv: readonly Lit[], v: bigint): [Lit, 0 | 1][] {
  return bv.map((l, i) => [l, ((v >> BigInt(i)) & 1n) === 1n ? 1 : 0]);
}

/** True when node `name` (a network input or a unit) is 0 on every example. */
function zeroEverywhere(p: PlantedBehaviour, name: string): boolean {
  const b = p.behaviour.get(name);
  return p.instance.examples.every((ex, e) => (b ? b[e] === 0 : ex.x[Number(name.slice(1))].num === 0n));
}

/** Integer parameters of integer-weight threshold units and tables of lookup units, fixed. */
function fixedParameters(p: PlantedBehaviour, bitsOf: (id: string) => { table: Lit[] } | { weights: Lit[][]; groups: number[][]; threshold: Lit[] | ThresholdLadder } | undefined): [Lit, 0 | 1][] {
  const pairs: [Lit, 0 | 1][] = [];
  for (const u of p.instance.network.units) {
    const bits = bitsOf(u.id);
    if (bits === undefined) continue;
    const params = p.params[u.id];
    if ('table' in bits) bits.table.forEach((l, r) => pairs.push([l, (params as LookupParams).table[r]]));
    else {
      const { weights, threshold } = params as ThresholdParams;
      // An input that is 0 on every example is left out of the sums: its weight reads back as 0, whatever the parameters say.
      // Inputs equal on every example share one integer, the sum of their weights.
      const planted = weights.map((w) => w.num);
      for (const members of bits.groups) {
        planted[members[0]] = members.reduce((s, i) => s + weights[i].num, 0n);
        for (const i of members.slice(1)) planted[i] = 0n;
      }
      bits.weights.forEach((bv, j) => {
        if (!zeroEverywhere(p, u.inputs[j])) pairs.push(...bitsEqual(bv, planted[j]));
      });
      if (Array.isArray(bits.threshold)) pairs.push(...bitsEqual(bits.threshold, threshold.num));
      // A ladder's step literal stands for t >= at.
      else for (const st of bits.threshold.steps) pairs.push([st.lit, threshold.num >= st.at ? 1 : 0]);
    }
  }
  return pairs;
}

const describeCase = (p: PlantedBehaviour) => JSON.stringify(p.instance, (_, v) => (v instanceof Rational ? v.toString() : typeof v === 'bigint' ? String(v) : v));

describe('encodings never exclude a real network (random parameters -> induced behaviour satisfies the encoding)', () => {
  it('bit-blasted CNF with every unit output fixed: satisfiable on cadical and minisat', async () => {
    await fc.assert(
      fc.asyncProperty(plantedBehaviourMix(), async (p) => {
        const { instance, behaviour } = p;
        const enc = encodeLoading(instance, { symmetryBreaking: false });
        const pairs: [Lit, 0 | 1][] = [];
        for (const u of instance.network.units) behaviour.get(u.id)!.forEach((v, e) => pairs.push([enc.unitOutput(u.id, e), v]));
        pairs.push(...fixedParameters(p, (id) => enc.parameterBits(id)));
        const assumptions = fixLits(pairs);
        expect(assumptions, describeCase(p)).not.toBeNull();
        for (const backend of ['cadical', 'minisat']) {
          const r = await satUnder(backend, enc.cnf.numVars, enc.cnf.clauses, assumptions!);
          expect(r.status, `${backend}: ${describeCase(p)}`).toBe('sat');
        }
      }),
      { numRuns: RUNS },
    );
  });

  for (const tableMaxFanin of [undefined, 0]) {
    it(`hybrid skeleton (${tableMaxFanin === 0 ? "'points' mode only" : "'table' mode where it applies"}): satisfiable with the behaviour fixed, and every theory unit sees its real points and labels`, async () => {
      await fc.assert(
        fc.asyncProperty(plantedBehaviourMix(), async (p) => {
          const { instance, behaviour, params } = p;
          const sk = buildSkeleton(instance, { symmetryBreaking: false, tableMaxFanin });
          const pairs: [Lit, 0 | 1][] = [];
          for (const node of sk.circuit) {
            const b = behaviour.get(node.unit.id)!;
            for (let e = 0; e < instance.examples.length; e++) {
              const v = node.out[node.patOf[e]];
              if (isConst(v)) expect(v.c.eq(Rational.of(b[e])), describeCase(p)).toBe(true);
              else pairs.push([v.l, b[e]]);
            }
          }
          pairs.push(
            ...fixedParameters(p, (id) => {
              const iu = sk.integerUnits.find((x) => x.unit.id === id);
              if (iu) return { weights: iu.weights, groups: iu.groups, threshold: iu.threshold };
              const lk = sk.lookups.find((x) => x.unit.id === id);
              if (lk) {
                // Only allocated entries exist; the others are free.
                const table = (p.params[id] as LookupParams).table;
                for (const [r, l] of lk.entries) pairs.push([l, table[r]]);
              }
              return undefined;
            }),
          );
          // A 'table' theory unit's table must be the parameters' threshold function on the cube.
          for (const th of sk.theories) {
            if (th.mode !== 'table') continue;
            const { weights, threshold } = params[th.unit.id] as ThresholdParams;
            th.table.forEach((l, vertex) => {
              let s = Rational.ZERO;
              for (let j = 0; j < th.k; j++) if ((vertex >> (th.k - 1 - j)) & 1) s = s.add(weights[j]);
              pairs.push([l, s.cmp(threshold) >= 0 ? 1 : 0]);
            });
          }
          const assumptions = fixLits(pairs);
          expect(assumptions, describeCase(p)).not.toBeNull();
          const r = await satUnder('cadical', sk.cnf.numVars, sk.cnf.clauses, assumptions!);
          expect(r.status, describeCase(p)).toBe('sat');
          // The points a 'points' theory sees on each example are that example's real inputs.
          const lit = (l: Lit) => (l === TRUE ? true : l === FALSE ? false : l > 0 ? r.value(l) : !r.value(-l));
          const actual = (name: string, e: number): Rational => {
            const b = behaviour.get(name);
            return b ? Rational.of(b[e]) : instance.examples[e].x[Number(name.slice(1))];
          };
          for (const node of sk.circuit) {
            if (!node.theory || node.theory.mode !== 'points') continue;
            for (let e = 0; e < instance.examples.length; e++) {
              const row = node.rows[node.patOf[e]];
              row.forEach((v, j) => {
                const seen = isConst(v) ? v.c : lit(v.l) ? Rational.ONE : Rational.ZERO;
                expect(seen.eq(actual(node.unit.inputs[j], e)), describeCase(p)).toBe(true);
              });
            }
          }
        }),
        { numRuns: CHEAP_RUNS },
      );
    });
  }

  it('MIP (LP export) with every unit output fixed: feasible in HiGHS', async () => {
    const highs = await ((await import('highs')) as unknown as { default: () => Promise<{ solve(t: string, o?: object): { Status: string } }> }).default();
    await fc.assert(
      fc.asyncProperty(plantedBehaviourMix({ maxExamples: 5 }), async (p) => {
        const { instance, behaviour } = p;
        const text = toLp(instance);
        const fixes: string[] = [];
        instance.network.units.forEach((u, i) => {
          behaviour.get(u.id)!.forEach((v, e) => fixes.push(` fix_u${i}_e${e}: u${i}_e${e} = ${v}`));
          const params = p.params[u.id];
          if (u.kind === 'lookup') (params as LookupParams).table.forEach((v, r) => fixes.push(` fix_u${i}_tab${r}: u${i}_tab${r} = ${v}`));
          if (u.kind === 'threshold' && u.integerWeights) {
            const { weights, threshold } = params as ThresholdParams;
            weights.forEach((w, j) => fixes.push(` fix_u${i}_w${j}: u${i}_w${j} = ${w.num}`));
            fixes.push(` fix_u${i}_t: u${i}_t = ${threshold.num}`);
          }
        });
        const at = text.indexOf('\nBounds\n');
        expect(at).toBeGreaterThan(0);
        const fixed = text.slice(0, at) + '\n' + fixes.join('\n') + text.slice(at);
        const st = highs.solve(fixed, { output_flag: false, time_limit: 20 }).Status;
        expect(st, describeCase(p)).toBe('Optimal');
      }),
      { numRuns: 60 },
    );
  });

  it('SMT-LIB script: true under the assignment read off the parameters (exact ground evaluation)', () => {
    fc.assert(
      fc.property(plantedBehaviourMix(), (p) => {
        const { instance, behaviour, params, correct } = p;
        const env = new Map<string, SmtValue>();
        instance.network.units.forEach((u, i) => {
          const b = behaviour.get(u.id)!;
          b.forEach((v, e) => env.set(`u${i}_e${e}`, v === 1));
          if (u.kind === 'lookup') (params[u.id] as LookupParams).table.forEach((v, r) => env.set(`u${i}_tab${r}`, v === 1));
          if (u.kind === 'threshold') {
            const { weights, threshold } = params[u.id] as ThresholdParams;
            // Real weights: the script asks for w.z <= t - 1 where the unit outputs 0; scale
            // by 1 / (smallest gap t - w.z there) when that gap is below 1.
            let scale = Rational.ONE;
            if (!u.integerWeights) {
              instance.examples.forEach((ex, e) => {
                if (b[e] === 1) return;
                const z = u.inputs.map((name) => {
                  const h = behaviour.get(name);
                  return h ? Rational.of(h[e]) : ex.x[Number(name.slice(1))];
                });
                const gap = threshold.sub(z.reduce((s, v, j) => s.add(weights[j].mul(v)), Rational.ZERO));
                const need = Rational.ONE.div(gap);
                if (need.cmp(scale) > 0) scale = need;
              });
            }
            weights.forEach((w, j) => env.set(`u${i}_w${j}`, w.mul(scale)));
            env.set(`u${i}_t`, threshold.mul(scale));
          }
        });
        correct.forEach((c, e) => env.set(`ok_e${e}`, c));
        const r = evaluateSmtScript(toSmtLib(instance), env);
        expect(r.missing, describeCase(p)).toEqual([]);
        expect(r.falseAsserts, describeCase(p)).toEqual([]);
      }),
      { numRuns: CHEAP_RUNS },
    );
  });

  it('every backend says trainable on the labels the network produces', async () => {
    const backends = [{ backend: 'auto' }, { backend: 'hybrid' }, { certify: true }, { backend: 'cadical' }, { backend: 'minisat' }, { backend: 'highs' }];
    await fc.assert(
      fc.asyncProperty(plantedBehaviourMix({ maxExamples: 6 }), async (p) => {
        for (const opts of backends) {
          const r = await decide(p.instance as Instance, { ...opts, timeoutMs: 20_000 });
          expect(r.status, `${JSON.stringify(opts)}: ${describeCase(p)}`).toBe('trainable');
        }
      }),
      { numRuns: 60 },
    );
  });
});
