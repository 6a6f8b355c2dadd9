/**
 * The backward DRUP checker (src/exact/rup-backward.ts) against the forward checker
 * (src/exact/rup.ts), a naive unit-propagation oracle and brute force: on random small
 * add-only proofs it accepts whatever the forward checker accepts, never accepts a
 * satisfiable formula, reports as used only steps that are RUP and that form a proof on
 * their own, and names a step that really is not RUP when it rejects, whatever the size of
 * the window of clauses it propagates first. On random
 * unsatisfiable CNFs, CaDiCaL's learned-clause stream under DRUP_PROOF_OPTIONS verifies with
 * both checkers; and the options measured to break that stream stay off. `check-proof`
 * checks backwards by default (an unused non-RUP clause passes) and forward with --forward,
 * and names the first failing step either way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDrupBackward } from '../../src/exact/rup-backward.js';
import { checkDrup, type ProofStep } from '../../src/exact/rup.js';
import { DRUP_PROOF_OPTIONS } from '../../src/solvers/cadical.js';
import { bruteSatisfiable, naiveRup } from '../helpers/cnf-brute.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { add, learnedStream, random3Sat, smallProof } from '../helpers/proofs.js';
import { rmSync } from 'node:fs';

describe('checkDrupBackward on small proofs', () => {
  it('accepts what the forward checker accepts, only unsatisfiable formulas, and rejects at a non-RUP step', () => {
    fc.assert(
      fc.property(smallProof(5), fc.constantFrom(undefined, 0, 1, 3), ({ numVars, clauses, proof }, window) => {
        const back = checkDrupBackward({ numVars, clauses }, proof, { window });
        const fwd = checkDrup({ numVars, clauses }, proof);
        if (fwd.ok) expect(back).toEqual({ ok: true });
        if (back.ok) {
          expect(bruteSatisfiable({ numVars, clauses })).toBe(false);
          // The steps it used: each RUP over the CNF and the steps before it; alone (with the
          // empty clause), a proof the forward checker accepts.
          const core: number[] = [];
          expect(checkDrupBackward({ numVars, clauses }, proof, { core, window })).toEqual({ ok: true });
          for (let k = 1; k < core.length; k++) expect(core[k]).toBeGreaterThan(core[k - 1]);
          for (const s of core) expect(naiveRup([...clauses, ...proof.slice(0, s - 1).map((st) => st.clause)], proof[s - 1].clause)).toBe(true);
          expect(checkDrup({ numVars, clauses }, [...core.map((s) => proof[s - 1]), add([])])).toEqual({ ok: true });
          return;
        }
        expect(fwd.ok).toBe(false);
        if (back.step <= proof.length) {
          const before = [...clauses, ...proof.slice(0, back.step - 1).map((s) => s.clause)];
          expect(naiveRup(before, proof[back.step - 1].clause)).toBe(false);
        } else expect(back.step).toBe(proof.length + 1);
      }),
      { numRuns: 3000 },
    );
  });

  it('handles the corner cases as the forward checker does', () => {
    const all4 = { numVars: 2, clauses: [[1, 2], [1, -2], [-1, 2], [-1, -2]] };
    expect(checkDrupBackward(all4, [add([1]), add([])])).toEqual({ ok: true });
    expect(checkDrupBackward(all4, [add([1])])).toMatchObject({ ok: false, step: 2, reason: expect.stringContaining('without deriving the empty clause') });
    expect(checkDrupBackward(all4, [add([])])).toMatchObject({ ok: false, step: 1, reason: expect.stringContaining('not RUP') });
    expect(checkDrupBackward(all4, [add([1, -1]), add([1, 1]), add([])])).toEqual({ ok: true });
    expect(checkDrupBackward({ numVars: 1, clauses: [[1], []] }, [add([])])).toEqual({ ok: true });
    expect(checkDrupBackward({ numVars: 1, clauses: [[1], []] }, [])).toMatchObject({ ok: false, step: 1 });
    expect(checkDrupBackward({ numVars: 1, clauses: [[1, -1]] }, [add([])])).toMatchObject({ ok: false, step: 1 });
    expect(checkDrupBackward(all4, [add([1, 0]), add([])])).toMatchObject({ ok: false, step: 1, reason: expect.stringContaining('invalid literal') });
    // A clause the refutation does not use is not checked; a used one is.
    const unused = [add([4]), add([1]), add([])];
    expect(checkDrupBackward({ ...all4, numVars: 4 }, unused)).toEqual({ ok: true });
    expect(checkDrup({ ...all4, numVars: 4 }, unused)).toMatchObject({ ok: false, step: 1 });
    expect(checkDrupBackward({ numVars: 3, clauses: [[1, 2], [-1, 3], [-1, -3]] }, [add([1]), add([])])).toMatchObject({ ok: false, step: 1 });
    // Deletions: the forward checker decides.
    expect(checkDrupBackward(all4, [add([1]), { kind: 'delete', clause: [1] }, add([])])).toEqual(checkDrup(all4, [add([1]), { kind: 'delete', clause: [1] }, add([])]));
  });
});

describe('CaDiCaL proofs under DRUP_PROOF_OPTIONS', () => {
  it('verify with both checkers on random unsatisfiable 3-SAT', async () => {
    let unsat = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 40, max: 90 }), fc.integer({ min: 1, max: 2 ** 30 }), fc.nat(), async (n, seed, drop) => {
        const cnf = random3Sat(n, 5, seed);
        const { status, proof } = await learnedStream(cnf, DRUP_PROOF_OPTIONS);
        if (status !== 'unsat') return;
        unsat++;
        expect(checkDrup(cnf, proof)).toEqual({ ok: true });
        // Every window size (0: only the core propagates first; small ones move the window
        // over proofs of a few hundred clauses): accepted, and the core alone is a proof.
        const mutated = proof.filter((_, i) => i !== drop % proof.length);
        const forwardMutated = checkDrup(cnf, mutated).ok;
        for (const window of [undefined, 0, 1, 20]) {
          const core: number[] = [];
          expect(checkDrupBackward(cnf, proof, { window, core })).toEqual({ ok: true });
          expect(checkDrup(cnf, [...core.map((s) => proof[s - 1]), add([])])).toEqual({ ok: true });
          // With a step dropped: accepted if the forward checker accepts; else rejected at a real non-RUP step.
          const back = checkDrupBackward(cnf, mutated, { window });
          if (forwardMutated) expect(back).toEqual({ ok: true });
          if (!back.ok && back.step <= mutated.length) {
            const before = [...cnf.clauses, ...mutated.slice(0, back.step - 1).map((st) => st.clause)];
            expect(naiveRup(before, mutated[back.step - 1].clause)).toBe(false);
          }
        }
      }),
      { numRuns: 25 },
    );
    expect(unsat).toBeGreaterThan(10);
  });

  // Turning any of these on made the stream an invalid proof on some SATLIB uuf or random
  // 3-SAT instance (docs/measurements.md, "Proof overhead"): they must stay off.
  it('keep off every option measured to break the stream', () => {
    const unsafe = ['otfs', 'vivify', 'probe', 'elim', 'congruence'] as const;
    for (const o of unsafe) expect(DRUP_PROOF_OPTIONS[o], o).toBe(false);
  });

  it('would fail with on-the-fly strengthening on (the stream is then rejected)', async () => {
    let rejected = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const cnf = random3Sat(100, 5, seed);
      const { status, proof } = await learnedStream(cnf, { ...DRUP_PROOF_OPTIONS, otfs: true });
      if (status === 'unsat' && !checkDrupBackward(cnf, proof).ok) rejected++;
    }
    expect(rejected).toBeGreaterThan(0);
  });
});

describe('check-proof', () => {
  it('checks backwards by default, every step with --forward, and names the first failing step', async () => {
    const dir = tempDir('check-proof-backward');
    try {
      const cnf = dir.file('u.cnf', 'p cnf 4 4\n1 2 0\n1 -2 0\n-1 2 0\n-1 -2 0\n');
      const unused = dir.file('unused.drat', '4 0\n1 0\n0\n');
      expect(await runCli(['check-proof', cnf, unused])).toMatchObject({ code: 0, out: 'proof verified\n' });
      const fwd = await runCli(['check-proof', '--forward', cnf, unused]);
      expect(fwd.code).toBe(1);
      expect(fwd.out).toMatch(/^proof rejected at step 1: /);
      // Steps 1 and 2 are not RUP; the backward checker only meets step 2 (step 1 is unused),
      // the report names step 1.
      const sat = { numVars: 4, clauses: [[-4, 1], [-4, -1]] };
      const proof = [add([3]), add([4]), add([])];
      expect(checkDrupBackward(sat, proof)).toMatchObject({ ok: false, step: 2 });
      const cnf2 = dir.file('v.cnf', 'p cnf 4 2\n-4 1 0\n-4 -1 0\n');
      const r = await runCli(['check-proof', cnf2, dir.file('bad.drat', '3 0\n4 0\n0\n')]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^proof rejected at step 1: /);
    } finally {
      rmSync(dir.path, { recursive: true, force: true });
    }
  });
});
