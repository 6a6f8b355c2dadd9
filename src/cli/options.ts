/**
 * Option values shared by several commands, checked in one place so that every command
 * accepts and rejects the same things with the same message (exit 2 via InputError /
 * UnknownBackendError).
 */
import { InputError } from '../model/errors.js';
import { UnknownBackendError } from '../solvers/types.js';

/**
 * The largest budget accepted: Node's timers hold at most 2^31 - 1 ms, and a longer delay
 * fires at once, which would turn a huge budget into an immediate `unknown`.
 */
export const MAX_TIMEOUT_SEC = Math.floor((2 ** 31 - 1) / 1000);

const DECIMAL = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A `--timeout` value (seconds, as yargs or the fast parser hands it over: a number, a
 * string, an array when given twice, or undefined) as milliseconds, or undefined when
 * absent. Anything but one finite number from 0 to MAX_TIMEOUT_SEC is an InputError
 * naming the command.
 */
export function parseTimeout(value: unknown, command: string): number | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new InputError(`--timeout given ${value.length} times; give it once`, command);
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const sec = typeof value === 'number' ? value : DECIMAL.test(text) ? Number(text) : NaN;
  const shown = typeof value === 'string' ? `'${value}'` : String(value);
  if (!Number.isFinite(sec) || sec < 0) throw new InputError(`--timeout must be a non-negative number of seconds, got ${shown}`, command);
  if (sec > MAX_TIMEOUT_SEC) throw new InputError(`--timeout must be at most ${MAX_TIMEOUT_SEC} seconds (about 24 days), got ${shown}`, command);
  return sec * 1000;
}

/**
 * `--gd-budget`: 'exact' (GD gets the exact decision's time on each instance) or a
 * non-negative number of seconds, returned in ms; undefined when not given.
 */
export function parseGDBudget(value: unknown, command: string): 'exact' | number | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new InputError(`--gd-budget given ${value.length} times; give it once`, command);
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (text === 'exact') return 'exact';
  const sec = DECIMAL.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(sec) || sec < 0 || sec > MAX_TIMEOUT_SEC) throw new InputError(`--gd-budget must be "exact" or a non-negative number of seconds, got '${String(value)}'`, command);
  return sec * 1000;
}

/** Backends of the exact commands (solve, reduce, compare, sweep), for messages. */
export const EXACT_BACKENDS = ['auto', 'hybrid', 'highs', 'layerwise', 'cadical', 'minisat', 'external:NAME'] as const;
/** Backends of `trainsat sat`. */
export const SAT_BACKENDS = ['cadical', 'minisat', 'external:NAME'] as const;

/**
 * Checks a `--backend` name against what the command accepts (`exact`: every backend of
 * `decide`; `sat`: the SAT backends); returns it trimmed. Unknown names are an
 * UnknownBackendError listing every accepted backend. Whether an external solver is on
 * PATH is checked when it is started.
 */
export function parseBackend(value: unknown, kind: 'exact' | 'sat'): string {
  const accepted = kind === 'exact' ? EXACT_BACKENDS : SAT_BACKENDS;
  if (Array.isArray(value)) throw new UnknownBackendError(`--backend given ${value.length} times; give it once (${accepted.join(', ')})`);
  const name = typeof value === 'string' ? value.trim() : String(value);
  if (name.startsWith('external:')) {
    if (name.length > 'external:'.length) return name;
    throw new UnknownBackendError("external backend needs a solver name, e.g. 'external:kissat'");
  }
  if ((accepted as readonly string[]).includes(name) && name !== 'external:NAME') return name;
  const what = kind === 'exact' ? 'backend' : 'SAT backend';
  const hint = kind === 'sat' && (EXACT_BACKENDS as readonly string[]).includes(name) ? ` (${name} decides training instances: trainsat solve)` : '';
  throw new UnknownBackendError(`unknown ${what} '${String(value)}'; available: ${accepted.join(', ')}${hint}`);
}
