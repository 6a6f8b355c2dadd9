#!/usr/bin/env node
/**
 * Builds the playground (web/) into a static site, web/dist/ by default: the page, its two
 * Web Workers (exact decision, gradient descent) and the library's browser entry point
 * (src/browser.ts), bundled by esbuild as ES modules, plus the solvers' WebAssembly files.
 * Any static file server can serve the result; no cross-origin isolation is needed (no
 * SharedArrayBuffer, no threads).
 *
 *   node scripts/build-web.mjs [OUTDIR]        (npm run build:web type-checks web/ first)
 *
 * What it arranges:
 *  - Node.js built-ins (`node:fs`, `node:crypto`, ...) resolve to stubs whose every export
 *    throws an Error naming the module: the library reaches them only on paths the browser
 *    entry point refuses (external solvers, MiniSat's worker, files, certificate digests),
 *    and cadical-wasm and highs import them only when they run under Node. The modules
 *    that imported a stub are listed in the report.
 *  - cadical-wasm and highs find their .wasm with `new URL(file, import.meta.url)`, i.e.
 *    next to the module that holds their code; the bundle keeps every chunk in OUTDIR, so
 *    the .wasm files are copied there, and the build fails if a chunk asks for a .wasm
 *    that is not there.
 *  - Left out for size: zod's error-message locales other than English (zod re-exports all
 *    of them as `z.locales`, about 260 KB, and trainsat's messages use the English default,
 *    which zod imports directly), and fast-check (only `checkReduction` loads it, which the
 *    browser entry point does not export): both resolve to small stand-ins.
 *  - The curated instances (instances/*.json) and the reduction sources with their
 *    manifest (instances/reductions/) are embedded as the module `trainsat-web:catalog`.
 *  - Sizes: every output file raw and gzipped (level 9), and the total, which the issue's
 *    goal puts under 2 MB gzipped.
 *  - OUTDIR is only ever replaced when it is the default web/dist/ (the build's own,
 *    gitignored), absent, empty, or an earlier build (it holds the marker file
 *    BUILD_MARKER); any other directory or file is refused, untouched. The
 *    site is built in a sibling directory and renamed into place at the end, so an error or
 *    an interrupt (SIGINT, SIGTERM: the sibling is removed) leaves OUTDIR as it was.
 */
import { build } from 'esbuild';
import { builtinModules, createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));

/** The build's own directory (gitignored): always replaced. */
const DEFAULT_OUTDIR = join(ROOT, 'web', 'dist');

/** The file every build writes into its output directory: only such a directory is replaced. */
export const BUILD_MARKER = '.trainsat-playground-build';

/** Whether `dir` may be replaced by a build: absent, an empty directory, or an earlier build. */
function replaceable(dir) {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  const names = readdirSync(dir);
  return names.length === 0 || names.includes(BUILD_MARKER);
}

/** The gzipped size the issue sets as the goal for the whole site. */
export const GZIP_GOAL_BYTES = 2 * 1024 * 1024;

const BUILTINS = new Set(builtinModules);

/** `node:x` and bare built-in names (`fs`) resolve to a throwing stub. */
function nodeStubPlugin(importers) {
  return {
    name: 'node-builtins-stub',
    setup(b) {
      b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
        const bare = args.path.replace(/^node:/, '');
        if (!args.path.startsWith('node:') && !BUILTINS.has(bare)) return undefined;
        const from = relative(ROOT, args.importer) || args.importer;
        if (!importers.has(`node:${bare}`)) importers.set(`node:${bare}`, new Set());
        importers.get(`node:${bare}`).add(from);
        return { path: `node:${bare}`, namespace: 'node-stub' };
      });
      b.onLoad({ filter: /.*/, namespace: 'node-stub' }, async (args) => {
        const names = Object.keys(await import(args.path)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
        const lines = [
          `const fail = (name) => function () { throw new Error(${JSON.stringify(args.path)} + "." + name + " is not available in the browser build of trainsat (it needs Node.js)"); };`,
          ...names.map((n, i) => `const s${i} = fail(${JSON.stringify(n)}); export { s${i} as ${n} };`),
          `export default new Proxy({}, { get: (_, name) => fail(String(name)) });`,
        ];
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}

/** zod's locale index -> English only; fast-check -> a stub that throws (see the file comment). */
function trimPlugin() {
  return {
    name: 'trainsat-web-trim',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
        if (!/[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)) return undefined;
        return { path: join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-locales' };
      });
      b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.path)};`,
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
      b.onResolve({ filter: /^fast-check$/ }, () => ({ path: 'fast-check', namespace: 'trainsat-web-absent' }));
      b.onLoad({ filter: /.*/, namespace: 'trainsat-web-absent' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path} is not part of the browser build of trainsat`)});`,
        loader: 'js',
      }));
    },
  };
}

/** The instances and reduction sources the page offers, read at build time. */
function catalogPlugin() {
  return {
    name: 'trainsat-web-catalog',
    setup(b) {
      b.onResolve({ filter: /^trainsat-web:catalog$/ }, () => ({ path: 'catalog', namespace: 'trainsat-web' }));
      b.onLoad({ filter: /.*/, namespace: 'trainsat-web' }, () => {
        const dir = join(ROOT, 'instances');
        const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
        const instances = manifest.map((e) => ({ file: e.file, expected: e.expected, text: readFileSync(join(dir, e.file), 'utf8') }));
        const rdir = join(dir, 'reductions');
        const reductions = JSON.parse(readFileSync(join(rdir, 'manifest.json'), 'utf8')).map((e) => ({
          source: basename(e.source),
          problem: e.problem,
          target: e.target,
          ...(e.colors !== undefined ? { colors: e.colors } : {}),
          expected: e.expected,
          text: readFileSync(join(rdir, e.source), 'utf8'),
        }));
        return {
          contents: JSON.stringify({ instances, reductions }),
          loader: 'json',
          watchFiles: [join(dir, 'manifest.json'), join(rdir, 'manifest.json')],
        };
      });
    },
  };
}

/** Every file under dir, as paths relative to it. */
function filesUnder(dir, prefix = '') {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, join(prefix, name)));
    else out.push(join(prefix, name));
  }
  return out;
}

/** Raw and gzipped size of every file of the site, and the totals. */
export function siteSizes(outdir) {
  const files = filesUnder(outdir).filter((file) => file !== BUILD_MARKER).map((file) => {
    const data = readFileSync(join(outdir, file));
    return { file, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The size table printed at the end of a build. */
export function formatSizes(sizes) {
  const width = Math.max(...sizes.files.map((f) => f.file.length), 5);
  const row = (name, raw, gz) => `  ${name.padEnd(width)}  ${raw.padStart(11)}  ${gz.padStart(11)}`;
  const lines = [row('file', 'raw', 'gzipped'), ...sizes.files.map((f) => row(f.file, kb(f.raw), kb(f.gzip)))];
  lines.push(row('total', kb(sizes.raw), kb(sizes.gzip)));
  const verdict = sizes.gzip <= GZIP_GOAL_BYTES ? 'within' : 'OVER';
  lines.push(`  ${verdict} the goal of ${kb(GZIP_GOAL_BYTES)} gzipped (${(sizes.gzip / 2 ** 20).toFixed(2)} MB)`);
  return lines.join('\n');
}

/** Bundles the site into the empty directory `dir`; returns which modules imported each Node.js stub. */
async function buildInto(dir, minify) {
  const importers = new Map();
  const web = join(ROOT, 'web');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['playground.ts', 'solve-worker.ts', 'gd-worker.ts'].map((f) => join(web, f)),
    outdir: dir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [nodeStubPlugin(importers), trimPlugin(), catalogPlugin()],
  });
  for (const f of ['index.html', 'playground.css']) copyFileSync(join(web, f), join(dir, f));
  const wasm = {
    'cadical.wasm': require.resolve('cadical-wasm/cadical.wasm'),
    'highs.wasm': require.resolve('highs/runtime'),
  };
  for (const [name, from] of Object.entries(wasm)) copyFileSync(from, join(dir, name));
  // Each chunk that loads a .wasm by `new URL(name, import.meta.url)` must find it beside it.
  for (const out of Object.keys(result.metafile.outputs)) {
    const text = readFileSync(resolve(ROOT, out), 'utf8');
    for (const m of text.matchAll(/new URL\(\s*["']([\w.-]+\.wasm)["']\s*,\s*import\.meta\.url\s*\)/g)) {
      if (!(m[1] in wasm)) throw new Error(`${relative(ROOT, out)} loads ${m[1]}, which the build does not copy`);
    }
  }
  writeFileSync(join(dir, BUILD_MARKER), 'Built by scripts/build-web.mjs; `npm run build:web` replaces this directory.\n');
  return importers;
}

/**
 * Builds the site into `outdir` (replaced whole, only if it is absent, empty or an earlier
 * build; see the file comment) and returns the sizes and which modules imported a Node.js
 * stub. `minify` is on by default (the sizes reported are the shipped ones).
 */
export async function buildWeb({ outdir = DEFAULT_OUTDIR, minify = true, log = (s) => console.log(s) } = {}) {
  outdir = resolve(outdir);
  if (outdir !== DEFAULT_OUTDIR && !replaceable(outdir)) {
    throw new Error(`${outdir} exists and is not a playground build (no ${BUILD_MARKER} in it): choose another directory, or empty it first`);
  }
  const staging = `${outdir}.building-${process.pid}`;
  const discard = () => rmSync(staging, { recursive: true, force: true });
  const onSignal = (signal) => {
    discard();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let importers;
  try {
    mkdirSync(staging, { recursive: true });
    importers = await buildInto(staging, minify);
    rmSync(outdir, { recursive: true, force: true });
    renameSync(staging, outdir);
  } catch (e) {
    discard();
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  const sizes = siteSizes(outdir);
  const stubbed = Object.fromEntries([...importers].sort().map(([mod, from]) => [mod, [...from].sort()]));
  log(`trainsat playground built in ${relative(process.cwd(), outdir) || outdir}`);
  log(formatSizes(sizes));
  log(`  Node.js modules stubbed (their functions throw in the browser): ${Object.keys(stubbed).join(', ') || 'none'}`);
  return { outdir, sizes, stubbed };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2];
  buildWeb(outdir ? { outdir } : {}).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
