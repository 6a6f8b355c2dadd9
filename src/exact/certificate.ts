/**
 * Certificates of `untrainable` answers: `trainsat solve FILE --certify` writes one,
 * `trainsat check FILE CERT` verifies it. Two kinds, told apart by "format":
 *  - "trainsat-certificate-2": a proof of the hybrid procedure (theory lemmas with Farkas
 *    certificates and RUP steps over the Boolean skeleton), described first below;
 *  - "trainsat-drup-certificate-1": a DRUP proof, from CaDiCaL, that the bit-blasted CNF of
 *    the loading problem (src/encode/loading.ts) is unsatisfiable, described after it.
 *
 * Hybrid bundle (JSON, "format": "trainsat-certificate-2"):
 *   instance_sha256  sha256 of JSON.stringify(instanceToJSON(instance));
 *   skeleton         { symmetryBreaking, tableMaxFanin, vars, clauses }: the options the
 *                    Boolean skeleton (skeleton.ts) was built with, and its size;
 *   steps            the proof, in the order the solver produced it, each
 *                      { kind: "lemma", unit, clause, certificate: { points, labels,
 *                        multipliers } }   (rationals as "p/q" strings): a theory clause,
 *                        recorded when the theory hands it to the CDCL solver, or
 *                      { kind: "rup", clause }: a clause the solver learned,
 *                    the last one being the empty clause.
 *
 * Invariant checked: every step follows from the skeleton clauses and the steps BEFORE it
 * (a lemma from the theory alone, a rup step by unit propagation); a step that needs a
 * later one is rejected. Checking (checkCertificateBundle) goes through the steps in order:
 *  - the skeleton is rebuilt from the INSTANCE with the recorded options; its variable
 *    and clause counts must match the bundle's;
 *  - a lemma step is accepted iff (a) its Farkas certificate passes the exact rational
 *    check (farkas.ts), so its labelled points cannot be realized by any real weights;
 *    and (b) the clause says precisely "these points of this unit cannot take these
 *    labels": every certificate point p with label y is matched by the skeleton's own
 *    literals for that unit (recomputed here, never read from the file) — in 'points'
 *    mode a pattern whose output literal has polarity y and whose input vector equals p
 *    (constant coordinates equal exactly, literal coordinates fixed by the clause: value 1
 *    when the clause holds its negation, 0 when it holds it); in 'table' mode the table
 *    literal of the cube vertex p with polarity y — and every literal of the clause is
 *    used by some point. So any assignment falsifying the clause gives the unit exactly
 *    these labelled points, which no weights realize: the clause is valid. It is then
 *    added, from that position on, to the clause database of the forward RUP checker
 *    (rup.ts RupChecker) as an axiom;
 *  - a rup step must be RUP with respect to that database: the skeleton clauses, the
 *    lemmas and the rup steps before it; it is then added too. The empty clause must be
 *    derived; as in checkDrup, steps after it are not looked at.
 * The first failing step is reported (1-based), as { ok: false, step, reason }.
 *
 * Trust base (hybrid): the skeleton encoder (skeleton.ts: buildSkeleton over src/encode/circuit.ts, and the meaning of
 * ThresholdTheory's literals, i.e. that the skeleton plus "every real-weight unit's
 * labelled points are separable" is equisatisfiable with trainability), the instance
 * parser, farkas.ts certificateError (exact BigInt rationals), rup.ts RupChecker, and this
 * file. Not trusted: the CDCL solver, the LP, the separation oracle, the file.
 *
 * DRUP bundle (JSON, "format": "trainsat-drup-certificate-1"):
 *   instance_sha256  as above;
 *   encoding         { name: "bit-blast", symmetryBreaking, shareSums, vars, clauses }: the
 *                    encoding and the options its CNF was built with (encodeLoading), and
 *                    the CNF's size;
 *   proof            the clauses CaDiCaL learned, in order (DRUP_PROOF_OPTIONS in
 *                    src/solvers/cadical.ts make that stream a DRUP proof), the last one
 *                    being the empty clause; additions only (the solver reports no
 *                    deletions).
 * Checking (checkDrupBundle): the CNF is rebuilt from the INSTANCE with encodeLoading and
 * the recorded options; its variable and clause counts must match the bundle's; then the
 * proof is checked backwards with core marking (rup-backward.ts checkDrupBackward, the
 * method of drat-trim): the empty clause must follow by unit propagation from the CNF and
 * the proof clauses before it, and every proof clause that derivation uses, transitively,
 * must be RUP with respect to the CNF and the clauses before it; a clause nothing uses is
 * not looked at. Acceptance makes the empty clause a consequence of the CNF, so the CNF is
 * unsatisfiable. With `forward` (rup.ts checkDrup) every clause is checked in order. A
 * rejection is always the forward checker's, so it names the first failing clause (1-based),
 * as { ok: false, step, reason }.
 * Trust base: the CNF encoder (src/encode/loading.ts over circuit.ts and src/cnf: that its
 * CNF is satisfiable iff the instance is trainable, which the completeness property tests
 * in tests/encode check against brute force and exact evaluation), the instance parser,
 * rup.ts, rup-backward.ts (with `forward`, rup.ts alone), and this file. Not trusted:
 * CaDiCaL, the file.
 *
 * Versions: "trainsat-certificate-2" and "trainsat-drup-certificate-1" are read; any other
 * "format" is malformed input (InputError naming `format` and the formats this checker
 * reads).
 */
import { createHash } from 'node:crypto';
import { InputError } from '../model/errors.js';
import { isJsonNumber, jsonInteger, toRational } from '../model/json-input.js';
import { Rational } from '../model/rational.js';
import { instanceToJSON } from '../model/serialize.js';
import type { Instance } from '../model/types.js';
import { certificateError, type FarkasCertificate } from './farkas.js';
import type { HybridProof, ProofRecordStep } from './hybrid.js';
import { describeClause, RupChecker } from './rup.js';
import { checkDrupProof } from './rup-backward.js';
import { buildSkeleton, isConst, type ThresholdTheory } from './skeleton.js';
import { encodeLoading, type LoadingEncodingOptions } from '../encode/loading.js';

/** The hybrid procedure's format, written and read (lemmas checked at their proof position). */
export const CERTIFICATE_FORMAT = 'trainsat-certificate-2';

/** The format of DRUP proofs over the bit-blasted CNF, written and read. */
export const DRUP_CERTIFICATE_FORMAT = 'trainsat-drup-certificate-1';

export interface CertificateBundle {
  format: typeof CERTIFICATE_FORMAT;
  instance_sha256: string;
  skeleton: { symmetryBreaking: boolean; tableMaxFanin: number; vars: number; clauses: number };
  steps: ProofRecordStep[];
}

export type CertificateCheck = { ok: true } | { ok: false; step: number; reason: string };

export function instanceHash(instance: Instance): string {
  return createHash('sha256').update(JSON.stringify(instanceToJSON(instance))).digest('hex');
}

export function makeBundle(instance: Instance, proof: HybridProof): CertificateBundle {
  return {
    format: CERTIFICATE_FORMAT,
    instance_sha256: instanceHash(instance),
    skeleton: { symmetryBreaking: proof.symmetryBreaking, tableMaxFanin: proof.tableMaxFanin, vars: proof.vars, clauses: proof.clauses },
    steps: proof.steps,
  };
}

/** The bundle as JSON text (rationals as "p/q" strings, one step per line). */
export function bundleToText(b: CertificateBundle): string {
  const q = (r: Rational) => r.toString();
  const steps = b.steps.map((s) =>
    JSON.stringify(
      s.kind === 'rup'
        ? { kind: 'rup', clause: s.clause }
        : {
            kind: 'lemma',
            unit: s.unit,
            clause: s.clause,
            certificate: {
              points: s.certificate.points.map((p) => p.map(q)),
              labels: s.certificate.labels,
              multipliers: s.certificate.multipliers.map(q),
            },
          },
    ),
  );
  const head = JSON.stringify({ format: b.format, instance_sha256: b.instance_sha256, skeleton: b.skeleton });
  return `${head.slice(0, -1)},\n"steps":[\n${steps.join(',\n')}\n]}\n`;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The exact integer value of a JSON number, or null. */
function intValue(x: unknown): number | null {
  if (!isJsonNumber(x)) return null;
  const k = jsonInteger(x);
  return typeof k === 'number' ? k : null;
}

/** Readers of a bundle's JSON values; each failure is an InputError naming the JSON path. */
function bundleReader(source: string) {
  const bad = (path: string, msg: string): never => {
    throw new InputError(`${path}: ${msg}`, source);
  };
  const int = (x: unknown, path: string, min: number): number => {
    const k = intValue(x);
    if (k === null || k < min) return bad(path, `expected an integer >= ${min}`);
    return k;
  };
  const arr = (x: unknown, path: string): unknown[] => {
    if (!Array.isArray(x)) bad(path, 'expected an array');
    return x as unknown[];
  };
  const clause = (x: unknown, path: string): number[] =>
    arr(x, path).map((l, i) => {
      const k = intValue(l);
      if (k === null || k === 0 || Math.abs(k) > 0x3fffffff) return bad(`${path}[${i}]`, 'expected a non-zero integer literal');
      return k;
    });
  /** The format, after checking it is one this checker reads. */
  const format = (v: Record<string, unknown>): string => {
    const reads = `"${CERTIFICATE_FORMAT}" or "${DRUP_CERTIFICATE_FORMAT}"`;
    if (typeof v.format !== 'string') bad('format', `expected ${reads}`);
    const f = v.format as string;
    if (f !== CERTIFICATE_FORMAT && f !== DRUP_CERTIFICATE_FORMAT) {
      bad('format', `unsupported certificate format ${JSON.stringify(f.length > 60 ? f.slice(0, 60) + '...' : f)} (this trainsat reads ${reads})`);
    }
    if (typeof v.instance_sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(v.instance_sha256)) bad('instance_sha256', 'expected a sha256 hex digest');
    return f;
  };
  return { bad, int, arr, clause, format };
}

/**
 * Parses and validates a bundle of either kind, already read by parseJsonText (numbers
 * exact: plain integers or JsonNumbers) or built in memory; InputError names the JSON path.
 */
export function parseCertificate(v: unknown, source = '<certificate>'): CertificateBundle | DrupCertificateBundle {
  if (isObj(v) && v.format === DRUP_CERTIFICATE_FORMAT) return parseDrupBundle(v, source);
  return parseBundle(v, source);
}

/**
 * Checks a bundle of either kind against the instance (checkCertificateBundle, checkDrupBundle;
 * `forward` applies to DRUP bundles, hybrid ones are always checked step by step).
 */
export function checkCertificate(
  instance: Instance,
  bundle: CertificateBundle | DrupCertificateBundle,
  source = '<certificate>',
  opts: { forward?: boolean } = {},
): CertificateCheck {
  return bundle.format === DRUP_CERTIFICATE_FORMAT ? checkDrupBundle(instance, bundle, source, opts) : checkCertificateBundle(instance, bundle, source);
}

/** Parses and validates a hybrid bundle (as parseCertificate; another format is an InputError). */
export function parseBundle(v: unknown, source = '<certificate>'): CertificateBundle {
  const { bad, int, arr, clause, format } = bundleReader(source);
  const rat = (x: unknown, path: string): Rational => {
    if (typeof x !== 'string' && !isJsonNumber(x)) return bad(path, 'expected a rational "p/q"');
    const q = toRational(x);
    return typeof q === 'string' ? bad(path, `expected a rational "p/q": ${q}`) : q;
  };
  if (!isObj(v)) return bad('$', 'expected a JSON object');
  if (format(v) !== CERTIFICATE_FORMAT) bad('format', `expected "${CERTIFICATE_FORMAT}" (a hybrid certificate)`);
  const sk = v.skeleton;
  if (!isObj(sk)) return bad('skeleton', 'expected an object');
  if (typeof sk.symmetryBreaking !== 'boolean') bad('skeleton.symmetryBreaking', 'expected a boolean');
  const skeleton = {
    symmetryBreaking: sk.symmetryBreaking as boolean,
    tableMaxFanin: int(sk.tableMaxFanin, 'skeleton.tableMaxFanin', 0),
    vars: int(sk.vars, 'skeleton.vars', 0),
    clauses: int(sk.clauses, 'skeleton.clauses', 0),
  };
  if (skeleton.tableMaxFanin > 20) bad('skeleton.tableMaxFanin', 'expected at most 20');
  const steps: ProofRecordStep[] = arr(v.steps, 'steps').map((s, i): ProofRecordStep => {
    const p = `steps[${i}]`;
    if (!isObj(s)) return bad(p, 'expected an object');
    if (s.kind === 'rup') return { kind: 'rup', clause: clause(s.clause, `${p}.clause`) };
    if (s.kind !== 'lemma') return bad(`${p}.kind`, 'expected "lemma" or "rup"');
    if (typeof s.unit !== 'string') bad(`${p}.unit`, 'expected a unit id');
    const c = s.certificate;
    if (!isObj(c)) return bad(`${p}.certificate`, 'expected an object');
    const points = arr(c.points, `${p}.certificate.points`).map((pt, j) =>
      arr(pt, `${p}.certificate.points[${j}]`).map((x, k) => rat(x, `${p}.certificate.points[${j}][${k}]`)),
    );
    const labels = arr(c.labels, `${p}.certificate.labels`).map((l, j) => {
      const k = intValue(l);
      if (k !== 0 && k !== 1) return bad(`${p}.certificate.labels[${j}]`, 'expected 0 or 1');
      return k;
    });
    const multipliers = arr(c.multipliers, `${p}.certificate.multipliers`).map((x, j) => rat(x, `${p}.certificate.multipliers[${j}]`));
    const certificate: FarkasCertificate = { points, labels, multipliers };
    return { kind: 'lemma', unit: s.unit as string, clause: clause(s.clause, `${p}.clause`), certificate };
  });
  return { format: CERTIFICATE_FORMAT, instance_sha256: v.instance_sha256 as string, skeleton, steps };
}

/**
 * Why the lemma is not a valid theory clause of `th`, or null (see the file comment).
 */
function lemmaError(th: ThresholdTheory, clause: readonly number[], cert: FarkasCertificate): string | null {
  const ferr = certificateError(cert);
  if (ferr) return `invalid Farkas certificate: ${ferr}`;
  const inClause = new Set(clause);
  const used = new Set<number>();
  for (let i = 0; i < cert.points.length; i++) {
    const pt = cert.points[i];
    const y = cert.labels[i];
    if (pt.length !== th.k) return `certificate point ${i} has ${pt.length} coordinates, unit ${th.unit.id} has ${th.k} inputs`;
    if (th.mode === 'table') {
      let vertex = 0;
      for (const x of pt) {
        if (x.den !== 1n || (x.num !== 0n && x.num !== 1n)) return `certificate point ${i} is not a 0/1 vertex (unit ${th.unit.id} is a truth table)`;
        vertex = 2 * vertex + Number(x.num);
      }
      const want = y === 1 ? -th.table[vertex] : th.table[vertex];
      if (!inClause.has(want)) return `the clause lacks literal ${want} (unit ${th.unit.id}, vertex ${pt.join(',')} labelled ${y})`;
      used.add(want);
      continue;
    }
    // Points mode: some pattern realizing this point with this label under the clause's falsification.
    let found = false;
    for (let p = 0; p < th.rows.length; p++) {
      const outLit = y === 1 ? -th.out[p] : th.out[p];
      if (!inClause.has(outLit)) continue;
      const lits = [outLit];
      let ok = true;
      th.rows[p].forEach((v, c) => {
        if (!ok) return;
        if (isConst(v)) {
          if (!v.c.eq(pt[c])) ok = false;
        } else if (pt[c].eq(Rational.ONE) && inClause.has(-v.l)) lits.push(-v.l);
        else if (pt[c].eq(Rational.ZERO) && inClause.has(v.l)) lits.push(v.l);
        else ok = false;
      });
      if (ok) {
        found = true;
        for (const l of lits) used.add(l);
      }
    }
    if (!found) return `certificate point ${i} (${pt.join(', ')}) labelled ${y} is not an input vector of unit ${th.unit.id} fixed by the clause`;
  }
  for (const l of inClause) if (!used.has(l)) return `clause literal ${l} belongs to no certified point of unit ${th.unit.id}`;
  return null;
}

/**
 * Checks a bundle against the instance (see the file comment). Throws InputError when
 * the bundle is for another instance or skeleton (bad input, not a rejected proof).
 */
export function checkCertificateBundle(instance: Instance, bundle: CertificateBundle, source = '<certificate>'): CertificateCheck {
  if (bundle.instance_sha256 !== instanceHash(instance)) {
    throw new InputError('instance_sha256: the certificate is for another instance', source);
  }
  const sk = buildSkeleton(instance, { symmetryBreaking: bundle.skeleton.symmetryBreaking, tableMaxFanin: bundle.skeleton.tableMaxFanin });
  if (sk.cnf.numVars !== bundle.skeleton.vars || sk.cnf.clauses.length !== bundle.skeleton.clauses) {
    throw new InputError(
      `skeleton: the rebuilt skeleton has ${sk.cnf.numVars} variables and ${sk.cnf.clauses.length} clauses, the certificate says ${bundle.skeleton.vars} and ${bundle.skeleton.clauses}`,
      source,
    );
  }
  const theoryOf = new Map(sk.theories.map((th) => [th.unit.id, th]));
  const { steps } = bundle;
  /** Why lemma step s is rejected, or null. */
  const lemmaRejection = (s: Extract<ProofRecordStep, { kind: 'lemma' }>): string | null => {
    let why: string | null = null;
    for (const l of s.clause) if (!why && Math.abs(l) > sk.cnf.numVars) why = `literal ${l} is not a skeleton variable`;
    const th = theoryOf.get(s.unit);
    if (!why && !th) why = `unit ${JSON.stringify(s.unit)} is not a real-weight threshold unit of the skeleton`;
    if (!why) why = lemmaError(th!, s.clause, s.certificate);
    return why && `lemma of unit ${s.unit} rejected: ${why}`;
  };
  const db = new RupChecker(sk.cnf);
  // Steps in order: each against the skeleton and the steps before it.
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.kind === 'lemma') {
      const why = lemmaRejection(s);
      if (why) return { ok: false, step: i + 1, reason: why };
      db.axiom(s.clause);
      continue;
    }
    if (!db.derive(s.clause)) {
      return {
        ok: false,
        step: i + 1,
        reason: `clause ${describeClause(s.clause)} is not RUP with respect to the skeleton and the steps before it (unit propagation finds no conflict)`,
      };
    }
    if (s.clause.length === 0) return { ok: true };
  }
  return { ok: false, step: steps.length + 1, reason: `the certificate ends (after ${steps.length} steps) without deriving the empty clause` };
}

/** The encoding a DRUP proof refutes: its name, the options it was built with, its size. */
export interface DrupEncoding {
  name: 'bit-blast';
  symmetryBreaking: boolean;
  shareSums: boolean;
  vars: number;
  clauses: number;
}

/** A DRUP proof recorded by the bit-blasting backend with `certify` (additions only). */
export interface DrupProof {
  kind: 'drup';
  encoding: DrupEncoding;
  /** The clauses learned, in order; the last one is the empty clause. */
  proof: number[][];
}

export interface DrupCertificateBundle {
  format: typeof DRUP_CERTIFICATE_FORMAT;
  instance_sha256: string;
  encoding: DrupEncoding;
  proof: number[][];
}

/** The certificate text of a recorded proof of either kind (what `solve --certify` writes). */
export function certificateText(instance: Instance, proof: HybridProof | DrupProof): string {
  if (!('kind' in proof)) return bundleToText(makeBundle(instance, proof));
  return drupBundleToText({ format: DRUP_CERTIFICATE_FORMAT, instance_sha256: instanceHash(instance), encoding: proof.encoding, proof: proof.proof });
}

/** The DRUP bundle as JSON text: the header on the first line, one proof clause per line. */
export function drupBundleToText(b: DrupCertificateBundle): string {
  const head = JSON.stringify({ format: b.format, instance_sha256: b.instance_sha256, encoding: b.encoding });
  const lines = b.proof.map((c) => JSON.stringify(c));
  return `${head.slice(0, -1)},\n"proof":[\n${lines.join(',\n')}\n]}\n`;
}

/** Parses and validates a DRUP bundle (as parseCertificate; another format is an InputError). */
export function parseDrupBundle(v: unknown, source = '<certificate>'): DrupCertificateBundle {
  const { bad, int, arr, clause, format } = bundleReader(source);
  if (!isObj(v)) return bad('$', 'expected a JSON object');
  if (format(v) !== DRUP_CERTIFICATE_FORMAT) bad('format', `expected "${DRUP_CERTIFICATE_FORMAT}" (a DRUP certificate)`);
  const e = v.encoding;
  if (!isObj(e)) return bad('encoding', 'expected an object');
  if (e.name !== 'bit-blast') bad('encoding.name', 'expected "bit-blast"');
  for (const k of ['symmetryBreaking', 'shareSums']) if (typeof e[k] !== 'boolean') bad(`encoding.${k}`, 'expected a boolean');
  const encoding: DrupEncoding = {
    name: 'bit-blast',
    symmetryBreaking: e.symmetryBreaking as boolean,
    shareSums: e.shareSums as boolean,
    vars: int(e.vars, 'encoding.vars', 0),
    clauses: int(e.clauses, 'encoding.clauses', 0),
  };
  const proof = arr(v.proof, 'proof').map((c, i) => clause(c, `proof[${i}]`));
  return { format: DRUP_CERTIFICATE_FORMAT, instance_sha256: v.instance_sha256 as string, encoding, proof };
}

/**
 * Checks a DRUP bundle against the instance (see the file comment). Throws InputError when
 * the bundle is for another instance or another CNF (bad input, not a rejected proof).
 */
export function checkDrupBundle(instance: Instance, bundle: DrupCertificateBundle, source = '<certificate>', opts: { forward?: boolean } = {}): CertificateCheck {
  if (bundle.instance_sha256 !== instanceHash(instance)) {
    throw new InputError('instance_sha256: the certificate is for another instance', source);
  }
  const { symmetryBreaking, shareSums, vars, clauses } = bundle.encoding;
  const options: LoadingEncodingOptions = { symmetryBreaking, shareSums };
  const cnf = encodeLoading(instance, options).cnf;
  if (cnf.numVars !== vars || cnf.clauses.length !== clauses) {
    throw new InputError(
      `encoding: the rebuilt CNF has ${cnf.numVars} variables and ${cnf.clauses.length} clauses, the certificate says ${vars} and ${clauses}`,
      source,
    );
  }
  const r = checkDrupProof(cnf, bundle.proof.map((clause) => ({ kind: 'add' as const, clause })), opts);
  if (r.ok) return r;
  return { ok: false, step: r.step, reason: r.reason.replace(/^added clause (.*) is not RUP/, 'clause $1 is not RUP with respect to the CNF and the proof clauses before it') };
}
