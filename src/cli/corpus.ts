/**
 * The instance files named by a command line that may mix instance files, directories and
 * `gen` manifests (docs/cli.md, "Corpora"), with the answer each manifest expects.
 *
 * A corpus as `trainsat gen` writes it is a directory of instance files plus
 * `manifest.json`, a JSON array of entries with at least "file" (relative to the
 * manifest's directory) and "expected" (docs/format.md, "gen manifests"). Rules:
 * - a directory stands for its `*.json` files other than manifest.json, sorted by name;
 *   its manifest.json, when there is one, gives their expected answers;
 * - a file named manifest.json among other arguments is not an instance: it only gives
 *   expected answers (so `DIR/*.json` works); given with no instance file or directory,
 *   it stands for the files it lists, in its order;
 * - a file listed twice is taken once, at its first place.
 * Expected answers other than trainable / untrainable (a CNF corpus's) are ignored.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../model/errors.js';
import { readText } from './io.js';

export const MANIFEST = 'manifest.json';

export type Expected = 'trainable' | 'untrainable';

export interface CorpusFile {
  file: string;
  /** The answer a manifest gives for this file, if one does. */
  expected?: Expected;
}

function isDirectory(path: string): boolean {
  try {
    return path !== '-' && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isManifest(path: string): boolean {
  return basename(path) === MANIFEST && !isDirectory(path);
}

/** True when the arguments need corpus handling: several files, a directory or a manifest. */
export function isCorpus(files: readonly string[]): boolean {
  return files.length !== 1 || isDirectory(files[0]) || isManifest(files[0]);
}

interface ManifestEntry {
  /** The path of the entry's file: its "file", joined to the manifest's directory. */
  file: string;
  /** "file" as the manifest writes it. */
  name: string;
  expected?: Expected;
  witness?: unknown;
}

/** The entries of a manifest: file paths (joined to the manifest's directory), expected answers and witnesses. */
function readManifest(path: string): ManifestEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(readText(path));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`not JSON (${(e as Error).message})`, path);
  }
  if (!Array.isArray(data)) throw new InputError('a manifest is a JSON array of {"file", "expected"} entries', path);
  return data.map((entry: unknown, i) => {
    const e = entry as { file?: unknown; expected?: unknown; witness?: unknown } | null;
    if (typeof e !== 'object' || e === null || typeof e.file !== 'string' || e.file === '') throw new InputError('expected an entry with a "file" string', `${path}: [${i}].file`);
    const expected = e.expected === 'trainable' || e.expected === 'untrainable' ? e.expected : undefined;
    return { file: join(dirname(path), e.file), name: e.file, ...(expected ? { expected } : {}), ...(e.witness != null ? { witness: e.witness } : {}) };
  });
}

/**
 * The witness a gen manifest gives for one of its files, for `verify FILE PARAMS` with
 * PARAMS `DIR/manifest.json#ENTRY` (the entry whose "file" is ENTRY) or `DIR/manifest.json`
 * alone (the entry for FILE). Returns null when PARAMS names no manifest: an existing file
 * of that name that is not a manifest is a parameters file. `source` names the witness in
 * errors (`DIR/manifest.json#ENTRY`).
 */
export function manifestWitness(params: string, instanceFile: string): { value: unknown; source: string } | null {
  const hash = params.lastIndexOf('#');
  const whole = existsSync(params) || hash < 0;
  const manifest = whole ? params : params.slice(0, hash);
  if (!isManifest(manifest) || !existsSync(manifest)) return null;
  const entries = readManifest(manifest);
  const entry = whole ? entries.find((e) => resolve(e.file) === resolve(instanceFile)) : entries.find((e) => e.name === params.slice(hash + 1));
  const source = whole ? manifest : params;
  if (!entry) {
    const wanted = whole ? `no entry for ${instanceFile}` : `no entry with "file": ${JSON.stringify(params.slice(hash + 1))}`;
    throw new InputError(`${wanted} (entries: ${entries.slice(0, 5).map((e) => e.name).join(', ')}${entries.length > 5 ? ', ...' : ''})`, manifest);
  }
  if (!whole && resolve(entry.file) !== resolve(instanceFile)) {
    process.stderr.write(`trainsat: note: checking the witness of ${entry.name} on ${instanceFile}, another file\n`);
  }
  if (entry.witness === undefined) throw new InputError(`${entry.name} has no witness (a witness comes with a trainable entry)`, manifest);
  if (Array.isArray(entry.witness)) throw new InputError(`${entry.name}'s witness is a CNF assignment, not parameters`, manifest);
  return { value: entry.witness, source: `${manifest}#${entry.name}` };
}

/** The instance files of the arguments, each with its expected answer (module comment). */
export function expandCorpus(args: readonly string[]): CorpusFile[] {
  const expected = new Map<string, Expected>();
  const note = (entries: { file: string; expected?: Expected }[]) => {
    for (const e of entries) if (e.expected) expected.set(resolve(e.file), e.expected);
  };
  const manifests = args.filter(isManifest);
  const others = args.filter((a) => !isManifest(a));
  const files: string[] = [];
  for (const m of manifests) {
    const entries = readManifest(m);
    note(entries);
    if (others.length === 0) files.push(...entries.map((e) => e.file));
  }
  for (const a of others) {
    if (!isDirectory(a)) {
      files.push(a);
      continue;
    }
    const names = readdirSync(a)
      .filter((n) => n.endsWith('.json') && n !== MANIFEST && !isDirectory(join(a, n)))
      .sort();
    if (names.length === 0) throw new InputError('no instance files (*.json) in this directory', a);
    if (existsSync(join(a, MANIFEST))) note(readManifest(join(a, MANIFEST)));
    files.push(...names.map((n) => join(a, n)));
  }
  const seen = new Set<string>();
  const out: CorpusFile[] = [];
  for (const f of files) {
    const key = f === '-' ? f : resolve(f);
    if (seen.has(key)) continue;
    seen.add(key);
    const e = expected.get(key);
    out.push({ file: f, ...(e ? { expected: e } : {}) });
  }
  if (out.length === 0) throw new InputError('no instance files given', args.join(' '));
  return out;
}

/** A decided exact answer that differs from the manifest's (unknown never disagrees). */
export function disagrees(expected: Expected | undefined, status: string): boolean {
  return expected !== undefined && (status === 'trainable' || status === 'untrainable') && status !== expected;
}

/** The stderr report of disagreements with the manifests; '' when there is none. */
export function disagreementReport(rows: { file: string; status: string; expected?: Expected }[], what: string): string {
  const bad = rows.filter((r) => disagrees(r.expected, r.status));
  const checked = rows.filter((r) => r.expected !== undefined);
  if (checked.length === 0) return '';
  const undecided = checked.filter((r) => r.status !== 'trainable' && r.status !== 'untrainable').length;
  const head = `manifest: ${checked.length - bad.length - undecided} of ${checked.length} answer(s) agree with "expected"${undecided ? `, ${undecided} unknown` : ''}`;
  if (bad.length === 0) return `trainsat: ${head}\n`;
  return (
    `trainsat: ${head}; DISAGREEMENT on ${bad.length}: ` +
    bad.map((r) => `${r.file} (${what} ${r.status}, expected ${r.expected})`).join(', ') +
    '. A wrong answer is a bug (in the solver or the manifest); please report it.\n'
  );
}
