/**
 * Certificates of untrainability (src/exact/certificate.ts): produced by the hybrid
 * procedure with `certify`, written as JSON, read back and checked. Every certificate
 * produced here is accepted; corrupted ones are rejected at the step that is wrong.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundleToText, checkCertificateBundle, makeBundle, parseBundle, type CertificateBundle } from '../../src/exact/certificate.js';
import { decideHybrid, type ProofRecordStep } from '../../src/exact/hybrid.js';
import { parseInstance } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { tinyInstance } from '../helpers/arb-instance.js';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');

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
    }
    expect(needed).toBeGreaterThan(0);
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
    expect(() => parseBundle([])).toThrow(/\$/);
  });
});

describe('CLI: solve --certify and check', () => {
  const cli = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8' });

  it('round trip, rejection and bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainsat-cert-'));
    try {
      const inst = join(ROOT, 'instances', 'parity-3-blum-rivest-and.json');
      const cert = join(dir, 'x.cert.json');
      const s = cli(['solve', inst, '--certify', '--cert', cert]);
      expect(s.status).toBe(20);
      expect(s.stderr).toContain(cert);
      const c = cli(['check', inst, cert]);
      expect(c.status).toBe(0);
      expect(c.stdout).toBe('certificate verified: untrainable\n');

      // Default path: <basename>.cert.json in the current directory.
      const d = cli(['solve', inst, '--certify'], dir);
      expect(d.status).toBe(20);
      expect(d.stderr).toContain('parity-3-blum-rivest-and.cert.json');
      expect(cli(['check', inst, join(dir, 'parity-3-blum-rivest-and.cert.json')]).status).toBe(0);

      const j = JSON.parse(readFileSync(cert, 'utf8'));
      const li = (j.steps as { kind: string }[]).findIndex((st) => st.kind === 'lemma');
      j.steps[li].certificate.multipliers[0] = '3/7';
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify(j));
      const r = cli(['check', inst, bad]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^certificate rejected at step ${li + 1}: `));

      writeFileSync(bad, '{"format":');
      expect(cli(['check', inst, bad]).status).toBe(2);
      const other = cli(['check', join(ROOT, 'instances', 'parity-3-perceptron.json'), cert]);
      expect(other.status).toBe(2);
      expect(other.stderr).toMatch(/another instance/);
      expect(cli(['solve', inst, '--certify', '--backend', 'cadical']).status).toBe(2);

      // Trainable: nothing written.
      const t = cli(['solve', join(ROOT, 'instances', 'xor-3node.json'), '--certify'], dir);
      expect(t.status).toBe(10);
      expect(() => readFileSync(join(dir, 'xor-3node.cert.json'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
