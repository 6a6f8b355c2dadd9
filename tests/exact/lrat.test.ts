/**
 * LRAT (src/exact/lrat.ts) and the LRAT proofs the backward DRUP checker writes
 * (checkDrupBackward's `lrat`): every step the LRAT checker accepts is implied by the input
 * and the steps before it (brute force over all assignments), for random steps with random
 * hints; whenever the backward checker accepts a proof, the LRAT it writes is accepted, holds
 * the clauses of its core in order, and survives the text form; on CaDiCaL's proofs of random
 * 3-SAT, so does every LRAT, and dropping a hint is caught; the trimmed DRUP proof made from
 * an LRAT proof (deletions after each clause's last use) passes the forward DRUP checker;
 * and `sat --proof-format lrat|drat-trimmed` with `check-proof` work end to end, with a
 * tampered proof rejected and a malformed one refused with its line.
 */
import fc from 'fast-check';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLrat, LratChecker, lratToDrup, parseLrat, writeLrat, type LratProof, type LratStep } from '../../src/exact/lrat.js';
import { checkDrupBackward } from '../../src/exact/rup-backward.js';
import { checkDrup } from '../../src/exact/rup.js';
import { bruteModels, bruteSatisfiable } from '../helpers/cnf-brute.js';
import { runCli, spawnCli, tempDir } from '../helpers/cli.js';
import { random3Sat, smallProof, unsatRandom3Sat } from '../helpers/proofs.js';

/** Does every model of `clauses` (over 1..numVars) satisfy `clause`? */
function implied(numVars: number, clauses: readonly (readonly number[])[], clause: readonly number[]): boolean {
  // bruteModels gives each model as a bit mask, variable v at bit v - 1.
  for (const m of bruteModels({ numVars, clauses })) if (!clause.some((l) => (((m >> (Math.abs(l) - 1)) & 1) === 1) === l > 0)) return false;
  return true;
}

describe('LratChecker', () => {
  it('accepts only steps implied by the input and the clauses before them', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => {
          const lit = fc.integer({ min: 1, max: n }).chain((v) => fc.constantFrom(v, -v));
          return fc.record({
            numVars: fc.constant(n),
            clauses: fc.array(fc.array(lit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 }),
            steps: fc.array(fc.record({ clause: fc.array(lit, { maxLength: 3 }), hints: fc.array(fc.nat({ max: 16 }), { maxLength: 5 }), del: fc.option(fc.nat({ max: 16 }), { freq: 6 }) }), { maxLength: 8 }),
          });
        }),
        ({ numVars, clauses, steps }) => {
          const cnf = { numVars, clauses };
          const checker = new LratChecker(cnf, numVars);
          const db = new Map<number, number[]>(clauses.map((c, j) => [j + 1, c]));
          let id = clauses.length;
          for (const s of steps) {
            if (s.del !== null) {
              checker.step({ kind: 'delete', ids: [s.del] });
              db.delete(s.del);
            }
            const step: LratStep = { kind: 'add', id: ++id, clause: s.clause, hints: s.hints.map((h) => h + 1) };
            if (checker.step(step) !== null) continue;
            accepted++;
            expect(implied(numVars, [...db.values()], s.clause)).toBe(true);
            db.set(id, s.clause);
          }
        },
      ),
      { numRuns: 4000 },
    );
    // Not vacuous: random hints do check now and then.
    expect(accepted).toBeGreaterThan(500);
  });

  it('rejects steps that break the format rules, naming them', () => {
    const all4 = { numVars: 2, clauses: [[1, 2], [1, -2], [-1, 2], [-1, -2]] };
    const ok: LratProof = { steps: [{ kind: 'add', id: 5, clause: [1], hints: [1, 2] }, { kind: 'add', id: 6, clause: [], hints: [5, 3, 4] }] };
    expect(checkLrat(all4, ok)).toEqual({ ok: true });
    expect(checkLrat(all4, { steps: [ok.steps[0]] })).toMatchObject({ ok: false, step: 2, reason: expect.stringContaining('without adding the empty clause') });
    expect(checkLrat(all4, { steps: [{ kind: 'add', id: 4, clause: [1], hints: [1, 2] }] })).toMatchObject({ ok: false, step: 1, reason: expect.stringContaining('not larger') });
    expect(checkLrat(all4, { steps: [{ kind: 'add', id: 5, clause: [1], hints: [1, -2] }] })).toMatchObject({ ok: false, reason: expect.stringContaining('RAT hint') });
    expect(checkLrat(all4, { steps: [{ kind: 'add', id: 5, clause: [1], hints: [9] }] })).toMatchObject({ ok: false, reason: expect.stringContaining('not a clause') });
    expect(checkLrat(all4, { steps: [{ kind: 'add', id: 5, clause: [1], hints: [1] }] })).toMatchObject({ ok: false, reason: expect.stringContaining('without a false clause') });
    expect(checkLrat(all4, { steps: [{ kind: 'add', id: 5, clause: [1], hints: [3, 1, 2] }] })).toMatchObject({ ok: false, reason: expect.stringContaining('satisfied') });
    expect(checkLrat(all4, { steps: [{ kind: 'add', id: 5, clause: [], hints: [1, 2] }] })).toMatchObject({ ok: false, reason: expect.stringContaining('two literals') });
    // A deleted clause can no longer be a hint.
    expect(checkLrat(all4, { steps: [{ kind: 'delete', ids: [2] }, ok.steps[0]] })).toMatchObject({ ok: false, step: 2, reason: expect.stringContaining('not a clause') });
  });

  it('reads and writes the text form, refusing malformed lines with their number', () => {
    const proof: LratProof = { steps: [{ kind: 'add', id: 5, clause: [1], hints: [1, 2] }, { kind: 'delete', ids: [1, 2] }, { kind: 'add', id: 6, clause: [], hints: [5, 3, 4] }] };
    expect(parseLrat(writeLrat(proof))).toEqual(proof);
    expect(parseLrat('c a comment\n5 1 0 1 2 0\n')).toEqual({ steps: [proof.steps[0]] });
    expect(() => parseLrat('5 1 0 1 2 0\n6 0 5 3\n', 'p.lrat')).toThrow(/p\.lrat: line 2/);
    expect(() => parseLrat('5 1 x 0 0\n', 'p.lrat')).toThrow(/line 1: 'x' is not an integer/);
    expect(() => parseLrat('0 1 0 0\n')).toThrow(/must be positive/);
    expect(() => parseLrat('5 d 1 2\n')).toThrow(/deletion line/);
  });
});

describe('LRAT from the backward DRUP checker', () => {
  it('is accepted whenever the DRUP proof is, holds its core in order, and survives the text form', () => {
    fc.assert(
      fc.property(smallProof(5), fc.constantFrom(undefined, 0, 1), ({ numVars, clauses, proof }, window) => {
        const cnf = { numVars, clauses };
        const lrat: LratProof = { steps: [] };
        const core: number[] = [];
        const r = checkDrupBackward(cnf, proof, { lrat, window, core });
        if (!r.ok) return;
        expect(checkLrat(cnf, lrat)).toEqual({ ok: true });
        expect(checkLrat(cnf, parseLrat(writeLrat(lrat)))).toEqual({ ok: true });
        // The steps: the core's clauses (ids after the input's, by proof position), then the empty clause.
        const adds = lrat.steps.filter((s) => s.kind === 'add');
        expect(adds.at(-1)?.clause).toEqual([]);
        const sorted = (c: readonly number[]) => [...new Set(c)].sort((a, b) => a - b);
        expect(adds.slice(0, -1).map((s) => s.id)).toEqual(core.map((i) => clauses.length + i));
        for (const s of adds.slice(0, -1)) expect(sorted(s.clause)).toEqual(sorted(proof[s.id - clauses.length - 1].clause));
        expect(bruteSatisfiable(cnf)).toBe(false);
        // As DRUP with deletions: the forward checker accepts it, and every clause added is
        // deleted after its last use (all but the clauses the last step uses... and the empty clause).
        const trimmed = lratToDrup(lrat, clauses);
        expect(checkDrup(cnf, trimmed)).toEqual({ ok: true });
        expect(trimmed.filter((s) => s.kind === 'add').length).toBe(adds.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves out the reasons of literals the checked clause assumes (a hint satisfied at its turn is rejected)', () => {
    // Top level: 3, then -1 (clause 2). Checking [1, 2] assumes -1 and -2; its conflict
    // depends on variable 1, whose top-level reason must not be a hint.
    const cnf = { numVars: 5, clauses: [[3], [-3, -1], [1, 2, 4], [1, 2, -4], [-2, 5], [-2, -5]] };
    const lrat: LratProof = { steps: [] };
    expect(checkDrupBackward(cnf, [{ kind: 'add', clause: [1, 2] }, { kind: 'add', clause: [] }], { lrat })).toEqual({ ok: true });
    const first = lrat.steps[0];
    expect(first.kind === 'add' && [first.id, [...first.clause].sort()]).toEqual([7, [1, 2]]);
    expect(first.kind === 'add' && first.hints).toEqual([3, 4]);
    expect(checkLrat(cnf, lrat)).toEqual({ ok: true });
  });

  it("is accepted on CaDiCaL's proofs of random 3-SAT, and a dropped hint is caught", async () => {
    let unsat = 0;
    let caught = 0;
    for await (const { seed, cnf, proof } of unsatRandom3Sat(60, 5, 6)) {
      unsat++;
      const lrat: LratProof = { steps: [] };
      expect(checkDrupBackward(cnf, proof, { lrat })).toEqual({ ok: true });
      expect(checkLrat(cnf, lrat)).toEqual({ ok: true });
      // Trimmed DRUP: accepted forward, with deletions, and smaller than the whole stream.
      const trimmed = lratToDrup(lrat, cnf.clauses);
      expect(checkDrup(cnf, trimmed)).toEqual({ ok: true });
      expect(trimmed.some((st) => st.kind === 'delete')).toBe(true);
      expect(trimmed.filter((st) => st.kind === 'add').length).toBeLessThanOrEqual(proof.length);
      // Without one hint (here the last, the clause that ends the check false) the step fails.
      const k = (seed * 7919) % lrat.steps.length;
      const step = lrat.steps[k];
      if (step.kind !== 'add' || step.hints.length === 0) continue;
      const tampered: LratProof = { steps: lrat.steps.map((s, i) => (i === k && s.kind === 'add' ? { ...s, hints: s.hints.slice(0, -1) } : s)) };
      const r = checkLrat(cnf, tampered);
      expect(r).toMatchObject({ ok: false, step: k + 1 });
      caught++;
    }
    expect(unsat).toBeGreaterThan(2);
    expect(caught).toBeGreaterThan(2);
  });
});

describe('sat --proof-format lrat and check-proof --lrat', () => {
  it('write an LRAT proof that checks, reject a tampered one, refuse malformed input', async () => {
    const dir = tempDir('lrat');
    const d = dir.path;
    try {
      const cnfPath = join(d, 'u.cnf');
      const cnf = random3Sat(50, 5.5, 3);
      writeFileSync(cnfPath, `p cnf ${cnf.numVars} ${cnf.clauses.length}\n${cnf.clauses.map((c) => c.join(' ') + ' 0').join('\n')}\n`);
      const p = join(d, 'p.lrat');
      const sat = await runCli(['sat', cnfPath, '--proof', p, '--proof-format', 'lrat']);
      expect(sat.code).toBe(20);
      const ok = await runCli(['check-proof', cnfPath, p, '--lrat']);
      expect([ok.code, ok.out]).toEqual([0, 'proof verified\n']);
      // The first line without its last hint.
      const lines = readFileSync(p, 'utf8').split('\n');
      const t = lines[0].split(' ');
      t.splice(t.length - 2, 1);
      writeFileSync(join(d, 't.lrat'), [t.join(' '), ...lines.slice(1)].join('\n'));
      const bad = await runCli(['check-proof', cnfPath, join(d, 't.lrat'), '--lrat']);
      expect(bad.code).toBe(1);
      expect(bad.out).toMatch(/^proof rejected at step 1: /);
      writeFileSync(join(d, 'm.lrat'), lines[0] + '\n7 1 2\n');
      const malformed = await runCli(['check-proof', cnfPath, join(d, 'm.lrat'), '--lrat']);
      expect(malformed.code).toBe(2);
      expect(malformed.err).toMatch(/m\.lrat: line 2/);
      expect((await runCli(['check-proof', cnfPath, p, '--lrat', '--forward'])).code).toBe(2);
      // An LRAT file checked as DRAT: rejected, with advice.
      const asDrat = await runCli(['check-proof', cnfPath, p]);
      expect(asDrat.code).toBe(1);
      expect(asDrat.out).toMatch(/looks like an LRAT proof: check it with --lrat/);
      expect((await runCli(['sat', cnfPath, '--proof', join(d, 'x'), '--proof-format', 'foo'])).code).toBe(2);
      const noFile = await runCli(['sat', cnfPath, '--proof-format', 'lrat']);
      expect(noFile.code).toBe(2);
      expect(noFile.err).toMatch(/--proof-format lrat needs --proof FILE/);
      // Trimmed DRAT, through the built binary (the worker keeps the hints then): deletions, and it checks forward.
      const tp = join(d, 'p.trimmed.drat');
      expect(spawnCli(['sat', cnfPath, '--proof', tp, '--proof-format', 'drat-trimmed']).code).toBe(20);
      expect(readFileSync(tp, 'utf8')).toMatch(/^d /m);
      expect(spawnCli(['check-proof', cnfPath, tp, '--forward'])).toMatchObject({ code: 0, out: 'proof verified\n' });
      const lp = join(d, 'p2.lrat');
      expect(spawnCli(['sat', cnfPath, '--proof', lp, '--proof-format', 'lrat']).code).toBe(20);
      expect(spawnCli(['check-proof', cnfPath, lp, '--lrat'])).toMatchObject({ code: 0, out: 'proof verified\n' });
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
