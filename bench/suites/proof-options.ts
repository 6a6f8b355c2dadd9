/**
 * `npm run bench -- proof-options`: which CaDiCaL options keep the learned-clause stream a
 * DRUP proof (src/solvers/cadical.ts, DRUP_PROOF_OPTIONS), by experiment.
 *
 * Configurations: DRUP_PROOF_OPTIONS as it is; inprocessing switched on with every pass
 * named below off; and that with exactly one pass (or otfs) switched back on; and CaDiCaL's
 * defaults. Each runs on every unsatisfiable SATLIB uuf100..uuf175 CNF present
 * (../shared/benchmarks/satlib next to the repository) and on generated random 3-SAT
 * (120..160 variables, ratio 4.3) and 5-SAT (40 variables, ratio 21.5) CNFs, 20 s each; every
 * stream of an UNSAT answer (plus the empty clause) is checked with the forward checker
 * (src/exact/rup.ts: every step must be RUP, not only those the refutation uses). A configuration with an invalid stream is unsafe; one without
 * is only not shown unsafe on these CNFs (a pass that never runs on them changes nothing:
 * compare the conflict counts with the all-off row). Reports per configuration the UNSAT
 * answers, invalid streams (with the first few CNFs and the failing step), the conflicts
 * (learned clauses) and the solve time.
 *
 * Options: --only a,b (configuration names), --timeout S (per solve, default 20).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SolverOptions } from 'cadical-wasm';
import { clausesToArrays, parseDimacs } from '../../src/cnf/dimacs.js';
import { checkDrup } from '../../src/exact/rup.js';
import { createCadical, DRUP_PROOF_OPTIONS } from '../../src/solvers/cadical.js';
import { randomKSat } from '../generators.js';
import { repoRoot, table } from '../lib.js';

export const description = 'which CaDiCaL options keep the learned-clause stream a DRUP proof (experiment, ~20 min)';
export const onlyByName = true;

/** Inprocessing passes of cadical-wasm's CaDiCaL, all switched off in the base configuration. */
const PASSES = [
  'vivify', 'subsume', 'probe', 'elim', 'ternary', 'decompose', 'factor', 'sweep', 'congruence', 'transred',
  'eagersubsume', 'instantiate', 'cover', 'block', 'condition', 'deduplicate', 'compact',
] as const;

interface Cnf {
  name: string;
  numVars: number;
  clauses: number[][];
}

function configurations(): Record<string, SolverOptions> {
  const off: SolverOptions = { ...DRUP_PROOF_OPTIONS, inprocessing: true, backbone: 0 };
  for (const p of PASSES) (off as Record<string, boolean>)[p] = false;
  const out: Record<string, SolverOptions> = { current: { ...DRUP_PROOF_OPTIONS }, allPassesOff: off, '+otfs': { ...off, otfs: true }, '+backbone': { ...off, backbone: 1 } };
  for (const p of PASSES) out[`+${p}`] = { ...off, [p]: true };
  out.default = {};
  return out;
}

function cnfs(): Cnf[] {
  const list: Cnf[] = [];
  const satlib = join(repoRoot(), '..', 'shared', 'benchmarks', 'satlib');
  if (existsSync(satlib)) {
    for (const f of readdirSync(satlib).filter((x) => /^uuf(100|125|150|175)-.*\.cnf$/.test(x)).sort()) {
      const p = parseDimacs(readFileSync(join(satlib, f), 'latin1'), f);
      list.push({ name: f, numVars: p.numVars, clauses: clausesToArrays(p.clauses) });
    }
  } else console.log(`note: ${satlib} absent: generated CNFs only`);
  for (let s = 1; s <= 22; s++) {
    const n = 120 + (s % 5) * 10;
    list.push({ name: `r3-${n}-${s}`, ...randomKSat(n, Math.round(4.3 * n), 3, 5000 + s) });
  }
  for (let s = 1; s <= 6; s++) list.push({ name: `r5-40-${s}`, ...randomKSat(40, Math.round(21.5 * 40), 5, 9000 + s) });
  return list;
}

export async function run(args: string[]): Promise<void> {
  let only: string[] | null = null;
  let timeoutMs = 20_000;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--only') only = (args[++i] ?? '').split(',');
    else if (args[i] === '--timeout') timeoutMs = Math.max(1, Number(args[++i]) || 20) * 1000;
    else throw new Error(`proof-options suite: unknown option '${args[i]}' (expected --only a,b, --timeout S)`);
  }
  const all = configurations();
  const names = only ?? Object.keys(all);
  const formulas = cnfs();
  const rows: string[][] = [];
  for (const name of names) {
    const options = all[name];
    if (!options) throw new Error(`proof-options suite: unknown configuration '${name}' (${Object.keys(all).join(', ')})`);
    let unsat = 0;
    let conflicts = 0;
    let solveMs = 0;
    const invalid: string[] = [];
    for (const cnf of formulas) {
      const learned: number[][] = [];
      const solver = await createCadical(options);
      let status: string;
      try {
        solver.onLearn((c) => learned.push(Array.from(c)));
        solver.ensureVars(cnf.numVars);
        solver.addClauses(cnf.clauses);
        const t = Date.now();
        status = await solver.solve({ timeoutMs });
        solveMs += Date.now() - t;
      } finally {
        solver.dispose();
      }
      conflicts += learned.length;
      if (status !== 'unsat') continue;
      unsat++;
      if (learned.length === 0 || learned[learned.length - 1].length !== 0) learned.push([]);
      const r = checkDrup(cnf, learned.map((clause) => ({ kind: 'add' as const, clause })));
      if (!r.ok) invalid.push(`${cnf.name}@${r.step}/${learned.length}`);
    }
    const row = [name, String(unsat), String(invalid.length), String(conflicts), (solveMs / 1000).toFixed(1), invalid.slice(0, 3).join(' ')];
    rows.push(row);
    console.log(row.join('  '));
  }
  console.log(`\n${formulas.length} CNFs, ${timeoutMs / 1000} s per solve:`);
  console.log(table(['configuration', 'unsat', 'invalid', 'learned', 'solve s', 'first invalid (CNF@step/steps)'], rows));
}
