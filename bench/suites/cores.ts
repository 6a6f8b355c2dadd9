/**
 * `npm run bench -- cores`: minimal untrainable cores of examples (src/explain/core.ts)
 * against the plain decision, side by side in one run, on the untrainable random-labelling
 * instances of the exact bench (blum-rivest and blum-rivest-and, n = 10..16, bench/exact.ts
 * `specs`, the same seeds).
 *
 * Per instance: the plain decision's time (decide, backend auto: the hybrid; median of
 * --runs runs after a warm-up), explainUntrainable's time, the core's size, whether it is
 * minimal, the decisions it took, and the ratio explain / decide; then the median ratio.
 * The same in process CPU time (user + system), which a machine shared with other jobs
 * disturbs far less than wall time.
 * Every core is re-checked here: its own decision untrainable and every single deletion
 * fitted by its witness (explain checks this too; a failure sets exit code 1).
 *
 * Options: --runs N (default 3), --timeout S (per explanation, default 600), --only REGEX,
 * --n LIST (comma-separated n, default 10,12,14,16). Writes bench/out/cores.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide } from '../../src/decide.js';
import { explainUntrainable, subInstance } from '../../src/explain/core.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { generate, specs } from '../exact.js';
import { median, repoRoot, table } from '../lib.js';

const ms = (t: number) => `${t.toFixed(1)}ms`;

export const description = 'minimal untrainable cores (explain) vs the plain decision, exact bench random labelings n = 10..16';

interface Row {
  name: string;
  examples: number;
  decide_ms: number;
  explain_ms: number;
  core: number;
  minimal: boolean;
  decisions: number;
  ratio: number;
  /** Process CPU time (user + system) of the same runs: steadier than wall time on a shared machine. */
  decide_cpu_ms: number;
  explain_cpu_ms: number;
  cpu_ratio: number;
}

/** CPU time (user + system) of the process in milliseconds since `from`. */
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

export async function run(args: string[]): Promise<void> {
  let runs = 3;
  let timeoutMs = 600_000;
  let only: RegExp | undefined;
  let ns = [10, 12, 14, 16];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--runs') runs = Number(args[++i]);
    else if (a === '--timeout') timeoutMs = Number(args[++i]) * 1000;
    else if (a === '--only') only = new RegExp(args[++i] ?? '');
    else if (a === '--n') ns = (args[++i] ?? '').split(',').map(Number);
    else throw new Error(`cores suite: unknown option '${a}' (see bench/suites/cores.ts)`);
  }
  const list = specs({ quick: false, big: false, splitting: false })
    .filter((s) => s.preset !== 'perceptron' && !s.planted && ns.includes(s.n))
    .filter((s) => !only || only.test(s.name));
  // Warm-up (JIT) on a small instance.
  await explainUntrainable(generate(list[0]), { timeoutMs: 5000 });
  const rows: Row[] = [];
  let failures = 0;
  for (const s of list) {
    const inst = generate(s);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let status = '';
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const c = process.cpuUsage();
      status = (await decide(inst)).status;
      times.push(performance.now() - t);
      cpuTimes.push(cpuSince(c));
    }
    if (status !== 'untrainable') continue;
    const t = performance.now();
    const c = process.cpuUsage();
    const x = await explainUntrainable(inst, { timeoutMs });
    const explainMs = performance.now() - t;
    const explainCpuMs = cpuSince(c);
    const core = x.core ?? [];
    const coreOk = x.status === 'untrainable' && (await decide(subInstance(inst, core))).status === 'untrainable';
    const fitsOk = x.fits.every((f) => checkParameters(subInstance(inst, core.filter((e) => e !== f.example)), f.parameters).ok);
    if (!coreOk || !fitsOk) {
      failures++;
      console.log(`FAILED CHECK on ${s.name}: core untrainable ${coreOk}, witnesses ${fitsOk}`);
    }
    const decideMs = median(times);
    const decideCpuMs = median(cpuTimes);
    rows.push({ name: s.name, examples: inst.examples.length, decide_ms: decideMs, explain_ms: explainMs, core: core.length, minimal: x.minimal, decisions: x.decisions, ratio: explainMs / decideMs, decide_cpu_ms: decideCpuMs, explain_cpu_ms: explainCpuMs, cpu_ratio: explainCpuMs / decideCpuMs });
  }
  console.log(
    table(
      ['instance', 'm', 'decide', 'explain', 'core', 'minimal', 'decisions', 'ratio', 'decide cpu', 'explain cpu', 'cpu ratio'],
      rows.map((r) => [r.name, String(r.examples), ms(r.decide_ms), ms(r.explain_ms), String(r.core), r.minimal ? 'yes' : 'NO', String(r.decisions), r.ratio.toFixed(1) + 'x', ms(r.decide_cpu_ms), ms(r.explain_cpu_ms), r.cpu_ratio.toFixed(1) + 'x']),
    ),
  );
  console.log(`median ratio explain / decide: ${median(rows.map((r) => r.ratio)).toFixed(1)}x wall, ${median(rows.map((r) => r.cpu_ratio)).toFixed(1)}x CPU over ${rows.length} untrainable instances; minimal: ${rows.filter((r) => r.minimal).length}/${rows.length}`);
  const outDir = join(repoRoot(), 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'cores.json'), JSON.stringify(rows, null, 2) + '\n');
  if (failures > 0) process.exitCode = 1;
}
