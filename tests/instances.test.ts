/**
 * Every curated instance in instances/ parses, and trainsat's answer equals the answer
 * recorded in instances/manifest.json and in the file's `expected`; brute force agrees
 * where it is small enough; cadical and minisat agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../src/decide.js';
import { BruteForceBudgetError, bruteForce } from '../src/model/bruteforce.js';
import { checkParameters } from '../src/model/evaluate.js';
import { parseInstance } from '../src/model/parse.js';

const DIR = join(import.meta.dirname, '..', 'instances');
const manifest: { file: string; expected: string }[] = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));

describe('curated instances', () => {
  it('the manifest lists every instance file exactly once', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'manifest.json').sort();
    expect(manifest.map((e) => e.file).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const { file, expected } of manifest) {
    it(`${file}: ${expected}`, async () => {
      const inst = parseInstance(readFileSync(join(DIR, file), 'utf8'), file);
      expect(inst.expected).toBe(expected);
      const r = await decide(inst, { backend: 'cadical' });
      expect(r.status).toBe(expected);
      if (r.status === 'trainable') expect(checkParameters(inst, r.parameters!).ok).toBe(true);
      expect((await decide(inst, { backend: 'minisat' })).status).toBe(expected);
      expect((await decide(inst, { backend: 'cadical', symmetryBreaking: false })).status).toBe(expected);
      const h = await decide(inst, { backend: 'hybrid' });
      expect(h.status).toBe(expected);
      if (h.status === 'trainable') expect(checkParameters(inst, h.parameters!).ok).toBe(true);
      expect((await decide(inst)).backend).toBe(inst.network.units.some((u) => u.kind === 'threshold' && !u.integerWeights) ? 'hybrid' : 'cadical');
      try {
        expect(bruteForce(inst, { maxWork: 2e6 }).status).toBe(expected);
      } catch (e) {
        if (!(e instanceof BruteForceBudgetError) && !/not support/.test(String(e))) throw e;
      }
    });
  }
});
