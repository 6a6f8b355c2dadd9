/**
 * The `trainsat reduce --html` pages in a real browser (Debian's /usr/bin/chromium through
 * playwright-core): the page renders, its cube picture has one hyperplane per hidden unit of
 * the solved network and a point per example, a "no" page rings its core, and no script
 * runs. A screenshot of each page is written to test-output/web/ for a person to look at.
 * Without chromium the tests skip, saying so.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const SKIP = CHROMIUM ? '' : ' (skipped: no chromium at /usr/bin/chromium; apt-get install chromium)';
const SHOTS = join(process.cwd(), 'test-output', 'web');
const SOURCES = 'instances/reductions/sources';
const { path: tmp } = tempDir('reduction-pages');

describe.skipIf(!CHROMIUM)(`reduce --html pages in headless Chromium${SKIP}`, () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(args: string[], name: string, code: number): Promise<void> {
    const html = join(tmp, `${name}.html`);
    const r = await runCli(['reduce', ...args, '--html', html]);
    expect(r.code, r.err).toBe(code);
    await page.goto(pathToFileURL(html).href);
    await page.screenshot({ path: join(SHOTS, `reduce-${name}.png`), fullPage: true });
  }

  it('a yes page: the split drawn, the cube with one hyperplane per hidden unit and a point per example', async () => {
    await open(['set-splitting', `${SOURCES}/paper-example.json`, '--target', 'blum-rivest-and'], 'paper-example', 10);
    const planes = (await page.$$eval('g.hyperplane', (gs) => gs.map((g) => g.getAttribute('data-unit')))) as string[];
    expect(planes.sort()).toEqual(['h1', 'h2']);
    // every hyperplane is drawn (a visible shape inside it), not only declared
    for (const unit of planes) {
      const size = await page.$eval(`g.hyperplane[data-unit="${unit}"]`, (g) => {
        const b = (g as SVGGraphicsElement).getBBox();
        return b.width + b.height;
      });
      expect(size, unit).toBeGreaterThan(0);
    }
    expect(await page.$$eval('circle.point', (cs) => cs.length)).toBe(6);
    expect(await page.$$eval('.core-mark', (cs) => cs.length)).toBe(0);
    expect(await page.$$eval('script', (ss) => ss.length)).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('a no page: the core ringed in the source drawing', async () => {
    await open(['coloring', `${SOURCES}/k4.col`, '--colors', '3', '--target', 'blum-rivest-and'], 'k4-3-colours', 20);
    expect(await page.$$eval('svg', (ss) => ss.length)).toBeGreaterThan(0);
    expect(await page.$$eval('.core-mark, .core', (cs) => cs.length)).toBeGreaterThan(0);
    expect(await page.$$eval('script', (ss) => ss.length)).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
