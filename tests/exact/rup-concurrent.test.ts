/**
 * Checking a proof while it is produced (src/exact/rup-concurrent.ts): the forward stream
 * checker (ForwardRupStream) refuses exactly the step the forward checker (src/exact/rup.ts)
 * rejects first, whatever its window and how soon it forgets marks; the backward check that
 * stops at a prefix verified forward (checkDrupBackward's verifiedBelow, also when the prefix
 * grows during the walk) accepts every proof the forward checker accepts and no satisfiable
 * formula; and ConcurrentDrupCheck, with its worker thread (the built module in dist/),
 * accepts CaDiCaL's proofs, refuses a tampered one, and reports how far the worker got; with
 * the worker's hints it puts together an LRAT proof that checks.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDrupBackward, ForwardRupStream } from '../../src/exact/rup-backward.js';
import type { ConcurrentDrupCheck as ConcurrentDrupCheckType } from '../../src/exact/rup-concurrent.js';
import { checkLrat, type LratProof } from '../../src/exact/lrat.js';
import { checkDrup, type ProofStep } from '../../src/exact/rup.js';
import { createCadical, DRUP_PROOF_OPTIONS } from '../../src/solvers/cadical.js';
import { bruteSatisfiable } from '../helpers/cnf-brute.js';
import { ROOT } from '../helpers/cli.js';
import { add, random3Sat, smallProof, unsatRandom3Sat } from '../helpers/proofs.js';

/**
 * Small CNFs with longer proofs whose steps are mostly RUP: resolvents and weakenings of
 * earlier clauses (RUP by construction), now and then a random clause (mostly not RUP),
 * and the empty clause at the end; so checks reach back to clauses added long before.
 */
const derivedProof = (maxVars: number) =>
  fc.integer({ min: 2, max: maxVars }).chain((n) => {
    const lit = fc.integer({ min: 1, max: n }).chain((v) => fc.constantFrom(v, -v));
    const step = fc.record({ kind: fc.constantFrom('resolve', 'resolve', 'resolve', 'resolve', 'resolve', 'resolve', 'weaken', 'weaken', 'random'), a: fc.nat(), b: fc.nat(), extra: lit, random: fc.array(lit, { maxLength: 3 }) });
    return fc.record({
      numVars: fc.constant(n),
      clauses: fc.array(fc.array(lit, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 14 }),
      steps: fc.array(step, { minLength: 12, maxLength: 40 }),
    }).map(({ numVars, clauses, steps }) => {
      const db: number[][] = clauses.map((c) => [...new Set(c)]);
      const proof: ProofStep[] = [];
      for (const s of steps) {
        let clause: number[] = s.random;
        if (s.kind === 'weaken') clause = [...new Set([...db[s.a % db.length], s.extra])];
        if (s.kind === 'resolve') {
          const c = db[s.a % db.length];
          const pivot = c.find((l) => db.some((d) => d.includes(-l)));
          if (pivot !== undefined) {
            const others = db.filter((d) => d.includes(-pivot));
            const d = others[s.b % others.length];
            clause = [...new Set([...c.filter((l) => l !== pivot), ...d.filter((l) => l !== -pivot)])];
          }
        }
        db.push(clause);
        proof.push(add(clause));
      }
      proof.push(add([]));
      return { numVars, clauses, proof };
    });
  });

/** Pushes the proof into a forward stream; the 0-based index of the first refused step, or -1. */
function streamRefusal(stream: ForwardRupStream, proof: readonly ProofStep[], upTo = proof.length): number {
  for (let i = 0; i < upTo; i++) {
    if (!stream.push(proof[i].clause)) return i;
    if (stream.complete) return -1;
  }
  return -1;
}

const settings = fc.record({ window: fc.constantFrom(1, 2, 5, 300), forgetAfter: fc.constantFrom(0, 1, 2, 3, 2000) });

describe('ForwardRupStream', () => {
  it('refuses exactly the step the forward checker rejects first, and completes exactly when it accepts', () => {
    fc.assert(
      fc.property(smallProof(5, 14), settings, ({ numVars, clauses, proof }, opts) => {
        const cnf = { numVars, clauses };
        const stream = new ForwardRupStream(cnf, opts);
        const refused = streamRefusal(stream, proof);
        const fwd = checkDrup(cnf, proof);
        if (fwd.ok) {
          expect(refused).toBe(-1);
          expect(stream.complete).toBe(true);
          expect(stream.stopped).toBe(false);
        } else if (fwd.step <= proof.length) {
          expect(refused).toBe(fwd.step - 1);
          expect(stream.stopped).toBe(true);
          expect(stream.verified).toBe(fwd.step - 1);
          expect(stream.complete).toBe(false);
        } else {
          expect(refused).toBe(-1);
          expect(stream.complete).toBe(false);
          expect(stream.verified).toBe(proof.length);
        }
        // Refused for good: nothing after a refusal is accepted.
        if (stream.stopped) expect(stream.push([])).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the forward checker on long proofs of derived steps, with a window of one and marks forgotten at once', () => {
    let long = 0;
    fc.assert(
      fc.property(derivedProof(6), settings, ({ numVars, clauses, proof }, opts) => {
        const cnf = { numVars, clauses };
        const stream = new ForwardRupStream(cnf, opts);
        const refused = streamRefusal(stream, proof);
        const fwd = checkDrup(cnf, proof);
        expect(refused).toBe(fwd.ok || fwd.step > proof.length ? -1 : fwd.step - 1);
        expect(stream.complete).toBe(fwd.ok);
        if (stream.verified > 10) long++;
      }),
      { numRuns: 2000 },
    );
    // Most runs accept long prefixes, so the window and the marks really move.
    expect(long).toBeGreaterThan(400);
  });

  it("accepts CaDiCaL's proofs in every setting, down to a window of one clause and marks forgotten after every check", async () => {
    let unsat = 0;
    for await (const { cnf, proof } of unsatRandom3Sat(60, 5, 5)) {
      unsat++;
      for (const opts of [{}, { window: 1, forgetAfter: 1 }, { window: 1, forgetAfter: 0 }, { window: 20, forgetAfter: 3 }]) {
        const stream = new ForwardRupStream(cnf, opts);
        expect(streamRefusal(stream, proof)).toBe(-1);
        expect(stream.complete).toBe(true);
        expect(stream.verified).toBe(proof.length);
      }
    }
    expect(unsat).toBeGreaterThan(2);
  });

  it('refuses invalid literals and variables beyond the input (no claim about them), and accepts everything after an empty input clause', () => {
    const all4 = { numVars: 2, clauses: [[1, 2], [1, -2], [-1, 2], [-1, -2]] };
    const beyond = new ForwardRupStream(all4);
    expect(beyond.push([3, 1])).toBe(false);
    expect(beyond.stopped).toBe(true);
    expect(beyond.verified).toBe(0);
    expect(new ForwardRupStream(all4).push([1.5])).toBe(false);
    const empty = new ForwardRupStream({ numVars: 1, clauses: [[1], []] });
    expect(empty.push([-1])).toBe(true);
    expect(empty.push([])).toBe(true);
    expect(empty.complete).toBe(true);
    const ok = new ForwardRupStream(all4);
    expect([ok.push([1]), ok.push([]), ok.complete, ok.verified]).toEqual([true, true, true, 2]);
  });
});

describe('checkDrupBackward with a prefix verified forward', () => {
  it('accepts what the forward checker accepts and never a satisfiable formula, also when the prefix grows during the walk', () => {
    fc.assert(
      fc.property(smallProof(5, 14), fc.nat(), fc.boolean(), ({ numVars, clauses, proof }, cut, growing) => {
        const cnf = { numVars, clauses };
        // The prefix a forward stream really verified after some of the steps arrived.
        const stream = new ForwardRupStream(cnf, { window: 2, forgetAfter: 2 });
        streamRefusal(stream, proof, cut % (proof.length + 1));
        const k = stream.verified;
        // Growing: the walk first sees less, then up to k (never more than was verified).
        let reads = 0;
        const verifiedBelow = growing ? () => Math.min(k, reads++) : () => k;
        const r = checkDrupBackward(cnf, proof, { verifiedBelow, window: 1 });
        if (checkDrup(cnf, proof).ok) expect(r).toEqual({ ok: true });
        if (r.ok) expect(bruteSatisfiable(cnf)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('ConcurrentDrupCheck (the built worker)', () => {
  const load = async (): Promise<typeof ConcurrentDrupCheckType> =>
    ((await import(pathToFileURL(join(ROOT, 'dist', 'src', 'exact', 'rup-concurrent.js')).href)) as { ConcurrentDrupCheck: typeof ConcurrentDrupCheckType }).ConcurrentDrupCheck;

  it("accepts CaDiCaL's proofs with the worker running, and with everything left to the backward walk", async () => {
    const ConcurrentDrupCheck = await load();
    let unsat = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const cnf = random3Sat(70, 5, seed);
      for (const wait of [true, false]) {
        const check = new ConcurrentDrupCheck(cnf);
        const solver = await createCadical(DRUP_PROOF_OPTIONS);
        let status: string;
        try {
          solver.onLearn((c) => check.add(c));
          solver.ensureVars(cnf.numVars);
          solver.addClauses(cnf.clauses);
          status = await solver.solve();
        } finally {
          solver.dispose();
        }
        if (status !== 'unsat') {
          await check.dispose();
          continue;
        }
        if (check.proof.at(-1)?.clause.length !== 0) check.add([]);
        if (wait) await check.caughtUp();
        const r = await check.finish();
        expect(r.result).toEqual({ ok: true });
        expect(r.concurrent).toBe(true);
        // With the worker keeping hints, the LRAT of the refutation, made from both checks' hints.
        const withHints = new ConcurrentDrupCheck(cnf, { hints: true });
        for (const st of check.proof) withHints.add(st.clause);
        if (wait) await withHints.caughtUp();
        const lrat: LratProof = { steps: [] };
        const h = await withHints.finish({ lrat });
        expect(h.result).toEqual({ ok: true });
        expect(h.concurrent).toBe(true);
        expect(lrat.steps.at(-1)).toMatchObject({ clause: [] });
        expect(checkLrat(cnf, lrat)).toEqual({ ok: true });
        if (wait) expect(h.forward).toBe(check.proof.length);
        // Caught up, the worker has checked the whole proof itself.
        if (wait) {
          expect(r.forward).toBe(check.proof.length);
          unsat++;
        }
      }
    }
    expect(unsat).toBeGreaterThan(2);
  });

  it('sat --proof stops the worker when the solve fails: the error comes back and the process exits', () => {
    // A progress callback that throws, on pigeonhole 10 into 9 (long enough for progress
    // reports), in a process of its own: with the worker left running it would never exit.
    const script = `
      import { pigeonhole } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', 'arbitraries', 'cnf-pigeonhole.js')).href)};
      import { parseDimacs, writeDimacs } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', 'cnf', 'dimacs.js')).href)};
      import { solveWithProof } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', 'solvers', 'proof-solve.js')).href)};
      const cnf = parseDimacs(writeDimacs(pigeonhole(9)), 'php');
      try {
        await solveWithProof(cnf, { onProgress: () => { throw new Error('progress callback failed'); } });
        console.log('no error');
      } catch (e) { console.log(String(e)); }
    `;
    // A module file, not -e: started with -e, the process exited even with the worker left running.
    const dir = mkdtempSync(join(tmpdir(), 'trainsat-proof-'));
    try {
      const file = join(dir, 'solve.mjs');
      writeFileSync(file, script);
      const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
      expect(r.error).toBeUndefined();
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('progress callback failed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('stops the worker at a tampered step and rejects a proof of a satisfiable formula', async () => {
    const ConcurrentDrupCheck = await load();
    // Satisfiable (x1 = x2 = true); the unit -1 is not RUP, and the proof uses it.
    const cnf = { numVars: 2, clauses: [[1, 2], [1, -2], [-1, 2]] };
    const check = new ConcurrentDrupCheck(cnf);
    for (const c of [[1, 2], [-1], []]) check.add(c);
    await check.caughtUp();
    const r = await check.finish();
    expect(r.forward).toBe(1);
    expect(r.result).toMatchObject({ ok: false, step: 2 });
    // A valid proof: the worker gets it all.
    const all4 = { numVars: 2, clauses: [[1, 2], [1, -2], [-1, 2], [-1, -2]] };
    const good = new ConcurrentDrupCheck(all4);
    for (const c of [[1], []]) good.add(c);
    await good.caughtUp();
    expect(await good.finish()).toEqual({ result: { ok: true }, forward: 2, concurrent: true });
  });
});
