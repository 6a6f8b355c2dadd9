/**
 * DRUP certificates over the bit-blasted CNF (src/exact/certificate.ts, "DRUP bundle"):
 * `decide` with certify on the cadical backend (and on auto for networks with classes,
 * which the hybrid procedure does not decide) records CaDiCaL's learned clauses; the
 * checker rebuilds the CNF from the instance and checks them, backwards by default (only
 * the clauses the refutation uses), every clause in order with `forward`.
 *  - untrainable tiny layered multi-class instances (brute force confirms the answer) are
 *    certified, and the certificate, after a round trip through its text, is accepted;
 *  - trainable ones get no certificate;
 *  - tampered proofs: the backward check accepts whatever the forward check accepts; when it
 *    accepts, the clauses it used (its core) are each RUP by a naive unit-propagation
 *    oracle, the core alone is a proof the forward checker accepts, and the first clause
 *    the oracle rejects (if any) is outside the core; a rejection (either mode) names the
 *    first clause the oracle rejects, and names that clause; tampering with the core gets some proofs rejected,
 *    removing the empty clause always; the forward mode rejects exactly where the oracle
 *    does; no tampered proof is accepted against a trainable instance's CNF of the same size;
 *  - the CLI: `solve --certify --cert F`, then `check` and `check --forward` (exit codes of
 *    docs/cli.md).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { layeredInstance } from '../../src/arbitraries/layered.js';
import { decide } from '../../src/decide.js';
import { encodeLoading } from '../../src/encode/loading.js';
import { checkDrupBackward } from '../../src/exact/rup-backward.js';
import {
  certificateText,
  checkCertificate,
  checkDrupBundle,
  DRUP_CERTIFICATE_FORMAT,
  drupBundleToText,
  parseCertificate,
  parseDrupBundle,
  type DrupCertificateBundle,
  type DrupProof,
} from '../../src/exact/certificate.js';
import { parseInstance } from '../../src/model/parse.js';
import { instanceToJSON } from '../../src/model/serialize.js';
import type { Instance } from '../../src/model/types.js';
import { bruteStatus } from '../helpers/brute-status.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { naiveRup } from '../helpers/cnf-brute.js';

/** An instance from its JSON form (presets expanded, as a file is read). */
const instanceOf = (json: unknown): Instance => parseInstance(JSON.stringify(json), '<test>');

const layeredJson = (inputs: number, hidden: number[], examples: { x: number[]; label: number }[]) => ({
  network: { preset: 'layered', inputs, hidden, classes: 2, weights: { min: -1, max: 1 } },
  examples,
});

/** One example twice with different labels: no parameters fit both. */
const TWICE = layeredJson(2, [1], [
  { x: [1, 0], label: 0 },
  { x: [1, 0], label: 1 },
]);
/** XOR as two classes of linear scores: not linearly separable, so untrainable. */
const XOR = layeredJson(2, [], [
  { x: [0, 0], label: 0 },
  { x: [0, 1], label: 1 },
  { x: [1, 0], label: 1 },
  { x: [1, 1], label: 0 },
]);

/** Certifies the instance; the bundle after a round trip through its text, or null when not untrainable. */
async function certify(inst: Instance, opts: { backend?: string; symmetryBreaking?: boolean } = {}): Promise<DrupCertificateBundle | null> {
  const r = await decide(inst, { ...opts, certify: true, timeoutMs: 20_000 });
  if (r.status !== 'untrainable') {
    expect(r.certificate).toBeUndefined();
    return null;
  }
  expect(['cadical', 'layerwise']).toContain(r.backend);
  expect((r.certificate as DrupProof).kind).toBe('drup');
  const b = parseCertificate(JSON.parse(certificateText(inst, r.certificate!)));
  expect(b.format).toBe(DRUP_CERTIFICATE_FORMAT);
  return b as DrupCertificateBundle;
}

const withProof = (b: DrupCertificateBundle, proof: number[][]): DrupCertificateBundle => ({ ...b, proof });

/**
 * The 1-based clause the check must reject, by the naive oracle: the first proof clause
 * that is not RUP over the CNF and the clauses before it, or proof.length + 1 when none is
 * and there is no empty clause; 0 if the proof holds.
 */
function naiveFirstFailure(inst: Instance, b: DrupCertificateBundle): number {
  const db: number[][] = encodeLoading(inst, b.encoding).cnf.clauses.map((c) => [...c]);
  for (let i = 0; i < b.proof.length; i++) {
    if (!naiveRup(db, b.proof[i])) return i + 1;
    if (b.proof[i].length === 0) return 0;
    db.push(b.proof[i]);
  }
  return b.proof.length + 1;
}

/** 0 when the bundle is accepted, else the step it is rejected at. */
const verdict = (inst: Instance, b: DrupCertificateBundle, forward = false): number => {
  const r = checkDrupBundle(inst, b, '<test>', { forward });
  return r.ok ? 0 : r.step;
};

/** The 1-based proof clauses the backward checker used to accept the bundle, or null when it rejects. */
function backwardCore(inst: Instance, b: DrupCertificateBundle): number[] | null {
  const core: number[] = [];
  const cnf = encodeLoading(inst, b.encoding).cnf;
  const r = checkDrupBackward(cnf, b.proof.map((clause) => ({ kind: 'add' as const, clause })), { core });
  return r.ok ? core : null;
}

/**
 * What the checks must say of a (possibly tampered) bundle: the forward mode rejects exactly
 * at the oracle's first failure; the backward mode accepts whatever the forward mode accepts
 * and otherwise rejects at the same step; when it accepts, every core clause is RUP over the
 * CNF and the clauses before it, the oracle's first failure is outside the core, and the
 * core followed by the empty clause is a proof the forward mode accepts. Returns whether
 * the backward mode rejected it.
 */
function expectSoundVerdicts(inst: Instance, b: DrupCertificateBundle, what: string): boolean {
  const want = naiveFirstFailure(inst, b);
  expect(verdict(inst, b, true), `${what}, forward`).toBe(want);
  const r = checkDrupBundle(inst, b);
  if (want === 0) expect(r, `${what}: the forward check accepts`).toEqual({ ok: true });
  if (!r.ok) {
    expect(r.step, `${what}, backward rejection`).toBe(want);
    if (want <= b.proof.length) {
      const named = b.proof[want - 1].length ? `${b.proof[want - 1].join(' ')} 0` : 'the empty clause';
      expect(r.reason).toBe(`clause ${named} is not RUP with respect to the CNF and the proof clauses before it (unit propagation finds no conflict)`);
    }
    return true;
  }
  const core = backwardCore(inst, b);
  expect(core, what).not.toBeNull();
  const cnf = encodeLoading(inst, b.encoding).cnf.clauses;
  for (const s of core!) expect(naiveRup([...cnf, ...b.proof.slice(0, s - 1)], b.proof[s - 1]), `${what}: core clause ${s}`).toBe(true);
  expect(core!, what).not.toContain(want);
  const trimmed = withProof(b, [...core!.map((s) => b.proof[s - 1]), []]);
  expect(verdict(inst, trimmed, true), `${what}: the core alone`).toBe(0);
  return false;
}

describe('DRUP certificates of the bit-blasted encoding', () => {
  it('an example given twice with different labels: certified by auto (the hybrid does not decide classes), accepted', async () => {
    const inst = instanceOf(TWICE);
    for (const symmetryBreaking of [true, false]) {
      const b = await certify(inst, { symmetryBreaking });
      expect(b).not.toBeNull();
      expect(b!.encoding).toMatchObject({ name: 'bit-blast', symmetryBreaking, shareSums: true });
      expect(b!.proof[b!.proof.length - 1]).toEqual([]);
      expect(checkCertificate(inst, b!)).toEqual({ ok: true });
    }
  });

  it('tiny layered instances with random labels: certified and accepted exactly when brute force says untrainable', async () => {
    let certified = 0;
    await fc.assert(
      fc.asyncProperty(
        layeredInstance({ minExamples: 2, maxExamples: 5, maxInputs: 2, maxWidth: 1 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        async ({ instance }, labels) => {
          const classes = instance.network.classes!;
          const inst: Instance = { ...instance, examples: instance.examples.map((ex, e) => ({ ...ex, label: labels[e] % classes })) };
          const brute = bruteStatus(inst, 200_000);
          if (brute === null) return;
          const b = await certify(inst);
          expect(b === null ? 'trainable' : 'untrainable', JSON.stringify(instanceToJSON(inst))).toBe(brute);
          if (b === null) return;
          certified++;
          expect(checkDrupBundle(inst, b)).toEqual({ ok: true });
        },
      ),
      { numRuns: 40 },
    );
    expect(certified).toBeGreaterThan(0);
  });

  it('--backend cadical certifies networks without classes too (integer and real weights, lookups)', async () => {
    for (const file of ['xor-perceptron.json', 'integer-weights-untrainable.json', 'lookup-one-input-xor.json', 'parity-3-perceptron.json']) {
      const inst = parseInstance(readFileSync(join(ROOT, 'instances', file), 'utf8'), file);
      const b = await certify(inst, { backend: 'cadical' });
      expect(b, file).not.toBeNull();
      expect(checkCertificate(inst, b!), file).toEqual({ ok: true });
    }
  });

  it('certify on another SAT backend is refused', async () => {
    await expect(decide(instanceOf(TWICE), { backend: 'minisat', certify: true })).rejects.toThrow(/hybrid, cadical or layerwise/);
  });

  describe('tampering', () => {
    const inst = instanceOf(XOR);
    let good: DrupCertificateBundle;
    beforeAll(async () => {
      good = (await certify(inst))!;
    });

    it('the proof needs many clauses and the CNF alone is not refuted by unit propagation', () => {
      expect(good.proof.length).toBeGreaterThan(10);
      expect(naiveFirstFailure(inst, withProof(good, [[]]))).toBe(1);
      expect(verdict(inst, withProof(good, [[]]))).toBe(1);
    });

    it('the backward check uses fewer clauses than the proof has, and the core alone is a proof', () => {
      const core = backwardCore(inst, good)!;
      expect(core.length).toBeGreaterThan(0);
      expect(core.length).toBeLessThan(good.proof.length - 1);
      expect(expectSoundVerdicts(inst, good, 'the certificate')).toBe(false);
    });

    // Tampers at every 24th clause and at every 12th core clause (the oracle is slow).
    const tampered = (): { at: number[]; core: Set<number> } => {
      const core = backwardCore(inst, good)!.map((s) => s - 1);
      const at = new Set(core.filter((_, k) => k % 12 === 0));
      for (let i = 0; i < good.proof.length - 1; i += 24) at.add(i);
      return { at: [...at].sort((a, b) => a - b), core: new Set(core) };
    };

    it('a clause removed (every 24th, and core clauses): sound verdicts in both modes, some rejected', () => {
      const removed = tampered().at;
      let rejected = 0;
      for (const i of removed) {
        if (expectSoundVerdicts(inst, withProof(good, good.proof.filter((_, k) => k !== i)), `clause ${i + 1} removed`)) rejected++;
      }
      expect(rejected).toBeGreaterThan(0);
    });

    it('a literal flipped (every 24th clause, and core clauses): sound verdicts in both modes, some core flips rejected', () => {
      const { at, core } = tampered();
      let coreRejected = 0;
      for (const i of at) {
        const proof = good.proof.map((c, k) => (k === i ? [-c[0], ...c.slice(1)] : c));
        if (expectSoundVerdicts(inst, withProof(good, proof), `clause ${i + 1} flipped`) && core.has(i)) coreRejected++;
      }
      expect(coreRejected).toBeGreaterThan(0);
    });

    it('no empty clause: rejected after the last clause, in both modes', () => {
      const b = withProof(good, good.proof.slice(0, -1));
      for (const forward of [false, true]) {
        expect(checkDrupBundle(inst, b, '<test>', { forward })).toEqual({
          ok: false,
          step: good.proof.length,
          reason: `the proof ends (after ${good.proof.length - 1} steps) without deriving the empty clause`,
        });
      }
    });

    it('another instance: bad input; with its hash patched in, never accepted', () => {
      const trainable = instanceOf({ ...XOR, examples: XOR.examples.map((ex) => ({ ...ex, label: ex.x[0] })) });
      expect(bruteStatus(trainable)).toBe('trainable');
      expect(() => checkDrupBundle(trainable, good)).toThrow(/another instance/);
      const patched = parseDrupBundle(JSON.parse(certificateText(trainable, { kind: 'drup', encoding: good.encoding, proof: good.proof })));
      // The same CNF size (only the wiring of the labels differs), so the proof itself is
      // checked: a satisfiable CNF, no proof accepted, tampered or not, in either mode.
      for (const forward of [false, true]) {
        expect(checkDrupBundle(trainable, patched, '<test>', { forward }).ok).toBe(false);
        for (let i = 0; i < good.proof.length - 1; i += 5) {
          const proof = good.proof.filter((_, k) => k !== i);
          expect(checkDrupBundle(trainable, { ...patched, proof }, '<test>', { forward }).ok, `clause ${i + 1} removed`).toBe(false);
        }
      }
    });

    it('a CNF of another size than the certificate records: bad input', () => {
      expect(() => checkDrupBundle(inst, { ...good, encoding: { ...good.encoding, clauses: good.encoding.clauses + 1 } })).toThrow(
        `encoding: the rebuilt CNF has ${good.encoding.vars} variables and ${good.encoding.clauses} clauses, the certificate says ${good.encoding.vars} and ${good.encoding.clauses + 1}`,
      );
    });

    it('malformed bundles name the JSON path', () => {
      const j = JSON.parse(drupBundleToText(good));
      expect(() => parseDrupBundle({ ...j, proof: [[1, 0]] })).toThrow('proof[0][1]: expected a non-zero integer literal');
      expect(() => parseDrupBundle({ ...j, encoding: { ...j.encoding, name: 'skeleton' } })).toThrow('encoding.name');
      expect(() => parseDrupBundle({ ...j, encoding: { ...j.encoding, shareSums: 1 } })).toThrow('encoding.shareSums');
      expect(() => parseDrupBundle({ ...j, encoding: { ...j.encoding, vars: -1 } })).toThrow('encoding.vars');
      expect(() => parseCertificate({ ...j, format: 'trainsat-drup-certificate-2' })).toThrow(
        'format: unsupported certificate format "trainsat-drup-certificate-2" (this trainsat reads "trainsat-certificate-2" or "trainsat-drup-certificate-1")',
      );
      expect(parseDrupBundle(j)).toEqual(good);
    });
  });
});

describe('CLI: solve --certify and check with a DRUP certificate', () => {
  it('round trip, rejection, bad input', async () => {
    const dir = tempDir('drup-cert');
    try {
      const inst = dir.file('xor-classes.json', XOR);
      const cert = join(dir.path, 'x.cert.json');
      const s = await runCli(['solve', inst, '--certify', '--cert', cert]);
      expect(s.code).toBe(20);
      expect(s.out).toMatch(/^untrainable\nc (cadical|layerwise): /);
      expect(s.err).toBe(`certificate written to ${cert}\n`);
      const text = readFileSync(cert, 'utf8');
      expect(text.split('\n')[0]).toMatch(/^\{"format":"trainsat-drup-certificate-1","instance_sha256":"[0-9a-f]{64}","encoding":\{"name":"bit-blast",/);
      const c = await runCli(['check', inst, cert]);
      expect(c).toMatchObject({ code: 0, out: 'certificate verified: untrainable\n' });
      expect(await runCli(['check', '--forward', inst, cert])).toMatchObject({ code: 0, out: 'certificate verified: untrainable\n' });

      // --backend cadical gives the same certificate (the CNF and CaDiCaL are deterministic).
      const again = join(dir.path, 'again.cert.json');
      expect((await runCli(['solve', inst, '--certify', '--backend', 'cadical', '--cert', again])).code).toBe(20);
      expect(readFileSync(again, 'utf8')).toBe(text);

      // The empty clause removed (its line, and the comma before it): rejected, exit 1.
      const lines = text.trimEnd().split('\n');
      const bad = join(dir.path, 'bad.json');
      writeFileSync(bad, [...lines.slice(0, -3), lines[lines.length - 3].replace(/,$/, ''), ']}'].join('\n'));
      for (const mode of [[], ['--forward']]) {
        const r = await runCli(['check', ...mode, inst, bad]);
        expect(r.code).toBe(1);
        expect(r.out).toMatch(/^certificate rejected at step \d+: the proof ends \(after \d+ steps\) without deriving the empty clause\n$/);
      }

      // Another instance (a label changed), another format: exit 2.
      const other = dir.file('other.json', { ...XOR, examples: XOR.examples.map((ex, e) => (e === 0 ? { ...ex, label: 1 } : ex)) });
      const o = await runCli(['check', other, cert]);
      expect(o.code).toBe(2);
      expect(o.err).toMatch(/instance_sha256: the certificate is for another instance/);
      writeFileSync(bad, text.replace(DRUP_CERTIFICATE_FORMAT, 'trainsat-drup-certificate-9'));
      expect((await runCli(['check', inst, bad])).code).toBe(2);

      // Another SAT backend cannot certify; a trainable answer writes nothing and removes an old certificate.
      expect((await runCli(['solve', inst, '--certify', '--backend', 'minisat', '--cert', cert])).code).toBe(2);
      const fit = dir.file('fit.json', layeredJson(2, [], [{ x: [1, 0], label: 1 }]));
      const t = await runCli(['solve', fit, '--certify', '--cert', cert]);
      expect(t.code).toBe(10);
      expect(t.err).toBe(`removed ${cert}: no certificate (the answer is trainable)\n`);
      expect(() => readFileSync(cert)).toThrow();
    } finally {
      rmSync(dir.path, { recursive: true, force: true });
    }
  });

  it('auto without classes still writes the hybrid certificate', async () => {
    const dir = tempDir('drup-cert');
    try {
      const cert = join(dir.path, 'h.cert.json');
      const inst = join(ROOT, 'instances', 'xor-perceptron.json');
      expect((await runCli(['solve', inst, '--certify', '--cert', cert])).code).toBe(20);
      expect(readFileSync(cert, 'utf8')).toMatch(/^\{"format":"trainsat-certificate-2",/);
      const viaCadical = join(dir.path, 'c.cert.json');
      expect((await runCli(['solve', inst, '--certify', '--backend', 'cadical', '--cert', viaCadical])).code).toBe(20);
      expect(readFileSync(viaCadical, 'utf8')).toMatch(/^\{"format":"trainsat-drup-certificate-1",/);
      for (const c of [cert, viaCadical]) expect((await runCli(['check', inst, c])).code).toBe(0);
    } finally {
      rmSync(dir.path, { recursive: true, force: true });
    }
  });
});
