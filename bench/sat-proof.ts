/**
 * `npm run bench -- sat --proof`: what a proof costs, on the sat suite's generated formulas
 * (bench/suites/sat.ts picks them) that are unsatisfiable.
 *
 * Per file, end to end (process spawn to exit), one run each under the suite's --timeout:
 *  - `trainsat sat FILE` (no proof) and `trainsat sat FILE --proof P`; the latter includes
 *    trainsat's own check of the proof before it is written (src/solvers/proof-solve.ts), so the ratio
 *    is what a user pays for a checked proof;
 *  - native `cadical FILE` and `cadical FILE P.drat` (native CaDiCaL writing its DRAT proof);
 *  - `trainsat check-proof FILE P`: every proof trainsat wrote is checked again in a fresh
 *    process with the built-in checker (backwards, src/exact/rup-backward.ts, beside a forward
 *    worker, src/exact/rup-concurrent.ts; a rejection is
 *    re-checked forward by src/exact/rup.ts), which also times the check alone.
 * Reports the ratios per file and their medians (wall-clock, and CPU time over all threads
 * where /proc gives it: the proof is checked on a second thread), and writes bench/out/sat-proof.json.
 * Files that are satisfiable (or time out without a proof) are listed and left out of the
 * medians; a run that times out counts as the timeout, so its ratio is a lower bound
 * (marked `>=`).
 */
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { median, seconds, table, timeCommand, type TimedRun } from './lib.js';

interface ProofRow {
  file: string;
  family: string;
  /** Milliseconds; the timeout when timed out (then `timedOut` names the run). */
  satMs: number;
  proofMs: number;
  checkMs?: number;
  proofBytes?: number;
  verified: boolean | null;
  nativeMs?: number;
  nativeProofMs?: number;
  timedOut: string[];
  ratio: number;
  /** Per further format: `sat --proof --proof-format F` and its `check-proof` (ms; undefined: timed out). */
  formats?: Record<string, { proofMs?: number; checkMs?: number; verified: boolean | null; proofBytes?: number }>;
  /** CPU time (all threads) of `sat --proof` over `sat`, when both finished and it was measured. */
  cpuRatio?: number;
  nativeRatio?: number;
}

export interface ProofBenchContext {
  mainJs: string;
  /** Further `--proof-format` values (drat-trimmed, lrat) timed per file with their check. */
  formats?: string[];
  cadical: string | null | undefined;
  outDir: string;
  timeoutMs: number;
  cadicalVersion?: string;
}

const fmtRatio = (r: number | undefined, lower: boolean): string => (r === undefined ? '-' : `${lower ? '>=' : ''}${r.toFixed(2)}x`);

export async function proofOverhead(files: { path: string; family: string }[], ctx: ProofBenchContext): Promise<void> {
  const { mainJs, cadical, outDir, timeoutMs } = ctx;
  const node = process.execPath;
  const load0 = loadavg();
  const t0 = Date.now();
  const rows: ProofRow[] = [];
  const skipped: string[] = [];
  const msOf = (r: TimedRun): number => (r.timedOut ? timeoutMs : r.ms);
  for (const f of files) {
    const name = basename(f.path);
    const skip = (why: string, shown = why): void => {
      skipped.push(`${name} (${why})`);
      process.stdout.write(`skip ${name}: ${shown}\n`);
    };
    const proofPath = join(outDir, `${basename(f.path, '.cnf')}.trainsat.drup`);
    const nativeProofPath = join(outDir, `${basename(f.path, '.cnf')}.cadical.drat`);
    // Native CaDiCaL first: a formula it finds satisfiable is skipped without the trainsat runs.
    let n0: TimedRun | undefined;
    let n1: TimedRun | undefined;
    if (cadical) {
      n0 = await timeCommand(cadical, ['-q', f.path], { timeoutMs });
      if (n0.code === 10) {
        skip('satisfiable', 'satisfiable (native CaDiCaL)');
        continue;
      }
      rmSync(nativeProofPath, { force: true });
      n1 = await timeCommand(cadical, ['-q', f.path, nativeProofPath], { timeoutMs });
      rmSync(nativeProofPath, { force: true });
    }
    const plain = await timeCommand(node, [mainJs, 'sat', '--quiet', f.path], { timeoutMs });
    if (plain.code !== 20 && !plain.timedOut) {
      skip(plain.code === 10 ? 'satisfiable' : `exit ${plain.code}`);
      continue;
    }
    rmSync(proofPath, { force: true });
    const withProof = await timeCommand(node, [mainJs, 'sat', '--quiet', f.path, '--proof', proofPath], { timeoutMs });
    if (withProof.code === 10) {
      skip('satisfiable');
      continue;
    }
    if (withProof.code !== 20 && !withProof.timedOut) throw new Error(`trainsat sat --proof on ${name}: exit ${withProof.code}: ${withProof.stderr.trim().split('\n').pop() ?? ''}`);
    const timedOut: string[] = [];
    if (plain.timedOut) timedOut.push('sat');
    if (withProof.timedOut) timedOut.push('sat --proof');
    if (plain.timedOut && withProof.timedOut) {
      skip('both trainsat runs timed out');
      continue;
    }
    let checkMs: number | undefined;
    let verified: boolean | null = null;
    let proofBytes: number | undefined;
    if (!withProof.timedOut && existsSync(proofPath)) {
      proofBytes = statSync(proofPath).size;
      const check = await timeCommand(node, [mainJs, 'check-proof', f.path, proofPath], { timeoutMs });
      if (check.timedOut) timedOut.push('check-proof');
      else {
        checkMs = check.ms;
        verified = check.code === 0;
      }
    }
    rmSync(proofPath, { force: true });
    const formats: NonNullable<ProofRow['formats']> = {};
    for (const format of withProof.timedOut ? [] : (ctx.formats ?? [])) {
      const p = `${proofPath}.${format}`;
      rmSync(p, { force: true });
      const run = await timeCommand(node, [mainJs, 'sat', '--quiet', f.path, '--proof', p, '--proof-format', format], { timeoutMs });
      const entry: (typeof formats)[string] = { verified: null };
      if (!run.timedOut && run.code === 20 && existsSync(p)) {
        entry.proofMs = run.ms;
        entry.proofBytes = statSync(p).size;
        const check = await timeCommand(node, [mainJs, 'check-proof', f.path, p, ...(format === 'lrat' ? ['--lrat'] : [])], { timeoutMs });
        if (!check.timedOut) {
          entry.checkMs = check.ms;
          entry.verified = check.code === 0;
        }
      } else if (!run.timedOut) throw new Error(`trainsat sat --proof-format ${format} on ${name}: exit ${run.code}: ${run.stderr.trim().split('\n').pop() ?? ''}`);
      rmSync(p, { force: true });
      formats[format] = entry;
    }
    let nativeMs: number | undefined;
    let nativeProofMs: number | undefined;
    if (n0 && n1) {
      if (n0.timedOut) timedOut.push('cadical');
      if (n1.timedOut) timedOut.push('cadical proof');
      nativeMs = msOf(n0);
      nativeProofMs = msOf(n1);
    }
    const row: ProofRow = {
      file: name,
      family: f.family,
      satMs: msOf(plain),
      proofMs: msOf(withProof),
      checkMs,
      proofBytes,
      verified,
      nativeMs,
      nativeProofMs,
      timedOut,
      ratio: msOf(withProof) / msOf(plain),
      ...(Object.keys(formats).length ? { formats } : {}),
      ...(!plain.timedOut && !withProof.timedOut && plain.cpuMs && withProof.cpuMs !== undefined ? { cpuRatio: withProof.cpuMs / plain.cpuMs } : {}),
      nativeRatio: nativeMs !== undefined && nativeProofMs !== undefined ? nativeProofMs / nativeMs : undefined,
    };
    rows.push(row);
    process.stdout.write(
      `ran ${name}: sat ${seconds(row.satMs)} s, sat --proof ${seconds(row.proofMs)} s` +
        (checkMs !== undefined ? `, check-proof ${seconds(checkMs)} s (${verified ? 'verified' : 'REJECTED'})` : '') +
        (nativeMs !== undefined ? `, cadical ${seconds(nativeMs)} s, cadical with proof ${seconds(nativeProofMs)} s` : '') +
        (timedOut.length ? ` [timed out: ${timedOut.join(', ')}]` : '') +
        '\n',
    );
  }

  const lowerBound = (r: ProofRow): boolean => r.timedOut.includes('sat --proof');
  console.log(`\nproof overhead: wall-clock seconds end to end, one run each, timeout ${timeoutMs / 1000} s per run (CPU: all threads; the proof is checked on a second thread while the solver runs):`);
  console.log(
    table(
      ['file', 'family', 'sat', 'sat --proof', 'proof/sat', 'CPU proof/sat', 'check-proof', 'proof MB', 'verified', 'cadical', 'cadical proof', 'native proof/none', 'proof/native proof'],
      rows.map((r) => [
        r.file,
        r.family,
        seconds(r.satMs) + (r.timedOut.includes('sat') ? '+' : ''),
        seconds(r.proofMs) + (lowerBound(r) ? '+' : ''),
        fmtRatio(r.ratio, lowerBound(r)),
        fmtRatio(r.cpuRatio, false),
        r.checkMs !== undefined ? seconds(r.checkMs) : '-',
        r.proofBytes !== undefined ? (r.proofBytes / 2 ** 20).toFixed(1) : '-',
        r.verified === null ? '-' : r.verified ? 'yes' : 'NO',
        seconds(r.nativeMs),
        seconds(r.nativeProofMs),
        fmtRatio(r.nativeRatio, false),
        fmtRatio(r.nativeProofMs !== undefined ? r.proofMs / r.nativeProofMs : undefined, lowerBound(r)),
      ]),
    ),
  );
  const medRatio = median(rows.map((r) => r.ratio));
  const cpuRatios = rows.filter((r) => r.cpuRatio !== undefined).map((r) => r.cpuRatio!);
  const nativeRatios = rows.filter((r) => r.nativeRatio !== undefined).map((r) => r.nativeRatio!);
  const vsNative = rows.filter((r) => r.nativeProofMs !== undefined).map((r) => r.proofMs / r.nativeProofMs!);
  if (rows.length) {
    console.log(`\nmedian trainsat sat --proof / trainsat sat: ${medRatio.toFixed(2)}x over ${rows.length} unsatisfiable files`);
    if (cpuRatios.length) console.log(`median of the same in CPU time: ${median(cpuRatios).toFixed(2)}x over ${cpuRatios.length} files`);
    if (nativeRatios.length) console.log(`median native cadical with proof / without: ${median(nativeRatios).toFixed(2)}x`);
    if (vsNative.length) console.log(`median trainsat sat --proof / native cadical with proof: ${median(vsNative).toFixed(2)}x`);
  }
  if (skipped.length) console.log(`left out: ${skipped.join(', ')}`);
  for (const format of ctx.formats ?? []) {
    console.log(`\n--proof-format ${format}: wall-clock seconds, one run each (ratios to plain sat):`);
    console.log(
      table(
        ['file', 'sat', `sat --proof-format ${format}`, 'ratio', 'check-proof', 'proof MB', 'verified'],
        rows.map((r) => {
          const e = r.formats?.[format];
          return [
            r.file,
            seconds(r.satMs),
            e?.proofMs !== undefined ? seconds(e.proofMs) : 'timeout',
            e?.proofMs !== undefined ? fmtRatio(e.proofMs / r.satMs, false) : '-',
            e?.checkMs !== undefined ? seconds(e.checkMs) : '-',
            e?.proofBytes !== undefined ? (e.proofBytes / 2 ** 20).toFixed(1) : '-',
            e?.verified === undefined || e.verified === null ? '-' : e.verified ? 'yes' : 'NO',
          ];
        }),
      ),
    );
    const ratios = rows.flatMap((r) => (r.formats?.[format]?.proofMs !== undefined ? [r.formats[format].proofMs! / r.satMs] : []));
    if (ratios.length) console.log(`median sat --proof-format ${format} / sat: ${median(ratios).toFixed(2)}x over ${ratios.length} files`);
  }
  const rejected = rows.filter((r) => r.verified === false || Object.values(r.formats ?? {}).some((e) => e.verified === false));
  if (rejected.length) {
    console.log(`ERROR: check-proof rejected a proof of ${rejected.map((r) => r.file).join(', ')}`);
    process.exitCode = 1;
  } else console.log(`every proof written was verified by trainsat check-proof (${rows.filter((r) => r.verified).length} of ${rows.length}; the rest timed out)`);
  const json = {
    suite: 'sat --proof',
    date: new Date().toISOString(),
    durationSec: Math.round((Date.now() - t0) / 1000),
    node: process.version,
    cpu: cpus()[0]?.model,
    cpuCount: cpus().length,
    loadavgStart: load0,
    loadavgEnd: loadavg(),
    timeoutSec: timeoutMs / 1000,
    native: { cadical: cadical ?? null, cadicalVersion: ctx.cadicalVersion ?? null },
    files: rows,
    skipped,
    summary: {
      medianProofOverSat: rows.length ? medRatio : null,
      medianProofOverSatCpu: cpuRatios.length ? median(cpuRatios) : null,
      medianNativeProofOverNative: nativeRatios.length ? median(nativeRatios) : null,
      medianProofOverNativeProof: vsNative.length ? median(vsNative) : null,
      allVerified: rejected.length === 0,
    },
  };
  writeFileSync(join(outDir, 'sat-proof.json'), JSON.stringify(json, null, 2) + '\n');
  console.log(`wrote ${join('bench', 'out', 'sat-proof.json')}`);
}
