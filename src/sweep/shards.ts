/**
 * Running a list of items as shards with resumable JSON-lines output, for `trainsat
 * sweep` (./run.ts) and the bench's study suites (bench/bnn.ts):
 *  - shards: `--shard i/N` takes the items whose position in the list is i - 1 modulo N,
 *    so N shards together run every item exactly once and their files concatenate;
 *  - resuming: ids already in the output file are skipped (a partial last line, left by a
 *    killed run, is cut off first);
 *  - merging: the files read back as one list of records, one per JSON line.
 */
import { appendFileSync, existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { InputError } from '../model/errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses "i/N" (1 <= i <= N). */
export function parseShard(s: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new RangeError(`--shard must be i/N with 1 <= i <= N, got "${s}"`);
  return { index, count };
}

/** Shard i of N (1-based): the items whose index is i - 1 modulo N. */
export function shardItems<T extends { index: number }>(items: readonly T[], shard: Shard): T[] {
  return items.filter((it) => it.index % shard.count === shard.index - 1);
}

/**
 * The ids already in a results file. A last line without its newline (a run killed
 * mid-write) is cut off the file, so appending continues on a clean line.
 */
export function readDoneIds(file: string): { ids: Set<string>; badLines: number; repaired: boolean } {
  const ids = new Set<string>();
  // Nothing to resume from a missing file, nor from a device or FIFO (e.g. /dev/stdout).
  if (!existsSync(file) || !statSync(file).isFile()) return { ids, badLines: 0, repaired: false };
  let text = readFileSync(file, 'utf8');
  let repaired = false;
  if (text.length > 0 && !text.endsWith('\n')) {
    const cut = text.lastIndexOf('\n') + 1;
    truncateSync(file, Buffer.byteLength(text.slice(0, cut)));
    text = text.slice(0, cut);
    repaired = true;
  }
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const o = JSON.parse(line) as { id?: unknown };
      if (typeof o.id === 'string') ids.add(o.id);
      else badLines++;
    } catch {
      badLines++;
    }
  }
  return { ids, badLines, repaired };
}

export interface ShardRunOptions<I, R> {
  shard?: Shard;
  /** JSONL output file (appended to; ids in it are skipped). Without it, lines go to `emit`. */
  out?: string;
  /** Called with each JSON line (without newline) when there is no `out` file. */
  emit?: (line: string) => void;
  /** Runs one item; its record is written as one JSON line. */
  run: (item: I) => Promise<R>;
  /** Called once before the first item (done 0), after every finished item, and at the end when items were skipped. */
  onProgress?: (p: { done: number; total: number; skipped: number; last?: R }) => void;
}

export interface ShardRun<R> {
  /** Items in this shard. */
  total: number;
  skipped: number;
  records: R[];
  /** Lines of the existing file that could not be read (left in place, not counted as done). */
  badLines: number;
  /** True if a partial last line was cut off the existing file. */
  repaired: boolean;
}

/** Runs this shard of `items`, skipping ids already in `out`, one JSON line per finished item. */
export async function runShard<I extends { id: string; index: number }, R>(items: readonly I[], o: ShardRunOptions<I, R>): Promise<ShardRun<R>> {
  const mine = o.shard ? shardItems(items, o.shard) : [...items];
  const { ids: done, badLines, repaired } = o.out ? readDoneIds(o.out) : { ids: new Set<string>(), badLines: 0, repaired: false };
  const result: ShardRun<R> = { total: mine.length, skipped: 0, records: [], badLines, repaired };
  let finished = 0;
  const progress = (last?: R) => o.onProgress?.({ done: finished, total: mine.length, skipped: result.skipped, last });
  progress();
  for (const item of mine) {
    if (done.has(item.id)) {
      result.skipped++;
      finished++;
      continue;
    }
    const rec = await o.run(item);
    const line = JSON.stringify(rec);
    if (o.out) appendFileSync(o.out, line + '\n');
    else o.emit?.(line);
    result.records.push(rec);
    finished++;
    progress(rec);
  }
  if (result.skipped > 0) progress();
  return result;
}

/**
 * Records of a JSON-lines text, one per non-blank line; a line that is not JSON, or that
 * `valid` rejects, is an InputError naming `source:line` (`what`: the record's name in it,
 * `needs`: the keys it must have).
 */
export function parseJsonLines<R>(text: string, source: string, what: string, needs: string, valid: (o: Partial<R>) => boolean): R[] {
  const out: R[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      throw new InputError(`not a JSON line (expected one ${what} per line)`, `${source}:${i + 1}`);
    }
    if (typeof o !== 'object' || o === null || !valid(o as Partial<R>)) throw new InputError(`not a ${what} (needs ${needs})`, `${source}:${i + 1}`);
    out.push(o as R);
  });
  return out;
}
