/**
 * `npm run bench -- sat`: `trainsat sat` (CaDiCaL in WebAssembly) against the native
 * `cadical` and `minisat` binaries, end to end (process spawn to exit, as a script would see
 * it), on generated hard formulas and on the CNFs of the curated instances.
 *
 * Formulas (fixed seeds, written to bench/out/, which is gitignored): uniform random 3-SAT
 * with 230..260 variables at ratio 4.26, random 5-SAT with 50..60 variables near its
 * threshold (21.1 clauses per variable), and pigeonhole 10 into 9. When native CaDiCaL is on
 * PATH the random candidates are screened with it and those taking >= 0.5 s are kept (the
 * interesting range: above it, start-up noise no longer dominates). Missing native solvers
 * are skipped with a message. Answers are compared across solvers, and every model
 * trainsat prints is checked against the file here, independently of trainsat's own check.
 *
 * Reports per-file times and the ratio WASM / native CaDiCaL, the median ratio, and the
 * start-up time of `trainsat sat` on a trivial CNF (median of 10) against `node -e 0`.
 * Writes everything to bench/out/sat.json.
 *
 * Options: --runs N (median of N runs per solver and file, default 1), --timeout S (per run,
 * default 120), --quick (fewer candidates, for a smoke test).
 *
 * `--proof`: the cost of a proof instead (bench/sat-proof.ts), on every generated formula
 * (not only the screened selection) that native CaDiCaL finds unsatisfiable: `trainsat
 * sat` with and without `--proof`, native CaDiCaL with and without writing a DRAT proof,
 * and `trainsat check-proof` on every proof trainsat wrote. `--formats drat-trimmed,lrat`
 * also times `sat --proof --proof-format F` and its check for each format given.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { parseDimacs, writeDimacsFile } from '../../src/cnf/dimacs.js';
import { firstFalsified } from '../../src/solvers/clauses.js';
import { findExecutable } from '../../src/solvers/external.js';
import { encodeLoading } from '../../src/encode/loading.js';
import { pigeonhole } from '../../src/arbitraries/cnf-pigeonhole.js';
import { Rng } from '../../src/random/rng.js';
import { drawInstance } from '../../src/sweep/families.js';
import { randomKSat } from '../generators.js';
import { median, repoRoot, seconds, table, timeCommand, type TimedRun } from '../lib.js';

export const description = 'trainsat sat (WASM CaDiCaL) vs native cadical / minisat, end to end; start-up time';

type Answer = 'sat' | 'unsat' | 'unknown' | 'timeout' | 'error';

interface SolverTiming {
  answer: Answer;
  /** Median wall-clock milliseconds over the runs (undefined if it never finished). */
  ms?: number;
  runsMs: number[];
  note?: string;
}

interface FileResult {
  file: string;
  family: string;
  vars: number;
  clauses: number;
  screenMs?: number;
  trainsat: SolverTiming;
  cadical?: SolverTiming;
  minisat?: SolverTiming;
  ratio?: number;
  agree: boolean;
}

interface Options {
  runs: number;
  timeoutMs: number;
  quick: boolean;
  proof: boolean;
  /** With --proof: further --proof-format values to time. */
  formats: string[];
}

function parseArgs(args: string[]): Options {
  const o: Options = { runs: 1, timeoutMs: 120_000, quick: false, proof: false, formats: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--runs') o.runs = Math.max(1, Number(args[++i]) || 1);
    else if (a === '--timeout') o.timeoutMs = Math.max(1, Number(args[++i]) || 120) * 1000;
    else if (a === '--quick') o.quick = true;
    else if (a === '--proof') o.proof = true;
    else if (a === '--formats') o.formats = String(args[++i] ?? '').split(',').filter((f) => f !== '' && f !== 'drat');
    else throw new Error(`sat suite: unknown option '${a}' (expected --runs N, --timeout S, --quick, --proof, --formats LIST)`);
  }
  return o;
}

function answerOf(r: TimedRun): Answer {
  if (r.timedOut) return 'timeout';
  if (r.code === 10) return 'sat';
  if (r.code === 20) return 'unsat';
  if (r.code === 0 && /^s UNKNOWN/m.test(r.stdout)) return 'unknown';
  return 'error';
}

/** Checks the `v` lines trainsat printed against the CNF file, independently of trainsat. */
function checkPrintedModel(stdout: string, cnfPath: string): string | undefined {
  const cnf = parseDimacs(readFileSync(cnfPath, 'latin1'), cnfPath);
  const model = new Uint8Array(cnf.numVars + 1);
  const seen = new Uint8Array(cnf.numVars + 1);
  let zero = false;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('v')) continue;
    if (line.length > 80) return `v line longer than 80 characters`;
    for (const t of line.slice(1).trim().split(/\s+/)) {
      if (!t) continue;
      const l = Number(t);
      if (l === 0) zero = true;
      else {
        const v = Math.abs(l);
        if (v > cnf.numVars) return `literal ${l} beyond the ${cnf.numVars} variables`;
        model[v] = l > 0 ? 1 : 0;
        seen[v] = 1;
      }
    }
  }
  if (!zero) return 'model not terminated by 0';
  for (let v = 1; v <= cnf.numVars; v++) if (!seen[v]) return `variable ${v} missing from the model`;
  const bad = firstFalsified(cnf.clauses, model);
  return bad >= 0 ? `printed model falsifies clause ${bad + 1}` : undefined;
}

async function timeSolver(
  runs: number,
  timeoutMs: number,
  cmd: string,
  args: string[],
  check?: (r: TimedRun) => string | undefined,
): Promise<SolverTiming> {
  const runsMs: number[] = [];
  let answer: Answer = 'error';
  let note: string | undefined;
  for (let i = 0; i < runs; i++) {
    const r = await timeCommand(cmd, args, { timeoutMs });
    answer = answerOf(r);
    if (answer === 'timeout') break;
    if (answer === 'error') {
      note = (r.stderr.trim().split('\n').pop() ?? '').slice(0, 120) || `exit code ${r.code}`;
      break;
    }
    if (check && answer === 'sat') note = check(r) ?? note;
    runsMs.push(r.ms);
  }
  return { answer, ms: runsMs.length ? median(runsMs) : undefined, runsMs, note };
}

interface Candidate {
  name: string;
  family: string;
  make: () => { numVars: number; clauses: number[][] };
}

/**
 * The loading problem itself: blum-rivest-and on random labelings of distinct random points
 * of {0,1}^9 (m = 3n..4n; the `random` family of src/sweep/families.ts), bit-blasted by
 * trainsat's encoder. These are the CNFs trainsat actually solves; screened like the random
 * formulas so that only non-trivial ones count.
 */
function trainabilityCnf(n: number, m: number, seed: number): { numVars: number; clauses: number[][] } {
  const { instance } = drawInstance(Rng.fromSeed(seed), { family: 'random', preset: 'blum-rivest-and', n, size: m, name: `bra-n${n}-m${m}-s${seed}` });
  return encodeLoading(instance).cnf.build();
}

function candidates(quick: boolean): { threeSat: Candidate[]; fiveSat: Candidate[]; trainability: Candidate[]; fixed: Candidate[] } {
  const trainability: Candidate[] = [];
  for (let i = 0; i < (quick ? 2 : 8); i++) {
    const n = 9;
    const m = 27 + ((i * 3) % 10);
    const seed = 201 + i;
    trainability.push({ name: `bra-n${n}-m${m}-s${seed}`, family: 'blum-rivest-and', make: () => trainabilityCnf(n, m, seed) });
  }
  const threeSat: Candidate[] = [];
  const n3 = [230, 240, 250, 260];
  for (let i = 0; i < (quick ? 2 : 8); i++) {
    const n = n3[i % n3.length];
    const seed = 1 + i;
    threeSat.push({ name: `rand3-n${n}-s${seed}`, family: '3-SAT 4.26', make: () => randomKSat(n, Math.round(4.26 * n), 3, seed) });
  }
  const fiveSat: Candidate[] = [];
  const n5 = [50, 55, 60, 55, 50];
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    const n = n5[i];
    const seed = 101 + i;
    fiveSat.push({ name: `rand5-n${n}-s${seed}`, family: '5-SAT 21.1', make: () => randomKSat(n, Math.round(21.1 * n), 5, seed) });
  }
  const fixed: Candidate[] = [{ name: 'php-10-9', family: 'pigeonhole', make: () => pigeonhole(9) }];
  return { threeSat, fiveSat, trainability, fixed };
}

export async function run(args: string[]): Promise<void> {
  const opt = parseArgs(args);
  const root = repoRoot();
  const outDir = join(root, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  const mainJs = join(root, 'dist', 'src', 'cli', 'main.js');
  const satJs = join(root, 'dist', 'src', 'cli', 'sat.js');
  const haveMain = existsSync(mainJs);
  const trainsatCmd = (file: string): [string, string[]] =>
    haveMain
      ? [process.execPath, [mainJs, 'sat', file]]
      : [
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `import { satCommand } from ${JSON.stringify(new URL(`file://${satJs}`).href)}; process.exitCode = await satCommand({ file: ${JSON.stringify(file)} });`,
          ],
        ];
  if (!haveMain) console.log(`note: ${mainJs} not found; timing satCommand in a fresh 'node -e' process instead`);

  const cadical = findExecutable('cadical');
  const minisat = findExecutable('minisat');
  if (!cadical) console.log("note: native 'cadical' not on PATH: skipped (apt-get install cadical); ratios unavailable");
  if (!minisat) console.log("note: native 'minisat' not on PATH: skipped (apt-get install minisat)");
  let cadicalVersion: string | undefined;
  if (cadical) cadicalVersion = (await timeCommand(cadical, ['--version'])).stdout.trim();

  const load0 = loadavg();
  const t0 = Date.now();

  // 1. Generate and (with native CaDiCaL) screen the random candidates.
  const { threeSat, fiveSat, trainability, fixed } = candidates(opt.quick);
  const screenMs = new Map<string, number>();
  const writeCandidate = (c: Candidate): string => {
    const p = join(outDir, `${c.name}.cnf`);
    writeDimacsFile(p, c.make(), [`trainsat bench: ${c.family}, ${c.name}`]);
    return p;
  };
  if (opt.proof) {
    // Every candidate, not a screened selection (which depends on the machine's load):
    // proofOverhead leaves out the ones native CaDiCaL finds satisfiable.
    const all = [...threeSat, ...fiveSat, ...trainability, ...fixed];
    const { proofOverhead } = await import('../sat-proof.js');
    await proofOverhead(
      all.map((c) => ({ path: writeCandidate(c), family: c.family })),
      { mainJs, cadical, outDir, timeoutMs: opt.timeoutMs, cadicalVersion, formats: opt.formats },
    );
    return;
  }
  const pick = async (cs: Candidate[], keep: number): Promise<Candidate[]> => {
    for (const c of cs) writeCandidate(c);
    if (!cadical) return cs.slice(0, keep);
    for (const c of cs) {
      const r = await timeCommand(cadical, ['-q', join(outDir, `${c.name}.cnf`)], { timeoutMs: opt.timeoutMs });
      screenMs.set(c.name, r.timedOut ? Infinity : r.ms);
      process.stdout.write(`screen ${c.name}: native cadical ${r.timedOut ? 'timeout' : seconds(r.ms) + ' s'}\n`);
    }
    const hard = cs.filter((c) => (screenMs.get(c.name) ?? 0) >= 500 && Number.isFinite(screenMs.get(c.name)!));
    const rest = cs.filter((c) => !hard.includes(c) && Number.isFinite(screenMs.get(c.name)!));
    rest.sort((a, b) => screenMs.get(b.name)! - screenMs.get(a.name)!);
    return [...hard.slice(0, keep), ...rest.slice(0, Math.max(0, keep - hard.length))];
  };
  const selected: Candidate[] = [
    ...(await pick(threeSat, opt.quick ? 1 : 4)),
    ...(await pick(fiveSat, opt.quick ? 1 : 3)),
    ...(await pick(trainability, opt.quick ? 1 : 3)),
    ...fixed,
  ];
  for (const c of fixed) writeCandidate(c);
  const files: { path: string; family: string }[] = selected.map((c) => ({ path: join(outDir, `${c.name}.cnf`), family: c.family }));

  // 2. CNFs of the curated instances, if the encode command exists.
  const instDir = join(root, 'instances');
  const instances = existsSync(instDir) ? readdirSync(instDir).filter((f) => f.endsWith('.json') && f !== 'manifest.json').sort() : [];
  if (!haveMain) {
    console.log('note: encoded instances skipped: dist/src/cli/main.js (trainsat encode) not built');
  } else if (instances.length === 0) {
    console.log('note: encoded instances skipped: no instances/*.json');
  } else {
    const encoded: string[] = [];
    for (const inst of instances) {
      const out = join(outDir, `enc-${basename(inst, '.json')}.cnf`);
      const r = await timeCommand(process.execPath, [mainJs, 'encode', join(instDir, inst), '--to', 'dimacs', '-o', out], {
        timeoutMs: opt.timeoutMs,
      });
      if (r.code !== 0) {
        const why = r.stderr.trim().split('\n')[0] ?? '';
        if (encoded.length === 0 && /unknown (command|argument)|not available|not implemented/i.test(why)) {
          console.log(`note: encoded instances skipped: 'trainsat encode' unavailable (${why})`);
          break;
        }
        console.log(`note: encode ${inst} failed (exit ${r.code}): ${why}`);
        continue;
      }
      encoded.push(out);
      files.push({ path: out, family: 'encoded' });
    }
    if (encoded.length) {
      console.log(`\nencoded instances (trainsat encode --to dimacs):`);
      console.log(
        table(
          ['instance', 'vars', 'clauses'],
          encoded.map((p) => {
            const cnf = parseDimacs(readFileSync(p, 'latin1'), p);
            return [basename(p), String(cnf.numVars), String(cnf.numClauses)];
          }),
        ),
      );
    }
  }

  // 3. Time every file on every solver.
  const results: FileResult[] = [];
  for (const f of files) {
    const cnf = parseDimacs(readFileSync(f.path, 'latin1'), f.path);
    const name = basename(f.path);
    const [cmd, cmdArgs] = trainsatCmd(f.path);
    const trainsat = await timeSolver(opt.runs, opt.timeoutMs, cmd, cmdArgs, (r) => checkPrintedModel(r.stdout, f.path));
    const cad = cadical ? await timeSolver(opt.runs, opt.timeoutMs, cadical, ['-q', f.path]) : undefined;
    const mini = minisat ? await timeSolver(opt.runs, opt.timeoutMs, minisat, ['-verb=0', f.path, '/dev/null']) : undefined;
    const answers = [trainsat, cad, mini].filter((t): t is SolverTiming => !!t && (t.answer === 'sat' || t.answer === 'unsat')).map((t) => t.answer);
    const agree = answers.every((a) => a === answers[0]) && !trainsat.note;
    const ratio = trainsat.ms !== undefined && cad?.ms !== undefined ? trainsat.ms / cad.ms : undefined;
    results.push({
      file: name,
      family: f.family,
      vars: cnf.numVars,
      clauses: cnf.numClauses,
      screenMs: screenMs.get(basename(f.path, '.cnf')),
      trainsat,
      cadical: cad,
      minisat: mini,
      ratio,
      agree,
    });
    process.stdout.write(
      `ran ${name}: trainsat ${trainsat.answer} ${seconds(trainsat.ms)} s` +
        (cad ? `, cadical ${cad.answer} ${seconds(cad.ms)} s` : '') +
        (mini ? `, minisat ${mini.answer} ${seconds(mini.ms)} s` : '') +
        (trainsat.note ? ` [${trainsat.note}]` : '') +
        '\n',
    );
  }

  // 4. Start-up: trivial CNF, median of 10 (after one warm-up run each).
  const trivial = join(outDir, 'trivial.cnf');
  writeFileSync(trivial, 'p cnf 1 1\n1 0\n');
  const startup = async (cmd: string, a: string[]): Promise<number> => {
    await timeCommand(cmd, a);
    const ms: number[] = [];
    for (let i = 0; i < 10; i++) ms.push((await timeCommand(cmd, a)).ms);
    return median(ms);
  };
  const [tc, ta] = trainsatCmd(trivial);
  const startTrainsat = await startup(tc, ta);
  const startNode = await startup(process.execPath, ['-e', '0']);
  const startCadical = cadical ? await startup(cadical, ['-q', trivial]) : undefined;

  // 5. Report: the generated hard formulas (where the ratio means something) and the encoded
  // instances (solved in milliseconds, so their times are start-up) in separate tables.
  const fmtT = (t: SolverTiming | undefined, unit: 's' | 'ms'): string =>
    !t ? 'n/a' : t.ms === undefined ? t.answer : unit === 's' ? seconds(t.ms) : t.ms.toFixed(0);
  const rowOf = (r: FileResult, unit: 's' | 'ms'): string[] => [
    r.file,
    r.family,
    String(r.vars),
    String(r.clauses),
    r.trainsat.answer,
    fmtT(r.trainsat, unit),
    fmtT(r.cadical, unit),
    fmtT(r.minisat, unit),
    r.ratio !== undefined ? `${r.ratio.toFixed(2)}x` : '-',
    r.agree ? 'yes' : 'NO',
  ];
  const generated = results.filter((r) => r.family !== 'encoded');
  const encodedResults = results.filter((r) => r.family === 'encoded');
  const head = (unit: string) => ['file', 'family', 'vars', 'clauses', 'answer', `trainsat ${unit}`, `cadical ${unit}`, `minisat ${unit}`, 'wasm/cadical', 'agree'];
  console.log(`\ngenerated formulas: wall-clock seconds end to end, median of ${opt.runs} run(s) (trainsat = ${haveMain ? 'node dist/src/cli/main.js sat FILE' : 'node -e satCommand'}):`);
  console.log(table(head('s'), generated.map((r) => rowOf(r, 's'))));
  if (encodedResults.length) {
    console.log(`\nencoded instances: wall-clock milliseconds end to end (dominated by process start-up):`);
    console.log(table(head('ms'), encodedResults.map((r) => rowOf(r, 'ms'))));
  }
  const ratios = generated.filter((r) => r.ratio !== undefined);
  const hardRatios = ratios.filter((r) => (r.cadical?.ms ?? 0) >= 500);
  const medianRatio = median(ratios.map((r) => r.ratio!));
  const medianHard = median(hardRatios.map((r) => r.ratio!));
  const encRatios = encodedResults.filter((r) => r.ratio !== undefined).map((r) => r.ratio!);
  if (ratios.length) {
    console.log(`\nmedian ratio WASM / native CaDiCaL on the generated formulas: ${medianRatio.toFixed(2)}x over ${ratios.length} files`);
    if (hardRatios.length) console.log(`  on those where native CaDiCaL takes >= 0.5 s: ${medianHard.toFixed(2)}x over ${hardRatios.length} files`);
    if (encRatios.length) {
      console.log(
        `  encoded instances: median ${median(encodedResults.map((r) => r.trainsat.ms ?? NaN)).toFixed(0)} ms trainsat vs ` +
          `${median(encodedResults.map((r) => r.cadical?.ms ?? NaN)).toFixed(0)} ms native (ratio ${median(encRatios).toFixed(0)}x: start-up, not solving)`,
      );
    }
  }
  console.log(
    `start-up on a trivial CNF (median of 10): trainsat sat ${startTrainsat.toFixed(0)} ms, node -e 0 ${startNode.toFixed(0)} ms` +
      `, difference ${(startTrainsat - startNode).toFixed(0)} ms` +
      (startCadical !== undefined ? `; native cadical ${startCadical.toFixed(0)} ms` : ''),
  );
  const disagreements = results.filter((r) => !r.agree);
  if (disagreements.length) console.log(`WARNING: answers disagree or a printed model failed its check on: ${disagreements.map((r) => r.file).join(', ')}`);
  else console.log('answers agree across solvers; every printed trainsat model satisfies its file');

  const json = {
    suite: 'sat',
    date: new Date().toISOString(),
    durationSec: Math.round((Date.now() - t0) / 1000),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model,
    cpuCount: cpus().length,
    loadavgStart: load0,
    loadavgEnd: loadavg(),
    runs: opt.runs,
    timeoutSec: opt.timeoutMs / 1000,
    trainsatCommand: haveMain ? 'node dist/src/cli/main.js sat FILE' : 'node -e (satCommand)',
    native: { cadical: cadical ?? null, cadicalVersion: cadicalVersion ?? null, minisat: minisat ?? null },
    files: results,
    summary: {
      medianRatioWasmOverNativeCadical: ratios.length ? medianRatio : null,
      medianRatioHard: hardRatios.length ? medianHard : null,
      medianRatioEncoded: encRatios.length ? median(encRatios) : null,
      startupMs: { trainsatSat: startTrainsat, nodeE0: startNode, nativeCadical: startCadical ?? null },
      allAgree: disagreements.length === 0,
    },
  };
  writeFileSync(join(outDir, 'sat.json'), JSON.stringify(json, (_k, v) => (v === Infinity ? 'Infinity' : v), 2) + '\n');
  console.log(`wrote ${join('bench', 'out', 'sat.json')}`);
}
