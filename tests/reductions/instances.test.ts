/**
 * instances/reductions/: reduced instances of named sources (the paper's example, the
 * Fano plane, small formulas, the triangle, K4, the Petersen graph). Each file must
 *  - be listed in the folder's manifest.json exactly once, with its `expected` answer;
 *  - be exactly the reduction of its source (network and examples regenerate identically);
 *  - have the right answer: brute force on the source and trainsat on the instance agree
 *    with `expected`, and a trainable answer maps back to a checked source solution.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseColoringSource, parseCnf, parseSetSplitting, reductionFor, type SourceKind, type TargetKind } from '../../reductions/index.js';
import { decide } from '../../src/decide.js';
import { parseInstance } from '../../src/model/parse.js';
import type { Instance, Parameters } from '../../src/model/types.js';
import { bruteModel } from '../helpers/cnf-brute.js';
import { bruteColoring, bruteSetSplitting } from './helpers.js';

const DIR = join(import.meta.dirname, '..', '..', 'instances', 'reductions');
interface Entry {
  file: string;
  expected: 'trainable' | 'untrainable';
  problem: SourceKind;
  source: string;
  target: TargetKind;
  colors?: number;
}
const manifest: Entry[] = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));

/** Reduces the entry's source; returns the instance, the source's brute-force answer and the lowering check. */
function fromSource(e: Entry): { inst: Instance; yes: boolean; lowersOk: (params: Parameters) => boolean } {
  const text = readFileSync(join(DIR, e.source), 'utf8');
  const picked = reductionFor(e.problem, e.target, e.colors);
  switch (picked.source) {
    case 'set-splitting': {
      const s = parseSetSplitting(text, e.source);
      const r = picked.reduction;
      return { inst: r.reduce(s), yes: bruteSetSplitting(s) !== null, lowersOk: (p) => r.checkSource(s, r.lowerSolution(s, p)) };
    }
    case '3sat': {
      const f = parseCnf(text, e.source);
      const r = picked.reduction;
      return { inst: r.reduce(f), yes: bruteModel(f) !== null, lowersOk: (p) => r.checkSource(f, r.lowerSolution(f, p)) };
    }
    case 'coloring': {
      const g = parseColoringSource(text, e.colors!, e.source);
      const r = picked.reduction;
      return { inst: r.reduce(g), yes: bruteColoring(g) !== null, lowersOk: (p) => r.checkSource(g, r.lowerSolution(g, p)) };
    }
  }
}

describe('instances/reductions', () => {
  it('the manifest lists every instance file exactly once', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'manifest.json').sort();
    expect(manifest.map((e) => e.file).sort()).toEqual(files);
    expect(new Set(manifest.map((e) => e.expected))).toEqual(new Set(['trainable', 'untrainable']));
  });

  for (const e of manifest) {
    it(`${e.file}: ${e.expected}`, async () => {
      const inst = parseInstance(readFileSync(join(DIR, e.file), 'utf8'), e.file);
      expect(inst.expected).toBe(e.expected);
      const { inst: regenerated, yes, lowersOk } = fromSource(e);
      expect(inst.network).toEqual(regenerated.network);
      expect(inst.examples).toEqual(regenerated.examples);
      expect(yes ? 'trainable' : 'untrainable').toBe(e.expected);
      const d = await decide(inst);
      expect(d.status).toBe(e.expected);
      if (d.status === 'trainable') expect(lowersOk(d.parameters!)).toBe(true);
    });
  }
});
