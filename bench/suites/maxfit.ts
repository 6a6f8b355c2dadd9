/**
 * Exact best fit (src/optimize/max-fit.ts) beside the plain decision, in-process, on the
 * same instances: random labelings of distinct random points of {0,1}^n (the `random`
 * family of src/sweep/families.ts; fixed seeds) for the 3-node networks blum-rivest-and and
 * blum-rivest, n = 10..14, m = 5n. Per instance: the plain decision's time (`decide`,
 * default backend), the best fit's time and answer for each search measured, and the ratio
 * best fit / decision; the median ratio per search at the end. The target is a median of
 * at most 20x for the default search.
 *
 * Searches: `linear` (SAT-UNSAT on one incremental engine, the default), `binary`
 * (bisection, the middle bounds as assumptions on the same engine), and with
 * `--decide` also `decide` (a fresh decision per bound on `{...instance, minCorrect: k}`,
 * the baseline the incremental engine replaces, without the plain decision first). Options: --timeout S per run (default
 * 300), --n LIST (default 10,11,12,13,14), --seeds N per (preset, n) (default 2),
 * --backend B (default auto), --decide.
 */
import { decide } from '../../src/decide.js';
import { maxFit, type MaxFitStrategy } from '../../src/optimize/max-fit.js';
import type { PresetName } from '../../src/model/presets.js';
import type { Instance } from '../../src/model/types.js';
import { Rng } from '../../src/random/rng.js';
import { drawInstance } from '../../src/sweep/families.js';
import { median, table } from '../lib.js';

export const description = 'exact best fit (solve --max-fit) vs the plain decision on random-label 3-node instances, n = 10..14, m = 5n; median ratio';

interface Options {
  timeoutMs: number;
  ns: number[];
  seeds: number;
  backend: string;
  decideBaseline: boolean;
}

function parse(args: string[]): Options {
  const o: Options = { timeoutMs: 300_000, ns: [10, 11, 12, 13, 14], seeds: 2, backend: 'auto', decideBaseline: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--timeout') o.timeoutMs = Number(args[++i]) * 1000;
    else if (a === '--n') o.ns = (args[++i] ?? '').split(',').map(Number);
    else if (a === '--seeds') o.seeds = Number(args[++i]);
    else if (a === '--backend') o.backend = args[++i] ?? 'auto';
    else if (a === '--decide') o.decideBaseline = true;
    else throw new Error(`maxfit suite: unknown option '${a}' (see bench/suites/maxfit.ts)`);
  }
  return o;
}

/** The decide-per-bound baseline: linear search over minCorrect with a fresh decision each time. */
async function decideSearch(inst: Instance, backend: string, timeoutMs: number): Promise<{ best: number; optimal: boolean }> {
  const t0 = performance.now();
  let best = -1;
  for (let k = 0; k <= inst.examples.length; k = best + 1) {
    const left = timeoutMs - (performance.now() - t0);
    const r = await decide({ ...inst, minCorrect: k }, { backend, timeoutMs: Math.max(0, left) });
    if (r.status === 'untrainable') return { best, optimal: true };
    if (r.status === 'unknown') return { best, optimal: false };
    const { checkParameters } = await import('../../src/model/evaluate.js');
    best = checkParameters({ ...inst, minCorrect: 0 }, r.parameters!).correct;
    if (best === inst.examples.length) return { best, optimal: true };
  }
  return { best, optimal: true };
}

export async function run(args: string[]): Promise<void> {
  const o = parse(args);
  const searches: (MaxFitStrategy | 'decide')[] = ['linear', 'binary', ...(o.decideBaseline ? (['decide'] as const) : [])];
  const rows: string[][] = [];
  const ratios = new Map<string, number[]>(searches.map((s) => [s, []]));
  const untrainableRatios = new Map<string, number[]>(searches.map((s) => [s, []]));
  for (const preset of ['blum-rivest-and', 'blum-rivest'] as PresetName[]) {
    for (const n of o.ns) {
      for (let seed = 1; seed <= o.seeds; seed++) {
        const m = 5 * n;
        const name = `${preset === 'blum-rivest' ? 'br' : 'bra'}-n${n}-m${m}-s${seed}`;
        const { instance } = drawInstance(Rng.fromSeed(7919 * seed + 31 * n + m), { family: 'random', preset, n, size: m, name });
        const d = await decide(instance, { backend: o.backend, timeoutMs: o.timeoutMs });
        const row = [name, d.status, `${d.time_ms}`];
        for (const s of searches) {
          const t0 = performance.now();
          const r = s === 'decide' ? await decideSearch(instance, d.backend, o.timeoutMs) : await maxFit(instance, { backend: o.backend, strategy: s, timeoutMs: o.timeoutMs });
          const ms = performance.now() - t0;
          const ratio = ms / Math.max(1, d.time_ms);
          if (r.optimal && d.status !== 'unknown') ratios.get(s)!.push(ratio);
          if (r.optimal && d.status === 'untrainable') untrainableRatios.get(s)!.push(ratio);
          row.push(`${r.best}${r.optimal ? '' : '?'}/${m}`, `${Math.round(ms)}`, `${ratio.toFixed(1)}x`);
        }
        rows.push(row);
        console.log(row.join('  '));
      }
    }
  }
  console.log('');
  console.log(table(['instance', 'decide', 'decide ms', ...searches.flatMap((s) => [`${s} best`, `${s} ms`, `${s}/decide`])], rows));
  console.log('');
  for (const s of searches) {
    const xs = ratios.get(s)!;
    const un = untrainableRatios.get(s)!;
    console.log(`median ${s} / decide: ${xs.length ? median(xs).toFixed(1) : '-'}x over ${xs.length} instances proved optimal (a best fit marked ? was not proved within ${o.timeoutMs / 1000} s); ${un.length ? median(un).toFixed(1) : '-'}x over the ${un.length} untrainable ones`);
  }
}
