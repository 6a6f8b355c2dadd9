/**
 * The depth atlas: figures of `deep` sweep records (deep.ts), as Vega-Lite specs rendered to
 * SVG by plot.ts's renderSvg.
 *
 *  A. fraction of random labelings proved trainable against m/n, one line per depth (hidden
 *     layers), one panel per grid width and one for the equal-parameter set; a dashed line
 *     counts unknown answers as trainable too, so the true fraction lies between the two;
 *  B. exact solve time (log scale) against depth at equal parameter count: per instance,
 *     the median and the interquartile range per depth and labelling; unknown answers are
 *     drawn at the budget they ran out of (a lower bound on their time);
 *  C. gradient descent on instances proved trainable, against depth: the fraction where
 *     some restart fitted, and the mean share of restarts that fitted;
 *  D. where the two disagree: per depth and m/n, the share of trainable instances on which
 *     no GD restart fitted (a heat map, with the counts).
 * Depth here is the number of hidden layers (the record's `hidden`), not plot.ts's units on
 * the longest path.
 */
import { renderSvg, type VegaLiteSpec } from './plot.js';
import type { SweepRecord } from './run.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0, titleLimit: 0, orient: 'bottom', direction: 'horizontal', symbolType: 'stroke' },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' as const },
  view: { stroke: '#cccccc' },
};
const DEPTH_COLORS = ['#9ecae1', '#4292c6', '#08519c', '#08306b', '#041a3a', '#000000', '#000000', '#000000'];
const LABEL_COLORS = { random: '#c0392b', planted: '#1f5fa8' };

/** Axis titles of the atlas (tests look for them in the SVG). */
export const DEPTH_AXES = {
  ratio: 'm/n (examples per input)',
  trainable: 'fraction proved trainable',
  depth: 'depth (hidden layers)',
  time: 'exact time (ms, log scale)',
  gd: 'GD on trainable instances',
  missed: 'GD missed (share of trainable)',
} as const;

/** The deep records, deduplicated by id (the last wins). */
export function deepRecords(records: readonly SweepRecord[]): SweepRecord[] {
  const byId = new Map<string, SweepRecord>();
  for (const r of records) if (r.family === 'deep' && Array.isArray(r.hidden)) byId.set(r.id, r);
  return [...byId.values()];
}

const depthOf = (r: SweepRecord): number => r.hidden!.length;
const isUniform = (h: number[]) => h.every((w) => w === h[0]);

/** Quantile q of sorted xs (linear interpolation). */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** The panel of a record in figures A and C: its grid width, or the equal-parameter set. */
function panels(r: SweepRecord): string[] {
  const out: string[] = [];
  const sets = r.sets ?? [];
  if (sets.includes('grid') && isUniform(r.hidden!)) out.push(`width ${r.hidden![0]}`);
  if (sets.includes('params')) out.push(`equal parameters (${r.params})`);
  return out;
}

function panelOrder(rows: { panel: string }[]): string[] {
  return [...new Set(rows.map((r) => r.panel))].sort((a, b) => (a.startsWith('width') === b.startsWith('width') ? a.localeCompare(b) : a.startsWith('width') ? -1 : 1));
}

/** A depth axis with one tick per depth present. */
const depthAxis = (depths: number[]) => ({
  field: 'depth',
  type: 'quantitative',
  title: DEPTH_AXES.depth,
  axis: { values: depths, format: 'd' },
  scale: { domain: [Math.min(...depths) - 0.3, Math.max(...depths) + 0.3] },
});

const depthColor = (depths: number[]) => ({
  field: 'depth',
  type: 'ordinal',
  title: DEPTH_AXES.depth,
  scale: { domain: depths, range: depths.map((d) => DEPTH_COLORS[Math.min(d, DEPTH_COLORS.length) - 1]) },
});

/** Figure A; null without random labelings. */
export function depthTrainableSpec(records: readonly SweepRecord[]): VegaLiteSpec | null {
  const recs = deepRecords(records).filter((r) => r.labels === 'random');
  if (recs.length === 0) return null;
  const rows: Record<string, unknown>[] = [];
  const cells = groupBy(
    recs.flatMap((r) => panels(r).map((panel) => ({ panel, r }))),
    (x) => `${x.panel}\u0000${depthOf(x.r)}\u0000${x.r.ratio}`,
  );
  for (const list of cells.values()) {
    const { panel, r } = list[0];
    const n = list.length;
    const tr = list.filter((x) => x.r.exact.status === 'trainable').length;
    const unk = list.filter((x) => x.r.exact.status === 'unknown').length;
    const base = { panel, depth: depthOf(r), ratio: r.ratio, instances: n, unknown: unk };
    rows.push({ ...base, bound: 'proved trainable', value: tr / n });
    rows.push({ ...base, bound: 'trainable or unknown', value: (tr + unk) / n });
  }
  const depths = [...new Set(rows.map((r) => r.depth as number))].sort((a, b) => a - b);
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: 'Random labelings: fraction trainable against m/n, by depth', subtitle: ['solid: proved trainable; dashed: trainable or unknown (no answer within the budget)', 'the true fraction lies between the two'] },
    data: { values: rows },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: panelOrder(rows as { panel: string }[]) } },
    spec: {
      width: 170,
      height: 170,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'ratio', type: 'quantitative', title: DEPTH_AXES.ratio, scale: { zero: false } },
        y: { field: 'value', type: 'quantitative', title: DEPTH_AXES.trainable, scale: { domain: [0, 1] }, axis: { format: '.0%' } },
        color: depthColor(depths),
        strokeDash: { field: 'bound', type: 'nominal', title: null, scale: { domain: ['proved trainable', 'trainable or unknown'], range: [[1, 0], [4, 3]] } },
        detail: { field: 'bound' },
        tooltip: [{ field: 'instances' }, { field: 'unknown' }],
      },
    },
  } as unknown as VegaLiteSpec;
}

/** Figure B; null without records of the equal-parameter set. */
export function depthTimeSpec(records: readonly SweepRecord[]): VegaLiteSpec | null {
  const recs = deepRecords(records).filter((r) => r.sets?.includes('params'));
  if (recs.length === 0) return null;
  const points = recs.map((r) => ({
    depth: depthOf(r),
    labels: r.labels ?? '?',
    ms: Math.max(1, r.exact.time_ms),
    answer: r.exact.status,
    shape: r.hidden!.join('-'),
  }));
  const stats = [...groupBy(points, (p) => `${p.labels}\u0000${p.depth}`).values()].map((list) => {
    const s = list.map((p) => p.ms).sort((a, b) => a - b);
    return { depth: list[0].depth, labels: list[0].labels, median: quantile(s, 0.5), q1: quantile(s, 0.25), q3: quantile(s, 0.75), instances: list.length };
  });
  const P = [...new Set(recs.map((r) => r.params))].join(', ');
  const shapes = [...groupBy(points, (p) => String(p.depth)).values()].map((l) => `${l[0].depth}: ${l[0].shape}`).sort().join('; ');
  const x = depthAxis([...new Set(points.map((p) => p.depth))].sort((a, b) => a - b));
  const y = { type: 'quantitative', title: DEPTH_AXES.time, scale: { type: 'log' } };
  const labelsPresent = [...new Set(points.map((p) => p.labels))].sort();
  const color = { field: 'labels', type: 'nominal', title: 'labels', legend: { symbolType: 'circle', symbolOpacity: 1 }, scale: { domain: labelsPresent, range: labelsPresent.map((l) => LABEL_COLORS[l as 'random' | 'planted'] ?? '#555') } };
  const budgets = recs.filter((r) => r.exact.status === 'unknown');
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: `Exact time against depth at equal parameter count (${P})`,
      subtitle: [
        `hidden widths per depth: ${shapes}`,
        'band: interquartile range; line: median; dots: instances' + (budgets.length ? ' (hollow: unknown, drawn where the budget ran out: a lower bound)' : ''),
      ],
    },
    width: 380,
    height: 240,
    layer: [
      { data: { values: stats }, mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { ...y, field: 'q1' }, y2: { field: 'q3' }, color } },
      { data: { values: stats }, mark: { type: 'line', point: true, strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'median' }, color } },
      {
        data: { values: points },
        transform: [{ calculate: `datum.depth + (datum.labels === 'random' ? -0.08 : 0.08)`, as: 'xj' }],
        mark: { type: 'point', size: 22, opacity: 0.55 },
        encoding: {
          x: { ...x, field: 'xj' },
          y: { ...y, field: 'ms' },
          color,
          fill: { condition: { test: "datum.answer === 'unknown'", value: 'transparent' }, field: 'labels', type: 'nominal', legend: null },
        },
      },
    ],
  } as unknown as VegaLiteSpec;
}

/** Figure C; null without instances proved trainable. */
export function depthGDSpec(records: readonly SweepRecord[]): VegaLiteSpec | null {
  const recs = deepRecords(records).filter((r) => r.exact.status === 'trainable');
  if (recs.length === 0) return null;
  const rows: Record<string, unknown>[] = [];
  const setName = (r: SweepRecord) => [
    ...(r.sets?.includes('grid') ? ['grid (widths pooled)'] : []),
    ...(r.sets?.includes('params') ? [`equal parameters (${r.params})`] : []),
  ];
  const cells = groupBy(
    recs.flatMap((r) => setName(r).map((panel) => ({ panel, r }))),
    (x) => `${x.panel}\u0000${x.r.labels}\u0000${depthOf(x.r)}`,
  );
  for (const list of cells.values()) {
    const { panel, r } = list[0];
    const base = { panel, labels: r.labels, depth: depthOf(r), instances: list.length };
    rows.push({ ...base, measure: 'some restart fits', value: list.filter((x) => x.r.gd.successes > 0).length / list.length });
    rows.push({ ...base, measure: 'share of restarts that fit', value: list.reduce((a, x) => a + (x.r.gd.restarts ? x.r.gd.successes / x.r.gd.restarts : 0), 0) / list.length });
  }
  const labelsPresent = [...new Set(rows.map((r) => r.labels as string))].sort();
  const budget = recs.some((r) => r.gd.budget_ms !== undefined) ? 'GD restarted within a time budget (--gd-budget)' : `GD: ${recs[0].gd.restarts} restarts of ${recs[0].gd.epochs} epochs`;
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: 'Gradient descent on instances proved trainable, by depth', subtitle: [budget, 'solid: some restart fits; dashed: mean share of restarts that fit'] },
    data: { values: rows },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: panelOrder(rows as { panel: string }[]) } },
    spec: {
      width: 220,
      height: 190,
      mark: { type: 'line', point: true },
      encoding: {
        x: depthAxis([...new Set(rows.map((r) => r.depth as number))].sort((a, b) => a - b)),
        y: { field: 'value', type: 'quantitative', title: DEPTH_AXES.gd, scale: { domain: [0, 1] }, axis: { format: '.0%' } },
        color: { field: 'labels', type: 'nominal', title: 'labels', scale: { domain: labelsPresent, range: labelsPresent.map((l) => LABEL_COLORS[l as 'random' | 'planted'] ?? '#555') } },
        strokeDash: { field: 'measure', type: 'nominal', title: null, scale: { domain: ['some restart fits', 'share of restarts that fit'], range: [[1, 0], [4, 3]] } },
        detail: { field: 'measure' },
      },
    },
  } as unknown as VegaLiteSpec;
}

/** Figure D; null without instances proved trainable. */
export function depthDisagreementSpec(records: readonly SweepRecord[]): VegaLiteSpec | null {
  const recs = deepRecords(records).filter((r) => r.exact.status === 'trainable');
  if (recs.length === 0) return null;
  const rows = [...groupBy(recs, (r) => `${r.labels}\u0000${depthOf(r)}\u0000${r.ratio}`).values()].map((list) => {
    const missed = list.filter((r) => r.gd.successes === 0).length;
    return { labels: `${list[0].labels} labels`, depth: depthOf(list[0]), ratio: list[0].ratio, missed: missed / list.length, text: `${missed}/${list.length}` };
  });
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: 'Where exact and gradient descent disagree most', subtitle: ['share of instances proved trainable on which no GD restart fitted', '(cell text: missed / trainable; all shapes of a depth pooled; blank: none proved trainable)'] },
    data: { values: rows },
    facet: { column: { field: 'labels', type: 'nominal', title: null } },
    spec: {
      width: 200,
      height: 160,
      encoding: {
        x: { field: 'ratio', type: 'ordinal', title: DEPTH_AXES.ratio },
        y: { field: 'depth', type: 'ordinal', title: DEPTH_AXES.depth, sort: 'descending' },
      },
      layer: [
        { mark: { type: 'rect' }, encoding: { color: { field: 'missed', type: 'quantitative', title: DEPTH_AXES.missed, scale: { domain: [0, 1], scheme: 'oranges' }, legend: { format: '.0%' } } } },
        { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'text' }, color: { condition: { test: 'datum.missed > 0.6', value: 'white' }, value: 'black' } } },
      ],
    },
  } as unknown as VegaLiteSpec;
}

export interface DepthFigures {
  trainable: string | null;
  time: string | null;
  gd: string | null;
  disagreement: string | null;
}

/** The atlas figures of the deep records among `records` (null where a figure has no data). */
export async function renderDepthFigures(records: readonly SweepRecord[]): Promise<DepthFigures> {
  const render = async (spec: VegaLiteSpec | null) => (spec ? renderSvg(spec) : null);
  return {
    trainable: await render(depthTrainableSpec(records)),
    time: await render(depthTimeSpec(records)),
    gd: await render(depthGDSpec(records)),
    disagreement: await render(depthDisagreementSpec(records)),
  };
}

/** An HTML section with the atlas figures, for the report page; '' without deep records. */
export async function depthReportSection(records: readonly SweepRecord[]): Promise<string> {
  if (deepRecords(records).length === 0) return '';
  const f = await renderDepthFigures(records);
  const fig = (svg: string | null, caption: string) => (svg ? `<figure>${svg}<figcaption>${caption}</figcaption></figure>` : '');
  return `<h2>The depth atlas</h2>
${fig(f.trainable, 'Figure A. Random labelings: fraction proved trainable against m/n, one line per depth; dashed: unknown answers counted as trainable.')}
${fig(f.time, 'Figure B. Exact solve time against depth at equal parameter count.')}
${fig(f.gd, 'Figure C. Gradient descent on instances proved trainable, against depth.')}
${fig(f.disagreement, 'Figure D. Share of trainable instances on which gradient descent found no fit, by depth and m/n.')}
`;
}
