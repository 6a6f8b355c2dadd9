/**
 * Benchmark dispatcher: `npm run bench [-- SUITE [ARGS...]]` (node dist/bench/run.js).
 *
 * A suite is a module bench/suites/NAME.ts exporting `description` and
 * `run(args): Promise<void>`; adding a file adds a suite, nothing here needs editing.
 * With no suite name every suite runs, in alphabetical order, except those marked
 * `onlyByName`; `--list` lists them.
 * Suites are imported lazily, one at a time.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchSuite {
  description: string;
  run(args: string[]): Promise<void>;
  /** Run only when named (a study of an hour or more): the run of every suite skips it. */
  onlyByName?: boolean;
}

const suitesDir = join(dirname(fileURLToPath(import.meta.url)), 'suites');
/** Suites kept outside suites/ (bench/NAME.ts), by name. */
const here = dirname(fileURLToPath(import.meta.url));
const extraSuites: Record<string, string> = { bnn: join(here, 'bnn.js'), exact: join(here, 'exact.js'), gd: join(here, 'gd.js') };

function suiteNames(): string[] {
  return readdirSync(suitesDir)
    .filter((f) => f.endsWith('.js') && !f.endsWith('.d.js'))
    .map((f) => f.slice(0, -3))
    .concat(Object.keys(extraSuites))
    .sort();
}

async function load(name: string): Promise<BenchSuite> {
  return (await import(pathToFileURL(extraSuites[name] ?? join(suitesDir, `${name}.js`)).href)) as BenchSuite;
}

async function main(argv: string[]): Promise<number> {
  const names = suiteNames();
  const [first, ...rest] = argv;
  if (first === '--list' || first === '-h' || first === '--help') {
    console.log('usage: npm run bench [-- SUITE [ARGS...]]\n\nsuites:');
    for (const n of names) console.log(`  ${n.padEnd(10)} ${(await load(n)).description}`);
    return 0;
  }
  if (first !== undefined && !first.startsWith('-')) {
    if (!names.includes(first)) {
      console.error(`bench: unknown suite '${first}'; available: ${names.join(', ')}`);
      return 2;
    }
    await (await load(first)).run(rest);
    return 0;
  }
  for (const n of names) {
    const suite = await load(n);
    console.log(`\n=== bench suite: ${n} ===`);
    if (suite.onlyByName) {
      console.log(`skipped: a long study, run by name (npm run bench -- ${n})`);
      continue;
    }
    await suite.run(argv);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    // A suite may have set exit code 1 (e.g. exact on a disagreement): keep it.
    process.exitCode = code || process.exitCode;
  },
  (e: unknown) => {
    const err = e as Error;
    console.error(`bench: ${process.env.BENCH_DEBUG ? (err?.stack ?? String(e)) : (err?.message ?? String(e))}`);
    process.exitCode = 1;
  },
);
