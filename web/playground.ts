/**
 * The playground page: pick or edit an instance (a curated one from instances/, or the
 * reduction of a small source problem by the library's NP-hardness reductions), decide it
 * exactly in a Web Worker (solve-worker.ts) with a deadline and a Cancel button, and show
 * the answer, the weights (checked again here by exact evaluation), a picture (picture.ts,
 * the plug-in point) and for a "no" the minimal core of examples; beside it, gradient
 * descent in a second worker (gd-worker.ts) with a live loss curve, and what the two
 * sides say together.
 *
 * Cancel terminates the worker and starts a fresh one: a solve can sit inside a single
 * WebAssembly call (CaDiCaL's solve) that no message reaches, and a terminated worker
 * takes its WebAssembly memory with it. The deadline is the solver's own budget
 * (`timeoutMs`, an `unknown` answer when it runs out); a watchdog a few seconds later
 * stops a worker that overran it.
 *
 * The state of each side is in `data-state` of #status and #gd-status (idle, solving /
 * running, done, cancelled, stopped, error), and the answer in `data-answer` of #answer,
 * so tests (tests/web/) read the page as a person does.
 */
import catalog from 'trainsat-web:catalog';
import {
  checkParameters,
  instanceToJSON,
  isLookupParams,
  parseCnf,
  parseColoringSource,
  parseInstance,
  parseParametersValue,
  parseSetSplitting,
  reductionFor,
  subInstance,
  type BrowserBackend,
  type Instance,
  type Parameters,
  type ParamsJSON,
  type Reduction,
  type SourceKind,
  type TargetKind,
} from '../src/browser.js';
import { pictureOf } from './picture.js';
import type { GDMessage, GDRequest, SolveMessage, SolveRequest } from './protocol.js';

/** The watchdog's grace beyond the deadline before it stops an overrunning worker. */
const WATCHDOG_GRACE_MS = 5000;

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const ui = {
  pick: el<HTMLSelectElement>('pick'),
  reduction: el('reduction'),
  problem: el<HTMLSelectElement>('problem'),
  colors: el<HTMLInputElement>('colors'),
  colorsLabel: el('colors-label'),
  target: el<HTMLSelectElement>('target'),
  reduce: el<HTMLButtonElement>('reduce'),
  sourceText: el<HTMLTextAreaElement>('source-text'),
  reductionSteps: el('reduction-steps'),
  instanceText: el<HTMLTextAreaElement>('instance-text'),
  instanceError: el('instance-error'),
  backend: el<HTMLSelectElement>('backend'),
  deadline: el<HTMLInputElement>('deadline'),
  explainNo: el<HTMLInputElement>('explain-no'),
  withGd: el<HTMLInputElement>('with-gd'),
  solve: el<HTMLButtonElement>('solve'),
  cancel: el<HTMLButtonElement>('cancel'),
  status: el('status'),
  answer: el('answer'),
  weights: el('weights'),
  lowered: el('lowered'),
  core: el('core'),
  picture: el('picture'),
  gdRestarts: el<HTMLInputElement>('gd-restarts'),
  gdEpochs: el<HTMLInputElement>('gd-epochs'),
  gdSeed: el<HTMLInputElement>('gd-seed'),
  gdRun: el<HTMLButtonElement>('gd-run'),
  gdStatus: el('gd-status'),
  chart: el('loss-chart') as unknown as SVGSVGElement,
  gdSummary: el('gd-summary'),
  verdict: el('verdict'),
};

/** Instance JSON as people write it: short arrays and examples on one line. */
function formatInstanceJson(value: unknown): string {
  const oneLine = (open: string, inner: string, close: string, whole: string): string => {
    const flat = `${open}${inner.trim().replace(/\s*\n\s*/g, ' ')}${close}`;
    return flat.length <= 100 ? flat : whole;
  };
  return JSON.stringify(value, null, 2)
    .replace(/\[([^[\]{}]*)\]/g, (whole, inner: string) => oneLine('[', inner, ']', whole))
    .replace(/\{([^{}]*)\}/g, (whole, inner: string) => oneLine('{ ', inner, ' }', whole));
}

// ---------------------------------------------------------------------------------------
// Picking and reducing

/** The reduction behind the instance text, while the text is what it produced. */
interface Reduced {
  reduction: Reduction<unknown, unknown, Instance, Parameters>;
  source: unknown;
  text: string;
}
let reduced: Reduced | null = null;

function populatePick(): void {
  const curated = document.createElement('optgroup');
  curated.label = 'Curated instances (instances/)';
  catalog.instances.forEach((inst, i) => curated.append(new Option(`${inst.file.replace(/\.json$/, '')} (${inst.expected})`, `i:${i}`)));
  const reductions = document.createElement('optgroup');
  reductions.label = 'Reductions of a small source (instances/reductions/sources/)';
  catalog.reductions.forEach((r, i) => {
    const colours = r.colors !== undefined ? `, ${r.colors} colours` : '';
    reductions.append(new Option(`${r.source} (${r.problem}${colours}) → ${r.target} (${r.expected})`, `r:${i}`));
  });
  ui.pick.append(curated, reductions);
  const xor = catalog.instances.findIndex((inst) => inst.file === 'xor-3node.json');
  ui.pick.value = `i:${Math.max(0, xor)}`;
}

function onPick(): void {
  const [kind, index] = ui.pick.value.split(':');
  const i = Number(index);
  if (kind === 'i') {
    ui.reduction.hidden = true;
    reduced = null;
    ui.instanceText.value = catalog.instances[i].text.trimEnd();
    instanceChanged();
  } else {
    const r = catalog.reductions[i];
    ui.reduction.hidden = false;
    ui.problem.value = r.problem;
    ui.target.value = r.target;
    ui.colors.value = String(r.colors ?? 2);
    ui.sourceText.value = r.text.trimEnd();
    problemChanged();
    reduce();
  }
}

function problemChanged(): void {
  ui.colorsLabel.hidden = ui.problem.value !== 'coloring';
}

/** Reduces the source problem in the page (the reductions are polynomial and quick). */
function reduce(): void {
  ui.instanceError.textContent = '';
  try {
    const problem = ui.problem.value as SourceKind;
    const colors = Number(ui.colors.value);
    const text = ui.sourceText.value;
    const source = problem === 'set-splitting' ? parseSetSplitting(text, 'source') : problem === '3sat' ? parseCnf(text, 'source') : parseColoringSource(text, colors, 'source');
    const reduction = reductionFor(problem, ui.target.value as TargetKind, colors).reduction as unknown as Reduction<unknown, unknown, Instance, Parameters>;
    const instance = reduction.reduce(source);
    const instanceText = formatInstanceJson(instanceToJSON(instance));
    reduced = { reduction, source, text: instanceText };
    ui.instanceText.value = instanceText;
    ui.reductionSteps.innerHTML = reduction
      .explain(source)
      .map((x) => `<h3>${esc(x.title)}</h3><p class="note">${esc(x.theorem)}</p><ol>${x.steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>`)
      .join('');
    instanceChanged();
  } catch (e) {
    reduced = null;
    ui.instanceError.textContent = e instanceof Error ? e.message : String(e);
  }
}

/** The parsed instance of the text area, or null with the error shown. */
function currentInstance(): Instance | null {
  try {
    const instance = parseInstance(ui.instanceText.value, 'instance');
    ui.instanceError.textContent = '';
    return instance;
  } catch (e) {
    ui.instanceError.textContent = e instanceof Error ? e.message : String(e);
    return null;
  }
}

function instanceChanged(): void {
  if (reduced && reduced.text !== ui.instanceText.value) reduced = null;
  const instance = currentInstance();
  drawPicture(instance, null);
}

function drawPicture(instance: Instance | null, parameters: Parameters | null, core?: readonly number[]): void {
  let html = '';
  try {
    const figure = instance ? pictureOf(instance, parameters, core) : null;
    if (figure) html = `${figure.svg}<figcaption class="note">${esc(figure.caption)}</figcaption>`;
  } catch (e) {
    html = `<p class="error">picture: ${esc(e instanceof Error ? e.message : String(e))}</p>`;
  }
  ui.picture.innerHTML = html;
}

// ---------------------------------------------------------------------------------------
// The exact side

function newSolveWorker(): Worker {
  const w = new Worker(new URL('./solve-worker.js', import.meta.url), { type: 'module', name: 'trainsat-solve' });
  w.onmessage = (e: MessageEvent<SolveMessage>) => onSolveMessage(e.data);
  w.onerror = (e) => {
    if (solving) finishSolve('error', `the solver worker failed: ${e.message || 'unknown error'}`);
  };
  return w;
}

function newGDWorker(): Worker {
  const w = new Worker(new URL('./gd-worker.js', import.meta.url), { type: 'module', name: 'trainsat-gd' });
  w.onmessage = (e: MessageEvent<GDMessage>) => onGDMessage(e.data);
  w.onerror = (e) => {
    if (training) finishGD('error', `the gradient-descent worker failed: ${e.message || 'unknown error'}`);
  };
  return w;
}

let solveWorker = newSolveWorker();
let gdWorker = newGDWorker();
let nextId = 1;

/** The solve in flight. */
let solving: { id: number; instance: Instance; text: string; reduced: Reduced | null; watchdog: number; answer?: string } | null = null;
/** The exact answer of the last solve and the instance text it is for, for the verdict beside gradient descent. */
let exactAnswer: { status: string; text: string } | null = null;

function setStatus(state: string, text: string): void {
  ui.status.dataset.state = state;
  ui.status.textContent = text;
}

function updateButtons(): void {
  ui.cancel.disabled = solving === null && training === null;
}

function solve(): void {
  const instance = currentInstance();
  if (!instance) {
    setStatus('error', 'The instance does not parse; see the message under it.');
    return;
  }
  if (solving) stopSolve();
  const deadlineS = Math.max(0.1, Number(ui.deadline.value) || 20);
  const id = nextId++;
  const req: SolveRequest = { id, instanceText: ui.instanceText.value, backend: ui.backend.value as BrowserBackend, timeoutMs: deadlineS * 1000, core: ui.explainNo.checked };
  const watchdog = window.setTimeout(() => {
    if (solving?.id !== id) return;
    stopSolve();
    finishSolve('stopped', `The deadline (${deadlineS} s) passed and the solver had not stopped; it was stopped. No answer.`);
  }, deadlineS * 1000 + WATCHDOG_GRACE_MS);
  solving = { id, instance, text: req.instanceText, reduced, watchdog };
  exactAnswer = null;
  ui.answer.textContent = '';
  ui.answer.dataset.answer = '';
  ui.weights.innerHTML = '';
  ui.lowered.innerHTML = '';
  ui.core.innerHTML = '';
  ui.verdict.textContent = '';
  drawPicture(instance, null);
  setStatus('solving', `Solving with ${req.backend}…`);
  solveWorker.postMessage(req);
  if (ui.withGd.checked) runGD();
  else clearGD();
  updateButtons();
}

/** Terminates the solve worker (mid-computation if need be) and starts a fresh one. */
function stopSolve(): void {
  solveWorker.terminate();
  solveWorker = newSolveWorker();
  if (solving) window.clearTimeout(solving.watchdog);
}

function finishSolve(state: string, text: string): void {
  if (solving) window.clearTimeout(solving.watchdog);
  solving = null;
  setStatus(state, text);
  updateButtons();
  showVerdict();
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function onSolveMessage(m: SolveMessage): void {
  if (!solving || m.id !== solving.id) return;
  switch (m.type) {
    case 'progress':
      setStatus('solving', `Solving: ${m.phase}${m.conflicts !== undefined ? `, ${m.conflicts} conflicts` : ''}, ${seconds(m.elapsedMs)}`);
      return;
    case 'answer':
      showAnswer(m);
      exactAnswer = { status: m.status, text: solving.text };
      if (m.coreFollows) setStatus('solving', `untrainable (${m.backend}, ${seconds(m.time_ms)}); looking for a minimal core of examples…`);
      else finishSolve('done', `Done: ${m.status} (${m.backend}, ${seconds(m.time_ms)}).`);
      return;
    case 'core-progress':
      setStatus('solving', `Core: ${m.phase}, ${m.size} examples, ${m.decisions} decisions, ${seconds(m.elapsedMs)}`);
      return;
    case 'core':
      showCore(m);
      finishSolve('done', `Done: untrainable, core of ${m.core?.length ?? '?'} examples (${m.decisions} decisions, ${seconds(m.time_ms)}).`);
      return;
    case 'error':
      finishSolve('error', `Error: ${m.message}`);
      return;
  }
}

function showAnswer(m: Extract<SolveMessage, { type: 'answer' }>): void {
  const instance = solving!.instance;
  ui.answer.dataset.answer = m.status;
  ui.answer.textContent = m.status;
  if (m.status === 'unknown') {
    ui.weights.innerHTML = `<p class="note">${esc(m.unknown?.message ?? 'no reason given')}</p>`;
    return;
  }
  if (m.status === 'untrainable') {
    ui.weights.innerHTML = `<p class="note">No parameters fit every example: decided by ${esc(m.backend)}, complete over real weights${m.backend === 'hybrid' ? ' (SAT + exact LP)' : ''}.</p>`;
  } else {
    const params = parseParametersValue(m.parameters as ParamsJSON, instance);
    const check = checkParameters(instance, params);
    ui.weights.innerHTML =
      weightsTable(instance, params) +
      `<p class="note" id="checked" data-ok="${check.ok}">Checked in this page by exact rational evaluation: ${check.correct} of ${check.total} examples right${check.ok ? '' : ' — FAILED, this is a bug; please report the instance'}.</p>`;
    drawPicture(instance, params);
  }
  showLowered(m.status, m.parameters);
}

function weightsTable(instance: Instance, params: Parameters): string {
  const rows = instance.network.units
    .filter((u) => params[u.id] !== undefined)
    .map((u) => {
      const p = params[u.id];
      if (isLookupParams(p)) return `<tr><th>${esc(u.id)}</th><td>${esc(u.inputs.join(', '))}</td><td colspan="2">table ${p.table.join('')}</td></tr>`;
      const weights = p.weights.map((w) => w.toString()).join(', ');
      return `<tr><th>${esc(u.id)}</th><td>${esc(u.inputs.join(', '))}</td><td>${esc(weights)}</td><td>${esc(p.threshold.toString())}</td></tr>`;
    });
  return `<table id="weights-table"><thead><tr><th>unit</th><th>inputs</th><th>weights</th><th>threshold</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** For a reduced instance: the source's answer, and its solution mapped back and checked. */
function showLowered(status: string, parameters: ParamsJSON | null): void {
  const r = solving?.reduced;
  if (!r) return;
  if (status === 'untrainable') {
    ui.lowered.innerHTML = `<p>Source problem: <strong>no</strong> (the reduction preserves the answer both ways).</p>`;
    return;
  }
  if (!parameters) return;
  try {
    const params = parseParametersValue(parameters, solving!.instance);
    const solution = r.reduction.lowerSolution(r.source, params);
    const valid = r.reduction.checkSource(r.source, solution);
    ui.lowered.innerHTML = `<p>Source problem: <strong>yes</strong>; the weights mapped back give <code>${esc(JSON.stringify(solution))}</code>, ${valid ? 'checked: a solution of the source' : 'which FAILS the source check (a bug)'}.</p>`;
  } catch (e) {
    ui.lowered.innerHTML = `<p class="error">mapping back: ${esc(e instanceof Error ? e.message : String(e))}</p>`;
  }
}

function showCore(m: Extract<SolveMessage, { type: 'core' }>): void {
  const instance = solving!.instance;
  if (!m.core) {
    ui.core.innerHTML = `<p class="note">No core: ${esc(m.unknown?.message ?? 'none found')}</p>`;
    return;
  }
  // Every witness fits the core without its example: checked again here.
  let rechecked = 0;
  for (const f of m.fits) {
    const without = m.core.filter((e) => e !== f.example);
    if (checkParameters(subInstance(instance, without), parseParametersValue(f.parameters, instance)).ok) rechecked++;
  }
  const rows = m.core.map((e) => {
    const ex = instance.examples[e];
    return `<tr><td>${e}</td><td>${esc(ex.x.join(', '))}</td><td>${esc(ex.label !== undefined ? String(ex.label) : ex.y.join(', '))}</td></tr>`;
  });
  const minimal = m.minimal
    ? `Minimal: without any one of them the rest can be fitted (witness weights for each, ${rechecked} of ${m.fits.length} checked again here).`
    : `Not shown minimal${m.unknown ? `: ${esc(m.unknown.message)}` : ''}.`;
  ui.core.innerHTML = `<h3>Why not: ${m.core.length} of ${instance.examples.length} examples no weights fit together</h3><table id="core-table"><thead><tr><th>example</th><th>x</th><th>y</th></tr></thead><tbody>${rows.join('')}</tbody></table><p class="note">${minimal}</p>`;
  drawPicture(instance, null, m.core);
}

// ---------------------------------------------------------------------------------------
// Gradient descent

/** A gradient-descent run: the one in flight, or the last one (its curves stay on the chart). */
interface GDRun {
  id: number;
  /** The instance text trained on. */
  text: string;
  losses: number[][];
  fitted: Set<number>;
  epochs: number;
  restarts: number;
  successes: number;
}
/** The run in flight. */
let training: GDRun | null = null;
/** The run the chart shows. */
let charted: GDRun | null = null;
/** The last finished run's counts, and the instance text it trained on. */
let lastGD: { successes: number; restarts: number; text: string } | null = null;
let chartPending = false;

function setGDStatus(state: string, text: string): void {
  ui.gdStatus.dataset.state = state;
  ui.gdStatus.textContent = text;
}

function runGD(): void {
  const instanceText = ui.instanceText.value;
  try {
    parseInstance(instanceText, 'instance');
  } catch {
    setGDStatus('error', 'The instance does not parse.');
    return;
  }
  if (training) stopGD();
  const id = nextId++;
  const restarts = Math.max(1, Math.floor(Number(ui.gdRestarts.value) || 10));
  const epochs = Math.max(1, Math.floor(Number(ui.gdEpochs.value) || 300));
  const req: GDRequest = { id, instanceText, restarts, epochs, seed: Math.floor(Number(ui.gdSeed.value) || 0), timeoutMs: Math.max(1, Number(ui.deadline.value) || 20) * 1000 };
  training = { id, text: instanceText, losses: [], fitted: new Set(), epochs, restarts, successes: 0 };
  charted = training;
  lastGD = null;
  ui.gdSummary.textContent = '';
  ui.verdict.textContent = '';
  setGDStatus('running', `Gradient descent: restart 1 of ${restarts}…`);
  gdWorker.postMessage(req);
  drawChart();
  updateButtons();
}

/** Forgets the last run's results: they were for another instance. */
function clearGD(): void {
  if (training) stopGD();
  training = null;
  charted = null;
  lastGD = null;
  ui.gdSummary.textContent = '';
  setGDStatus('idle', 'Gradient descent runs with Solve, or on its own.');
  drawChart();
}

function stopGD(): void {
  gdWorker.terminate();
  gdWorker = newGDWorker();
}

function finishGD(state: string, text: string): void {
  training = null;
  setGDStatus(state, text);
  updateButtons();
  showVerdict();
}

function onGDMessage(m: GDMessage): void {
  const t = training;
  if (!t || m.id !== t.id) return;
  switch (m.type) {
    case 'epochs':
      (t.losses[m.restart] ??= []).push(...m.losses);
      scheduleChart();
      return;
    case 'restart':
      if (m.successes > t.successes) t.fitted.add(m.restart - 1);
      t.successes = m.successes;
      setGDStatus('running', `Gradient descent: ${m.restart} of ${m.restarts} restarts, ${m.successes} fitted, best accuracy ${(100 * m.bestAccuracy).toFixed(0)}%`);
      scheduleChart();
      return;
    case 'done': {
      lastGD = { successes: m.successes, restarts: m.restarts, text: t.text };
      ui.gdSummary.innerHTML =
        `Fitted every example in <strong>${m.successes} of ${m.restarts}</strong> restarts (each success checked by exact evaluation); best: ${m.bestCorrect} of ${m.total} examples right; ${seconds(m.time_ms)}.` +
        (m.parameters ? ` First fit at restart ${m.firstSuccessRestart! + 1}.` : '');
      drawChart();
      finishGD('done', `Gradient descent done: ${m.successes} of ${m.restarts} restarts fitted.`);
      return;
    }
    case 'error':
      finishGD('error', `Gradient descent: ${m.message}`);
      return;
  }
}

function scheduleChart(): void {
  if (chartPending) return;
  chartPending = true;
  requestAnimationFrame(() => {
    chartPending = false;
    drawChart();
  });
}

/** The loss curves: one line per restart; thick lines are restarts that fitted every example. */
function drawChart(): void {
  const t = charted;
  const losses = t?.losses ?? [];
  // the viewBox of #loss-chart, and the margins left for the axes' labels
  const [W, H, L, R, T, B] = [420, 240, 48, 12, 12, 36];
  const epochs = t?.epochs ?? (Number(ui.gdEpochs.value) || 300);
  let max = 0;
  for (const ls of losses) for (const v of ls ?? []) if (Number.isFinite(v) && v > max) max = v;
  if (max <= 0) max = 1;
  const x = (e: number): number => L + ((W - L - R) * e) / Math.max(1, epochs - 1);
  const y = (v: number): number => H - B - ((H - T - B) * Math.min(v, max)) / max;
  const parts = [
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#444"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#444"/>`,
    ...[0, Math.floor((epochs - 1) / 2), epochs - 1].map((e) => `<text x="${x(e)}" y="${H - B + 14}" font-size="10" text-anchor="middle">${e + 1}</text>`),
    ...[0, max / 2, max].map((v) => `<text x="${L - 4}" y="${y(v) + 3}" font-size="10" text-anchor="end">${v.toPrecision(2)}</text>`),
    `<text x="${(L + W - R) / 2}" y="${H - 6}" font-size="11" text-anchor="middle">epoch</text>`,
    `<text x="12" y="${(T + H - B) / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${(T + H - B) / 2})">relaxed loss</text>`,
  ];
  losses.forEach((ls, r) => {
    if (!ls || ls.length === 0) return;
    const fitted = t?.fitted.has(r) ?? false;
    const pts = ls.map((v, e) => `${x(e).toFixed(1)},${y(Number.isFinite(v) ? v : max).toFixed(1)}`).join(' ');
    parts.push(`<polyline class="loss" data-restart="${r}" points="${pts}" fill="none" stroke="hsl(${(r * 67) % 360} 65% 42%)" stroke-width="${fitted ? 2.5 : 1.2}" opacity="${fitted ? 1 : 0.75}"/>`);
  });
  ui.chart.innerHTML = parts.join('');
}

/** What the exact answer and gradient descent say together. */
function showVerdict(): void {
  if (solving || training || !exactAnswer || !lastGD || exactAnswer.text !== lastGD.text) return;
  const { successes, restarts } = lastGD;
  const status = exactAnswer.status;
  let kind = 'agree';
  let text: string;
  if (status === 'untrainable' && successes > 0) {
    kind = 'contradiction';
    text = 'Contradiction: gradient descent fitted an instance decided untrainable. This is a bug; please report the instance.';
  } else if (status === 'untrainable') text = 'Gradient descent fitted nothing, and nothing can be fitted: no weights exist.';
  else if (status === 'trainable' && successes === 0) {
    kind = 'gd-missed';
    text = `Weights exist (the exact answer shows some), yet gradient descent found none in ${restarts} restarts.`;
  } else if (status === 'trainable') text = `Both found weights: gradient descent in ${successes} of ${restarts} restarts.`;
  else text = 'The exact answer is unknown within the deadline.';
  ui.verdict.dataset.kind = kind;
  ui.verdict.textContent = text;
}

// ---------------------------------------------------------------------------------------

function cancel(): void {
  if (solving) {
    stopSolve();
    finishSolve('cancelled', 'Cancelled: the solver was stopped; nothing was decided.');
  }
  if (training) {
    stopGD();
    finishGD('cancelled', 'Gradient descent cancelled.');
  }
}

populatePick();
onPick();
drawChart();
ui.pick.addEventListener('change', onPick);
ui.problem.addEventListener('change', problemChanged);
ui.reduce.addEventListener('click', reduce);
ui.instanceText.addEventListener('input', instanceChanged);
ui.solve.addEventListener('click', solve);
ui.cancel.addEventListener('click', cancel);
ui.gdRun.addEventListener('click', runGD);
document.body.dataset.ready = 'true';
