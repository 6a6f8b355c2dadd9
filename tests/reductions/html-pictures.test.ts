/**
 * The pictures in `trainsat reduce ... --html` pages, for every source problem and target
 * network: inline SVG in every page kind, no scripts; on YES pages one hyperplane per
 * hidden unit, the examples coloured by label and no core marks; on NO pages the core
 * marked in the source drawing; and the page text without the glitches of the old pages
 * (an empty "Points" item, listings as numbered steps, u v w vs x3..x5, C_1 vs colour 0,
 * a title naming the chain's "and-network" instead of the target asked for).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const SOURCES = join(ROOT, 'instances', 'reductions', 'sources');
const { path: tmp } = tempDir('reduce-pictures');
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

async function page(name: string, args: string[], code: number): Promise<string> {
  const out = join(tmp, `${name}.html`);
  const r = await runCli(['reduce', ...args, '--html', out]);
  expect(r.code, r.err).toBe(code);
  const html = readFileSync(out, 'utf8');
  expect(count(html, /<svg/g)).toBeGreaterThan(0);
  expect(html).not.toMatch(/<script/i);
  return html;
}

/** The examples' labels in the page's table (the y column). */
function tableLabels(html: string): number[] {
  return [...html.matchAll(/<td class="mono y([01])">/g)].map((m) => Number(m[1]));
}

function expectYesPicture(html: string, hidden: string[]): void {
  for (const h of hidden) expect(count(html, new RegExp(`class="hyperplane" data-unit="${h}"`, 'g'))).toBe(1);
  expect(count(html, /class="hyperplane"/g)).toBe(hidden.length);
  const labels = tableLabels(html);
  const perStrip = hidden.length === 2 || !/class="trainsat-drawing margins"/.test(html) ? 1 : hidden.length;
  expect(count(html, /class="point label-1"/g)).toBe(perStrip * labels.filter((y) => y === 1).length);
  expect(count(html, /class="point label-0"/g)).toBe(perStrip * labels.filter((y) => y === 0).length);
  expect(html).not.toMatch(/core-mark|class="[a-z]+ core"/);
}

describe('reduce --html pictures', () => {
  it('set splitting, AND output (3 inputs): the cube with h1, h2; the split elements coloured; glitches fixed', async () => {
    const html = await page('paper-and', ['set-splitting', join(SOURCES, 'paper-example.json'), '--target', 'blum-rivest-and'], 10);
    expect(html).toMatch(/class="trainsat-drawing cube"/);
    expect(html).toMatch(/class="trainsat-drawing set-system"/);
    expectYesPicture(html, ['h1', 'h2']);
    expect(count(html, /class="element" data-element="\d" data-class="[01]"/g)).toBe(3);
    // No empty list item where the example lines were taken out for the table.
    expect(html).not.toMatch(/<li>[^<]*examples\):<\/li>/);
    expect(html).toMatch(/<li>Points \(6 examples\): listed in the table of the generated training set below\.<\/li>/);
    expect(html).toContain('<title>Reduction set-splitting -&gt; blum-rivest-and</title>');
  });

  it('set splitting, threshold output (6 inputs): the margin projection, explained; the gadget inputs named u, v, w in the table', async () => {
    const html = await page('paper', ['set-splitting', join(SOURCES, 'paper-example.json'), '--target', 'blum-rivest'], 10);
    expect(html).toMatch(/class="trainsat-drawing margins"/);
    expect(html).toMatch(/each example is placed by the two hidden units' margins w1\.x - t1/);
    expectYesPicture(html, ['h1', 'h2']);
    expect(html).toContain('<th>x3<br><small>u</small></th><th>x4<br><small>v</small></th><th>x5<br><small>w</small></th>');
    expect(html).toContain('<th>x0<br><small>s1</small></th>');
  });

  it('3SAT: the clauses with the assignment; the listings are one block per step, not numbered steps', async () => {
    const html = await page('sat', ['3sat', join(SOURCES, 'sat-small.cnf'), '--target', 'blum-rivest-and'], 10);
    expect(html).toMatch(/class="trainsat-drawing clauses"/);
    expect(count(html, /class="literal true"/g)).toBeGreaterThanOrEqual(3); // every clause has a true literal
    expectYesPicture(html, ['h1', 'h2']);
    expect(html).not.toMatch(/<li><code>C\d+'? = /);
    expect(html).toMatch(/<li>Fresh variable z = p4, added to every clause:<pre>C0' = [^<]*\nC1' = [^<]*\nC2' = /);
    expect(html).toContain('<p>Reduction steps: 3sat -&gt; nae-sat -&gt; set-splitting -&gt; blum-rivest-and.</p>');
  });

  it('colouring with 3 colours: title names the target asked for; colours are 0..k-1 in the text and the picture', async () => {
    const html = await page('tri3', ['coloring', join(SOURCES, 'triangle.col'), '--colors', '3', '--target', 'blum-rivest-and'], 10);
    expect(html).toContain('<h1>Reduction coloring -&gt; blum-rivest-and (3 colours)</h1>');
    expect(html).not.toMatch(/<h1>[^<]*and-network/);
    expect(html).not.toMatch(/C_\d/);
    expect(html).toMatch(/with colours 0\.\.2, unit h\(c\+1\)/);
    expect(html).toMatch(/class="trainsat-drawing graph"/);
    expect(count(html, /class="vertex" data-vertex="\d" data-class="[012]"/g)).toBe(3);
    expectYesPicture(html, ['h1', 'h2', 'h3']);
  });

  it('NO instances: the core is marked in the source drawing (and on the cube), and the page says so', async () => {
    const tri = await page('triangle-sets', ['set-splitting', join(SOURCES, 'triangle-sets.json'), '--target', 'blum-rivest-and'], 20);
    expect(tri).toMatch(/Why: a core of examples/);
    expect(count(tri, /class="set core"/g)).toBe(3);
    expect(count(tri, /class="core-mark"/g)).toBe(7);
    expect(tri).toMatch(/The pictures above mark the core in red/);
    const k4 = await page('k4', ['coloring', join(SOURCES, 'k4.col'), '--colors', '3', '--target', 'blum-rivest-and'], 20);
    expect(count(k4, /class="edge core"/g)).toBeGreaterThan(0);
    const unsat = await page('unsat', ['3sat', join(SOURCES, 'unsat-2var.cnf'), '--target', 'blum-rivest'], 20);
    expect(count(unsat, /class="clause core"/g)).toBeGreaterThan(0);
  });

  it('--no-solve: the cube without hyperplanes, no core', async () => {
    const html = await page('paper-nosolve', ['set-splitting', join(SOURCES, 'paper-example.json'), '--target', 'blum-rivest-and', '--no-solve'], 0);
    expect(html).toMatch(/class="trainsat-drawing cube"/);
    expect(count(html, /class="hyperplane"/g)).toBe(0);
    expect(html).not.toMatch(/core-mark|class="[a-z]+ core"/);
  });
});
