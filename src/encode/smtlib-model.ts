/**
 * An SMT solver's answer to the script of `toSmtLib(instance, { getModel: true })`, read
 * back into parameters: the decode step for the SMT-LIB encoding, so that a model found by
 * z3, cvc5 or any SMT-LIB 2 solver can be checked by exact evaluation (checkParameters).
 *
 * The answer is the solver's output as printed: a `sat`, `unsat` or `unknown` line, then
 * the `(get-model)` response, a list of `(define-fun NAME () SORT VALUE)` (SMT-LIB 2.6,
 * section 4.2.4; z3 before 4.8.10 wraps it as `(model ...)`). Values are the SMT-LIB
 * constant forms: `true`/`false`, numerals and decimals (`3`, `1.0`, `0.25`), `(- v)`,
 * `(/ p q)` and `(to_real v)`, read exactly. Symbols are the writer's (`smtSymbols`).
 *
 * A parameter symbol absent from the model occurs in no assertion the solver kept (a weight
 * whose input is 0 on every example, an unused table row), so any value satisfies the
 * script: it is read as 0 (for integer weights, the value of the range nearest 0).
 * Nothing here claims the parameters fit; the caller checks them.
 */
import { InputError } from '../model/errors.js';
import { Rational } from '../model/rational.js';
import { isWeightedKind, type Instance, type Parameters } from '../model/types.js';
import { parseSexps, type Sexp } from './sexp.js';
import { smtSymbols } from './smtlib.js';

export type SmtAnswer = { status: 'sat'; params: Parameters } | { status: 'unsat' | 'unknown' };

/** A constant of the model as a Rational or a Bool; throws InputError on any other term. */
function constant(term: Sexp, name: string, where: string): Rational | boolean {
  if (typeof term === 'string') {
    if (term === 'true') return true;
    if (term === 'false') return false;
    try {
      return Rational.parse(term);
    } catch {
      throw new InputError(`${name}: cannot read the value ${term}`, where);
    }
  }
  const [op, ...args] = term;
  const nums = args.map((a) => {
    const v = constant(a, name, where);
    if (typeof v === 'boolean') throw new InputError(`${name}: a Bool inside arithmetic`, where);
    return v;
  });
  if (op === '-' && nums.length === 1) return nums[0].neg();
  if (op === '/' && nums.length === 2 && nums[1].num !== 0n) return nums[0].div(nums[1]);
  if (op === 'to_real' && nums.length === 1) return nums[0];
  throw new InputError(`${name}: cannot read the value ${show(term)}`, where);
}

function show(s: Sexp): string {
  return typeof s === 'string' ? s : `(${s.map(show).join(' ')})`;
}

/** The nullary `define-fun`s of a model list (its entries, or those of `(model ...)`). */
function definitions(list: Sexp[], where: string, into: Map<string, Rational | boolean>): void {
  for (const entry of list) {
    if (!Array.isArray(entry) || entry[0] !== 'define-fun') continue;
    const [, name, params, , value] = entry;
    if (typeof name !== 'string' || !Array.isArray(params) || params.length > 0 || value === undefined) continue;
    const bare = name.startsWith('|') && name.endsWith('|') && name.length >= 2 ? name.slice(1, -1) : name;
    into.set(bare, constant(value, bare, where));
  }
}

/**
 * Reads `text`, a solver's answer (`source` names it in errors), as parameters of
 * `instance`. Throws InputError when the answer is not one: no sat/unsat/unknown, or sat
 * without a model (the script was written without --get-model), or a value that is no
 * constant of the parameter's sort.
 */
export function readSmtModel(text: string, instance: Instance, source = '<model>'): SmtAnswer {
  let top: Sexp[];
  try {
    top = parseSexps(text);
  } catch (e) {
    throw new InputError(`not a solver's answer: ${(e as Error).message}`, source);
  }
  const status = top.find((s): s is string => typeof s === 'string');
  const errors = top.filter((s): s is Sexp[] => Array.isArray(s) && s[0] === 'error').map((s) => show(s[1] ?? ''));
  if (status === 'unsat' || status === 'unknown') return { status };
  if (status !== 'sat') {
    const why = errors.length > 0 ? `the solver reported ${errors.join('; ')}` : `expected sat, unsat or unknown${status === undefined ? '' : `, got ${status}`}`;
    throw new InputError(`not a solver's answer: ${why}`, source);
  }
  const values = new Map<string, Rational | boolean>();
  let lists = 0;
  for (const s of top) {
    if (!Array.isArray(s) || s[0] === 'error') continue;
    lists++;
    definitions(s[0] === 'model' ? s.slice(1) : s, source, values);
  }
  if (lists === 0) {
    const why = errors.length > 0 ? ` (the solver reported ${errors.join('; ')})` : '';
    throw new InputError(`sat, but no model follows${why}: write the script with encode --to smt2 --get-model`, source);
  }

  const number = (name: string, fallback: Rational): Rational => {
    const v = values.get(name);
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') throw new InputError(`${name}: expected a number, got ${v}`, source);
    return v;
  };
  const params: Parameters = Object.create(null) as Parameters;
  instance.network.units.forEach((u, i) => {
    if (isWeightedKind(u.kind)) {
      const range = u.integerWeights;
      const nearestZero = range ? Rational.of(Math.min(Math.max(0, range.min), range.max)) : Rational.ZERO;
      const weights = u.inputs.map((_, j) => number(smtSymbols.weight(i, j), nearestZero));
      const threshold = number(smtSymbols.threshold(i), range?.anyThreshold ? Rational.ZERO : nearestZero);
      params[u.id] = { weights, threshold };
    } else if (u.kind === 'lookup') {
      const table: (0 | 1)[] = [];
      for (let r = 0; r < 2 ** u.inputs.length; r++) {
        const name = smtSymbols.table(i, r);
        const v = values.get(name) ?? false;
        if (typeof v !== 'boolean') throw new InputError(`${name}: expected true or false, got ${v.toString()}`, source);
        table.push(v ? 1 : 0);
      }
      params[u.id] = { table };
    }
  });
  return { status: 'sat', params };
}
