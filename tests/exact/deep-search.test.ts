/**
 * The search techniques of the hybrid for layered networks: hidden tables decided first
 * (src/exact/hidden-tables-first.ts, the CDCL engine's `decideFirst`), hyperplane phases
 * (src/exact/hyperplane-phase.ts), complemented conflicts (src/exact/complement-conflicts.ts)
 * and the blocking literals of the engine's propagation. Answers must agree with brute
 * force on tiny deep instances with each technique on and off, every lemma (complemented
 * ones included) must carry a certificate that passes the exact check, and the engine with
 * a decision order and phases changed during the search must agree with brute force on
 * random CNFs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cdcl } from '../../src/exact/cdcl.js';
import { complementCertificate, flippedLabels } from '../../src/exact/complement-conflicts.js';
import { checkCertificate } from '../../src/exact/farkas.js';
import { tableVariables } from '../../src/exact/hidden-tables-first.js';
import { clauseKey, decideHybrid, type TheoryLemma } from '../../src/exact/hybrid.js';
import { setHyperplanePhases } from '../../src/exact/hyperplane-phase.js';
import { buildSkeleton } from '../../src/exact/skeleton.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { bruteStatus } from '../helpers/brute-status.js';
import { bruteSatisfiable } from '../helpers/cnf-brute.js';

/** A layered network of depth 2 or 3 on random 0/1 points with random labels. */
function deepLabelling(): fc.Arbitrary<Instance> {
  return fc
    .record({
      hidden: fc.constantFrom([2, 2], [2, 1], [1, 2], [2, 2, 1], [3, 2]),
      n: fc.integer({ min: 1, max: 3 }),
      rows: fc.array(fc.tuple(fc.nat(7), fc.boolean()), { minLength: 1, maxLength: 8 }),
    })
    .map(({ hidden, n, rows }) => ({
      network: expandPreset('layered', n, { hidden }),
      examples: rows.map(([x, y]) => ({ x: Array.from({ length: n }, (_, i) => ((x >> i) & 1 ? Rational.ONE : Rational.ZERO)), y: [y ? 1 : 0] as (0 | 1)[] })),
    }));
}

describe('search techniques for deep networks', () => {
  it('the hybrid agrees with brute force on tiny deep instances, with the techniques on and off', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(deepLabelling(), fc.boolean(), fc.boolean(), fc.boolean(), async (inst, tablesFirst, phases, complement) => {
        const expected = bruteStatus(inst, 200_000);
        if (expected === null) return;
        compared++;
        const lemmas: TheoryLemma[] = [];
        const r = await decideHybrid(inst, { hiddenTablesFirst: tablesFirst, hyperplanePhases: phases, complementConflicts: complement, onLemma: (l) => lemmas.push(l) });
        expect(r.status).toBe(expected);
        for (const l of lemmas) expect(checkCertificate(l.certificate)).toBe(true);
        if (r.status === 'trainable') expect(checkParameters(inst, r.parameters!).ok).toBe(true);
      }),
      { numRuns: 120 },
    );
    expect(compared).toBeGreaterThan(40);
  }, 60_000);

  it('a complemented certificate passes the exact check exactly when the original does', () => {
    // XOR on the square: {(0,0), (1,1)} against {(0,1), (1,0)}, multipliers 1/2.
    const half = Rational.of(1n, 2n);
    const points = [[0, 0], [1, 1], [0, 1], [1, 0]].map((p) => p.map((v) => Rational.of(BigInt(v))));
    const cert = { points, labels: [1, 1, 0, 0] as (0 | 1)[], multipliers: [half, half, half, half] };
    expect(checkCertificate(cert)).toBe(true);
    const flipped = complementCertificate(cert)!;
    expect(flipped.labels).toEqual([0, 0, 1, 1]);
    expect(checkCertificate(flipped)).toBe(true);
    // A wrong certificate stays wrong.
    expect(complementCertificate({ ...cert, multipliers: [half, half, Rational.ONE, Rational.ZERO] })).toBeNull();
    expect([...flippedLabels(Uint8Array.from([1, 0, 1]), [0, 1])]).toEqual([0, 1, 1]);
  });

  it('tableVariables lists the truth-table variables of the table-mode units, and only those', () => {
    const inst: Instance = {
      network: expandPreset('layered', 3, { hidden: [2, 2] }),
      examples: [{ x: [Rational.ONE, Rational.ZERO, Rational.ONE], y: [1] }],
    };
    const sk = buildSkeleton(inst);
    const vars = [...tableVariables(sk)].sort((a, b) => a - b);
    const expected = [...new Set(sk.theories.filter((t) => t.mode === 'table').flatMap((t) => t.table.map(Math.abs)))].filter((v) => v > 1).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(0);
    expect(vars).toEqual(expected);
    // First-layer units read the inputs: points mode, none of their outputs listed.
    for (const th of sk.theories) if (th.mode === 'points') for (const l of th.out) expect(vars).not.toContain(Math.abs(l));
  });

  it('hyperplane phases put each unassigned output on its side of the separator and leave assigned ones alone', () => {
    // Points on a line, x >= 2 labelled 1 by the separator w = 1 (midpoint threshold 1.5
    // between the assigned points 1 (label 0) and 2 (label 1)).
    const xs = [0, 1, 2, 3];
    const inst: Instance = {
      network: expandPreset('perceptron', 1),
      examples: xs.map((x) => ({ x: [Rational.of(BigInt(x))], y: [0] })),
    };
    const sk = buildSkeleton(inst, { symmetryBreaking: false });
    const th = sk.theories[0];
    expect(th.mode).toBe('points');
    const assigned = new Map<number, number>([
      [Math.abs(th.out[1]), th.out[1] > 0 ? -1 : 1], // pattern 1: label 0
      [Math.abs(th.out[2]), th.out[2] > 0 ? 1 : -1], // pattern 2: label 1
    ]);
    const val = (l: number) => (assigned.get(Math.abs(l)) ?? 0) * (l > 0 ? 1 : -1);
    const pts = {
      exact: th.rows.map((r) => r.map((v) => ('c' in v ? v.c : Rational.ZERO))),
      float: th.rows.map((r) => Float64Array.from(r.map((v) => ('c' in v ? v.c.toNumber() : 0)))),
      labels: Uint8Array.from([0, 0, 1, 0]),
      dim: 1,
    };
    const phases = new Map<number, boolean>();
    setHyperplanePhases(th, pts, [1, 2], Float64Array.from([1]), val, (v, b) => phases.set(v, b));
    const outputPhase = (p: number) => (th.out[p] > 0 ? phases.get(th.out[p]) : !phases.get(-th.out[p]));
    expect(phases.size).toBe(2);
    expect(outputPhase(0)).toBe(false);
    expect(outputPhase(3)).toBe(true);
    // One side only among the assigned points: no threshold, nothing set.
    const none = new Map<number, boolean>();
    setHyperplanePhases(th, pts, [2], Float64Array.from([1]), val, (v, b) => none.set(v, b));
    expect(none.size).toBe(0);
  });

  it('hyperplane phases are the same whether the sums w.x are kept from the last call or computed afresh', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(15), fc.boolean()), { minLength: 2, maxLength: 12 }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.array(fc.constantFrom(-1, 0, 1), { minLength: 16, maxLength: 16 }), { minLength: 1, maxLength: 6 }),
        (rows, ws, assignments) => {
          const inst: Instance = {
            network: expandPreset('perceptron', 4),
            examples: rows.map(([x, y]) => ({ x: Array.from({ length: 4 }, (_, i) => ((x >> i) & 1 ? Rational.ONE : Rational.ZERO)), y: [y ? 1 : 0] as (0 | 1)[] })),
          };
          const sk = buildSkeleton(inst, { symmetryBreaking: false });
          const th = sk.theories[0];
          const pts = {
            exact: th.rows.map((r) => r.map((v) => ('c' in v ? v.c : Rational.ZERO))),
            float: th.rows.map((r) => Float64Array.from(r.map((v) => ('c' in v ? v.c.toNumber() : 0)))),
            labels: new Uint8Array(th.out.length),
            dim: 4,
          };
          // Two separator objects used in turn over several assignments (sums kept while the
          // object stays), against a copy of the separator on a new unit object each time (sums afresh).
          const pool = [Float64Array.from(ws), Float64Array.from(ws.map((v, k) => (k % 2 ? -v : v + 0.5)))];
          for (const [k, a] of assignments.entries()) {
            const w = pool[(k >> 1) % 2];
            const val = (l: number) => (a[th.out.findIndex((o) => Math.abs(o) === Math.abs(l)) % 16] ?? 0) * (l > 0 ? 1 : -1);
            const ids = th.out.map((_, p) => p).filter((p) => val(th.out[p]) !== 0);
            ids.forEach((p) => (pts.labels[p] = val(th.out[p]) === 1 ? 1 : 0));
            const kept = new Map<number, boolean>();
            const fresh = new Map<number, boolean>();
            setHyperplanePhases(th, pts, ids, w, val, (v, b) => kept.set(v, b));
            setHyperplanePhases({ ...th }, pts, ids, Float64Array.from(w), val, (v, b) => fresh.set(v, b));
            expect([...kept]).toEqual([...fresh]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('clause keys differ for different clauses and agree for equal ones', () => {
    const keys = new Map<number, string>();
    let x = 12345;
    const next = () => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 8) % 2001;
    for (let k = 0; k < 50_000; k++) {
      const clause = Array.from({ length: 1 + (next() % 16) }, () => next() - 1000);
      const text = clause.join(' ');
      const key = clauseKey(clause);
      expect(clauseKey([...clause])).toBe(key);
      const seen = keys.get(key);
      if (seen !== undefined) expect(seen).toBe(text);
      keys.set(key, text);
    }
    // Order and length count.
    expect(clauseKey([1, 2])).not.toBe(clauseKey([2, 1]));
    expect(clauseKey([0])).not.toBe(clauseKey([0, 0]));
  });

  it('the CDCL engine with a decision order and phases changed during the search agrees with brute force', () => {
    const clauseArb = (n: number) =>
      fc.array(fc.tuple(fc.integer({ min: 1, max: n }), fc.boolean()), { minLength: 1, maxLength: 4 }).map((c) => c.map(([v, s]) => (s ? v : -v)));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(clauseArb(n), { maxLength: 30 }), fc.array(clauseArb(n), { maxLength: 30 }), fc.subarray(Array.from({ length: n }, (_, i) => i + 1))),
        ),
        fc.integer(),
        ([n, visible, hidden, first], seed) => {
          const s = new Cdcl(n);
          s.decideFirst = Int32Array.from(first);
          for (const c of visible) s.addClause(c);
          let x = seed | 0;
          const r = s.solve({
            check(complete) {
              // Phases flipped pseudo-randomly at every check, as the theory's hints do.
              for (let v = 1; v <= n; v++) {
                x = (Math.imul(x, 1103515245) + 12345) | 0;
                s.setPhase(v, (x & 0x10000) !== 0);
              }
              const out = hidden.filter((c) => c.every((l) => s.litValue(l) === -1));
              if (!complete && out.length > 1) out.length = 1;
              return out;
            },
          });
          const all = [...visible, ...hidden];
          expect(r).toBe(bruteSatisfiable({ numVars: n, clauses: all }) ? 'sat' : 'unsat');
          // A model satisfies every clause, revealed or not.
          if (r === 'sat') expect(all.every((c) => c.some((l) => s.value(Math.abs(l)) === l > 0))).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});
