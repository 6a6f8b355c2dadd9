/**
 * `trainsat gen KIND --count N --seed S -o DIR [options]` (docs/cli.md, "gen"; manifest: docs/format.md, "gen manifests"): a corpus of
 * instances (JSON) or formulas (DIMACS) with known answers, for testing tools outside
 * JavaScript, plus `DIR/manifest.json`:
 *
 *   [
 *     {"file": "planted-0000.json", "expected": "trainable", "witness": {...}, "family": "planted", "reason": "...", "generator": "trainsat gen"},
 *     ...
 *   ]
 *
 * `witness` is the planted parameters (parameters JSON, as `trainsat verify` reads them) for
 * trainable instances, the planted assignment as DIMACS literals (`[1, -2, 3]`) for
 * satisfiable CNFs, and null otherwise; `reason` says why the answer is right; `generator`
 * marks the manifest as one that gen wrote (see writing, below).
 *
 * The values come from the public arbitraries (src/arbitraries) sampled with fast-check
 * (without bias, so sizes follow the options). Item i is drawn with its own seed, derived
 * from `--seed` and i, so the same arguments give byte-identical files, and a smaller
 * `--count` gives a prefix of a larger one. No clock, no Math.random.
 *
 * Writing: everything is generated into a temporary directory first (next to a new DIR,
 * inside an existing one, so that moving files never crosses file systems); an error or a
 * signal (SIGINT, SIGTERM: exit 130, 143) removes it and leaves DIR as it was. A new DIR is
 * created by renaming that directory. A non-empty DIR is refused unless `--force`, and
 * `--force` replaces only a corpus that gen wrote: its manifest.json must carry gen's mark
 * in every entry, and only the regular files it lists whose names follow gen's pattern
 * (`<kind>-<digits>.<json|cnf>`) are replaced or removed. Anything else of DIR that the new
 * corpus would overwrite (a file of another corpus, a directory, a foreign manifest.json)
 * is refused before anything is generated. The replace step moves the old corpus (manifest
 * first) into a hidden directory in DIR, moves the new files in (manifest last) and only
 * then deletes the old ones; if a step fails, everything is moved back. So DIR always
 * has either the old corpus or the new one under its manifest, never a mix.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import * as A from '../arbitraries/index.js';
import type { ArchitectureName, KnownCnf, KnownInstance } from '../arbitraries/index.js';
import { writeDimacs } from '../cnf/dimacs.js';
import { InputError } from '../model/errors.js';
import { parametersToJSON } from '../model/params.js';
import { instanceToJSON } from '../model/serialize.js';
import { fmix32 } from '../random/rng.js';
import { guarded } from './io.js';
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
  /** Always GENERATOR: how `--force` recognises a manifest that gen wrote. */
  generator: typeof GENERATOR;
}

/** The mark in every entry of a manifest that gen wrote. */
export const GENERATOR = 'trainsat gen';

/** The names gen gives corpus files: `<kind>-<index, at least 4 digits>.<json|cnf>`. */
export const GEN_FILE = /^((planted|untrainable|reduction)-[0-9]{4,}\.json|(cnf-planted|cnf-unsat)-[0-9]{4,}\.cnf)$/;

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
      entry: { file: name, expected: v.expected, witness: v.witness ? parametersToJSON(v.witness) : null, family: v.family, reason: v.reason, generator: GENERATOR },
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
      generator: GENERATOR,
    },
  };
}

/** manifest.json: a JSON array, one entry per line. */
export function formatManifest(entries: readonly ManifestEntry[]): string {
  return entries.length === 0 ? '[]\n' : `[\n${entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The files of the corpus gen wrote in `dir` before, from its manifest: the listed names
 * that follow gen's pattern and are regular files (not links, not directories). [] when
 * there is no manifest; an InputError when manifest.json is not gen's.
 */
function previousCorpus(dir: string, shown: string): string[] {
  const path = join(dir, 'manifest.json');
  const st = lstatOrUndefined(path);
  if (!st) return [];
  const notOurs = (why: string) =>
    new InputError(
      `${why}; --force replaces only a corpus that trainsat gen wrote (every manifest entry marked "generator": "${GENERATOR}"), so move the directory's contents away or write elsewhere`,
      join(shown, 'manifest.json'),
    );
  if (!st.isFile()) throw notOurs('is not a regular file');
  let m: unknown;
  try {
    m = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw notOurs('is not a manifest that trainsat gen wrote (not JSON)');
  }
  const ours = (e: unknown) =>
    typeof e === 'object' && e !== null && (e as { generator?: unknown }).generator === GENERATOR && typeof (e as { file?: unknown }).file === 'string' && GEN_FILE.test((e as { file: string }).file);
  if (!Array.isArray(m) || m.length === 0 || !m.every(ours)) throw notOurs('was not written by trainsat gen');
  return (m as { file: string }[]).map((e) => e.file).filter((f) => lstatOrUndefined(join(dir, f))?.isFile());
}

/**
 * Replaces the corpus `oldFiles` (+ manifest.json) of `dir` by the files of `tmp`
 * (`newFiles`, then manifest.json): the old files are moved into a hidden directory of
 * `dir` first and deleted only when the new corpus is in place; on an error every move
 * is undone.
 */
export function replaceCorpus(dir: string, tmp: string, oldFiles: readonly string[], newFiles: readonly string[]): void {
  const backup = mkdtempSync(join(dir, '.gen-old-'));
  const hasOldManifest = lstatOrUndefined(join(dir, 'manifest.json')) !== undefined;
  const moved: string[] = [];
  const placed: string[] = [];
  try {
    // The manifest first: DIR never lists files that are not there.
    for (const f of [...(hasOldManifest ? ['manifest.json'] : []), ...oldFiles]) {
      renameSync(join(dir, f), join(backup, f));
      moved.push(f);
    }
    for (const f of [...newFiles, 'manifest.json']) {
      renameSync(join(tmp, f), join(dir, f));
      placed.push(f);
    }
  } catch (e) {
    const stuck: string[] = [];
    for (const f of placed.reverse()) {
      try {
        renameSync(join(dir, f), join(tmp, f));
      } catch {
        stuck.push(f);
      }
    }
    for (const f of moved.reverse()) {
      try {
        renameSync(join(backup, f), join(dir, f));
      } catch {
        stuck.push(f);
      }
    }
    if (stuck.length > 0) {
      throw new Error(`replacing the corpus failed (${(e as Error).message}) and so did undoing it for ${stuck.join(', ')}; the earlier corpus is in ${backup}`);
    }
    rmdirSync(backup);
    throw e;
  }
  rmSync(backup, { recursive: true, force: true });
}

export async function genCommand(args: GenArgs): Promise<number> {
  const count = intOption('count', args.count, 10, 1, MAX_COUNT);
  if (!Number.isSafeInteger(args.seed)) throw new InputError(`expected an integer, got ${String(args.seed)}`, '--seed');
  if (!args.output) throw new InputError('missing: the output directory (-o DIR)', '--output');
  if (args.output === '-') throw new InputError('gen writes a directory of files, not one stream: name a directory', '--output');
  let arb: fc.Arbitrary<Item>;
  try {
    arb = fc.noBias(arbitraryFor(args));
  } catch (e) {
    // The arbitraries check their options with RangeErrors: for the CLI, that is bad input.
    if (e instanceof RangeError) throw new InputError(e.message, `gen ${args.kind}`);
    throw e;
  }

  const ext = args.kind.startsWith('cnf-') ? 'cnf' : 'json';
  const width = Math.max(4, String(count - 1).length);
  const nameOf = (i: number) => `${args.kind}-${String(i).padStart(width, '0')}.${ext}`;
  const dir = resolve(args.output);
  const dirLink = lstatOrUndefined(dir);
  const dirStat = dirLink ? statSync(dir, { throwIfNoEntry: false }) : undefined;
  if (dirLink && !dirStat) throw new InputError('is a broken symbolic link', args.output);
  const exists = dirStat !== undefined;
  let oldFiles: string[] = [];
  if (dirStat) {
    if (!dirStat.isDirectory()) throw new InputError('exists and is not a directory', args.output);
    const present = readdirSync(dir);
    if (present.length > 0 && !args.force) {
      throw new InputError('directory is not empty (use --force to replace a corpus written there before)', args.output);
    }
    oldFiles = previousCorpus(dir, args.output);
    // Every name the new corpus takes must be free or part of the old corpus.
    const replaceable = new Set([...oldFiles, 'manifest.json']);
    const taken = new Set(present);
    for (let i = 0; i < count; i++) {
      const name = nameOf(i);
      if (taken.has(name) && !replaceable.has(name)) {
        throw new InputError(`exists and is not part of a corpus that trainsat gen wrote there; refusing to replace it`, join(args.output, name));
      }
    }
  }
  const parent = dirname(dir);
  let firstCreated: string | undefined;
  try {
    firstCreated = mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new InputError(`cannot create the parent directory: ${(e as Error).message}`, args.output);
  }
  const showProgress = count >= 200;
  const step = Math.max(1, Math.floor(count / 20));

  await guarded(async (g) => {
    let tmp: string | undefined;
    /** Removes the temporary directory and the parents this run created (if still empty). */
    const undo = () => {
      if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
      for (let p = parent; firstCreated !== undefined; p = dirname(p)) {
        try {
          rmdirSync(p);
        } catch {
          break;
        }
        if (p === firstCreated) break;
      }
    };
    const forget = g.onInterrupt(undo);
    try {
      if (exists) tmp = mkdtempSync(join(dir, '.gen-new-'));
      else {
        // Not mkdtemp (mode 0700): this directory becomes DIR, with the usual permissions.
        tmp = join(parent, `.${basename(dir)}.gen-${randomBytes(6).toString('hex')}`);
        mkdirSync(tmp);
      }
      const entries: ManifestEntry[] = [];
      for (let i = 0; i < count; i++) {
        const [item] = fc.sample(arb, { seed: itemSeed(args.seed, i), numRuns: 1 });
        const name = nameOf(i);
        const { text, entry } = render(item, name, `trainsat gen ${args.kind} --seed ${args.seed}: item ${i}`);
        writeFileSync(join(tmp, name), text);
        entries.push(entry);
        if (showProgress && ((i + 1) % step === 0 || i + 1 === count)) {
          process.stderr.write(`trainsat gen: ${i + 1}/${count}${process.stderr.isTTY ? '\r' : '\n'}`);
        }
        await g.tick(); // a signal is handled between items
      }
      writeFileSync(join(tmp, 'manifest.json'), formatManifest(entries));
      if (!exists) {
        renameSync(tmp, dir);
      } else {
        replaceCorpus(
          dir,
          tmp,
          oldFiles,
          entries.map((e) => e.file),
        );
        rmSync(tmp, { recursive: true, force: true });
      }
      tmp = undefined;
      firstCreated = undefined;
    } catch (e) {
      undo();
      const code = (e as NodeJS.ErrnoException).code;
      // The file system said no (permissions, space): like any output that cannot be written.
      if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new InputError(`cannot write: ${(e as Error).message}`, args.output);
      throw e;
    } finally {
      forget();
    }
  });
  if (showProgress && process.stderr.isTTY) process.stderr.write('\n');
  const noun = ext === 'cnf' ? 'formula' : 'instance';
  process.stderr.write(`trainsat gen: wrote ${count} ${noun}${count === 1 ? '' : 's'} and manifest.json to ${args.output}\n`);
  return 0;
}
