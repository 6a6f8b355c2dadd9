/**
 * The hand-written reverse pass of the relaxation (src/gd/relaxed.ts) against central
 * finite differences of the loss, for every unit kind (placed between trainable units, so
 * gradients flow both into its parameters and through its inputs), on random parameters,
 * temperatures and batches; and the relaxation against the hard semantics at 0/1 points.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompiledNetwork, Workspace } from '../../src/gd/relaxed.js';
import { exampleMatrices } from '../../src/gd/train.js';
import { Rng } from '../../src/random/rng.js';
import { evaluateOutputs } from '../../src/model/evaluate.js';
import { Rational } from '../../src/model/rational.js';
import type { Example, Instance, Unit, UnitKind } from '../../src/model/types.js';

const R = (v: number) => Rational.of(v);

function randomExamples(rng: Rng, n: number, outs: number, m: number): Example[] {
  return Array.from({ length: m }, () => ({
    x: Array.from({ length: n }, () => R(rng.int(0, 1))),
    y: Array.from({ length: outs }, () => rng.int(0, 1) as 0 | 1),
  }));
}

/** Max relative error between the analytic gradient and finite differences. */
function gradientError(inst: Instance, seed: number, T: number, scale = 0.8, gains?: (net: CompiledNetwork) => void): number {
  const net = new CompiledNetwork(inst);
  gains?.(net);
  const { X, Y, m } = exampleMatrices(inst);
  const ws = new Workspace(net, m);
  ws.loadBatch(X, Y, null, m);
  const rng = Rng.fromSeed(seed);
  const theta = Float64Array.from({ length: net.paramCount }, () => scale * rng.normal());
  const grad = new Float64Array(net.paramCount);
  ws.lossAndGrad(theta, T, grad);
  const scratch = new Float64Array(net.paramCount);
  // fourth-order central differences: truncation error O(h^4), rounding O(eps / h)
  const h = 1e-4;
  const at = (i: number, v: number): number => {
    const save = theta[i];
    theta[i] = v;
    const l = ws.lossAndGrad(theta, T, scratch);
    theta[i] = save;
    return l;
  };
  let worst = 0;
  for (let i = 0; i < theta.length; i++) {
    const x = theta[i];
    const fd = (8 * (at(i, x + h) - at(i, x - h)) - (at(i, x + 2 * h) - at(i, x - 2 * h))) / (12 * h);
    const err = Math.abs(fd - grad[i]) / Math.max(1e-4, Math.abs(fd) + Math.abs(grad[i]));
    worst = Math.max(worst, err);
  }
  return worst;
}

/** h1, h2 (threshold) -> a unit of `kind` -> a threshold output over it and h1, plus the unit itself as an output. */
function sandwich(kind: UnitKind, seed: number): Instance {
  const n = 3;
  const mid: Unit = { id: 'mid', kind, inputs: kind === 'not' ? ['h1'] : ['h1', 'h2', 'x0'] };
  if (kind === 'fixed-threshold') {
    mid.weights = [R(1), R(2), R(-1)];
    mid.threshold = R(1);
  }
  const units: Unit[] = [
    { id: 'h1', kind: 'threshold', inputs: ['x0', 'x1', 'x2'] },
    { id: 'h2', kind: 'threshold', inputs: ['x0', 'x1', 'x2'], integerWeights: { min: -3, max: 3 } },
    mid,
    { id: 'out', kind: 'threshold', inputs: ['mid', 'h1'] },
  ];
  const outputs = ['out', 'mid'];
  return { network: { inputs: n, units, outputs }, examples: randomExamples(Rng.fromSeed(seed), n, outputs.length, 12) };
}

const KINDS: UnitKind[] = ['threshold', 'lookup', 'and', 'or', 'nand', 'nor', 'xor', 'not', 'fixed-threshold'];

describe('gradient check (manual backprop vs finite differences)', () => {
  it.each(KINDS)('%s unit between trainable units', (kind) => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.4, max: 2, noNaN: true }), (seed, T) => {
        expect(gradientError(sandwich(kind, seed), seed ^ 0x5a5a, T)).toBeLessThan(1e-5);
      }),
      { numRuns: 15 },
    );
  });

  it('a network with every kind, lookups over units and gates over gates, several outputs', () => {
    const units: Unit[] = [
      { id: 'h1', kind: 'threshold', inputs: ['x0', 'x1', 'x2'] },
      { id: 'h2', kind: 'threshold', inputs: ['x1', 'x2', 'x3'] },
      { id: 'L', kind: 'lookup', inputs: ['h1', 'h2', 'x0'] },
      { id: 'a', kind: 'and', inputs: ['h1', 'h2', 'L'] },
      { id: 'o', kind: 'or', inputs: ['h1', 'L'] },
      { id: 'na', kind: 'nand', inputs: ['a', 'o'] },
      { id: 'no', kind: 'nor', inputs: ['h2', 'x3'] },
      { id: 'xo', kind: 'xor', inputs: ['h1', 'h2', 'L'] },
      { id: 'nt', kind: 'not', inputs: ['xo'] },
      { id: 'ft', kind: 'fixed-threshold', inputs: ['na', 'no', 'nt'], weights: [R(2), R(-1), R(1)], threshold: R(1) },
      { id: 'L2', kind: 'lookup', inputs: ['ft', 'xo'] },
      // fan-in above 4 takes the prefix/suffix-product path of the gate backward pass
      { id: 'x6', kind: 'xor', inputs: ['h1', 'h2', 'L', 'a', 'o', 'x0'] },
      { id: 'a6', kind: 'and', inputs: ['h1', 'h2', 'L', 'o', 'nt', 'x1'] },
      { id: 'n6', kind: 'nor', inputs: ['h1', 'h2', 'L', 'a', 'xo', 'x2'] },
      { id: 'out', kind: 'threshold', inputs: ['a', 'o', 'na', 'no', 'xo', 'nt', 'ft', 'L2', 'x6', 'a6', 'n6'] },
    ];
    const outputs = ['out', 'L2', 'xo', 'ft'];
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.4, max: 2, noNaN: true }), (seed, T) => {
        const inst: Instance = { network: { inputs: 4, units, outputs }, examples: randomExamples(Rng.fromSeed(seed), 4, outputs.length, 16) };
        expect(gradientError(inst, seed, T)).toBeLessThan(1e-5);
      }),
      { numRuns: 10 },
    );
  });

  it('classes: score outputs over hidden units and inputs, softmax cross-entropy, gains, zero and non-0/1 inputs', () => {
    const units: Unit[] = [
      { id: 'h1', kind: 'threshold', inputs: ['x0', 'x1', 'x2', 'x3'] },
      { id: 'h2', kind: 'threshold', inputs: ['x0', 'x1', 'x2', 'x3'], integerWeights: { min: -1, max: 1, anyThreshold: true } },
      { id: 'L', kind: 'lookup', inputs: ['h1', 'h2'] },
      { id: 's0', kind: 'score', inputs: ['h1', 'h2', 'L'] },
      { id: 's1', kind: 'score', inputs: ['h1', 'x0', 'x3'] },
      { id: 's2', kind: 'score', inputs: ['h2', 'L', 'x2'], integerWeights: { min: -2, max: 2 } },
    ];
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.4, max: 2, noNaN: true }), (seed, T) => {
        const rng = Rng.fromSeed(seed);
        // x1 is 0 on every example; the others are 0 often, and x3 takes values other than 0/1
        const examples: Example[] = Array.from({ length: 10 }, () => ({
          x: [R(rng.int(0, 1)), R(0), R(rng.int(0, 1)), Rational.of(rng.int(-3, 3), 2)],
          y: [],
          label: rng.int(0, 2),
        }));
        const inst: Instance = { network: { inputs: 4, units, outputs: ['s0', 's1', 's2'], classes: 3 }, examples };
        const gains = (net: CompiledNetwork) => net.units.forEach((u, i) => (u.gain = 0.5 + 0.25 * i));
        expect(gradientError(inst, seed, T, 0.8, gains)).toBeLessThan(1e-5);
      }),
      { numRuns: 15 },
    );
  });

  it('outputs that are plain inputs contribute loss but no gradient', () => {
    const inst: Instance = {
      network: { inputs: 2, units: [{ id: 'h', kind: 'threshold', inputs: ['x0', 'x1'] }], outputs: ['h', 'x1'] },
      examples: randomExamples(Rng.fromSeed(3), 2, 2, 6).map((e) => ({ ...e, y: [e.y[0], e.x[1].num === 1n ? 1 : 0] as (0 | 1)[] })),
    };
    expect(gradientError(inst, 4, 1)).toBeLessThan(1e-5);
  });
});

describe('relaxation agrees with the hard units at 0/1 points', () => {
  const GATES: UnitKind[] = ['and', 'or', 'nand', 'nor', 'xor', 'not', 'fixed-threshold'];
  it.each(GATES)('%s', (kind) => {
    for (const k of kind === 'not' ? [1] : [0, 1, 2, 3]) {
      const u: Unit = { id: 'g', kind, inputs: Array.from({ length: k }, (_, j) => `x${j}`) };
      if (kind === 'fixed-threshold') {
        u.weights = [R(2), R(-1), R(1)].slice(0, k);
        u.threshold = R(1);
      }
      const examples: Example[] = Array.from({ length: 2 ** k }, (_, mask) => ({
        x: Array.from({ length: k }, (_, j) => R((mask >> j) & 1)),
        y: [0],
      }));
      const inst: Instance = { network: { inputs: k, units: [u], outputs: ['g'] }, examples };
      const net = new CompiledNetwork(inst);
      const { X, Y, m } = exampleMatrices(inst);
      const ws = new Workspace(net, m);
      ws.loadBatch(X, Y, null, m);
      ws.forward(new Float64Array(0), 0.05);
      examples.forEach((ex, e) => {
        const hard = evaluateOutputs(inst.network, {}, ex.x)[0];
        const soft = ws.act[net.units[0].node * ws.cap + e];
        if (kind === 'fixed-threshold') expect(Math.round(soft)).toBe(hard);
        else expect(soft).toBe(hard);
      });
    }
  });

  it('lookup: the multilinear extension of the rounded table equals the table at corners', () => {
    const k = 3;
    const inst: Instance = {
      network: { inputs: k, units: [{ id: 'L', kind: 'lookup', inputs: ['x0', 'x1', 'x2'] }], outputs: ['L'] },
      examples: Array.from({ length: 8 }, (_, i) => ({ x: [R((i >> 2) & 1), R((i >> 1) & 1), R(i & 1)], y: [0] as (0 | 1)[] })),
    };
    const net = new CompiledNetwork(inst);
    const { X, Y, m } = exampleMatrices(inst);
    const ws = new Workspace(net, m);
    ws.loadBatch(X, Y, null, m);
    const table = [0, 1, 1, 0, 1, 0, 0, 1];
    const theta = Float64Array.from(table, (b) => (b ? 40 : -40));
    ws.forward(theta, 1);
    for (let i = 0; i < 8; i++) expect(ws.act[net.units[0].node * ws.cap + i]).toBeCloseTo(table[i], 12);
  });
});
