/**
 * Plots of sweep results: Vega-Lite specs compiled with vega-lite and rendered
 * to SVG server-side by vega (no browser, no canvas), embedded in a self-contained HTML
 * page without scripts.
 *
 * vega and vega-lite are optional packages (about 42 MB installed with the packages they
 * pull in, two thirds of trainsat's install; docs/measurements.md): they are loaded on
 * first use, and their absence is an InputError naming `npm install vega vega-lite`. The
 * specs are plain JSON (`VegaLiteSpec`), so nothing else here needs them.
 *
 * Figures:
 *  1. per group (family, preset, n), two panels against the ratio (m/n; sets/n for
 *     set-splitting), each with its own axis title and a tick at every ratio swept: the
 *     fractions of all instances that the exact solver proves trainable (or leaves
 *     unknown) and where GD found a fit; beside it, among the trainable instances only,
 *     where GD found a fit and the mean share of restarts that fit (a different
 *     denominator, so a different axis);
 *  2. exact solve time against instance size m (log scale), colour by answer (and GD),
 *     shape by family;
 *  3. GD's best accuracy on instances the exact solver proves untrainable (how close it
 *     gets where no fit exists), against the ratio;
 *  4. GD's regret (the exact best fit minus the examples GD's best restart fits), against
 *     the ratio and against the network's depth, on records that carry it (sweeps run with
 *     the exact best fit) and whose optimum was proved.
 */
import { InputError } from '../model/errors.js';
import type { SweepRecord } from './run.js';
import { parseJsonLines } from './shards.js';

/** A Vega-Lite specification (the vega-lite package's TopLevelSpec), as plain JSON. */
export type VegaLiteSpec = Record<string, unknown>;

/** The optional packages that draw the plots, as `npm install` names them. */
export const PLOT_PACKAGES = { vega: 'vega', vegaLite: 'vega-lite' } as const;

interface Renderer {
  vega: typeof import('vega');
  vegaLite: typeof import('vega-lite');
}

/** Imports `name`; an InputError naming the install command when it is not installed. */
async function importOptional<T>(name: string, packages: typeof PLOT_PACKAGES): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'ERR_MODULE_NOT_FOUND' || !err.message.includes(`'${name}'`)) throw e;
    throw new InputError(
      `plots are drawn by the npm packages ${packages.vega} and ${packages.vegaLite} (about 42 MB with what they pull in), and ${name} is not installed; run: npm install ${packages.vega}@5 ${packages.vegaLite}@5`,
      'plot',
    );
  }
}

/** Loads vega and vega-lite (`packages` is for tests of the message when one is missing). */
export async function loadRenderer(packages: typeof PLOT_PACKAGES = PLOT_PACKAGES): Promise<Renderer> {
  return { vega: await importOptional(packages.vega, packages), vegaLite: await importOptional(packages.vegaLite, packages) };
}

export interface PointStats {
  group: string;
  family: string;
  preset: string;
  n: number;
  ratio: number;
  instances: number;
  trainable: number;
  untrainable: number;
  unknown: number;
  /** Instances where some GD restart found a fit. */
  gdFit: number;
  /** Trainable instances where some GD restart found a fit. */
  gdFitTrainable: number;
  /** Mean over trainable instances of successes / restarts. */
  restartRateTrainable: number | null;
  /** Mean GD best accuracy over untrainable instances. */
  accuracyUntrainable: number | null;
  medianExactMs: number;
  medianGdMs: number;
  /** Mean m. */
  m: number;
}

/** Parses JSONL sweep results; errors name `source:line`. Blank lines are skipped. */
export function parseRecords(text: string, source: string): SweepRecord[] {
  return parseJsonLines<SweepRecord>(
    text,
    source,
    'sweep result',
    'id, family, preset, n, ratio, m, exact {status, time_ms}, gd {restarts, successes, bestAccuracy, time_ms}',
    (r) =>
      typeof r.id === 'string' && typeof r.family === 'string' && typeof r.preset === 'string' &&
      typeof r.n === 'number' && typeof r.ratio === 'number' && typeof r.m === 'number' &&
      typeof r.exact?.status === 'string' && typeof r.exact?.time_ms === 'number' &&
      typeof r.gd?.restarts === 'number' && typeof r.gd?.successes === 'number' &&
      typeof r.gd?.bestAccuracy === 'number' && typeof r.gd?.time_ms === 'number',
  );
}

export function groupLabel(r: Pick<SweepRecord, 'family' | 'preset' | 'n' | 'setSize'>): string {
  const what = r.family === 'set-splitting' ? `${r.n} elements${r.setSize !== undefined ? `, sets of ${r.setSize}` : ''}` : `n = ${r.n}`;
  return `${r.family}, ${r.preset}, ${what}`;
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Per (group, ratio) statistics, sorted by group then ratio. Duplicate ids count once (the last). */
export function aggregate(records: readonly SweepRecord[]): PointStats[] {
  const byId = new Map<string, SweepRecord>();
  for (const r of records) byId.set(r.id, r);
  const cells = new Map<string, SweepRecord[]>();
  for (const r of byId.values()) {
    const key = `${groupLabel(r)}\u0000${r.ratio}`;
    const list = cells.get(key);
    if (list) list.push(r);
    else cells.set(key, [r]);
  }
  const stats: PointStats[] = [];
  for (const rs of cells.values()) {
    const r0 = rs[0];
    const tr = rs.filter((r) => r.exact.status === 'trainable');
    const un = rs.filter((r) => r.exact.status === 'untrainable');
    stats.push({
      group: groupLabel(r0),
      family: r0.family,
      preset: r0.preset,
      n: r0.n,
      ratio: r0.ratio,
      instances: rs.length,
      trainable: tr.length,
      untrainable: un.length,
      unknown: rs.length - tr.length - un.length,
      gdFit: rs.filter((r) => r.gd.successes > 0).length,
      gdFitTrainable: tr.filter((r) => r.gd.successes > 0).length,
      restartRateTrainable: mean(tr.map((r) => (r.gd.restarts ? r.gd.successes / r.gd.restarts : 0))),
      accuracyUntrainable: mean(un.map((r) => r.gd.bestAccuracy)),
      medianExactMs: median(rs.map((r) => r.exact.time_ms)),
      medianGdMs: median(rs.map((r) => r.gd.time_ms)),
      m: rs.reduce((a, r) => a + r.m, 0) / rs.length,
    });
  }
  return stats.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.ratio - b.ratio));
}

/** The ratio's axis title for one family: examples per input, or sets per element. */
export function ratioTitleFor(family: string): string {
  return family === 'set-splitting' ? 'sets/n (sets per element)' : 'm/n (examples per input)';
}

/** The ratio's axis title for a panel holding these families (one meaning when they agree). */
function ratioTitle(records: readonly Pick<SweepRecord, 'family'>[]): string {
  const titles = [...new Set(records.map((r) => ratioTitleFor(r.family)))];
  return titles.length === 1 ? titles[0] : 'm/n (examples per input); set-splitting: sets/n';
}

/** The distinct ratios, ascending (the axis ticks). */
function sweptRatios(rows: readonly { ratio: number }[]): number[] {
  return [...new Set(rows.map((r) => r.ratio))].sort((a, b) => a - b);
}

/** A ratio axis with one tick at every swept ratio and nothing in between. */
function ratioAxis(title: string, ratios: readonly number[]): Record<string, unknown> {
  const domain = ratios.length > 1 ? { domain: [ratios[0], ratios[ratios.length - 1]] } : {};
  return { field: 'ratio', type: 'quantitative', title, scale: { zero: false, nice: false, padding: 12, ...domain }, axis: { values: ratios, format: '.4~r', grid: true } };
}

const WIDTH = 380;
const HEIGHT = 230;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' as const },
  view: { stroke: '#cccccc' },
};

/** Figure 1's measures: the first three are fractions of all instances, the last two of the trainable ones. */
const MEASURES = [
  'exact: trainable',
  'GD: fit found (any restart)',
  'exact: unknown (no answer within the budget)',
  'GD: fit found, among trainable',
  'GD: share of restarts that fit, among trainable',
];
const OF_ALL = MEASURES.slice(0, 3);
const MEASURE_COLORS = ['#9cc3e6', '#d9480f', '#9a9a9a', '#8c2d04', '#7b3294'];
const MEASURE_WIDTHS = [7, 2, 2, 2, 1.5];
const MEASURE_DASHES = [[1, 0], [1, 0], [2, 2], [1, 0], [4, 3]];
const LEGEND = { orient: 'bottom', direction: 'vertical', columns: 1, labelLimit: 0 };
const LINE_LEGEND = { ...LEGEND, symbolType: 'stroke', symbolSize: 400 };

/**
 * Figure 1, one row per group: left, against the ratio, the fraction of all instances
 * proved trainable (a wide pale band), left unknown, and where some GD restart found a fit
 * (never above the band: a fit is checked exactly); right, among the trainable instances
 * only, the fraction where GD found a fit and the mean share of restarts that fit. Every
 * panel has its own ratio axis (m/n or sets/n) with a tick at each ratio swept.
 */
export function trainableSpec(records: readonly SweepRecord[], stats: readonly PointStats[]): VegaLiteSpec {
  const rows: Record<string, unknown>[] = [];
  for (const s of stats) {
    const base = { group: s.group, ratio: s.ratio, instances: s.instances };
    rows.push({ ...base, measure: MEASURES[0], value: s.trainable / s.instances });
    rows.push({ ...base, measure: MEASURES[1], value: s.gdFit / s.instances });
    if (s.unknown > 0) rows.push({ ...base, measure: MEASURES[2], value: s.unknown / s.instances });
    if (s.trainable > 0) rows.push({ ...base, measure: MEASURES[3], value: s.gdFitTrainable / s.trainable });
    if (s.restartRateTrainable !== null) rows.push({ ...base, measure: MEASURES[4], value: s.restartRateTrainable });
  }
  const present = MEASURES.filter((m) => rows.some((r) => r.measure === m));
  const pick = <T,>(xs: T[]) => present.map((m) => xs[MEASURES.indexOf(m)]);
  const channel = (range: unknown[]) => ({ field: 'measure', type: 'nominal', title: null, sort: present, scale: { domain: present, range }, legend: LINE_LEGEND });
  const color = channel(pick(MEASURE_COLORS));
  const panel = (group: string, family: string, ofAll: boolean): Record<string, unknown> => {
    const values = rows.filter((r) => r.group === group && OF_ALL.includes(r.measure as string) === ofAll);
    const x = ratioAxis(ratioTitleFor(family), sweptRatios(stats.filter((s) => s.group === group)));
    const y = { field: 'value', type: 'quantitative', title: ofAll ? 'fraction of all instances' : 'fraction of trainable ones', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
    return {
      data: { values },
      width: WIDTH,
      height: HEIGHT,
      layer: [
        { mark: { type: 'line' }, encoding: { x, y, color, strokeWidth: channel(pick(MEASURE_WIDTHS)), strokeDash: channel(pick(MEASURE_DASHES)) } },
        { mark: { type: 'point', filled: true, size: 30 }, transform: [{ filter: `datum.measure !== '${MEASURES[0]}'` }], encoding: { x, y, color } },
      ],
    };
  };
  const groups = [...new Set(stats.map((s) => s.group))];
  const groupRows = groups.map((g) => {
    const family = stats.find((s) => s.group === g)!.family;
    const right = rows.some((r) => r.group === g && !OF_ALL.includes(r.measure as string));
    return { title: { text: g, fontSize: 13 }, hconcat: right ? [panel(g, family, true), panel(g, family, false)] : [panel(g, family, true)] };
  });
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: 'Trainable (exact) vs fit found by gradient descent',
    vconcat: groupRows,
  } as unknown as VegaLiteSpec;
}

/** Figure 2: exact solve time (and GD time) against the number of examples. */
export function timeSpec(records: readonly SweepRecord[]): VegaLiteSpec {
  const series = ['exact: trainable', 'exact: untrainable', 'exact: unknown', 'GD: all restarts'];
  const colors = ['#1f5fa8', '#c0392b', '#9a9a9a', '#e0a040'];
  const rows = records.flatMap((r) => [
    { m: r.m, ms: Math.max(1, r.exact.time_ms), series: `exact: ${r.exact.status}`, family: r.family, group: groupLabel(r) },
    { m: r.m, ms: Math.max(1, r.gd.time_ms), series: 'GD: all restarts', family: r.family, group: groupLabel(r) },
  ]);
  const present = series.filter((s) => rows.some((r) => r.series === s));
  const families = [...new Set(records.map((r) => r.family))].sort();
  const shapes = ['circle', 'square', 'diamond', 'cross', 'triangle-down', 'triangle-up'];
  const backends = [...new Set(records.map((r) => r.exact.backend))].join(', ');
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: 'Solve time against instance size', subtitle: [`exact: ${backends || 'n/a'} backend; GD: all restarts of one instance`, 'times under 1 ms are drawn at 1 ms'] },
    data: { values: rows },
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'point', filled: true, size: 40, opacity: 0.75 },
    encoding: {
      x: { field: 'm', type: 'quantitative', title: 'examples (m)', scale: { zero: false } },
      y: { field: 'ms', type: 'quantitative', title: 'time (ms, log scale)', scale: { type: 'log' } },
      color: { field: 'series', type: 'nominal', title: 'answer', scale: { domain: present, range: present.map((s) => colors[series.indexOf(s)]) }, legend: LEGEND },
      shape: { field: 'family', type: 'nominal', title: 'family', legend: LEGEND, scale: { domain: families, range: families.map((_, k) => shapes[k % shapes.length]) } },
    },
  } as unknown as VegaLiteSpec;
}

/** Figure 3: GD's best accuracy on untrainable instances; null when there are none. */
export function accuracySpec(records: readonly SweepRecord[]): VegaLiteSpec | null {
  const un = records.filter((r) => r.exact.status === 'untrainable');
  if (un.length === 0) return null;
  const rows = un.map((r) => ({ ratio: r.ratio, accuracy: r.gd.bestAccuracy, group: groupLabel(r) }));
  const groups = [...new Set(rows.map((r) => r.group))];
  const color = { field: 'group', type: 'nominal', title: null, legend: groups.length > 1 ? LEGEND : null };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: 'How close GD gets where no fit exists', subtitle: ['best fraction of examples right, on instances', 'proved untrainable (dots: instances; line: mean)'] },
    data: { values: rows },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      { mark: { type: 'point', opacity: 0.35, size: 30 }, encoding: { x: ratioAxis(ratioTitle(un), sweptRatios(records.filter((r) => un.some((u) => groupLabel(u) === groupLabel(r))))), y: { field: 'accuracy', type: 'quantitative', title: 'GD best accuracy', scale: { zero: false }, axis: { format: '.0%' } }, color } },
      { mark: { type: 'line', strokeWidth: 2, point: true }, encoding: { x: { field: 'ratio', type: 'quantitative' }, y: { aggregate: 'mean', field: 'accuracy', type: 'quantitative' }, color } },
    ],
  } as unknown as VegaLiteSpec;
}

/** Figure 4: GD's regret in examples against the ratio and against depth; null when no record carries a regret. */
export function regretSpec(records: readonly SweepRecord[]): VegaLiteSpec | null {
  const rows = records
    .filter((r) => typeof r.regret === 'number')
    .map((r) => ({ ratio: r.ratio, depth: r.depth ?? 0, regret: r.regret as number, group: groupLabel(r), answer: r.exact.status }));
  if (rows.length === 0) return null;
  const groups = [...new Set(rows.map((r) => r.group))];
  const color = { field: 'group', type: 'nominal', title: null, legend: groups.length > 1 ? LEGEND : null };
  const y = { field: 'regret', type: 'quantitative', title: 'GD regret (examples)', scale: { zero: true } };
  const panel = (field: 'ratio' | 'depth', title: string) => ({
    width: WIDTH / 2 + 40,
    height: HEIGHT,
    layer: [
      { mark: { type: 'point', opacity: 0.35, size: 30 }, encoding: { x: { field, type: 'quantitative', title, scale: { zero: false }, ...(field === 'depth' ? { axis: { tickMinStep: 1 } } : {}) }, y, color } },
      { mark: { type: 'line', strokeWidth: 2, point: true }, encoding: { x: { field, type: 'quantitative' }, y: { aggregate: 'mean', field: 'regret', type: 'quantitative' }, color } },
    ],
  });
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: "Gradient descent's regret", subtitle: ['exact best fit minus the examples the best GD restart fits', '(dots: instances; line: mean; only proved optima)'] },
    data: { values: rows },
    hconcat: [panel('ratio', ratioTitle(records)), panel('depth', 'depth (units on the longest path)')],
  } as unknown as VegaLiteSpec;
}

/** Renders a Vega-Lite spec to an SVG string (server-side, no canvas). */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const { vega, vegaLite } = await loadRenderer();
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Figures {
  trainable: string;
  time: string;
  accuracy: string | null;
  regret: string | null;
}

/** All figures of a set of records, as SVG strings. */
export async function renderFigures(records: readonly SweepRecord[]): Promise<Figures> {
  const stats = aggregate(records);
  const acc = accuracySpec(records);
  const regret = regretSpec(records);
  return {
    trainable: await renderSvg(trainableSpec(records, stats)),
    time: await renderSvg(timeSpec(records)),
    accuracy: acc ? await renderSvg(acc) : null,
    regret: regret ? await renderSvg(regret) : null,
  };
}

/** One SVG with every figure (figure 1 on top, 2 and 3 side by side below). */
export async function renderCombinedSvg(records: readonly SweepRecord[]): Promise<string> {
  const stats = aggregate(records);
  const strip = (s: VegaLiteSpec): Record<string, unknown> => {
    const { $schema: _s, config: _c, ...rest } = s as unknown as Record<string, unknown>;
    return rest;
  };
  const acc = accuracySpec(records);
  const bottom = acc ? { hconcat: [strip(timeSpec(records)), strip(acc)], resolve: { scale: { color: 'independent', shape: 'independent' } } } : strip(timeSpec(records));
  const regret = regretSpec(records);
  const spec = {
    $schema: SCHEMA,
    config: CONFIG,
    vconcat: [strip(trainableSpec(records, stats)), bottom, ...(regret ? [strip(regret)] : [])],
    resolve: { scale: { color: 'independent', strokeDash: 'independent', strokeWidth: 'independent', shape: 'independent' } },
    spacing: 30,
  } as unknown as VegaLiteSpec;
  return renderSvg(spec);
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (a: number, b: number): string => (b > 0 ? `${Math.round((100 * a) / b)}%` : '–');
const fmtMs = (ms: number): string => (Number.isNaN(ms) ? '–' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** The self-contained HTML report (inline SVG, inline CSS, no scripts). */
export async function renderReport(records: readonly SweepRecord[], opts: { title?: string; sources?: string[] } = {}): Promise<string> {
  const stats = aggregate(records);
  const figs = await renderFigures(records);
  const title = opts.title ?? 'trainsat sweep: exact answers beside gradient descent';
  const totalExact = records.reduce((a, r) => a + r.exact.time_ms, 0);
  const totalGd = records.reduce((a, r) => a + r.gd.time_ms, 0);
  const tr = records.filter((r) => r.exact.status === 'trainable');
  const trFail = tr.filter((r) => r.gd.successes === 0).length;
  const inconsistent = records.filter((r) => r.exact.status === 'untrainable' && r.gd.successes > 0);
  const rows = stats
    .map(
      (s) => `<tr><td>${esc(s.group)}</td><td class="n">${s.ratio}</td><td class="n">${Math.round(s.m)}</td><td class="n">${s.instances}</td>` +
        `<td class="n">${s.trainable}</td><td class="n">${s.untrainable}</td><td class="n">${s.unknown}</td>` +
        `<td class="n">${pct(s.gdFitTrainable, s.trainable)}</td>` +
        `<td class="n">${s.restartRateTrainable === null ? '–' : `${Math.round(100 * s.restartRateTrainable)}%`}</td>` +
        `<td class="n">${s.accuracyUntrainable === null ? '–' : `${(100 * s.accuracyUntrainable).toFixed(1)}%`}</td>` +
        `<td class="n">${fmtMs(s.medianExactMs)}</td><td class="n">${fmtMs(s.medianGdMs)}</td></tr>`,
    )
    .join('\n');
  const fig = (svg: string | null, caption: string) => (svg ? `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>` : '');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 1100px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
p.meta { color: #666; margin-top: 0; }
table { border-collapse: collapse; font-size: 0.88em; margin: 1em 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; vertical-align: bottom; }
th { background: #f4f4f4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.5em 0; }
.row { display: flex; flex-wrap: wrap; gap: 0 2em; align-items: flex-start; }
.row figure { flex: 1 1 420px; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9em; max-width: 60em; }
.alert { background: #fde8e8; border: 1px solid #c0392b; padding: 0.6em 1em; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${records.length} instances${opts.sources?.length ? ` from ${esc(opts.sources.join(', '))}` : ''}.
Exact solving took ${fmtMs(totalExact)} in total, gradient descent ${fmtMs(totalGd)}
(${pct(totalExact, totalExact + totalGd)} / ${pct(totalGd, totalExact + totalGd)} of the time).</p>
${inconsistent.length ? `<p class="alert"><strong>Inconsistent results:</strong> gradient descent found a checked fit on ${inconsistent.length} instance(s) the exact solver called untrainable: ${esc(inconsistent.map((r) => r.id).join(', '))}. This is a bug; please report it.</p>` : ''}
<p>Every instance was decided exactly (trainable with checked weights, untrainable, or unknown when no answer came within the budget)
and trained by gradient descent with random restarts; a GD restart counts as a fit only if its hardened network
passes exact evaluation. ${tr.length ? `GD found no fit on <strong>${trFail} of ${tr.length}</strong> trainable instances (${pct(trFail, tr.length)}).` : ''}</p>
${fig(figs.trainable, 'Figure 1. Left, as fractions of all instances: pale band, the instances the exact solver proves trainable; orange, those where some gradient-descent restart found weights that pass exact evaluation (it can never exceed the band; the gap is trainable instances GD missed). Right, among the trainable instances only: orange, the fraction where GD found a fit; purple, dashed, the mean share of restarts that found one. Ticks mark the ratios swept (m/n, or sets/n for set splitting).')}
<div class="row">
${fig(figs.time, 'Figure 2. Exact solve time per instance against the number of examples; colour: the exact answer, or gradient descent (all restarts of the instance); shape: the instance family.')}
${fig(figs.accuracy, 'Figure 3. On instances proved untrainable, the best fraction of examples the hardened GD networks got right.')}
</div>
${fig(figs.regret, "Figure 4. Gradient descent's regret: the most examples any parameters fit (exact best fit, proved optimal) minus the examples the best GD restart fits, against the ratio and against the network's depth.")}
<h2>Per point</h2>
<table>
<thead><tr><th>group</th><th>ratio</th><th>m</th><th>instances</th><th>trainable</th><th>untrainable</th><th>unknown</th><th>GD fit on trainable</th><th>GD restarts fitting (trainable)</th><th>GD best accuracy (untrainable)</th><th>median exact</th><th>median GD</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
