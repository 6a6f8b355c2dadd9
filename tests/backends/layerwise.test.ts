/**
 * The layer-by-layer backend: its answers agree with brute force and with CaDiCaL on the
 * whole CNF, its witness search answers when one-vs-rest codes fit, and it falls back to
 * the complete search when they do not (XOR needs other hidden codes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredInstance } from '../../src/arbitraries/layered.js';
import { layerwiseBackend } from '../../src/backends/layerwise.js';
import type { LayerwiseStats } from '../../src/backends/types.js';
import { chooseBackend, decide } from '../../src/decide.js';
import { certificateText, checkCertificate, parseCertificate } from '../../src/exact/certificate.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance } from '../../src/model/parse.js';
import { bruteStatus } from '../helpers/brute-status.js';
import type { Instance } from '../../src/model/types.js';

const layered = (hidden: number[], classes: number | undefined, examples: object[], inputs = 2) =>
  parseInstance(
    JSON.stringify({
      network: { preset: 'layered', inputs, hidden, ...(classes ? { classes } : {}), weights: { min: -1, max: 1 } },
      examples,
    }),
    'layered.json',
  );

const stage = async (inst: Instance) => {
  const r = await decide(inst, { backend: 'layerwise' });
  return { status: r.status, stage: (r.stats as LayerwiseStats).stage, r };
};

describe('the layer-by-layer backend', () => {
  it('one-vs-rest codes: the witness search answers, and auto picks it for such multi-class networks', async () => {
    const inst = layered([3], 3, [0, 1, 2].flatMap((c) => [{ x: [c === 1 ? 1 : 0, c === 2 ? 1 : 0], label: c }]));
    expect(chooseBackend(inst)).toBe('layerwise');
    const { status, stage: s, r } = await stage(inst);
    expect(status).toBe('trainable');
    expect(s).toBe('witness');
    expect(checkParameters(inst, r.parameters!).ok).toBe(true);
  });

  it('XOR with two hidden units: one-vs-rest cannot fit (class 0 is not a threshold function), the complete search finds other codes', async () => {
    const xor = [[0, 0], [0, 1], [1, 0], [1, 1]].map(([a, b]) => ({ x: [a, b], label: a ^ b }));
    const { status, stage: s, r } = await stage(layered([2], 2, xor));
    expect(status).toBe('trainable');
    expect(s).toBe('complete');
    expect((r.stats as LayerwiseStats).witness_note).toMatch(/not fittable/);
  });

  it('a budget that runs out gives unknown with the budget as its reason, never a guess', async () => {
    const xor = [[0, 0], [0, 1], [1, 0], [1, 1]].map(([a, b]) => ({ x: [a, b], label: a ^ b }));
    const r = await decide(layered([2], 2, xor), { backend: 'layerwise', timeoutMs: 0 });
    expect(r.status).toBe('unknown');
    expect(r.unknown?.kind).toBe('budget');
  });

  it('XOR with four hidden units: no code scheme fits, a narrower network (two units, widened by idle ones) does', async () => {
    const xor = [[0, 0], [0, 1], [1, 0], [1, 1]].map(([a, b]) => ({ x: [a, b], label: a ^ b }));
    const inst = layered([4], 2, xor);
    const { status, stage: s, r } = await stage(inst);
    expect(status).toBe('trainable');
    expect(s).toBe('witness');
    const p = r.parameters!;
    expect(p.h1_3).toEqual({ weights: [0, 0].map(() => expect.objectContaining({ num: 0n })), threshold: expect.objectContaining({ num: 0n }) });
    expect(checkParameters(inst, p).ok).toBe(true);
  });

  it('contradictory examples: untrainable from the complete search, never from HiGHS alone', async () => {
    const { status, stage: s } = await stage(layered([2], 2, [{ x: [1, 0], label: 0 }, { x: [1, 0], label: 1 }]));
    expect(status).toBe('untrainable');
    expect(s).toBe('complete');
  });

  it('certify: an untrainable answer comes with a DRUP proof of the whole CNF that check accepts', async () => {
    const inst = layered([2], 2, [{ x: [1, 0], label: 0 }, { x: [1, 0], label: 1 }, { x: [0, 1], label: 1 }]);
    const r = await decide(inst, { certify: true });
    expect(r.backend).toBe('layerwise');
    expect(r.status).toBe('untrainable');
    const bundle = parseCertificate(JSON.parse(certificateText(inst, r.certificate!)));
    expect(checkCertificate(inst, bundle).ok).toBe(true);
    const trainable = await decide(layered([2], 2, [{ x: [1, 0], label: 0 }, { x: [0, 1], label: 1 }]), { certify: true });
    expect(trainable.status).toBe('trainable');
    expect(trainable.certificate).toBeUndefined();
  });

  it('single output: the first hidden unit takes the labels as its target', async () => {
    const inst = layered([2, 2], undefined, [{ x: [1, 0], y: [1] }, { x: [0, 1], y: [0] }, { x: [1, 1], y: [1] }]);
    const { status, stage: s, r } = await stage(inst);
    expect(status).toBe('trainable');
    expect(s).toBe('witness');
    expect(checkParameters(inst, r.parameters!).ok).toBe(true);
  });

  it('agrees with brute force on tiny layered instances with random labels (both stages exercised)', async () => {
    const stages = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        layeredInstance({ minExamples: 3, maxExamples: 6, maxWidth: 3, minClasses: 2, maxClasses: 2 }),
        fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
        async ({ instance }, labels) => {
          const inst: Instance = { ...instance, examples: instance.examples.map((ex, e) => ({ ...ex, label: labels[e] % 2 })) };
          const status = bruteStatus(inst, 2_000_000);
          if (status === null) return;
          const run = await layerwiseBackend().run(inst, { timeoutMs: 20_000 });
          expect(run.status, JSON.stringify(inst)).toBe(status);
          stages.add((run.stats as LayerwiseStats).stage);
          const r = await decide(inst, { backend: 'layerwise', timeoutMs: 20_000 });
          expect(r.status).toBe(status);
        },
      ),
      { numRuns: 50 },
    );
    expect([...stages].sort()).toEqual(['complete', 'witness']);
  });
});
