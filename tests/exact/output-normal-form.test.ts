/**
 * Output normal form (src/exact/output-normal-form.ts): a fan-in-2 threshold unit over two
 * private hidden threshold units decided as AND or NAND. Checked against brute force and
 * against the hybrid on the network as given, on random networks that have such a unit
 * somewhere (as the output, under a further gate, beside other units) and on ones that
 * only nearly have it (a hidden unit also read elsewhere, integer weights, fan-in 3).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideHybrid } from '../../src/exact/hybrid.js';
import { findNormalFormSite, GATE_PARAMS } from '../../src/exact/output-normal-form.js';
import { bruteForce } from '../../src/model/bruteforce.js';
import { checkParameters, evaluateOutputs } from '../../src/model/evaluate.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance, Network, Unit } from '../../src/model/types.js';

const th = (id: string, inputs: string[], integer = false): Unit =>
  integer ? { id, kind: 'threshold', inputs, integerWeights: { min: -1, max: 1 } } : { id, kind: 'threshold', inputs };

/** Network shapes around a candidate site; `site` = whether the normal form applies. */
const SHAPES: { name: string; site: boolean; net: (n: number) => Network }[] = [
  { name: 'blum-rivest', site: true, net: (n) => expandPreset('blum-rivest', n) },
  {
    name: 'site under an OR with an input',
    site: true,
    net: (n) => ({ inputs: n, units: [th('a', ['x0', 'x1']), th('b', ['x1']), th('o', ['b', 'a']), { id: 'g', kind: 'or', inputs: ['o', 'x0'] }], outputs: ['g'] }),
  },
  {
    name: 'site read by a threshold unit, hidden units on different inputs',
    site: true,
    net: (n) => ({ inputs: n, units: [th('a', ['x0']), th('b', ['x1', 'x2']), th('o', ['a', 'b']), th('z', ['o', 'x2'])], outputs: ['z'] }),
  },
  {
    name: 'hidden unit also a network output',
    site: false,
    net: (n) => ({ inputs: n, units: [th('a', ['x0', 'x1']), th('b', ['x1', 'x2']), th('o', ['a', 'b'])], outputs: ['o', 'a'] }),
  },
  {
    name: 'hidden unit read twice',
    site: false,
    net: (n) => ({ inputs: n, units: [th('a', ['x0', 'x1']), th('b', ['x1', 'x2']), th('o', ['a', 'b']), { id: 'g', kind: 'xor', inputs: ['o', 'a'] }], outputs: ['g'] }),
  },
  {
    name: 'integer-weight hidden unit',
    site: false,
    net: (n) => ({ inputs: n, units: [th('a', ['x0', 'x1'], true), th('b', ['x1', 'x2']), th('o', ['a', 'b'])], outputs: ['o'] }),
  },
  {
    name: 'fan-in 3',
    site: false,
    net: (n) => ({ inputs: n, units: [th('a', ['x0']), th('b', ['x1']), th('o', ['a', 'b', 'x2'])], outputs: ['o'] }),
  },
];

const instanceArb: fc.Arbitrary<{ shape: (typeof SHAPES)[number]; inst: Instance }> = fc
  .record({
    shape: fc.constantFrom(...SHAPES),
    rows: fc.array(fc.tuple(fc.nat(7), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 7 }),
    minCorrect: fc.option(fc.nat(2), { freq: 4 }),
  })
  .map(({ shape, rows, minCorrect }) => {
    const network = shape.net(3);
    const inst: Instance = {
      network,
      examples: rows.map(([x, y0, y1]) => ({
        x: [0, 1, 2].map((i) => ((x >> i) & 1 ? Rational.ONE : Rational.ZERO)),
        y: network.outputs.length === 2 ? [y0 ? 1 : 0, y1 ? 1 : 0] : [y0 ? 1 : 0],
      })),
    };
    if (minCorrect !== null) inst.minCorrect = Math.max(0, rows.length - minCorrect);
    return { shape, inst };
  });

describe('output normal form', () => {
  it('AND and NAND parameters compute AND and NAND', () => {
    const net: Network = { inputs: 2, units: [th('o', ['x0', 'x1'])], outputs: ['o'] };
    for (const [a, b] of [
      [0, 1],
      [0, 0],
      [1, 0],
      [1, 1],
    ]) {
      const x = [Rational.of(BigInt(a)), Rational.of(BigInt(b))];
      expect(evaluateOutputs(net, { o: GATE_PARAMS.and }, x)).toEqual([a & b]);
      expect(evaluateOutputs(net, { o: GATE_PARAMS.nand }, x)).toEqual([1 - (a & b)]);
    }
  });

  it('finds the site exactly where the argument applies', () => {
    for (const s of SHAPES) {
      const inst: Instance = { network: s.net(3), examples: [{ x: [Rational.ZERO, Rational.ZERO, Rational.ZERO], y: s.net(3).outputs.map(() => 0 as const) }] };
      expect({ shape: s.name, site: findNormalFormSite(inst) !== null }).toEqual({ shape: s.name, site: s.site });
    }
    expect(findNormalFormSite({ network: expandPreset('blum-rivest-and', 3), examples: [] })).toBeNull();
    expect(findNormalFormSite({ network: expandPreset('perceptron', 3), examples: [] })).toBeNull();
  });

  it('tries first the gate whose search side is smaller', () => {
    const net = expandPreset('blum-rivest', 1);
    const ex = (x: number, y: 0 | 1) => ({ x: [Rational.of(BigInt(x))], y: [y] });
    expect(findNormalFormSite({ network: net, examples: [ex(0, 1), ex(1, 1), ex(0, 0)] })!.order).toEqual(['and', 'nand']);
    expect(findNormalFormSite({ network: net, examples: [ex(0, 0), ex(1, 0), ex(0, 1)] })!.order).toEqual(['nand', 'and']);
  });

  it('agrees with brute force and with the network as given; parameters pass exact evaluation', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async ({ shape, inst }) => {
        const expected = bruteForce(inst).status;
        const nf = await decideHybrid(inst);
        const plain = await decideHybrid(inst, { outputNormalForm: false });
        expect(nf.status).toBe(expected);
        expect(plain.status).toBe(expected);
        expect(nf.stats.output_normal_form !== undefined).toBe(shape.site);
        expect(plain.stats.output_normal_form).toBeUndefined();
        if (nf.status === 'trainable') expect(checkParameters(inst, nf.parameters!).ok).toBe(true);
        if (shape.site && nf.status === 'untrainable') {
          // Untrainable needs both gates refuted.
          expect(nf.stats.output_normal_form!.map((t) => t.status)).toEqual(['untrainable', 'untrainable']);
        }
      }),
      {
        numRuns: 150,
        examples: [
          // XOR on x0, x1 (blum-rivest fits it: h1 = OR, h2 = NAND, out = AND), and a
          // labelling of 3 points no 2-term network can fit under minCorrect = all.
          [
            {
              shape: SHAPES[0],
              inst: {
                network: expandPreset('blum-rivest', 2),
                examples: [
                  [0, 0, 0],
                  [0, 1, 1],
                  [1, 0, 1],
                  [1, 1, 0],
                ].map(([a, b, y]) => ({ x: [Rational.of(BigInt(a)), Rational.of(BigInt(b))], y: [y as 0 | 1] })),
              },
            },
          ],
          [
            {
              shape: SHAPES[0],
              inst: {
                network: expandPreset('blum-rivest', 1),
                examples: [
                  { x: [Rational.ZERO], y: [0] },
                  { x: [Rational.ZERO], y: [1] },
                ],
              },
            },
          ],
        ],
      },
    );
  });

  it('is not used for certified runs (their checker rebuilds the network as given)', async () => {
    const inst: Instance = {
      network: expandPreset('blum-rivest', 1),
      examples: [
        { x: [Rational.ZERO], y: [0] },
        { x: [Rational.ZERO], y: [1] },
      ],
    };
    const r = await decideHybrid(inst, { certify: true });
    expect(r.status).toBe('untrainable');
    expect(r.stats.output_normal_form).toBeUndefined();
    expect(r.certificate).toBeDefined();
  });
});
