/**
 * A self-contained HTML page for one reduction run (`trainsat reduce ... --html OUT.html`):
 * the source instance, the construction step by step, the generated examples as a table
 * (with every hidden unit's output when weights were found), the hyperplanes found, and
 * the mapping back to a source solution with its check, and inline SVG pictures of the
 * source problem and of the examples with the hyperplanes (reductions/pictures.ts, drawn
 * by src/draw/). Plain HTML, inline CSS and inline SVG: no scripts, no external
 * resources, readable offline and printable.
 */
import { evaluateNetwork } from '../src/model/evaluate.js';
import type { Instance, Parameters } from '../src/model/types.js';
import type { Figure } from './pictures.js';
import type { Explanation } from './reduction.js';

export interface HtmlSolve {
  status: string;
  backend: string;
  timeMs: number;
  /** Parameters found (checked), when trainable. */
  params?: Parameters;
  /** One formatted line per trainable unit, e.g. `h1 = [x0 - 2·x1 >= 0]`. */
  paramLines?: string[];
  /** The backward map, step by step (Reduction.explainLowering). */
  lowering?: string[];
  /** The source solution, described, and whether it passed the source check. */
  solution?: string;
  ok?: boolean;
  /** What the answer means for the source (for untrainable / unknown). */
  note?: string;
  /**
   * For untrainable: a core of examples that cannot be fitted together (trainsat explain),
   * each line an example with what it stands for in the source problem.
   */
  core?: { lines: string[]; minimal: boolean; total: number; examples?: number[] };
}

export interface HtmlReport {
  title: string;
  /** A line under the title, e.g. the chain of reduction steps. */
  subtitle?: string;
  command: string;
  sourceLines: string[];
  explanations: Explanation[];
  instance: Instance;
  solve?: HtmlSolve;
  /** The source problem drawn (with the solution found, or the core). */
  sourceFigure?: Figure | null;
  /** The reduced instance's examples drawn, with the hyperplanes found. */
  networkFigure?: Figure | null;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
body { font-family: Georgia, 'Times New Roman', serif; max-width: 72em; margin: 2em auto; padding: 0 1.5em; color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.8em; }
code, pre, td.mono { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.9em; }
pre { background: #f6f6f3; border: 1px solid #e2e2dc; padding: 0.7em 1em; overflow-x: auto; white-space: pre-wrap; }
.cmd { color: #555; }
.theorem { background: #f3f6fb; border-left: 4px solid #4a6fa5; padding: 0.6em 1em; margin: 0.8em 0; }
ol.steps li { margin: 0.35em 0; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #d4d4cc; padding: 0.2em 0.5em; text-align: center; vertical-align: top; }
th { background: #efefe9; }
td.meaning { text-align: left; font-family: Georgia, serif; }
td.bit1 { background: #fff1c6; }
td.y1 { background: #d9f0d3; font-weight: bold; }
td.y0 { background: #f6d6d6; font-weight: bold; }
td.off { color: #b00; font-weight: bold; }
th small { font-weight: normal; color: #555; }
ol.steps pre { margin: 0.3em 0; }
figure { margin: 1em 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #444; font-size: 0.92em; max-width: 60em; }
.ok { color: #176317; font-weight: bold; }
.bad { color: #b00; font-weight: bold; }
.status { font-size: 1.1em; }
`;

/** The examples table; with parameters, one column per unit (0 entries marked: that unit is off). */
function examplesTable(inst: Instance, meanings: readonly string[] | undefined, params?: Parameters, inputNames?: readonly string[]): string {
  const d = inst.network.inputs;
  const wide = d > 16;
  const unitIds = params ? inst.network.units.map((u) => u.id) : [];
  const head = [
    '<th>#</th>',
    ...(wide ? ['<th>x</th>'] : Array.from({ length: d }, (_, i) => `<th>x${i}${inputNames?.[i] ? `<br><small>${esc(inputNames[i])}</small>` : ''}</th>`)),
    '<th>y</th>',
    ...unitIds.map((id) => `<th>${esc(id)}</th>`),
    meanings ? '<th class="meaning">stands for</th>' : '',
  ].join('');
  const rows = inst.examples.map((ex, k) => {
    const values = params ? evaluateNetwork(inst.network, params, ex.x) : null;
    const xs = wide
      ? [`<td class="mono">${esc(ex.x.map(String).join(''))}</td>`]
      : ex.x.map((v) => `<td class="mono${v.toString() === '1' ? ' bit1' : ''}">${esc(v.toString())}</td>`);
    const units = unitIds.map((id) => {
      const v = values!.get(id)!;
      return `<td class="mono${v === 0 ? ' off' : ''}">${v}</td>`;
    });
    return `<tr><td class="mono">${k}</td>${xs.join('')}<td class="mono y${ex.y[0]}">${ex.y.join(' ')}</td>${units.join('')}${
      meanings ? `<td class="meaning">${esc(meanings[k] ?? '')}</td>` : ''
    }</tr>`;
  });
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** A figure with its caption, or nothing. */
function figure(f: Figure | null | undefined, cls: string): string {
  return f ? `<figure class="${cls}">${f.svg}<figcaption>${esc(f.caption)}</figcaption></figure>` : '';
}

const EXAMPLE_LINE = /^\s*examples\[\d+\]:/;

/**
 * A step list as HTML: plain lines are numbered steps; indented lines (a listing such as
 * the clauses or sets) are kept together, in a block under the step before them; a step
 * whose listing is the example lines (shown as the table instead) points to the table.
 */
function stepsHtml(lines: readonly string[], hidden: ReadonlySet<string>): string {
  const items: { text: string; block: string[]; examples: boolean }[] = [];
  for (const line of lines) {
    if (EXAMPLE_LINE.test(line)) {
      if (items.length) items[items.length - 1].examples = true;
      continue;
    }
    if (hidden.has(line.trim())) continue;
    if (line.startsWith('  ') && items.length) items[items.length - 1].block.push(line.trim());
    else if (line.startsWith('  ')) items.push({ text: '', block: [line.trim()], examples: false });
    else items.push({ text: line, block: [], examples: false });
  }
  const li = items.map((it) => {
    const text = it.examples ? `${it.text.replace(/:\s*$/, '')}: listed in the table of the generated training set below.` : it.text;
    const block = it.block.length ? `<pre>${esc(it.block.join('\n'))}</pre>` : '';
    return `<li>${esc(text)}${block}</li>`;
  });
  return ['<ol class="steps">', ...li, '</ol>'].join('\n');
}

export function renderReductionHtml(r: HtmlReport): string {
  const parts: string[] = [];
  parts.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', `<title>${esc(r.title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  parts.push(`<h1>${esc(r.title)}</h1>`);
  if (r.subtitle) parts.push(`<p>${esc(r.subtitle)}</p>`);
  parts.push(`<p class="cmd"><code>${esc(r.command)}</code></p>`);
  parts.push('<h2>Source instance</h2>', `<pre>${esc(r.sourceLines.join('\n'))}</pre>`, figure(r.sourceFigure, 'source'));
  const last = r.explanations.length - 1;
  r.explanations.forEach((e, k) => {
    // The example lines become the table; the first step's source listing is shown above.
    const shown = new Set(k === 0 ? r.sourceLines.map((l) => l.trim()) : []);
    parts.push(`<h2>${r.explanations.length > 1 ? `Step ${k + 1} of ${r.explanations.length}: ` : ''}${esc(e.title)}</h2>`);
    parts.push(`<div class="theorem"><strong>Theorem.</strong> ${esc(e.theorem)}</div>`);
    parts.push(stepsHtml(e.steps, shown));
    if (k === last) {
      parts.push(
        `<p>The generated training set: ${r.instance.examples.length} examples over ${r.instance.network.inputs} inputs` +
          `${r.solve?.params ? '; the unit columns show each unit\'s output under the weights found (<span class="bad">0</span> = off)' : ''}.</p>`,
      );
      parts.push(examplesTable(r.instance, e.exampleMeanings, r.solve?.params, e.inputNames));
      if (!r.solve?.params) parts.push(figure(r.networkFigure, 'network'));
    }
  });
  if (r.solve) {
    const s = r.solve;
    parts.push('<h2>Solving the reduced instance</h2>');
    parts.push(`<p class="status">trainsat (${esc(s.backend)}, ${s.timeMs} ms): <strong>${esc(s.status)}</strong></p>`);
    if (s.paramLines) parts.push('<p>Weights found, checked exactly on every example:</p>', `<pre>${esc(s.paramLines.join('\n'))}</pre>`);
    if (s.params) parts.push(figure(r.networkFigure, 'network'));
    if (s.lowering) parts.push('<h2>Mapping the weights back</h2>', `<pre>${esc(s.lowering.join('\n'))}</pre>`);
    if (s.solution !== undefined) {
      parts.push(`<p>Source solution: <code>${esc(s.solution)}</code> — <span class="${s.ok ? 'ok' : 'bad'}">${s.ok ? 'checked against the source: valid' : 'CHECK FAILED'}</span></p>`);
    }
    if (s.note) parts.push(`<p>${esc(s.note)}</p>`);
    if (s.core) {
      parts.push(
        '<h2>Why: a core of examples</h2>',
        `<p>These ${s.core.lines.length} of the ${s.core.total} examples cannot be fitted together` +
          (s.core.minimal ? '; dropping any one of them makes the rest fittable (checked), so the part of the source they stand for is already a NO instance:' : ' (not shown minimal within the budget):') +
          '</p>',
        `<pre>${esc(s.core.lines.join('\n'))}</pre>`,
        r.sourceFigure || r.networkFigure ? '<p>The pictures above mark the core in red.</p>' : '',
      );
    }
  }
  parts.push('<p class="cmd">Generated by trainsat. No scripts, no external resources.</p>', '</body>', '</html>');
  return parts.filter((x) => x !== '').join('\n') + '\n';
}
