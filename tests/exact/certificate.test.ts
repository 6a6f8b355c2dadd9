/**
 * Certificates of untrainability (src/exact/certificate.ts): produced by the hybrid
 * procedure with `certify`, written as JSON, read back and checked. Every certificate
 * produced here is accepted with every step checked against the steps before it only (so
 * the solver records them in the order it uses them); corrupted ones, and ones with a
 * lemma moved after a step that needs it, are rejected at the step that is wrong (the step
 * a naive unit-propagation oracle over the skeleton and the steps before it confirms).
 * Only the current format is read: a bundle of another format version is malformed input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bundleToText,
  CERTIFICATE_FORMAT,
  checkCertificateBundle,
  makeBundle,
  parseBundle,
  type CertificateBundle,
} from '../../src/exact/certificate.js';
import { decideHybrid, type ProofRecordStep } from '../../src/exact/hybrid.js';
import { buildSkeleton } from '../../src/exact/skeleton.js';
import { parseInstance } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { tinyInstance } from '../helpers/arb-instance.js';
import { MAIN, ROOT, runCli } from '../helpers/cli.js';
import { naiveRup } from '../helpers/cnf-brute.js';

function load(file: string): Instance {
  return parseInstance(readFileSync(join(ROOT, 'instances', file), 'utf8'), file);
}

/** Certifies an instance; the bundle after a round trip through its JSON text. */
async function certify(inst: Instance, sym?: boolean): Promise<CertificateBundle | null> {
  const r = await decideHybrid(inst, { certify: true, symmetryBreaking: sym });
  if (r.status !== 'untrainable') {
    expect(r.certificate).toBeUndefined();
    return null;
  }
  expect(r.certificate).toBeDefined();
  return parseBundle(JSON.parse(bundleToText(makeBundle(inst, r.certificate!))));
}

const withSteps = (b: CertificateBundle, steps: ProofRecordStep[]): CertificateBundle => ({ ...b, steps });
const clone = (b: CertificateBundle): CertificateBundle => parseBundle(JSON.parse(bundleToText(b)));
const lemmaIndices = (b: CertificateBundle) => b.steps.flatMap((s, i) => (s.kind === 'lemma' ? [i] : []));

/**
 * The 1-based step the check must reject, by the naive oracle: the first rup step
 * that is not RUP over the skeleton and all steps before it (lemmas assumed valid), or
 * steps.length + 1 if none is and there is no empty clause; 0 if the proof holds.
 */
function naiveFirstFailure(inst: Instance, b: CertificateBundle): number {
  const db: number[][] = buildSkeleton(inst, b.skeleton).cnf.clauses.map((c) => [...c]);
  for (let i = 0; i < b.steps.length; i++) {
    const s = b.steps[i];
    if (s.kind === 'rup' && !naiveRup(db, s.clause)) return i + 1;
    if (s.kind === 'rup' && s.clause.length === 0) return 0;
    db.push(s.clause);
  }
  return b.steps.length + 1;
}

const untrainableCurated = (JSON.parse(readFileSync(join(ROOT, 'instances', 'manifest.json'), 'utf8')) as { file: string; expected: string }[])
  .filter((e) => e.expected === 'untrainable')
  .map((e) => e.file);

describe('certificates of untrainable answers', () => {
  it.each(untrainableCurated)('%s: certificate produced and accepted', async (file) => {
    const inst = load(file);
    for (const sym of [true, false]) {
      const b = await certify(inst, sym);
      expect(b).not.toBeNull();
      expect(checkCertificateBundle(inst, b!)).toEqual({ ok: true });
    }
  });

  it('random tiny instances: every untrainable certificate is accepted', async () => {
    let seen = 0;
    await fc.assert(
      fc.asyncProperty(tinyInstance(), fc.boolean(), async (inst, sym) => {
        const b = await certify(inst, sym);
        if (!b) return;
        seen++;
        expect(checkCertificateBundle(inst, b)).toEqual({ ok: true });
      }),
      { numRuns: 150, seed: 3 },
    );
    expect(seen).toBeGreaterThan(5);
  });

  it('trainable answers carry no certificate', async () => {
    expect(await certify(load('xor-3node.json'))).toBeNull();
  });
});

describe('corrupted certificates are rejected at the right step', async () => {
  const inst = load('parity-3-blum-rivest-and.json');
  const good = (await certify(inst))!;
  const lemmas = lemmaIndices(good);

  it('has lemmas and ends with the empty clause', () => {
    expect(lemmas.length).toBeGreaterThan(0);
    expect(good.steps[good.steps.length - 1]).toEqual({ kind: 'rup', clause: [] });
  });

  it('dropping a lemma that a later step needs', () => {
    let needed = 0;
    for (const i of lemmas) {
      const steps = good.steps.filter((_, j) => j !== i);
      const r = checkCertificateBundle(inst, withSteps(good, steps));
      if (r.ok) continue;
      needed++;
      expect(r.step).toBeGreaterThan(i); // a later rup step (1-based index > i in the new list)
      expect(steps[r.step - 1].kind).toBe('rup');
      expect(r.reason).toMatch(/not RUP/);
      expect(r.step).toBe(naiveFirstFailure(inst, withSteps(good, steps)));
    }
    expect(needed).toBeGreaterThan(0);
  });

  it('the bundle is version 2, and the good one passes the naive oracle', () => {
    expect(good.format).toBe(CERTIFICATE_FORMAT);
    expect(CERTIFICATE_FORMAT).toBe('trainsat-certificate-2');
    expect(naiveFirstFailure(inst, good)).toBe(0);
  });

  it('a lemma moved after a step that needs it: rejected at that step (the same lemma at the front is accepted)', () => {
    let rejected = 0;
    for (const i of lemmas) {
      // Moved to just before the empty clause (the last step).
      const rest = good.steps.filter((_, j) => j !== i);
      const steps = [...rest.slice(0, -1), good.steps[i], rest[rest.length - 1]];
      const moved = withSteps(good, steps);
      const want = naiveFirstFailure(inst, moved);
      const r = checkCertificateBundle(inst, moved);
      if (want === 0) {
        expect(r).toEqual({ ok: true });
        continue;
      }
      rejected++;
      expect(r).toMatchObject({ ok: false, step: want });
      expect(want).toBeGreaterThan(i); // after the lemma's old position, before its new one
      expect(want).toBeLessThan(steps.length - 1);
      expect(steps[want - 1].kind).toBe('rup');
      expect(!r.ok && r.reason).toMatch(/not RUP with respect to the skeleton and the steps before it/);
      // The lemma itself is valid: only its position is wrong.
      expect(checkCertificateBundle(inst, withSteps(good, [good.steps[i], ...rest]))).toEqual({ ok: true });
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it('lemmas moved earlier (all to the front) are accepted', () => {
    const front = [...good.steps.filter((s) => s.kind === 'lemma'), ...good.steps.filter((s) => s.kind === 'rup')];
    expect(front).not.toEqual(good.steps);
    expect(checkCertificateBundle(inst, withSteps(good, front))).toEqual({ ok: true });
  });

  it('version 1 bundles are malformed input naming the formats this checker reads', () => {
    const v1 = { ...JSON.parse(bundleToText(good)), format: 'trainsat-certificate-1' };
    expect(() => parseBundle(v1)).toThrow(
      'format: unsupported certificate format "trainsat-certificate-1" (this trainsat reads "trainsat-certificate-2" or "trainsat-drup-certificate-1")',
    );
  });

  it('flipping a literal in a lemma clause', () => {
    for (const i of lemmas.slice(0, 5)) {
      const b = clone(good);
      const s = b.steps[i] as Extract<ProofRecordStep, { kind: 'lemma' }>;
      s.clause[0] = -s.clause[0];
      expect(checkCertificateBundle(inst, b)).toMatchObject({ ok: false, step: i + 1 });
    }
  });

  it('adding a literal foreign to the certified points', () => {
    const i = lemmas[0];
    const b = clone(good);
    const s = b.steps[i] as Extract<ProofRecordStep, { kind: 'lemma' }>;
    const fresh = [...Array(good.skeleton.vars).keys()].map((v) => v + 1).find((v) => !s.clause.includes(v) && !s.clause.includes(-v))!;
    s.clause.push(fresh);
    const r = checkCertificateBundle(inst, b);
    expect(r).toMatchObject({ ok: false, step: i + 1 });
    expect(!r.ok && r.reason).toMatch(/belongs to no certified point/);
  });

  it('changing a multiplier', () => {
    const i = lemmas[lemmas.length - 1];
    const b = clone(good);
    const s = b.steps[i] as Extract<ProofRecordStep, { kind: 'lemma' }>;
    s.certificate.multipliers[0] = s.certificate.multipliers[0].add(Rational.of(1, 7));
    const r = checkCertificateBundle(inst, b);
    expect(r).toMatchObject({ ok: false, step: i + 1 });
    expect(!r.ok && r.reason).toMatch(/Farkas/);
  });

  it("swapping a point's label", () => {
    const i = lemmas[0];
    const b = clone(good);
    const s = b.steps[i] as Extract<ProofRecordStep, { kind: 'lemma' }>;
    s.certificate.labels[0] = s.certificate.labels[0] === 1 ? 0 : 1;
    expect(checkCertificateBundle(inst, b)).toMatchObject({ ok: false, step: i + 1 });
  });

  it('moving a point (the multipliers still balance elsewhere, the clause does not say it)', () => {
    // Points are recomputed from the skeleton: a point that is no input vector of the unit fails.
    const i = lemmas[0];
    const b = clone(good);
    const s = b.steps[i] as Extract<ProofRecordStep, { kind: 'lemma' }>;
    s.certificate.points = s.certificate.points.map((p) => p.map((x) => x.add(Rational.of(2))));
    const r = checkCertificateBundle(inst, b);
    expect(r).toMatchObject({ ok: false, step: i + 1 });
  });

  it('a lemma for a unit that is not a real-weight threshold unit', () => {
    const i = lemmas[0];
    const b = clone(good);
    (b.steps[i] as { unit: string }).unit = 'out';
    expect(checkCertificateBundle(inst, b)).toMatchObject({ ok: false, step: i + 1 });
  });

  it('truncating before the empty clause', () => {
    const steps = good.steps.slice(0, -1);
    const r = checkCertificateBundle(inst, withSteps(good, steps));
    expect(r).toMatchObject({ ok: false, step: steps.length + 1 });
    expect(!r.ok && r.reason).toMatch(/empty clause/);
  });

  it('an unjustified rup step', () => {
    const steps: ProofRecordStep[] = [{ kind: 'rup', clause: [] }, ...good.steps];
    expect(checkCertificateBundle(inst, withSteps(good, steps))).toMatchObject({ ok: false, step: 1 });
  });

  it('the wrong instance, or other skeleton options', () => {
    expect(() => checkCertificateBundle(load('parity-3-perceptron.json'), good)).toThrow(/another instance/);
    expect(() => checkCertificateBundle(inst, { ...good, skeleton: { ...good.skeleton, symmetryBreaking: false } })).toThrow(/skeleton/);
  });

  it('malformed bundles name the JSON path', () => {
    const j = JSON.parse(bundleToText(good));
    j.steps[lemmas[0]].certificate.multipliers[1] = 'half';
    expect(() => parseBundle(j)).toThrow(`steps[${lemmas[0]}].certificate.multipliers[1]`);
    expect(() => parseBundle({ ...JSON.parse(bundleToText(good)), format: 'x' })).toThrow(/format/);
    expect(() => parseBundle({ ...JSON.parse(bundleToText(good)), format: 'trainsat-certificate-3' })).toThrow(
      'format: unsupported certificate format "trainsat-certificate-3" (this trainsat reads "trainsat-certificate-2" or "trainsat-drup-certificate-1")',
    );
    expect(() => parseBundle({ ...JSON.parse(bundleToText(good)), format: undefined })).toThrow(/: format: expected "trainsat-certificate-2" or "trainsat-drup-certificate-1"$/);
    expect(() => parseBundle([])).toThrow(/\$/);
  });
});

describe('CLI: solve --certify and check', () => {
  const cli = async (args: string[], cwd = ROOT) => {
    const r = await runCli(args, { cwd });
    return { status: r.code, stdout: r.out, stderr: r.err };
  };

  it('round trip, rejection and bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainsat-cert-'));
    try {
      const inst = join(ROOT, 'instances', 'parity-3-blum-rivest-and.json');
      const cert = join(dir, 'x.cert.json');
      const s = await cli(['solve', inst, '--certify', '--cert', cert]);
      expect(s.status).toBe(20);
      expect(s.stderr).toContain(cert);
      const c = await cli(['check', inst, cert]);
      expect(c.status).toBe(0);
      expect(c.stdout).toBe('certificate verified: untrainable\n');

      // Default path: <basename>.cert.json in the current directory.
      const d = await cli(['solve', inst, '--certify'], dir);
      expect(d.status).toBe(20);
      expect(d.stderr).toContain('parity-3-blum-rivest-and.cert.json');
      expect((await cli(['check', inst, join(dir, 'parity-3-blum-rivest-and.cert.json')])).status).toBe(0);

      const j = JSON.parse(readFileSync(cert, 'utf8'));
      const li = (j.steps as { kind: string }[]).findIndex((st) => st.kind === 'lemma');
      j.steps[li].certificate.multipliers[0] = '3/7';
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify(j));
      const r = await cli(['check', inst, bad]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^certificate rejected at step ${li + 1}: `));

      // A lemma moved after the first rup step that needs it: rejected, naming that step.
      const instance = load('parity-3-blum-rivest-and.json');
      const good = parseBundle(JSON.parse(readFileSync(cert, 'utf8')));
      let movedAt = 0;
      for (const i of lemmaIndices(good)) {
        const rest = good.steps.filter((_, k) => k !== i);
        const moved = withSteps(good, [...rest.slice(0, -1), good.steps[i], rest[rest.length - 1]]);
        movedAt = naiveFirstFailure(instance, moved);
        if (movedAt === 0) continue;
        writeFileSync(bad, bundleToText(moved));
        const m = await cli(['check', inst, bad]);
        expect(m.status).toBe(1);
        expect(m.stdout).toMatch(new RegExp(`^certificate rejected at step ${movedAt}: clause .* is not RUP`));
        break;
      }
      expect(movedAt).toBeGreaterThan(0);

      // Other format versions (the unreleased version 1 among them) are malformed input.
      for (const version of ['trainsat-certificate-1', 'trainsat-certificate-9']) {
        writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(cert, 'utf8')), format: version }));
        const u = await cli(['check', inst, bad]);
        expect(u.status).toBe(2);
        expect(u.stderr).toContain(`format: unsupported certificate format "${version}" (this trainsat reads "trainsat-certificate-2" or "trainsat-drup-certificate-1")`);
      }

      writeFileSync(bad, '{"format":');
      expect((await cli(['check', inst, bad])).status).toBe(2);
      const other = await cli(['check', join(ROOT, 'instances', 'parity-3-perceptron.json'), cert]);
      expect(other.status).toBe(2);
      expect(other.stderr).toMatch(/another instance/);
      expect((await cli(['solve', inst, '--certify', '--backend', 'minisat'])).status).toBe(2);

      // Trainable: nothing written.
      const t = await cli(['solve', join(ROOT, 'instances', 'xor-3node.json'), '--certify'], dir);
      expect(t.status).toBe(10);
      expect(() => readFileSync(join(dir, 'xor-3node.cert.json'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
