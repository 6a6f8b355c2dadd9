/**
 * A ground evaluator for the SMT-LIB 2 subset the loading-problem export writes: given a
 * value for every declared constant, it evaluates every `assert` exactly (rationals and
 * Booleans) and returns the asserts that are false. Independent of any SMT solver, so a
 * test can ask "does this assignment satisfy the script?" anywhere.
 *
 * Supported: comments, set-logic, declare-fun (nullary), assert, check-sat, exit; terms
 * true, false, numerals (3, 3.0), symbols, + - * / (real division), <= < >= > =, and or
 * not => xor ite.
 */
import { parseSexps, type Sexp } from '../../src/encode/sexp.js';
import { Rational } from '../../src/model/rational.js';

export type SExpr = Sexp;

/** The script's commands as S-expressions; throws on unbalanced parentheses or a stray atom. */
export function parseSmtScript(text: string): SExpr[][] {
  return parseSexps(text).map((c) => {
    if (!Array.isArray(c)) throw new Error(`stray atom at top level: ${c}`);
    return c;
  });
}

function numeral(t: string): Rational | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  return Rational.of(BigInt(m[1] + frac), 10n ** BigInt(frac.length));
}

function evaluate(e: SExpr, env: ReadonlyMap<string, SmtValue>): SmtValue {
  if (typeof e === 'string') {
    if (e === 'true') return true;
    if (e === 'false') return false;
    const n = numeral(e);
    if (n) return n;
    const v = env.get(e);
    if (v === undefined) throw new Error(`no value for ${e}`);
    return v;
  }
  const [op, ...args] = e;
  const vals = () => args.map((a) => evaluate(a, env));
  const nums = () => vals().map((v) => {
    if (typeof v === 'boolean') throw new Error(`${String(op)}: expected a number`);
    return v;
  });
  const bools = () => vals().map((v) => {
    if (typeof v !== 'boolean') throw new Error(`${String(op)}: expected a Boolean`);
    return v;
  });
  switch (op) {
    case '+':
      return nums().reduce((a, b) => a.add(b), Rational.ZERO);
    case '-': {
      const v = nums();
      return v.length === 1 ? v[0].neg() : v.slice(1).reduce((a, b) => a.sub(b), v[0]);
    }
    case '*':
      return nums().reduce((a, b) => a.mul(b), Rational.ONE);
    case '/': {
      const v = nums();
      return v.slice(1).reduce((a, b) => a.div(b), v[0]);
    }
    case '<=':
    case '<':
    case '>=':
    case '>': {
      const v = nums();
      for (let i = 0; i + 1 < v.length; i++) {
        const c = v[i].cmp(v[i + 1]);
        if (op === '<=' ? c > 0 : op === '<' ? c >= 0 : op === '>=' ? c < 0 : c <= 0) return false;
      }
      return true;
    }
    case '=': {
      const v = vals();
      return v.every((x) => (typeof x === 'boolean' || typeof v[0] === 'boolean' ? x === v[0] : x.eq(v[0] as Rational)));
    }
    case 'and':
      return bools().every((b) => b);
    case 'or':
      return bools().some((b) => b);
    case 'not':
      return !bools()[0];
    case '=>': {
      const b = bools();
      return !b[0] || b[1];
    }
    case 'xor':
      return bools().reduce((a, b) => a !== b, false);
    case 'ite': {
      const c = evaluate(args[0], env);
      if (typeof c !== 'boolean') throw new Error('ite: expected a Boolean condition');
      return evaluate(c ? args[1] : args[2], env);
    }
    default:
      throw new Error(`unsupported operator ${JSON.stringify(op)}`);
  }
}

export interface SmtEvaluation {
  /** Declared constants without a value in the assignment. */
  missing: string[];
  /** The asserts that evaluate to false, as text. */
  falseAsserts: string[];
}

const show = (e: SExpr): string => (typeof e === 'string' ? e : `(${e.map(show).join(' ')})`);

/** Evaluates every assert of `script` under `assignment`. */
export function evaluateSmtScript(script: string, assignment: ReadonlyMap<string, SmtValue>): SmtEvaluation {
  const missing: string[] = [];
  const falseAsserts: string[] = [];
  for (const cmd of parseSexps(script)) {
    if (!Array.isArray(cmd)) throw new Error(`not a command: ${cmd}`);
    const [head, ...rest] = cmd;
    if (head === 'declare-fun') {
      if (!assignment.has(rest[0] as string)) missing.push(rest[0] as string);
    } else if (head === 'assert') {
      if (evaluate(rest[0], assignment) !== true) falseAsserts.push(show(rest[0]));
    } else if (!['set-logic', 'check-sat', 'exit', 'set-info', 'set-option'].includes(head as string)) {
      throw new Error(`unsupported command ${show(cmd)}`);
    }
  }
  return { missing, falseAsserts };
}
