/**
 * The playground (web/) in a real browser: the site is built (scripts/build-web.mjs) into a
 * temporary directory, served over HTTP by a tiny static server, and driven in headless
 * Chromium (Debian's /usr/bin/chromium through playwright-core; no browser is downloaded).
 * A screenshot of each state is written to test-output/web/ for a person to look at.
 * Without chromium the tests skip, saying so.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/decide.js';
import { subInstance } from '../../src/explain/core.js';
import { parseInstance } from '../../src/model/parse.js';
import { serveDirectory, type StaticServer } from '../helpers/static-server.js';
import { buildWeb, GZIP_GOAL_BYTES } from '../../scripts/build-web.mjs';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const SKIP = CHROMIUM ? '' : ' (skipped: no chromium at /usr/bin/chromium; apt-get install chromium)';
const SHOTS = join(process.cwd(), 'test-output', 'web');

/**
 * A random-label blum-rivest instance (n = 10, 70 distinct examples, fixed LCG seed) that
 * CaDiCaL on the bit-blasted CNF does not decide for many seconds: a solve to cancel.
 */
function slowInstance(): string {
  let s = 7;
  const r = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const seen = new Set<string>();
  const examples: { x: number[]; y: number[] }[] = [];
  while (examples.length < 70) {
    const x = Array.from({ length: 10 }, () => (r() < 0.5 ? 0 : 1));
    if (seen.has(x.join(''))) continue;
    seen.add(x.join(''));
    examples.push({ x, y: [r() < 0.5 ? 0 : 1] });
  }
  return JSON.stringify({ name: 'slow-for-cadical', network: { preset: 'blum-rivest', inputs: 10 }, examples });
}

describe.skipIf(!CHROMIUM)(`the playground in headless Chromium${SKIP}`, () => {
  let outdir: string;
  let built: Awaited<ReturnType<typeof buildWeb>>;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'trainsat-web-'));
    built = await buildWeb({ outdir, log: () => {} });
    server = await serveDirectory(outdir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready=true]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  async function pick(file: string): Promise<void> {
    const value = await page.$eval('#pick', (sel, f) => [...(sel as HTMLSelectElement).options].find((o) => o.text.startsWith(f.replace(/\.json$/, '') + ' '))?.value, file);
    expect(value, `${file} is offered`).toBeTruthy();
    await page.selectOption('#pick', value!);
  }

  async function solveAndWait(): Promise<void> {
    await page.click('#solve');
    await page.waitForSelector('#status:not([data-state=solving])', { timeout: 30_000 });
  }

  it('builds within the size goal, with the WebAssembly files beside the bundle', () => {
    const names = built.sizes.files.map((f) => f.file);
    expect(names).toEqual(expect.arrayContaining(['index.html', 'playground.js', 'solve-worker.js', 'gd-worker.js', 'cadical.wasm', 'highs.wasm']));
    expect(built.sizes.gzip).toBeLessThan(GZIP_GOAL_BYTES);
    // the Node-only modules are reached only through stubs (external solvers, MiniSat's worker, files)
    expect(Object.keys(built.stubbed)).toContain('node:child_process');
    expect(readFileSync(join(outdir, 'cadical.wasm')).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
  });

  it('loads, offering the curated instances and the reductions', async () => {
    const options = await page.$$eval('#pick option', (os) => os.map((o) => o.textContent ?? ''));
    expect(options.some((o) => o.startsWith('xor-3node '))).toBe(true);
    expect(options.some((o) => o.includes('→ blum-rivest-and'))).toBe(true);
    expect(await page.$eval('#instance-text', (t) => JSON.parse((t as HTMLTextAreaElement).value).name)).toBe('xor-3node');
    await page.screenshot({ path: join(SHOTS, 'playground-loaded.png'), fullPage: true });
    // a bad instance: the message names the JSON path, as the command line's does
    const text = await page.inputValue('#instance-text');
    await page.fill('#instance-text', text.replace('"x": [0, 1]', '"x": [0, 1, 1]'));
    expect(await page.textContent('#instance-error')).toMatch(/examples\[1\]\.x: expected 2 numbers, got 3/);
    await page.fill('#instance-text', text);
    expect(await page.textContent('#instance-error')).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('solves the XOR instance: trainable, weights checked in the page, gradient descent beside it', async () => {
    await pick('xor-3node.json');
    await solveAndWait();
    expect(await page.getAttribute('#status', 'data-state')).toBe('done');
    expect(await page.getAttribute('#answer', 'data-answer')).toBe('trainable');
    expect(await page.getAttribute('#checked', 'data-ok')).toBe('true');
    expect(await page.$$eval('#weights-table tbody tr', (rows) => rows.map((r) => r.querySelector('th')?.textContent))).toEqual(['h1', 'h2']);
    // the reduction pages' picture: one hyperplane per hidden threshold unit
    expect(await page.$$eval('#picture .hyperplane', (ls) => ls.length)).toBe(2);
    await page.waitForSelector('#gd-status[data-state=done]', { timeout: 30_000 });
    expect(await page.$$eval('#loss-chart polyline.loss', (ls) => ls.length)).toBeGreaterThan(0);
    expect(await page.textContent('#gd-summary')).toMatch(/Fitted every example in \d+ of 10 restarts/);
    await page.screenshot({ path: join(SHOTS, 'playground-xor-trainable.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('solves 3-bit parity on a perceptron: untrainable, with a minimal core that is one', async () => {
    await pick('parity-3-perceptron.json');
    await solveAndWait();
    expect(await page.getAttribute('#status', 'data-state')).toBe('done');
    expect(await page.getAttribute('#answer', 'data-answer')).toBe('untrainable');
    const core = (await page.$$eval('#core-table tbody tr td:first-child', (cells) => cells.map((c) => Number(c.textContent)))) as number[];
    expect(await page.textContent('#core')).toContain('Minimal');
    // the core, checked here with the Node library: untrainable, and every one-smaller subset trainable
    const instance = parseInstance(readFileSync('instances/parity-3-perceptron.json', 'utf8'));
    expect(core.length).toBeGreaterThan(0);
    expect((await decide(subInstance(instance, core))).status).toBe('untrainable');
    for (const e of core) expect((await decide(subInstance(instance, core.filter((c) => c !== e)))).status).toBe('trainable');
    // the picture rings exactly the core's examples
    const ringed = (await page.$$eval('#picture .core-mark', (ms) => ms.length)) as number;
    expect(ringed).toBe(core.length);
    await page.waitForSelector('#gd-status:not([data-state=running])', { timeout: 30_000 });
    expect(await page.getAttribute('#verdict', 'data-kind')).toBe('agree');
    await page.screenshot({ path: join(SHOTS, 'playground-parity-untrainable.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('cancels a long solve, says so, and solves again afterwards', async () => {
    await page.uncheck('#with-gd');
    await page.selectOption('#backend', 'cadical');
    await page.fill('#deadline', '120');
    // set as a paste would (page.fill types through the editing pipeline, slowly for 10 KB)
    await page.$eval('#instance-text', (t, text) => {
      (t as HTMLTextAreaElement).value = text;
      t.dispatchEvent(new Event('input'));
    }, slowInstance());
    await page.click('#solve');
    await page.waitForSelector('#status[data-state=solving]');
    // the solve is under way in the worker (its progress reaches the page) before it is cancelled
    await page.waitForFunction(() => /^Solving: /.test(document.getElementById('status')?.textContent ?? ''), undefined, { timeout: 20_000 });
    expect(await page.getAttribute('#answer', 'data-answer')).toBe('');
    await page.click('#cancel');
    expect(await page.getAttribute('#status', 'data-state')).toBe('cancelled');
    expect(await page.textContent('#status')).toMatch(/^Cancelled/);
    expect(await page.isDisabled('#cancel')).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'playground-cancelled.png'), fullPage: true });
    await page.selectOption('#backend', 'hybrid');
    await pick('xor-3node.json');
    await solveAndWait();
    expect(await page.getAttribute('#answer', 'data-answer')).toBe('trainable');
    expect(pageErrors).toEqual([]);
  });

  it('reduces a small source and decides it with HiGHS, mapping the weights back', async () => {
    const value = await page.$eval('#pick', (sel) => [...(sel as HTMLSelectElement).options].find((o) => o.text.startsWith('paper-example.json (set-splitting) → blum-rivest-and'))?.value);
    await page.selectOption('#pick', value!);
    expect(await page.isVisible('#source-text')).toBe(true);
    await page.selectOption('#backend', 'highs');
    await solveAndWait();
    expect(await page.getAttribute('#answer', 'data-answer')).toBe('trainable');
    expect(await page.getAttribute('#checked', 'data-ok')).toBe('true');
    expect(await page.textContent('#lowered')).toContain('checked: a solution of the source');
    await page.screenshot({ path: join(SHOTS, 'playground-reduction-highs.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
