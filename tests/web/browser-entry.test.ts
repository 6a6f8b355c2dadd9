/**
 * The library's browser entry point (src/browser.ts), run under Node: its `decide` runs the
 * backends that work in a browser and refuses, with the list of those, the ones that need
 * Node (MiniSat's worker, external solvers) and certificates; trainGD's per-epoch loss
 * (the playground's live curve) matches what each restart reports.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BROWSER_BACKENDS, decide, parseInstance, trainGD, UnknownBackendError, type GDEpoch } from '../../src/browser.js';

const load = (f: string) => parseInstance(readFileSync(`instances/${f}`, 'utf8'), f);

describe('the browser entry point', () => {
  it('decides on every browser backend, with the right answers', async () => {
    const xor = load('xor-3node.json');
    const parity = load('parity-3-perceptron.json');
    for (const backend of BROWSER_BACKENDS.filter((b) => b !== 'layerwise')) {
      expect((await decide(xor, { backend })).status, backend).toBe('trainable');
      expect((await decide(parity, { backend })).status, backend).toBe('untrainable');
    }
  });

  it('refuses the backends and options that need Node.js, naming the ones that run', async () => {
    const xor = load('xor-3node.json');
    for (const backend of ['minisat', 'external:kissat']) {
      const err = await decide(xor, { backend: backend as 'auto' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnknownBackendError);
      expect(String(err)).toContain('available: auto, hybrid, cadical, highs, layerwise');
    }
    await expect(decide(xor, { certify: true } as never)).rejects.toThrow(/certify needs Node/);
  });

  it("trainGD's onEpoch reports every epoch run, ending at each restart's last loss", () => {
    const epochs: GDEpoch[] = [];
    const r = trainGD(load('xor-3node.json'), { restarts: 4, epochs: 50, seed: 3, onEpoch: (e) => epochs.push(e) });
    expect(epochs.length).toBe(r.epochs);
    r.perRestart.forEach((run, i) => {
      const mine = epochs.filter((e) => e.restart === i);
      expect(mine.map((e) => e.epoch)).toEqual(Array.from({ length: run.epochs }, (_, k) => k));
      expect(mine[mine.length - 1].loss).toBe(run.loss);
    });
  });
});
