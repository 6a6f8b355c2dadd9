/**
 * `trainsat gen KIND --count N --seed S -o DIR [options]` (DESIGN.md section 3): a corpus of
 * instances (JSON) or formulas (DIMACS) with known answers, for testing tools outside
 * JavaScript, plus `DIR/manifest.json`:
 *
 *   [
 *     {"file": "planted-0000.json", "expected": "trainable", "witness": {...}, "family": "planted", "reason": "..."},
 *     ...
 *   ]
 *
 * `witness` is the planted parameters (parameters JSON, as `trainsat verify` reads them) for
 * trainable instances, the planted assignment as DIMACS literals (`[1, -2, 3]`) for
 * satisfiable CNFs, and null otherwise; `reason` says why the answer is right.
 *
 * The values come from the public arbitraries (src/arbitraries) sampled with fast-check
 * (without bias, so sizes follow the options). Item i is drawn with its own seed, derived
 * from `--seed` and i, so the same arguments give byte-identical files, and a smaller
 * `--count` gives a prefix of a larger one. No clock, no Math.random.
 *
 * Writing: everything is generated into a temporary directory next to DIR first (an error
 * leaves DIR untouched). A new DIR is created by renaming that directory; an existing empty
 * DIR receives the files one by one, manifest last. A non-empty DIR is refused unless
 * `--force`; then the files listed in its old manifest.json (a previous corpus) and the
 * manifest are replaced, and nothing else in DIR is touched.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import * as A from '../arbitraries/index.js';
import type { ArchitectureName, KnownCnf, KnownInstance } from '../arbitraries/index.js';
import { writeDimacs } from '../cnf/dimacs.js';
import { InputError } from '../model/errors.js';
import { parametersToJSON } from '../model/params.js';
import { instanceToJSON } from '../model/serialize.js';
import { fmix32 } from '../gd/rng.js';
import { formatInstanceJson } from './reduce.js';

export const GEN_KINDS = ['planted', 'untrainable', 'reduction', 'cnf-planted', 'cnf-unsat'] as const;
export type GenKind = (typeof GEN_KINDS)[number];

export interface GenArgs {
  kind: string;
  count: number;
  seed: number;
  output: string;
  force?: boolean;
  /** planted (and untrainable --family contradiction): the architecture. */
  preset?: string;
  inputs?: number;
  examples?: number;
  distinct?: boolean;
  family?: string;
  vars?: number;
  clauses?: number;
  k?: number;
  holes?: number;
}

export interface ManifestEntry {
  file: string;
  expected: 'trainable' | 'untrainable' | 'satisfiable' | 'unsatisfiable';
  witness: unknown;
  family: string;
  reason: string;
}

/** Largest --count accepted. */
export const MAX_COUNT = 1_000_000;

/** A 32-bit seed for item `index` of the corpus with seed `seed` (a fixed integer hash). */
export function itemSeed(seed: number, index: number): number {
  return fmix32(Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(Math.floor(seed / 2 ** 32) | 0, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

function intOption(name: string, v: number | undefined, def: number, min: number, max: number): number {
  const x = v ?? def;
  if (!Number.isInteger(x) || x < min || x > max) throw new InputError(`expected an integer from ${min} to ${max}, got ${String(v)}`, `--${name}`);
  return x;
}

function choice<T extends string>(name: string, v: string | undefined, allowed: readonly T[], def: T): T {
  const x = v ?? def;
  if (!(allowed as readonly string[]).includes(x)) throw new InputError(`expected one of ${allowed.join(', ')}, got "${x}"`, `--${name}`);
  return x as T;
}

/** Options that do not apply to a kind are errors (a typo should not silently do nothing). */
function rejectUnused(kind: string, args: GenArgs, used: readonly (keyof GenArgs)[]): void {
  const optional: (keyof GenArgs)[] = ['preset', 'inputs', 'examples', 'distinct', 'family', 'vars', 'clauses', 'k', 'holes'];
  for (const o of optional) {
    if (args[o] !== undefined && !used.includes(o)) {
      throw new InputError(`does not apply to gen ${kind} (its options: ${used.map((u) => `--${u}`).join(', ') || 'none'})`, `--${o}`);
    }
  }
}

type Item = { kind: 'instance'; value: KnownInstance } | { kind: 'cnf'; value: KnownCnf };

/** The arbitrary a kind and its options stand for (options checked; InputError if bad). */
function arbitraryFor(args: GenArgs): fc.Arbitrary<Item> {
  const kind = choice('kind', args.kind, GEN_KINDS, 'planted');
  const inst = (a: fc.Arbitrary<KnownInstance>) => a.map((value): Item => ({ kind: 'instance', value }));
  const cnf = (a: fc.Arbitrary<KnownCnf>) => a.map((value): Item => ({ kind: 'cnf', value }));
  switch (kind) {
    case 'planted': {
      rejectUnused(kind, args, ['preset', 'inputs', 'examples', 'distinct']);
      const preset = choice<ArchitectureName>('preset', args.preset, A.ARCHITECTURE_NAMES, 'perceptron');
      const n = intOption('inputs', args.inputs, 4, 1, 64);
      const m = intOption('examples', args.examples, 10, 1, 100_000);
      return inst(
        A.plantedInstance({
          architectures: [preset],
          minInputs: n,
          maxInputs: n,
          minExamples: m,
          maxExamples: m,
          distinctInputs: args.distinct ?? false,
          // A corpus entry whose labels are all equal tests nothing: ask for both values.
          mixedLabels: m >= 2,
        }),
      );
    }
    case 'untrainable': {
      rejectUnused(kind, args, ['family', 'preset', 'inputs', 'examples']);
      const family = choice('family', args.family, ['any', ...A.UNTRAINABLE_FAMILIES] as const, 'any');
      const n = intOption('inputs', args.inputs, 7, 1, 20);
      const m = intOption('examples', args.examples, 6, 0, 100_000);
      const preset = args.preset === undefined ? undefined : choice<ArchitectureName>('preset', args.preset, A.ARCHITECTURE_NAMES, 'perceptron');
      if (preset !== undefined && family !== 'contradiction') {
        throw new InputError('only applies to --family contradiction (parity copies live in a perceptron, unsplittable systems in the Blum-Rivest networks)', '--preset');
      }
      let families = family === 'any' ? [...A.UNTRAINABLE_FAMILIES] : [family];
      if (n < 2) families = families.filter((f) => f === 'contradiction');
      if (n < 3) families = families.filter((f) => f !== 'unsplittable');
      if (families.length === 0) throw new InputError(`${family} instances need more inputs (parity: 2, unsplittable: 3)`, '--inputs');
      return inst(
        A.untrainableInstance({
          families,
          parity: { maxInputs: Math.max(2, n), maxExtraExamples: m },
          contradiction: { maxInputs: n, maxExamples: Math.max(1, m), architectures: preset ? [preset] : undefined },
          unsplittable: { maxElements: Math.max(3, n), maxExtraSets: Math.min(m, 3) },
        }),
      );
    }
    case 'reduction': {
      rejectUnused(kind, args, ['family', 'inputs', 'clauses']);
      const family = choice('family', args.family, ['any', ...A.REDUCTION_SOURCES] as const, 'any');
      const n = intOption('inputs', args.inputs, 6, 2, 20);
      const m = intOption('clauses', args.clauses, 5, 1, 1000);
      const sources = family === 'any' ? [...A.REDUCTION_SOURCES] : [family];
      return inst(A.reductionInstance({ sources, maxElements: n, maxVars: Math.max(1, Math.min(10, Math.floor(n / 2))), maxSets: m, maxClauses: m }));
    }
    case 'cnf-planted': {
      rejectUnused(kind, args, ['vars', 'clauses', 'k']);
      const v = intOption('vars', args.vars, 20, 1, 10_000_000);
      const c = intOption('clauses', args.clauses, Math.round(4 * v), 0, 100_000_000);
      const k = intOption('k', args.k, 3, 1, 30);
      return cnf(A.plantedCnf({ minVars: v, maxVars: v, minClauses: c, maxClauses: c, k }));
    }
    case 'cnf-unsat': {
      const family = choice('family', args.family, ['random', 'pigeonhole', 'any'] as const, 'random');
      rejectUnused(kind, args, family === 'random' ? ['family', 'vars', 'clauses', 'k'] : family === 'pigeonhole' ? ['family', 'holes'] : ['family', 'vars', 'clauses', 'k', 'holes']);
      const v = intOption('vars', args.vars, 8, 1, A.MAX_BRUTE_VARS);
      const c = intOption('clauses', args.clauses, Math.round(4 * v), 0, 100_000);
      const k = intOption('k', args.k, 3, 1, 30);
      const h = intOption('holes', args.holes, 4, 1, 12);
      return cnf(
        A.unsatCnf({
          families: family === 'any' ? ['random-unsat', 'pigeonhole'] : family === 'random' ? ['random-unsat'] : ['pigeonhole'],
          random: { minVars: v, maxVars: v, minClauses: c, maxClauses: c, k },
          pigeonhole: { minHoles: 1, maxHoles: h },
        }),
      );
    }
  }
}

/** The file text and manifest entry of one generated item. */
function render(item: Item, name: string, header: string): { text: string; entry: ManifestEntry } {
  if (item.kind === 'instance') {
    const v = item.value;
    const json = instanceToJSON(v.instance);
    const named = { ...json, name: json.name ?? name.replace(/\.json$/, '') };
    return {
      text: formatInstanceJson(named),
      entry: { file: name, expected: v.expected, witness: v.witness ? parametersToJSON(v.witness) : null, family: v.family, reason: v.reason },
    };
  }
  const v = item.value;
  return {
    text: writeDimacs({ numVars: v.cnf.numVars, clauses: v.cnf.clauses }, [header]),
    entry: {
      file: name,
      expected: v.expected,
      witness: v.witness ? v.witness.map((b, i) => (b ? i + 1 : -(i + 1))) : null,
      family: v.family,
      reason: v.reason,
    },
  };
}

/** manifest.json: a JSON array, one entry per line. */
export function formatManifest(entries: readonly ManifestEntry[]): string {
  return entries.length === 0 ? '[]\n' : `[\n${entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`;
}

/** Files a previous corpus in `dir` wrote (from its manifest), plain names only. */
function previousCorpus(dir: string): string[] {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as unknown;
    if (!Array.isArray(m)) return [];
    return m.flatMap((e) => {
      const f = (e as { file?: unknown })?.file;
      return typeof f === 'string' && f === basename(f) && f !== '.' && f !== '..' && f !== '' ? [f] : [];
    });
  } catch {
    return [];
  }
}

export async function genCommand(args: GenArgs): Promise<number> {
  const count = intOption('count', args.count, 10, 1, MAX_COUNT);
  if (!Number.isSafeInteger(args.seed)) throw new InputError(`expected an integer, got ${String(args.seed)}`, '--seed');
  if (!args.output) throw new InputError('missing: the output directory (-o DIR)', '--output');
  let arb: fc.Arbitrary<Item>;
  try {
    arb = fc.noBias(arbitraryFor(args));
  } catch (e) {
    // The arbitraries check their options with RangeErrors: for the CLI, that is bad input.
    if (e instanceof RangeError) throw new InputError(e.message, `gen ${args.kind}`);
    throw e;
  }

  const dir = resolve(args.output);
  let exists = false;
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new InputError('exists and is not a directory', args.output);
    exists = true;
    if (readdirSync(dir).length > 0 && !args.force) {
      throw new InputError('directory is not empty (use --force to replace a corpus written there before)', args.output);
    }
  }
  const parent = dirname(dir);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new InputError(`cannot create the parent directory: ${(e as Error).message}`, args.output);
  }
  const tmp = mkdtempSync(join(parent, `.${basename(dir)}.gen-`));
  const ext = args.kind.startsWith('cnf-') ? 'cnf' : 'json';
  const width = Math.max(4, String(count - 1).length);
  const showProgress = count >= 200;
  const step = Math.max(1, Math.floor(count / 20));
  const entries: ManifestEntry[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const [item] = fc.sample(arb, { seed: itemSeed(args.seed, i), numRuns: 1 });
      const name = `${args.kind}-${String(i).padStart(width, '0')}.${ext}`;
      const { text, entry } = render(item, name, `trainsat gen ${args.kind} --seed ${args.seed}: item ${i}`);
      writeFileSync(join(tmp, name), text);
      entries.push(entry);
      if (showProgress && ((i + 1) % step === 0 || i + 1 === count)) {
        process.stderr.write(`trainsat gen: ${i + 1}/${count}${process.stderr.isTTY ? '\r' : '\n'}`);
      }
    }
    writeFileSync(join(tmp, 'manifest.json'), formatManifest(entries));
    if (!exists) {
      renameSync(tmp, dir);
    } else {
      for (const f of previousCorpus(dir)) rmSync(join(dir, f), { force: true });
      rmSync(join(dir, 'manifest.json'), { force: true });
      for (const e of entries) renameSync(join(tmp, e.file), join(dir, e.file));
      renameSync(join(tmp, 'manifest.json'), join(dir, 'manifest.json'));
      rmSync(tmp, { recursive: true, force: true });
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (showProgress && process.stderr.isTTY) process.stderr.write('\n');
  const noun = ext === 'cnf' ? 'formula' : 'instance';
  process.stderr.write(`trainsat gen: wrote ${count} ${noun}${count === 1 ? '' : 's'} and manifest.json to ${args.output}\n`);
  return 0;
}
