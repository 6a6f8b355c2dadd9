/**
 * Set Splitting -> the 3-node network, with an AND output and with a threshold output: the
 * paper's worked example, the edge cases, and `checkReduction` on random sources (answers
 * of decide() against brute force, every splitting lifted to weights that pass exact
 * evaluation, found weights lowered to a checked splitting).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertReduction, decideSolver, solveViaReduction, type Reduction } from '../../reductions/index.js';
import { GADGET, setSplittingToBlumRivest } from '../../reductions/set-splitting-to-blum-rivest.js';
import { setSplittingToBlumRivestAnd } from '../../reductions/set-splitting-to-blum-rivest-and.js';
import type { SetSplitting, Splitting } from '../../reductions/problems/set-splitting.js';
import { decide } from '../../src/decide.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance, parseInstanceValue } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance, Parameters, ThresholdParams } from '../../src/model/types.js';
import { bruteSetSplitting, setSplittingArb } from './helpers.js';

type SSR = Reduction<SetSplitting, Splitting, Instance, Parameters>;

const PAPER: SetSplitting = { elements: 3, sets: [[0, 1], [1, 2]], name: 'paper' };
const xs = (inst: Instance) => inst.examples.map((e) => `${e.x.map(String).join('')}->${e.y[0]}`);
const ints = (p: Parameters[string]) => (p as ThresholdParams).weights.map(Number).concat(Number((p as ThresholdParams).threshold));

/** The source's answer, found by solving the reduced instance with decide (and checked against brute force). */
async function answer(r: SSR, s: SetSplitting): Promise<boolean> {
  const solved = await solveViaReduction(r, s);
  expect(solved.answer).toBe(bruteSetSplitting(s) ? 'yes' : 'no');
  if (solved.lowered) expect(solved.lowered.valid).toBe(true);
  return solved.answer === 'yes';
}

/** Three pairwise sets: a triangle of pairs cannot be 2-coloured (a NO instance). */
const TRIANGLE: SetSplitting = { elements: 3, sets: [[0, 1], [1, 2], [0, 2]] };

/** Sources of every edge case: empty sets, singletons, repeats, no elements, no sets, a triangle. */
const EDGE_CASES: SetSplitting[] = [
  PAPER,
  { elements: 2, sets: [[0, 1], []] },
  { elements: 0, sets: [[]] },
  { elements: 3, sets: [[0, 1], [2]] },
  { elements: 2, sets: [[1, 1]] },
  { elements: 3, sets: [[0, 1], [1, 2], [0, 1], [1, 0]] },
  { elements: 0, sets: [] },
  { elements: 3, sets: [] },
  TRIANGLE,
];

describe('set-splitting -> blum-rivest-and (Blum & Rivest)', () => {
  const r = setSplittingToBlumRivestAnd;

  it("the paper's worked example: S = {s1,s2,s3}, c1 = {s1,s2}, c2 = {s2,s3}", async () => {
    const t = r.reduce(PAPER);
    expect(t.network.units.map((u) => `${u.id}:${u.kind}`)).toEqual(['h1:threshold', 'h2:threshold', 'out:and']);
    expect(xs(t)).toEqual(['000->1', '100->0', '010->0', '001->0', '110->1', '011->1']);
    // The same points as the hand-written curated instance.
    const curated = parseInstance(readFileSync(join(import.meta.dirname, '..', '..', 'instances', 'blum-rivest-paper-example.json'), 'utf8'));
    expect(xs(curated)).toEqual(xs(t));
    // Forward map on S1 = {s1, s3}, S2 = {s2}: a_i = -1 on the side, n = 3 elsewhere, threshold 0.
    const p = r.liftSolution(PAPER, [1, 2, 1]);
    expect(ints(p.h1)).toEqual([-1, 3, -1, 0]);
    expect(ints(p.h2)).toEqual([3, -1, 3, 0]);
    expect(checkParameters(t, p).ok).toBe(true);
    expect(r.lowerSolution(PAPER, p)).toEqual([1, 2, 1]);
    expect(await answer(r, PAPER)).toBe(true);
  });

  it('the forward map meets the threshold convention w.z >= t at every point, with margin', () => {
    // origin: 0 >= 0 (on, exactly at the threshold); e_i on the side: -1 (off); a split set: >= 1.
    const s: SetSplitting = { elements: 4, sets: [[0, 1, 2, 3], [0, 3], [1, 2, 3]] };
    const part: Splitting = [1, 1, 1, 2];
    const p = r.liftSolution(s, part).h1 as ThresholdParams;
    const t = r.reduce(s);
    const sums = t.examples.map((e) => e.x.reduce((a, v, i) => a.add(v.mul(p.weights[i])), Rational.ZERO).toString());
    // origin, e_0..e_3 (s3 is outside S1: weight n = 4), then the three sets.
    expect(sums).toEqual(['0', '-1', '-1', '-1', '4', '1', '3', '2']);
    expect(t.examples.map((e) => e.y[0])).toEqual([1, 0, 0, 0, 0, 1, 1, 1]);
  });

  it('edge case: an empty set makes a NO instance (the origin labelled 0 as well as 1)', async () => {
    const s: SetSplitting = { elements: 2, sets: [[0, 1], []] };
    const t = r.reduce(s);
    expect(xs(t)).toEqual(['00->1', '10->0', '01->0', '11->1', '00->0']);
    expect(await answer(r, s)).toBe(false);
    expect(await answer(r, { elements: 0, sets: [[]] })).toBe(false);
    expect(r.explain(s)[0].exampleMeanings![4]).toMatch(/empty/);
  });

  it('edge case: a singleton set puts both labels on the same point', async () => {
    const s: SetSplitting = { elements: 3, sets: [[0, 1], [2]] };
    const t = r.reduce(s);
    expect(xs(t)).toContain('001->0');
    expect(xs(t)).toContain('001->1');
    expect(await answer(r, s)).toBe(false);
    // A set listing one element twice is that singleton.
    expect(await answer(r, { elements: 2, sets: [[1, 1]] })).toBe(false);
  });

  it('edge case: duplicate sets change nothing; no elements and no sets is a YES instance', async () => {
    const s: SetSplitting = { elements: 3, sets: [[0, 1], [1, 2], [0, 1], [1, 0]] };
    expect(r.reduce(s).examples).toHaveLength(1 + 3 + 4);
    expect(await answer(r, s)).toBe(true);
    expect(r.explain(s)[0].steps.join('\n')).toMatch(/c2 repeats c0/);
    expect(await answer(r, { elements: 0, sets: [] })).toBe(true);
    expect(await answer(r, { elements: 3, sets: [] })).toBe(true);
    // A triangle of pairs cannot be 2-coloured.
    expect(await answer(r, TRIANGLE)).toBe(false);
  });

  it('checkReduction: decide agrees with brute force; every splitting lifts, found weights lower', async () => {
    const report = await assertReduction(r, { arbitrary: setSplittingArb(5, 5), runs: 200, examples: EDGE_CASES, everySolution: true });
    expect(report.yes).toBeGreaterThan(20);
    expect(report.no).toBeGreaterThan(20);
  });

  it('checkReduction: weights from another backend and without symmetry breaking lower too', async () => {
    for (const opts of [{ backend: 'minisat' }, { symmetryBreaking: false }]) {
      await assertReduction(r, { arbitrary: setSplittingArb(4, 3, 2), runs: 25, solveTarget: decideSolver(opts), examples: [PAPER, TRIANGLE] });
    }
  });

  it('lowerSolution also handles hand-made weights that are not the lifted ones', () => {
    // h1 = [-x0 + x1 + x2 >= 0] is off only at e_0; h2 = [2 x0 - 3 x1 - 3 x2 >= -4] is off at e_1, e_2.
    const p: Parameters = {
      h1: { weights: [-1, 1, 1].map((v) => Rational.of(v)), threshold: Rational.of(0) },
      h2: { weights: [2, -3, -3].map((v) => Rational.of(v)), threshold: Rational.of(-2) },
    };
    const s: SetSplitting = { elements: 3, sets: [[0, 1], [0, 2]] };
    expect(checkParameters(r.reduce(s), p).ok).toBe(true);
    expect(r.lowerSolution(s, p)).toEqual([1, 2, 2]);
    // Weights that do not fit are refused rather than mapped to garbage.
    expect(() => r.lowerSolution(PAPER, p)).toThrow(/not valid/);
    expect(() => r.liftSolution(PAPER, [1, 1, 1])).toThrow(/not valid/);
  });
});

describe('set-splitting -> blum-rivest (threshold output, with the gadget)', () => {
  const r = setSplittingToBlumRivest;

  it("the paper's worked example", async () => {
    const t = r.reduce(PAPER);
    expect(t.network.inputs).toBe(6);
    expect(t.network.units.map((u) => `${u.id}:${u.kind}`)).toEqual(['h1:threshold', 'h2:threshold', 'out:threshold']);
    expect(xs(t)).toEqual([
      '000000->1', '100000->0', '010000->0', '001000->0', '110000->1', '011000->1',
      '000101->1', '000011->1', '000100->0', '000010->0', '000001->0', '000111->0',
    ]);
    const p = r.liftSolution(PAPER, [1, 2, 1]);
    expect(ints(p.h1)).toEqual([-1, 3, -1, 1, 1, -1, 0]);
    expect(ints(p.h2)).toEqual([3, -1, 3, -1, -1, 1, 0]);
    expect(ints(p.out)).toEqual([1, 1, 2]);
    expect(checkParameters(t, p).ok).toBe(true);
    expect(await answer(r, PAPER)).toBe(true);
  });

  it('the gadget: with the origin, only an output acting as (possibly negated) h1 AND h2 can fit', async () => {
    // Fix the output unit to each threshold function f of (h1, h2) in turn and ask trainsat
    // whether h1, h2 exist: trainable exactly for the four ANDs of literals.
    const origin = { x: [0, 0, 0], y: [1] };
    const examples = [origin, ...GADGET.map((g) => ({ x: [...g.uvw], y: [g.y] }))];
    const seen = new Map<string, boolean>();
    for (const [w1, w2, t] of [-1, 0, 1].flatMap((a) => [-1, 0, 1].flatMap((b) => [-1, 0, 1, 2].map((c) => [a, b, c])))) {
      const table = [[0, 0], [0, 1], [1, 0], [1, 1]].map(([a, b]) => (w1 * a + w2 * b >= t ? 1 : 0)).join('');
      if (seen.has(table)) continue;
      const inst = parseInstanceValue({
        network: {
          inputs: 3,
          units: [
            { id: 'h1', kind: 'threshold', inputs: ['x0', 'x1', 'x2'] },
            { id: 'h2', kind: 'threshold', inputs: ['x0', 'x1', 'x2'] },
            { id: 'out', kind: 'fixed-threshold', inputs: ['h1', 'h2'], weights: [w1, w2], threshold: t },
          ],
          outputs: ['out'],
        },
        examples,
      });
      seen.set(table, (await decide(inst)).status === 'trainable');
    }
    expect(seen.size).toBe(14); // all threshold functions of two inputs
    for (const [table, fits] of seen) expect([table, fits]).toEqual([table, table.split('').filter((b) => b === '1').length === 1]);
  });

  it('edge cases: empty set, singleton, duplicates', async () => {
    expect(await answer(r, { elements: 2, sets: [[0, 1], []] })).toBe(false);
    expect(await answer(r, { elements: 2, sets: [[0, 1], [0]] })).toBe(false);
    expect(await answer(r, { elements: 2, sets: [[0, 1], [1, 0]] })).toBe(true);
    expect(await answer(r, { elements: 0, sets: [] })).toBe(true);
  });

  it('checkReduction: decide agrees with brute force; every splitting lifts, found weights lower', async () => {
    const report = await assertReduction(r, { arbitrary: setSplittingArb(4, 4), runs: 80, examples: EDGE_CASES, everySolution: true });
    expect(report.yes).toBeGreaterThan(10);
    expect(report.no).toBeGreaterThan(10);
  });

  it('explanations name every example and the backward map reports the output as an AND', async () => {
    const e = r.explain(PAPER)[0];
    expect(e.theorem).toMatch(/Blum and R\. L\. Rivest/);
    expect(e.exampleMeanings).toHaveLength(r.reduce(PAPER).examples.length);
    const d = await decide(r.reduce(PAPER));
    const lines = r.explainLowering(PAPER, d.parameters!).join('\n');
    expect(lines).toMatch(/out acts as (NOT )?h1 AND (NOT )?h2/);
    expect(lines).toMatch(/c0 = \{s0, s1\}: meets S1 and S2/);
  });
});
