/**
 * User JSON is read exactly: the reader builds the same values as JSON.parse except that
 * numbers keep the decimal they were written as; every textual form of a decimal reads to
 * the same rational; integer fields take exact integers only; absurd exponents, repeated
 * keys and deep nesting are located input errors. The audit's reproducers (1e-400 read as
 * 0, 0.10000000000000001 read as 0.1) are decided right on every backend that decides them.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decide } from '../../src/decide.js';
import { InputError } from '../../src/model/errors.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { jsonInteger, JsonNumber, MAX_JSON_DEPTH, parseJsonText, toRational } from '../../src/model/json-input.js';
import { parseParameters } from '../../src/model/params.js';
import { parseInstance } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { ThresholdParams } from '../../src/model/types.js';

/** The reader's value with every JsonNumber replaced by the double JSON.parse would give. */
function asDoubles(v: unknown): unknown {
  if (v instanceof JsonNumber) return Number(v.text);
  if (Array.isArray(v)) return v.map(asDoubles);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: asDoubles(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const q = (num: bigint, den = 1n) => Rational.of(num, den);

describe('the JSON reader', () => {
  test('builds what JSON.parse builds, numbers aside', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), fc.boolean(), (v, pretty) => {
        const text = JSON.stringify(v, null, pretty ? 2 : undefined);
        expect(asDoubles(parseJsonText(text, 't'))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  test('integer literals of up to 15 digits are JS numbers; every other number keeps its text', () => {
    const v = parseJsonText('[0, -0, 7, -123456789012345, 1234567890123456, 1.5, 1e2, 2.50E+3, -0.0]', 't') as unknown[];
    expect(v.slice(0, 4)).toEqual([0, 0, 7, -123456789012345]);
    expect(Object.is(v[1], 0)).toBe(true);
    expect(v.slice(4).map((x) => (x as JsonNumber).text)).toEqual(['1234567890123456', '1.5', '1e2', '2.50E+3', '-0.0']);
  });

  test('a key "__proto__" is an own property and changes no prototype', () => {
    const v = parseJsonText('{"__proto__": {"polluted": 1}, "a": 2}', 't') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect((v as { polluted?: unknown }).polluted).toBeUndefined();
  });

  test('a repeated key is an error at its line:column', () => {
    const e = inputError(() => parseJsonText('{\n  "x": [0],\n  "y": [1],\n  "x": [1]\n}', 'f.json'));
    expect(e.message).toBe('f.json:4:3: duplicate key "x" (a key may appear once in an object)');
  });

  test('nesting beyond the limit is a located error, not a stack overflow', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(inputError(() => parseJsonText(deep, 'd.json')).message).toBe(`d.json:1:${MAX_JSON_DEPTH + 1}: nested deeper than ${MAX_JSON_DEPTH} arrays and objects`);
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(() => parseJsonText(ok, 'd.json')).not.toThrow();
    expect(inputError(() => parseJsonText('['.repeat(100_000), 'd.json')).message).toMatch(/^d\.json:1:\d+: nested deeper/);
  });
});

describe('numbers are the decimals they spell', () => {
  test('the audit cases', () => {
    const r = (t: string) => toRational(new JsonNumber(t));
    expect(r('1e-400')).toEqual(q(1n, 10n ** 400n));
    expect(r('1e400')).toEqual(q(10n ** 400n));
    expect(r('2.5E+3')).toEqual(q(2500n));
    expect(r('0.10000000000000001')).toEqual(q(10000000000000001n, 10n ** 17n));
    expect(r('0.10000000000000001')).not.toEqual(q(1n, 10n));
    expect(r('-0.0')).toEqual(Rational.ZERO);
    expect(r('123456789012345678901234567890')).toEqual(q(123456789012345678901234567890n));
    expect(r('1e10000')).toEqual(q(10n ** 10000n));
  });

  test('every way of writing p / 10^k reads as p / 10^k', () => {
    // p and k first, then a random textual form: plain decimal or scientific with any shift,
    // padding zeros, e or E, with or without '+'.
    const form = fc.record({
      p: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
      k: fc.integer({ min: -400, max: 400 }),
      shift: fc.integer({ min: -30, max: 30 }),
      pad: fc.nat({ max: 3 }),
      upper: fc.boolean(),
      plus: fc.boolean(),
    });
    fc.assert(
      fc.property(form, ({ p, k, shift, pad, upper, plus }) => {
        // value = p * 10^-k = (p * 10^pad) * 10^-(k + pad); written as mantissa digits with a
        // decimal point `shift` places from the right, times 10^e.
        const digits = (p < 0n ? -p : p).toString() + '0'.repeat(pad);
        const scale = k + pad; // value = digits * 10^-scale
        const fracLen = Math.max(0, Math.min(shift, digits.length - 1));
        const intPart = digits.slice(0, digits.length - fracLen);
        const frac = digits.slice(digits.length - fracLen);
        const e = fracLen - scale; // digits * 10^-scale = (int.frac) * 10^e
        const mant = (p < 0n ? '-' : '') + intPart + (frac ? `.${frac}` : '');
        const text = e === 0 && shift % 2 === 0 ? mant : `${mant}${upper ? 'E' : 'e'}${e < 0 ? '-' : plus ? '+' : ''}${Math.abs(e)}`;
        const want = k >= 0 ? q(p, 10n ** BigInt(k)) : q(p * 10n ** BigInt(-k));
        expect(toRational(new JsonNumber(text)), text).toEqual(want);
        expect(Rational.parse(text), text).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  test('absurd exponents and digit counts are errors, not giant BigInts', () => {
    expect(toRational(new JsonNumber('1e999999999'))).toMatch(/out of range: exponents from -10000 to 10000/);
    expect(toRational(new JsonNumber('1e-10001'))).toMatch(/out of range/);
    expect(toRational(new JsonNumber('1E+0000000000000000000000000000000001'))).toEqual(q(10n));
    expect(toRational(new JsonNumber('1' + '0'.repeat(10000)))).toMatch(/more than 10000 digits/);
    expect(toRational('1/' + '1'.repeat(30000))).toMatch(/more than 10000 digits/);
  });

  test('jsonInteger takes exact integers only', () => {
    expect(jsonInteger(new JsonNumber('1.0'))).toBe(1);
    expect(jsonInteger(new JsonNumber('1e2'))).toBe(100);
    expect(jsonInteger(new JsonNumber('-250E-1'))).toBe(-25);
    expect(jsonInteger(new JsonNumber('-0.0'))).toBe(0);
    expect(jsonInteger(new JsonNumber('1.0000000000000001'))).toBe('expected an integer, got 1.0000000000000001');
    expect(jsonInteger(new JsonNumber('9007199254740991'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(jsonInteger(new JsonNumber('9007199254740992'))).toMatch(/too large/);
    expect(jsonInteger(new JsonNumber('1e400'))).toMatch(/too large/);
    expect(jsonInteger(2 ** 60)).toMatch(/too large/);
    expect(jsonInteger(1.5)).toBe('expected an integer, got 1.5');
  });
});

/** An instance text with `fields` spliced in verbatim (so numbers keep their text). */
function instanceText(opts: { inputs?: string; range?: string; y?: string; x?: string; minCorrect?: string } = {}): string {
  const range = opts.range ? `, "integerWeights": ${opts.range}` : '';
  const minCorrect = opts.minCorrect ? `, "minCorrect": ${opts.minCorrect}` : '';
  return `{"network": {"preset": "perceptron", "inputs": ${opts.inputs ?? '1'}${range}},
  "examples": [{"x": [0], "y": [0]}, {"x": [${opts.x ?? '1'}], "y": [${opts.y ?? '1'}]}]${minCorrect}}`;
}

describe('instances and parameters read exactly', () => {
  test('example values keep their exact decimal value', () => {
    const inst = parseInstance(instanceText({ x: '1e-400' }));
    expect(inst.examples[1].x[0]).toEqual(q(1n, 10n ** 400n));
    expect(parseInstance(instanceText({ x: '0.10000000000000001' })).examples[1].x[0]).toEqual(q(10000000000000001n, 10n ** 17n));
    expect(parseInstance(instanceText({ x: '"3/2"' })).examples[1].x[0]).toEqual(q(3n, 2n));
  });

  const integerFields: [string, (t: string) => string, string][] = [
    ['inputs', (t) => instanceText({ inputs: t }), 'network.inputs'],
    ['integerWeights.min', (t) => instanceText({ range: `{"min": -${t}, "max": 1}` }), 'network.integerWeights.min'],
    ['integerWeights.max', (t) => instanceText({ range: `{"min": -1, "max": ${t}}` }), 'network.integerWeights.max'],
    ['minCorrect', (t) => instanceText({ minCorrect: t }), 'minCorrect'],
    ['y', (t) => instanceText({ y: t }), 'examples[1].y[0]'],
  ];
  test.each(integerFields)('%s: 1.0 and 1e0 are 1, 1.0000000000000001 is an error at the path', (_name, make, path) => {
    for (const one of ['1', '1.0', '1e0', '10E-1', '0.1e1']) expect(() => parseInstance(make(one), 'i.json'), one).not.toThrow();
    const e = inputError(() => parseInstance(make('1.0000000000000001'), 'i.json'));
    expect(e.message).toContain(`i.json: ${path}: `);
    expect(e.message).toContain('1.0000000000000001');
  });

  test('the parsed integer fields hold the exact values', () => {
    const inst = parseInstance(instanceText({ inputs: '1.0', range: '{"min": -2e0, "max": 30E-1}', y: '1.0', minCorrect: '2.0' }));
    expect(inst.network.inputs).toBe(1);
    expect(inst.network.units[0].integerWeights).toEqual({ min: -2, max: 3 });
    expect(inst.examples[1].y).toEqual([1]);
    expect(inst.minCorrect).toBe(2);
  });

  test('integerWeights beyond 2^53 - 1 and absurd exponents are errors naming the path', () => {
    const e1 = inputError(() => parseInstance(instanceText({ range: '{"min": -1, "max": 9007199254740992}' }), 'i.json'));
    expect(e1.message).toContain('i.json: network.integerWeights.max: ');
    expect(e1.message).toContain('9007199254740991');
    const e2 = inputError(() => parseInstance(instanceText({ x: '1e999999999' }), 'i.json'));
    expect(e2.message).toBe('i.json: examples[1].x[0]: number 1e999999999 is out of range: exponents from -10000 to 10000 are read');
  });

  test('parameters: weights exact, table entries exact 0/1, a "__proto__" key is an unknown unit', () => {
    const inst = parseInstance(`{"network": {"inputs": 2, "units": [
      {"id": "h", "kind": "threshold", "inputs": ["x0", "x1"]}, {"id": "g", "kind": "lookup", "inputs": ["h"]}], "outputs": ["g"]},
      "examples": []}`);
    const p = parseParameters('{"h": {"weights": [1e-400, 0.10000000000000001], "threshold": 2.5E+3}, "g": {"table": [0, 1.0]}}', inst);
    const h = p.h as ThresholdParams;
    expect(h.weights).toEqual([q(1n, 10n ** 400n), q(10000000000000001n, 10n ** 17n)]);
    expect(h.threshold).toEqual(q(2500n));
    expect(p.g).toEqual({ table: [0, 1] });
    expect(inputError(() => parseParameters('{"h": {"weights": [0, 0], "threshold": 0}, "g": {"table": [0, 1.0000000000000001]}}', inst, 'p.json')).message).toBe(
      'p.json: g.table[1]: expected 0 or 1, got 1.0000000000000001',
    );
    const proto = inputError(() => parseParameters('{"h": {"weights": [0, 0], "threshold": 0}, "g": {"table": [0, 1]}, "__proto__": {"table": [1, 1]}}', inst, 'p.json'));
    expect(proto.message).toBe('p.json: __proto__: unknown unit (trainable units: h, g)');
  });
});

describe('the audit reproducers are decided right', () => {
  // 1e-400 > 0 and 0.10000000000000001 > 0.1: a perceptron separates each pair, which it
  // could not if the values were read as doubles (then both points would be equal).
  const cases = [
    '{"network":{"preset":"perceptron","inputs":1},"examples":[{"x":[0],"y":[0]},{"x":[1e-400],"y":[1]}]}',
    '{"network":{"preset":"perceptron","inputs":1},"examples":[{"x":[0.1],"y":[0]},{"x":[0.10000000000000001],"y":[1]}]}',
    '{"network":{"preset":"perceptron","inputs":1},"examples":[{"x":[1e400],"y":[1]},{"x":[2.5E+3],"y":[1]},{"x":[0.10000000000000001],"y":[1]},{"x":[0.1],"y":[0]}]}',
  ];
  test.each(cases.map((c, i) => [i, c]))('case %i on the hybrid backend: trainable, parameters checked', async (_i, text) => {
    const inst = parseInstance(text);
    const r = await decide(inst, { backend: 'hybrid' });
    expect(r.status).toBe('trainable');
    expect(checkParameters(inst, r.parameters!).ok).toBe(true);
  });
  test.each(['cadical', 'minisat'])('the first two on %s: trainable, parameters checked', async (backend) => {
    for (const text of cases.slice(0, 2)) {
      const inst = parseInstance(text);
      const r = await decide(inst, { backend });
      expect(r.status).toBe('trainable');
      expect(checkParameters(inst, r.parameters!).ok).toBe(true);
    }
  });
});
