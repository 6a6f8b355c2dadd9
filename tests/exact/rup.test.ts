/**
 * The forward DRUP checker (src/exact/rup.ts) and CaDiCaL proofs (src/solvers/cadical.ts,
 * DRUP_PROOF_OPTIONS): the checker agrees with a naive unit-propagation oracle on random
 * small proofs and never accepts a satisfiable formula; CaDiCaL's learned-clause stream
 * checks on every SATLIB uuf instance present; mutated proofs (a needed step dropped, a
 * literal flipped, the empty clause cut off) are rejected at a step the oracle confirms;
 * DRAT text parses with line-numbered errors; `sat --proof` + `check-proof` round trip.
 * RupChecker (axioms added mid-proof, as the certificate checker adds theory lemmas at their
 * proof position) agrees with the naive oracle on random step sequences, including whether
 * the clauses so far are refuted (the top-level assignment it keeps between checks).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pigeonhole } from '../../src/arbitraries/cnf-pigeonhole.js';
import { clausesToArrays, parseDimacs } from '../../src/cnf/dimacs.js';
import { checkDrup, parseDrat, RupChecker, writeDrat, type ProofStep } from '../../src/exact/rup.js';
import { createCadical, DRUP_PROOF_OPTIONS } from '../../src/solvers/cadical.js';
import { MAIN, ROOT, runCli } from '../helpers/cli.js';
import { bruteSatisfiable, naiveRup } from '../helpers/cnf-brute.js';

const SATLIB = join(ROOT, '../shared/benchmarks/satlib');

/** A proof step, or an axiom: a clause added without a check (RupChecker.axiom). */
type Step = ProofStep | { kind: 'axiom'; clause: number[] };

/** The naive forward checker: the same contract as checkDrup, as plainly as possible. */
function naiveCheck(clauses: readonly (readonly number[])[], proof: readonly Step[]): { ok: boolean; step?: number } {
  const db = clauses.map((c) => [...c]);
  for (let i = 0; i < proof.length; i++) {
    const { kind, clause } = proof[i];
    if (kind === 'axiom') {
      db.push([...clause]);
      continue;
    }
    const key = [...new Set(clause)].sort((a, b) => a - b).join(' ');
    if (kind === 'delete') {
      if (clause.some((l) => clause.includes(-l))) continue;
      let idx = -1;
      for (let j = db.length - 1; j >= 0; j--) {
        if ([...new Set(db[j])].sort((a, b) => a - b).join(' ') === key) {
          idx = j;
          break;
        }
      }
      if (idx >= 0) db.splice(idx, 1);
      continue;
    }
    if (!naiveRup(db, clause)) return { ok: false, step: i + 1 };
    if (clause.length === 0) return { ok: true };
    db.push([...clause]);
  }
  return { ok: false, step: proof.length + 1 };
}

const toDimacs = (cnf: { numVars: number; clauses: number[][] }): string =>
  `p cnf ${cnf.numVars} ${cnf.clauses.length}\n` + cnf.clauses.map((c) => c.join(' ') + ' 0\n').join('');

async function cadicalProof(cnf: { numVars: number; clauses: number[][] }): Promise<{ status: string; proof: ProofStep[] }> {
  const s = await createCadical(DRUP_PROOF_OPTIONS);
  const proof: ProofStep[] = [];
  try {
    s.onLearn((c) => proof.push({ kind: 'add', clause: Array.from(c) }));
    s.ensureVars(cnf.numVars);
    s.addClauses(cnf.clauses);
    return { status: await s.solve(), proof };
  } finally {
    s.dispose();
  }
}

const smallCnf = (maxVars: number) =>
  fc.integer({ min: 1, max: maxVars }).chain((n) => {
    const lit = fc.integer({ min: 1, max: n }).chain((v) => fc.constantFrom(v, -v));
    const clause = fc.array(lit, { minLength: 0, maxLength: 3 });
    return fc.record({
      numVars: fc.constant(n),
      clauses: fc.array(fc.array(lit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 14 }),
      proof: fc.array(fc.record({ kind: fc.constantFrom<'add' | 'delete'>('add', 'add', 'add', 'delete'), clause }), { maxLength: 12 }),
    });
  });

describe('checkDrup on hand-made proofs', () => {
  const all4 = { numVars: 2, clauses: [[1, 2], [1, -2], [-1, 2], [-1, -2]] };

  it('accepts a correct proof and reports the failing step of wrong ones', () => {
    expect(checkDrup(all4, [{ kind: 'add', clause: [1] }, { kind: 'add', clause: [] }])).toEqual({ ok: true });
    // The empty clause is not RUP before the unit 1 is learned.
    expect(checkDrup(all4, [{ kind: 'add', clause: [] }])).toMatchObject({ ok: false, step: 1 });
    // Not RUP: 3 is unconstrained.
    expect(checkDrup(all4, [{ kind: 'add', clause: [3] }, { kind: 'add', clause: [] }])).toMatchObject({ ok: false, step: 1, reason: expect.stringContaining('not RUP') });
    // No empty clause: rejected after the last step.
    const short = checkDrup(all4, [{ kind: 'add', clause: [1] }]);
    expect(short).toMatchObject({ ok: false, step: 2, reason: expect.stringContaining('without deriving the empty clause') });
    expect(checkDrup(all4, [])).toMatchObject({ ok: false, step: 1 });
  });

  it('honours deletions, including of unit clauses, and ignores deletions of absent clauses', () => {
    expect(checkDrup(all4, [{ kind: 'delete', clause: [-2, 1] }, { kind: 'add', clause: [1] }])).toMatchObject({ ok: false, step: 2 });
    expect(checkDrup(all4, [{ kind: 'add', clause: [1] }, { kind: 'delete', clause: [1] }, { kind: 'add', clause: [] }])).toMatchObject({ ok: false, step: 3 });
    expect(checkDrup(all4, [{ kind: 'delete', clause: [5, 6] }, { kind: 'add', clause: [1] }, { kind: 'add', clause: [] }])).toEqual({ ok: true });
    // A clause added twice survives one deletion.
    const twice: ProofStep[] = [{ kind: 'add', clause: [1] }, { kind: 'add', clause: [1] }, { kind: 'delete', clause: [1] }, { kind: 'add', clause: [] }];
    expect(checkDrup(all4, twice)).toEqual({ ok: true });
  });

  it('handles an empty clause in the CNF, tautologies, duplicates and invalid literals', () => {
    expect(checkDrup({ numVars: 1, clauses: [[1], []] }, [{ kind: 'add', clause: [] }])).toEqual({ ok: true });
    expect(checkDrup({ numVars: 1, clauses: [[1, -1]] }, [{ kind: 'add', clause: [] }])).toMatchObject({ ok: false, step: 1 });
    expect(checkDrup(all4, [{ kind: 'add', clause: [1, 1] }, { kind: 'add', clause: [] }])).toEqual({ ok: true });
    expect(checkDrup(all4, [{ kind: 'add', clause: [1, 0] }])).toMatchObject({ ok: false, step: 1, reason: expect.stringContaining('invalid literal') });
  });

  it('agrees with a naive checker on random small proofs', () => {
    fc.assert(
      fc.property(smallCnf(5), ({ numVars, clauses, proof }) => {
        const r = checkDrup({ numVars, clauses }, proof);
        const n = naiveCheck(clauses, proof);
        expect(r.ok).toBe(n.ok);
        if (!r.ok) expect(r.step).toBe(n.step);
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts a proof for a satisfiable formula', () => {
    fc.assert(
      fc.property(smallCnf(4), ({ numVars, clauses, proof }) => {
        if (checkDrup({ numVars, clauses }, proof).ok) expect(bruteSatisfiable({ numVars, clauses })).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('RupChecker: axioms at any point of the proof', () => {
  /** checkDrup's contract with axiom steps, on RupChecker; `refuted` after each step. */
  function run(numVars: number, clauses: number[][], steps: readonly Step[]): { ok: boolean; step?: number; refuted: boolean[] } {
    const ch = new RupChecker({ numVars, clauses });
    const refuted: boolean[] = [];
    for (let i = 0; i < steps.length; i++) {
      const { kind, clause } = steps[i];
      if (kind === 'axiom') ch.axiom(clause);
      else if (kind === 'delete') ch.delete(clause);
      else {
        if (!ch.derive(clause)) return { ok: false, step: i + 1, refuted };
        if (clause.length === 0) return { ok: true, refuted };
      }
      refuted.push(ch.refuted);
    }
    return { ok: false, step: steps.length + 1, refuted };
  }

  it('an axiom that is unit under the top-level assignment propagates', () => {
    const ch = new RupChecker({ numVars: 3, clauses: [[1, 2], [-1, 3]] });
    expect(ch.isRup([3])).toBe(false);
    ch.axiom([-2]); // 1, then 3
    expect(ch.isRup([3])).toBe(true);
    expect(ch.isRup([1])).toBe(true);
    expect(ch.refuted).toBe(false);
    ch.axiom([-3, 2, -1]); // false under 1, 3, -2 at the top level: a conflict
    expect(ch.refuted).toBe(true);
    expect(ch.derive([])).toBe(true);
  });

  it('an axiom falsified at the top level refutes (the empty clause follows)', () => {
    const ch = new RupChecker({ numVars: 2, clauses: [[1], [-1, 2]] });
    expect(ch.derive([])).toBe(false);
    ch.axiom([-2, -1]);
    expect(ch.refuted).toBe(true);
    expect(ch.derive([])).toBe(true);
    const unit = new RupChecker({ numVars: 1, clauses: [[1]] });
    unit.axiom([-1]);
    expect(unit.refuted).toBe(true);
    const empty = new RupChecker({ numVars: 1, clauses: [] });
    empty.axiom([]);
    expect(empty.isRup([])).toBe(true);
  });

  it('a step is checked against the axioms before it, not later ones', () => {
    const all4 = [[1, 2], [1, -2], [-1, 2], [-1, -2]];
    // [1] is RUP; [] then needs the axiom [-1]: rejected before it, accepted after it.
    const late: Step[] = [{ kind: 'add', clause: [1] }, { kind: 'add', clause: [] }, { kind: 'axiom', clause: [-1] }];
    expect(run(2, all4.slice(0, 2), late)).toMatchObject({ ok: false, step: 2 });
    const early: Step[] = [{ kind: 'add', clause: [1] }, { kind: 'axiom', clause: [-1] }, { kind: 'add', clause: [] }];
    expect(run(2, all4.slice(0, 2), early)).toMatchObject({ ok: true });
  });

  it('deleting a clause the top-level assignment relies on withdraws what it implied', () => {
    const ch = new RupChecker({ numVars: 3, clauses: [[1]] });
    ch.axiom([-1, 2]); // unit: 2 at the top level, because of [1]
    ch.axiom([-2, 3]);
    expect(ch.isRup([3])).toBe(true);
    expect(ch.delete([1])).toBe(true);
    expect(ch.isRup([3])).toBe(false);
    expect(ch.isRup([-1, 3])).toBe(true);
    // A falsified axiom, then deleting it: no longer refuted.
    ch.axiom([1]);
    ch.axiom([-3]); // 1, 2, 3 true: conflict
    expect(ch.refuted).toBe(true);
    ch.delete([-3]);
    expect(ch.refuted).toBe(false);
    expect(ch.isRup([3])).toBe(true);
  });

  it('deleting the clause that propagated a literal, or a unit, withdraws the literal', () => {
    const ch = new RupChecker({ numVars: 3, clauses: [[-1, 2], [-2, 3], [1]] }); // 1, then 2 and 3 by propagation
    expect(ch.isRup([3])).toBe(true);
    ch.delete([2, -1]);
    expect(ch.isRup([3])).toBe(false);
    expect(ch.isRup([2])).toBe(false);
    expect(ch.isRup([-2, 3])).toBe(true);
    const u = new RupChecker({ numVars: 2, clauses: [[1], [1], [-1, 2]] });
    u.delete([1]);
    expect(u.isRup([2])).toBe(true); // the other copy of [1]
    u.delete([1]);
    expect(u.isRup([2])).toBe(false);
  });

  it('takes variables beyond numVars, and rejects invalid literals', () => {
    const ch = new RupChecker({ numVars: 1, clauses: [[1]] });
    ch.axiom([-1, 40]);
    ch.axiom([-40, 2000]);
    expect(ch.isRup([2000])).toBe(true);
    expect(ch.derive([-2000, 70000])).toBe(false);
    expect(() => ch.axiom([1, 0])).toThrow(RangeError);
    expect(() => ch.derive([1.5])).toThrow(RangeError);
    expect(() => new RupChecker({ numVars: 1, clauses: [[2 ** 31]] })).toThrow(/CNF clause 1/);
  });

  const withAxioms = (maxVars: number) =>
    fc.integer({ min: 1, max: maxVars }).chain((n) => {
      const lit = fc.integer({ min: 1, max: n + 1 }).chain((v) => fc.constantFrom(v, -v));
      const clause = fc.array(lit, { minLength: 0, maxLength: 3 });
      const kind = fc.constantFrom<Step['kind']>('add', 'add', 'axiom', 'axiom', 'delete');
      return fc
        .record({
          numVars: fc.constant(n),
          clauses: fc.array(fc.array(lit, { minLength: 1, maxLength: 3 }), { maxLength: 10 }),
          steps: fc.array(fc.record({ kind, clause, pick: fc.option(fc.nat(), { freq: 4 }) }), { maxLength: 16 }),
        })
        .map(({ numVars, clauses, steps }) => {
          // Most deletions delete a clause present before (reversed: the order of literals does not matter).
          const pool: number[][] = [...clauses];
          const out: Step[] = steps.map(({ kind, clause, pick }) => {
            const c = kind === 'delete' && pick !== null && pool.length > 0 ? [...pool[pick % pool.length]].reverse() : clause;
            if (kind !== 'delete') pool.push(c);
            return { kind, clause: c };
          });
          return { numVars, clauses, steps: out };
        });
    });

  it('agrees with the naive checker on random steps with axioms, and on being refuted after each step', () => {
    fc.assert(
      fc.property(withAxioms(5), ({ numVars, clauses, steps }) => {
        const r = run(numVars, clauses, steps);
        const n = naiveCheck(clauses, steps);
        expect(r.ok).toBe(n.ok);
        if (!r.ok) expect(r.step).toBe(n.step);
        // After each step that was processed: refuted iff naive unit propagation of the live clauses conflicts.
        const db = clauses.map((c) => [...c]);
        r.refuted.forEach((ref, i) => {
          const { kind, clause } = steps[i];
          const key = (c: readonly number[]) => [...new Set(c)].sort((a, b) => a - b).join(' ');
          if (kind === 'delete') {
            if (!clause.some((l) => clause.includes(-l))) {
              const j = db.map(key).lastIndexOf(key(clause));
              if (j >= 0) db.splice(j, 1);
            }
          } else db.push([...clause]);
          expect(ref, `after step ${i + 1}`).toBe(naiveRup(db, []));
        });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseDrat / writeDrat', () => {
  it('parses additions, deletions, comments, empty clauses and clauses spanning lines', () => {
    const text = 'c a comment\n1 -2 0\nd 1 -2 0\n\n  3\n 4 0\n0\n';
    expect(parseDrat(text)).toEqual([
      { kind: 'add', clause: [1, -2] },
      { kind: 'delete', clause: [1, -2] },
      { kind: 'add', clause: [3, 4] },
      { kind: 'add', clause: [] },
    ]);
  });

  it('reports the line of malformed input', () => {
    expect(() => parseDrat('1 2 0\n\n1 x 0\n', 'p.drat')).toThrow(/p\.drat: line 3: expected a literal/);
    expect(() => parseDrat('1 2 0\n3 4\n')).toThrow(/line 2: clause not terminated/);
    expect(() => parseDrat('1 d 2 0\n')).toThrow(/line 1: 'd' in the middle/);
    expect(() => parseDrat('1 2 0\n\u0061\u0001\u0002\n')).toThrow(/line 2: .*binary/);
    expect(() => parseDrat('99999999999 0\n')).toThrow(/line 1: literal .* out of range/);
    expect(() => parseDrat('1 2 0\n3 -4.5 0\n')).toThrow(/line 2/);
  });

  it('round-trips through writeDrat', () => {
    const step = fc.record({
      kind: fc.constantFrom<'add' | 'delete'>('add', 'delete'),
      clause: fc.array(fc.integer({ min: -1000, max: 1000 }).filter((l) => l !== 0), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (proof) => {
        expect(parseDrat(writeDrat(proof))).toEqual(proof);
      }),
    );
  });
});

const uufFiles = existsSync(SATLIB) ? readdirSync(SATLIB).filter((f) => /^uuf.*\.cnf$/.test(f)).sort() : [];
const load = (f: string): { numVars: number; clauses: number[][] } => {
  const p = parseDimacs(readFileSync(join(SATLIB, f), 'latin1'), f);
  return { numVars: p.numVars, clauses: clausesToArrays(p.clauses) };
};

describe('CaDiCaL learned clauses as DRUP proofs (DRUP_PROOF_OPTIONS)', () => {
  it('proves PHP(6,5) unsatisfiable with a proof that checks', async () => {
    const cnf = pigeonhole(5);
    const { status, proof } = await cadicalProof(cnf);
    expect(status).toBe('unsat');
    expect(proof.at(-1)?.clause).toEqual([]);
    expect(checkDrup(cnf, proof)).toEqual({ ok: true });
  });

  it.skipIf(uufFiles.length === 0)(`checks the proofs of all SATLIB uuf instances present (${uufFiles.length}${uufFiles.length ? '' : `: ${SATLIB} is absent`})`, async () => {
    const sizes = new Set(uufFiles.map((f) => f.replace(/-.*/, '')));
    for (const s of ['uuf50', 'uuf75', 'uuf100']) expect(sizes.has(s)).toBe(true);
    // (Speed is not asserted here: tests never assert wall-clock times.)
    for (const f of uufFiles) {
      const cnf = load(f);
      const { status, proof } = await cadicalProof(cnf);
      expect(status, f).toBe('unsat');
      const r = checkDrup(cnf, proof);
      expect(r, `${f}: ${proof.length} steps`).toEqual({ ok: true });
    }
  });

  const mutated = uufFiles.filter((f) => /^uuf(50-01|75-01|100-01|125-01)\.cnf$/.test(f));
  it.skipIf(mutated.length === 0)('rejects mutated proofs at a step the naive oracle confirms', async () => {
    for (const f of mutated) {
      const cnf = load(f);
      const { proof } = await cadicalProof(cnf);
      const n = proof.length;
      expect(checkDrup(cnf, proof).ok).toBe(true);

      // Truncated before the empty clause.
      expect(checkDrup(cnf, proof.slice(0, n - 1))).toMatchObject({ ok: false, step: n, reason: expect.stringContaining('without deriving the empty clause') });

      // A rejection must be at or after the mutation, and be a real non-RUP step (or the end).
      const confirm = (mut: ProofStep[], from: number): number => {
        const r = checkDrup(cnf, mut);
        if (r.ok) return 0;
        expect(r.step, f).toBeGreaterThanOrEqual(from);
        if (r.step <= mut.length) {
          const db = [...cnf.clauses, ...mut.slice(0, r.step - 1).map((s) => s.clause)];
          expect(naiveRup(db, mut[r.step - 1].clause), `${f} step ${r.step}`).toBe(false);
        }
        return r.step;
      };

      // Dropping a step needed later: the last learned clause before the empty clause, and a
      // few early ones; at least one must be rejected.
      let dropped = 0;
      for (const k of [n - 2, 0, 1, 2, 3]) {
        if (k < 0 || k >= n - 1) continue;
        const mut = [...proof.slice(0, k), ...proof.slice(k + 1)];
        if (confirm(mut, k + 1) > 0) dropped++;
      }
      expect(dropped, f).toBeGreaterThan(0);

      // Flipping a literal: the first flip the oracle says is not RUP is rejected right there.
      let flippedAt = -1;
      for (let k = 0; k < n - 1 && flippedAt < 0; k++) {
        const c = proof[k].clause;
        if (c.length === 0) continue;
        const flipped = [-c[0], ...c.slice(1)];
        const db = [...cnf.clauses, ...proof.slice(0, k).map((s) => s.clause)];
        if (naiveRup(db, flipped)) continue;
        const mut = proof.map((s, i) => (i === k ? { kind: 'add' as const, clause: flipped } : s));
        expect(checkDrup(cnf, mut), `${f} flip at ${k + 1}`).toMatchObject({ ok: false, step: k + 1, reason: expect.stringContaining('not RUP') });
        flippedAt = k;
      }
      expect(flippedAt, f).toBeGreaterThanOrEqual(0);
    }
  });
});

describe.skipIf(!existsSync(MAIN))('CLI: sat --proof and check-proof (needs npm run build)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainsat-rup-'));
  const cli = async (...args: string[]) => {
    const r = await runCli(args);
    return { status: r.code, stdout: r.out, stderr: r.err };
  };
  const cnfFile = uufFiles.includes('uuf50-01.cnf') ? join(SATLIB, 'uuf50-01.cnf') : join(dir, 'php.cnf');
  if (!uufFiles.includes('uuf50-01.cnf')) writeFileSync(cnfFile, toDimacs(pigeonhole(4)));

  it('writes a proof on UNSAT that check-proof verifies; a cut proof is rejected, a bad one is an input error', async () => {
    const proofFile = join(dir, 'p.drat');
    const s = await cli('sat', cnfFile, '--proof', proofFile);
    expect(s.stderr).toBe('');
    expect(s.status).toBe(20);
    expect(s.stdout).toBe('s UNSATISFIABLE\n');
    const text = readFileSync(proofFile, 'utf8');
    expect(text.trimEnd().split('\n').at(-1)).toBe('0');

    const ok = await cli('check-proof', cnfFile, proofFile);
    expect(ok.stdout).toBe('proof verified\n');
    expect(ok.status).toBe(0);

    const lines = text.trimEnd().split('\n');
    const cut = join(dir, 'cut.drat');
    writeFileSync(cut, lines.slice(0, -1).join('\n') + '\n');
    const rej = await cli('check-proof', cnfFile, cut);
    expect(rej.status).toBe(1);
    expect(rej.stdout).toMatch(new RegExp(`^proof rejected at step ${lines.length}: `));

    const bad = join(dir, 'bad.drat');
    writeFileSync(bad, '1 2 0\n1 x 0\n');
    const b = await cli('check-proof', cnfFile, bad);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/line 2/);
    expect((await cli('check-proof', cnfFile, join(dir, 'missing.drat'))).status).toBe(2);
  });

  it('writes no proof on SAT, and refuses --proof with other backends', async () => {
    const satCnf = join(dir, 'sat.cnf');
    writeFileSync(satCnf, 'p cnf 2 2\n1 2 0\n-1 0\n');
    const proofFile = join(dir, 'none.drat');
    const s = await cli('sat', satCnf, '--proof', proofFile);
    expect(s.status).toBe(10);
    expect(s.stdout).toBe('s SATISFIABLE\nv -1 2 0\n');
    expect(existsSync(proofFile)).toBe(false);
    const m = await cli('sat', satCnf, '--backend', 'minisat', '--proof', proofFile);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/--proof needs the cadical backend/);
  });
});
