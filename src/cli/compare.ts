/**
 * `trainsat compare FILE... [--restarts R] [--epochs E] [--seed S] [--test TEST.json]
 * [--json] [--timeout S]`: the exact answer beside gradient descent, per instance
 * (docs/cli.md, "compare").
 *
 * `--json` prints `{"instances": [{"file", "exact": {"status", "time_ms"}, "gd": {"restarts",
 * "successes", "bestAccuracy", "time_ms"}}]}`; for an instance with classes, or with
 * `--test`, "exact" and "gd" also carry "train" and (with `--test`) "test", each
 * `{"correct", "total", "accuracy"}` by exact evaluation ("exact": null for both unless
 * the answer is trainable).
 * With the exact best fit (on by default; `--no-max-fit` turns it off) each row also has
 * "maxFit": `{"best", "upper", "optimal", "time_ms"}` (src/compare/exact-beside-gd.ts;
 * null when the decision was unknown), "gd"."bestFit" (the examples GD's best restart fits,
 * by exact evaluation; null without a restart) and "regret" (maxFit.best - gd.bestFit when
 * the optimum is proved, else null).
 * With `--gd-budget exact|SECONDS` GD restarts until it has used the exact decision's time
 * on the instance (or that many seconds) instead of `--restarts` times; "gd" then also has
 * "budget_ms" (the time it was given) and "epochs" (over all restarts), and the table a
 * "GD budget" column.
 * FILE may also be a directory or a `gen` manifest (./corpus.ts); where a manifest gives
 * "expected", each row has the key "expected" and a stderr line sums up the agreement.
 * Exit 0; 1 if GD found (exactly checked) weights for an instance the exact solver calls
 * untrainable, or a decided exact answer differs from the manifest's "expected", either
 * a bug somewhere; 2 bad input (nothing printed).
 *
 * On a terminal, a status line on stderr shows which instance is being worked on and how
 * far it is (./progress.ts): the exact decision's phase and conflicts, then the core and
 * best-fit searches (the bounds proved so far), then GD's restarts; `--quiet` turns it off.
 */
import type { Accuracy, BestFit, Fit } from '../compare/exact-beside-gd.js';
import type { ExplainProgress } from '../explain/core.js';
import type { GDProgress } from '../gd/train.js';
import type { FitBound } from '../optimize/max-fit.js';
import { disagreementReport, disagrees, expandCorpus, type Expected } from './corpus.js';
import { readText } from './io.js';
import { parseBackend, parseGDBudget, parseTimeout } from './options.js';
import { StatusLine } from './progress.js';

export interface CompareArgs {
  files: string[];
  restarts: number;
  epochs: number;
  lr?: number;
  seed: number;
  json: boolean;
  /** Seconds, as given (checked by parseTimeout). */
  timeout?: unknown;
  backend: string;
  /** A test instance with the same network as every FILE. */
  test?: string;
  /** No status line on a terminal. */
  quiet?: boolean;
  /** Untrainable instances: the size of a minimal core of examples (trainsat explain). */
  core?: boolean;
  /** The exact best fit and GD's regret (default true). */
  maxFit?: boolean;
  /** Equal-budget GD: 'exact' or seconds (parseGDBudget). */
  gdBudget?: string;
}

interface SideFit {
  train?: Accuracy | null;
  test?: Accuracy | null;
}

export interface CompareRow {
  file: string;
  exact: { status: string; time_ms: number; core?: { size: number; minimal: boolean } } & SideFit;
  gd: { restarts: number; successes: number; bestAccuracy: number; time_ms: number; bestFit?: number | null; budget_ms?: number; epochs?: number } & SideFit;
  maxFit?: BestFit | null;
  regret?: number | null;
  /** The answer the corpus manifest gives (./corpus.ts), when one does. */
  expected?: Expected;
}

/** The fit keys of one side: train always, test with a test file (null without parameters). */
function sideFit(fit: Fit | null, withTest: boolean): SideFit {
  return withTest ? { train: fit?.train ?? null, test: fit?.test ?? null } : { train: fit?.train ?? null };
}

export async function compareCommand(args: CompareArgs): Promise<number> {
  const { parseInstance } = await import('../model/parse.js');
  const { exactBesideGD, sameNetwork } = await import('../compare/exact-beside-gd.js');
  const { InputError } = await import('../model/errors.js');
  if (!Number.isInteger(args.restarts) || args.restarts < 1) throw new InputError(`--restarts must be a positive integer, got ${args.restarts}`, 'compare');
  if (!Number.isInteger(args.epochs) || args.epochs < 1) throw new InputError(`--epochs must be a positive integer, got ${args.epochs}`, 'compare');
  if (args.lr !== undefined && !(args.lr > 0)) throw new InputError(`--lr must be positive, got ${args.lr}`, 'compare');
  if (!Number.isInteger(args.seed)) throw new InputError(`--seed must be an integer, got ${args.seed}`, 'compare');
  const backend = parseBackend(args.backend, 'exact');
  const timeoutMs = parseTimeout(args.timeout, 'compare');
  const gdBudget = parseGDBudget(args.gdBudget, '--gd-budget');
  // Parse everything first: bad input exits 2 before anything is printed.
  const instances = expandCorpus(args.files).map(({ file, expected }) => ({ file, expected, instance: parseInstance(readText(file), file) }));
  if (args.test !== undefined && typeof args.test !== 'string') throw new InputError('give one test file', '--test');
  const test = args.test === undefined ? undefined : parseInstance(readText(args.test), args.test);
  if (test) {
    for (const { file, instance } of instances) {
      if (!sameNetwork(instance.network, test.network)) throw new InputError(`the network of the test instance ${args.test} differs from that of ${file}`, '--test');
    }
  }
  const rows: CompareRow[] = [];
  const extra: { firstSuccess_ms: number | null; firstSuccessRestart: number | null }[] = [];
  const inconsistent: string[] = [];
  const status = StatusLine.forStderr(args.quiet === true);
  const { progressDetail } = await import('./explain.js');
  for (const [i, { file, expected, instance }] of instances.entries()) {
    const label = instances.length > 1 ? `${file} (${i + 1}/${instances.length})` : file;
    status.start('encoding', { label, budgetMs: timeoutMs });
    const { exact, gd: g, consistent, exactFit, gdFit, core, bestFit, regret, gdBudget_ms } = await exactBesideGD(instance, {
      backend,
      timeoutMs,
      gdBudget,
      core: args.core === true,
      maxFit: args.maxFit !== false,
      gd: {
        restarts: args.restarts,
        epochs: args.epochs,
        lr: args.lr,
        seed: args.seed,
        ...(status.enabled ? { onProgress: (p: GDProgress) => status.update({ detail: `restart ${p.restart}${gdBudget === undefined ? `/${p.restarts}` : ''}, ${p.successes} fits` }) } : {}),
      },
      test,
      onProgress: status.onProgress,
      onGradientDescent: () => status.start('gradient descent', { label }),
      ...(status.enabled
        ? {
            onStage: (stage: 'core' | 'best fit') => status.start(stage === 'core' ? 'core' : 'best fit', { label, budgetMs: timeoutMs }),
            onCoreProgress: (p: ExplainProgress) => status.update(progressDetail(p)),
            onBound: (b: FitBound) => status.update({ detail: `some parameters fit ${b.lower}, none fit ${b.upper + 1}` }),
          }
        : {}),
    }).finally(() => status.clear());
    // the fit keys are new: instances with 0/1 outputs keep their old shape unless --test
    const withFit = test !== undefined || instance.network.classes !== undefined;
    rows.push({
      file,
      exact: { status: exact.status, time_ms: exact.time_ms, ...(core ? { core } : {}), ...(withFit ? sideFit(exactFit, test !== undefined) : {}) },
      gd: {
        restarts: g.restarts,
        successes: g.successes,
        bestAccuracy: g.bestAccuracy,
        time_ms: g.time_ms,
        ...(withFit ? sideFit(gdFit, test !== undefined) : {}),
        ...(bestFit !== undefined ? { bestFit: gdFit?.train.correct ?? null } : {}),
        ...(gdBudget_ms !== undefined ? { budget_ms: gdBudget_ms, epochs: g.epochs } : {}),
      },
      ...(bestFit !== undefined ? { maxFit: bestFit, regret: regret ?? null } : {}),
      ...(expected ? { expected } : {}),
    });
    extra.push({ firstSuccess_ms: g.firstSuccess_ms, firstSuccessRestart: g.firstSuccessRestart });
    if (!consistent) inconsistent.push(file);
  }
  if (args.json) {
    process.stdout.write(JSON.stringify({ instances: rows }) + '\n');
  } else {
    process.stdout.write(formatTable(rows, extra, args.core === true) + '\n');
  }
  const checked = disagreementReport(rows.map((r) => ({ file: r.file, status: r.exact.status, expected: r.expected })), 'exact');
  process.stderr.write(checked);
  const wrong = rows.some((r) => disagrees(r.expected, r.exact.status));
  if (inconsistent.length > 0) {
    process.stderr.write(
      `trainsat: INCONSISTENT: gradient descent found weights that pass exact evaluation on ${inconsistent.length} instance(s) ` +
        `the exact solver (${args.backend}) calls untrainable: ${inconsistent.join(', ')}. One of them is wrong; please report this.\n`,
    );
    return 1;
  }
  return wrong ? 1 : 0;
}

function ms(x: number): string {
  return x < 1000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(2)} s`;
}

function percent(a: Accuracy | null | undefined): string {
  return a ? `${(100 * a.accuracy).toFixed(1)}%` : '-';
}

function fraction(a: Accuracy | null | undefined): string {
  return a ? `${a.correct}/${a.total}` : '-';
}

function formatTable(rows: CompareRow[], extra: { firstSuccess_ms: number | null; firstSuccessRestart: number | null }[], withCore = false): string {
  const withFit = rows.some((r) => 'train' in r.gd);
  const withTest = rows.some((r) => 'test' in r.gd);
  const head = ['file', 'exact', 'exact time', 'GD fits', 'GD best acc.', 'GD first fit', 'GD time'];
  if (withFit) head.push('exact train', 'GD train');
  if (withTest) head.push('exact test', 'GD test');
  if (withCore) head.push('core');
  const withBest = rows.some((r) => r.maxFit !== undefined);
  if (withBest) head.push('best fit', 'GD best fit', 'GD regret');
  const withBudget = rows.some((r) => r.gd.budget_ms !== undefined);
  if (withBudget) head.push('GD budget', 'GD epochs');
  const withExpected = rows.some((r) => r.expected !== undefined);
  if (withExpected) head.push('expected');
  const body = rows.map((r, i) => {
    const e = extra[i];
    const cells = [
      r.file,
      r.exact.status,
      ms(r.exact.time_ms),
      `${r.gd.successes}/${r.gd.restarts}`,
      `${(100 * r.gd.bestAccuracy).toFixed(1)}%`,
      e.firstSuccess_ms === null ? '-' : `${ms(e.firstSuccess_ms)} (restart ${(e.firstSuccessRestart ?? 0) + 1})`,
      ms(r.gd.time_ms),
    ];
    if (withFit) cells.push(fraction(r.exact.train), fraction(r.gd.train));
    if (withTest) cells.push(percent(r.exact.test), percent(r.gd.test));
    if (withCore) cells.push(r.exact.core ? `${r.exact.core.size}${r.exact.core.minimal ? '' : ' (not minimal)'}` : '-');
    if (withBest) cells.push(bestFitText(r.maxFit), r.gd.bestFit == null ? '-' : String(r.gd.bestFit), r.regret == null ? '-' : String(r.regret));
    if (withBudget) cells.push(r.gd.budget_ms === undefined ? '-' : ms(r.gd.budget_ms), String(r.gd.epochs ?? '-'));
    if (withExpected) cells.push(r.expected === undefined ? '-' : disagrees(r.expected, r.exact.status) ? `${r.expected} (DISAGREES)` : r.expected);
    return cells;
  });
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const right = new Set(head.map((_, c) => c).filter((c) => c >= 2 && c !== 5));
  const line = (cells: string[]) => cells.map((s, c) => (right.has(c) ? s.padStart(widths[c]) : s.padEnd(widths[c]))).join('  ').trimEnd();
  const trainable = rows.filter((r) => r.exact.status === 'trainable');
  const missed = trainable.filter((r) => r.gd.successes === 0).length;
  const foot = [
    trainable.length
      ? `GD (fits = restarts whose hardened network passes exact evaluation) found no fit on ${missed} of ${trainable.length} trainable instance(s).`
      : 'No instance is proved trainable.',
  ];
  const settled = rows.filter((r) => r.exact.status === 'unknown' && r.gd.successes > 0).length;
  if (settled > 0) foot.push(`${settled} instance(s) marked unknown are trainable after all: GD found weights that pass exact evaluation.`);
  if (withCore) foot.push('core: the examples of a minimal untrainable core (trainsat explain), on untrainable instances.');
  if (withFit) {
    foot.push(
      'train / test: examples fully right by exact evaluation of the exact solution (when trainable) and of the GD restart that fits the most training examples' +
        (withTest ? '; test: accuracy on the --test examples.' : '.'),
    );
  }
  if (withBest) {
    foot.push(
      'best fit: the most examples any parameters fit (exact, solve --max-fit; lo..hi when the budget left it unproved); GD best fit: examples the best GD restart fits; GD regret: best fit minus GD best fit.',
    );
  }
  if (withExpected) foot.push('expected: the answer the corpus manifest gives; DISAGREES marks a decided exact answer that differs from it.');
  if (withBudget) foot.push('GD budget: the wall-clock time GD restarted within (--gd-budget); it finishes the restart running when the budget is spent. GD epochs: over all restarts.');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), '', ...foot].join('\n');
}

function bestFitText(b: BestFit | null | undefined): string {
  if (!b) return '-';
  return b.optimal ? String(b.best) : `${b.best}..${b.upper}`;
}
