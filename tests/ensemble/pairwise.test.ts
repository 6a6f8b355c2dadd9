/**
 * Pairwise ensembles (src/ensemble/pairwise.ts) and `solve --ensemble pairwise` / `predict`
 * with an ensemble file: every member fits its pair's examples (exact evaluation), the vote
 * fits every training example, an untrainable pair makes the answer untrainable, a tie of
 * votes is no prediction, bad ensemble files are refused naming the JSON path, and the CLI
 * writes the ensemble only on trainable.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredInstance } from '../../src/arbitraries/layered.js';
import { classPairs, ensemblePredict, memberNetwork, pairInstance, parseEnsembleValue, trainPairwise } from '../../src/ensemble/pairwise.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance, Parameters } from '../../src/model/types.js';
import { runCli, tempDir } from '../helpers/cli.js';

const R = (n: number) => Rational.of(n);
const three = layeredInstance({ minInputs: 2, maxInputs: 3, maxLayers: 0, minClasses: 3, maxClasses: 3, minExamples: 3, maxExamples: 7 });

describe('trainPairwise', () => {
  for (const objectives of [[], ['max-margin', 'min-weights']] as const) {
    it(`objectives [${objectives.join(', ')}]: every member fits its pair, the vote fits every example`, async () => {
      await fc.assert(
        fc.asyncProperty(three, async ({ instance }) => {
          const r = await trainPairwise(instance, { objectives: [...objectives] });
          expect(r.status).toBe('trainable');
          expect(r.members.map((m) => m.classes)).toEqual(classPairs(3));
          for (const m of r.members) {
            const sub = pairInstance(instance, ...m.classes);
            expect(checkParameters(sub, m.parameters!).ok).toBe(true);
            // A pair with examples of one class has no finite margin: the fewest weights (0) only.
            const bothLabels = new Set(sub.examples.map((e) => e.label)).size === 2;
            expect(m.objectives.map((o) => o.name)).toEqual(bothLabels || objectives.length === 0 ? objectives : ['min-weights']);
            if (!bothLabels && objectives.length > 0) expect(m.objectives[0]).toMatchObject({ value: 0, optimal: true });
            for (const o of m.objectives) expect(o.optimal).toBe(o.value === o.bound);
            expect(m.optimal).toBe(objectives.length > 0 && m.objectives.every((o) => o.optimal));
          }
          expect(r.fits).toBe(true);
          const network = memberNetwork(instance);
          for (const e of instance.examples) expect(ensemblePredict(network, r.members as { classes: [number, number]; parameters: Parameters }[], 3, e.x)).toBe(e.label);
        }),
        { numRuns: 5, seed: 11 },
      );
    }, 60_000);
  }

  it('an untrainable pair (equal inputs, labels 0 and 2) makes the ensemble untrainable', async () => {
    const network = expandPreset('layered', 2, { hidden: [], classes: 3, integerWeights: { min: -1, max: 1, anyThreshold: true } });
    const instance: Instance = {
      network,
      examples: [
        { x: [R(0), R(1)], y: [], label: 0 },
        { x: [R(1), R(0)], y: [], label: 1 },
        { x: [R(0), R(1)], y: [], label: 2 },
      ],
    };
    const r = await trainPairwise(instance);
    expect(r.status).toBe('untrainable');
    expect(r.members[r.members.length - 1].classes).toEqual([0, 2]);
    expect(r.fits).toBeNull();
  });

  it('a tie of votes is no prediction', () => {
    const network = expandPreset('layered', 1, { hidden: [], classes: 2, integerWeights: { min: -1, max: 1, anyThreshold: true } });
    // Class 0 of each member wins on x = 1 (score 1 against 0): 0 beats 1, 1 beats 2, and 2 beats 0 (the member (0, 2) is reversed).
    const wins0: Parameters = { o0: { weights: [R(1)], threshold: R(0) }, o1: { weights: [R(0)], threshold: R(0) } };
    const wins1: Parameters = { o0: { weights: [R(0)], threshold: R(0) }, o1: { weights: [R(1)], threshold: R(0) } };
    const members = [
      { classes: [0, 1] as [number, number], parameters: wins0 },
      { classes: [1, 2] as [number, number], parameters: wins0 },
      { classes: [0, 2] as [number, number], parameters: wins1 },
    ];
    expect(ensemblePredict(network, members, 3, [R(1)])).toBeNull();
    expect(ensemblePredict(network, [members[0], { classes: [0, 2], parameters: wins0 }], 3, [R(1)])).toBe(0);
  });

  it('parseEnsembleValue refuses a missing or repeated pair and a network without classes', () => {
    const network = expandPreset('layered', 1, { hidden: [], classes: 3, integerWeights: { min: -1, max: 1, anyThreshold: true } });
    const instance: Instance = { network, examples: [] };
    const p = { o0: { weights: [0], threshold: 0 }, o1: { weights: [1], threshold: 0 } };
    const member = (a: number, b: number) => ({ classes: [a, b], parameters: p });
    expect(() => parseEnsembleValue({ ensemble: 'pairwise', classes: 3, members: [member(0, 1), member(0, 2)] }, instance)).toThrow(/missing the pairs 1-2/);
    expect(() => parseEnsembleValue({ ensemble: 'pairwise', classes: 3, members: [member(0, 1), member(0, 1), member(1, 2)] }, instance)).toThrow(/members\[1\]\.classes.*twice/);
    expect(() => parseEnsembleValue({ ensemble: 'pairwise', classes: 3, members: [member(0, 1), member(0, 2), { classes: [1, 2], parameters: { o0: { weights: [0, 1], threshold: 0 } } }] }, instance)).toThrow(/members\[2\]\.parameters/);
    expect(parseEnsembleValue({ ensemble: 'pairwise', classes: 3, members: [member(0, 1), member(0, 2), member(1, 2)] }, instance).members).toHaveLength(3);
    const plain: Instance = { network: expandPreset('layered', 1, { hidden: [], integerWeights: { min: -1, max: 1 } }), examples: [] };
    expect(() => memberNetwork(plain)).toThrow(/classes/);
  });
});

describe('solve --ensemble pairwise, predict ENSEMBLE', () => {
  const instanceText = JSON.stringify({
    network: { preset: 'layered', inputs: 2, hidden: [], classes: 3, weights: { min: -1, max: 1 } },
    examples: [
      { x: [0, 0], label: 0 },
      { x: [1, 0], label: 1 },
      { x: [0, 1], label: 2 },
      { x: [1, 1], label: 1 },
    ],
  });

  it('exit 10, -o written, predict votes 100% on the training examples; --json keys', async () => {
    const dir = tempDir('ensemble');
    const file = join(dir.path, 'i.json');
    writeFileSync(file, instanceText);
    const out = join(dir.path, 'ens.json');
    const r = await runCli(['solve', file, '--ensemble', 'pairwise', '--objective', 'max-margin,min-weights', '-o', out]);
    expect(r.code).toBe(10);
    expect(r.out).toMatch(/3\/3 members found/);
    expect(r.out).toMatch(/max-margin: 3\/3 members proved optimal/);
    expect(JSON.parse(readFileSync(out, 'utf8')).members).toHaveLength(3);
    const p = await runCli(['predict', file, out, '--json']);
    expect(p.code).toBe(0);
    expect(JSON.parse(p.out)).toMatchObject({ correct: 4, total: 4 });
    const j = await runCli(['solve', file, '--ensemble', 'pairwise', '--json']);
    expect(j.code).toBe(10);
    expect(JSON.parse(j.out)).toMatchObject({ status: 'trainable', ensemble: 'pairwise', classes: 3, members: 3, fits: true });
    rmSync(dir.path, { recursive: true, force: true });
  });

  it('bad input: exit 2 and nothing written (unknown kind, objective order, network without classes)', async () => {
    const dir = tempDir('ensemble-bad');
    const file = join(dir.path, 'i.json');
    writeFileSync(file, instanceText);
    const out = join(dir.path, 'ens.json');
    for (const args of [['--ensemble', 'triples'], ['--ensemble', 'pairwise', '--objective', 'min-weights,max-margin']]) {
      const r = await runCli(['solve', file, ...args, '-o', out]);
      expect(r.code).toBe(2);
      expect(existsSync(out)).toBe(false);
    }
    const plain = join(dir.path, 'p.json');
    writeFileSync(plain, JSON.stringify({ network: { preset: 'layered', inputs: 1, hidden: [], weights: { min: -1, max: 1 } }, examples: [{ x: [0], y: [0] }, { x: [1], y: [1] }] }));
    const r = await runCli(['solve', plain, '--ensemble', 'pairwise', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/classes/);
    expect(existsSync(out)).toBe(false);
    rmSync(dir.path, { recursive: true, force: true });
  });
});
