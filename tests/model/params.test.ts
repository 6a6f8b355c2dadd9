/**
 * Parameter files: good ones parse exactly (numbers, "p/q", decimals) and round-trip
 * through parametersToJSON; bad ones give InputErrors naming the JSON path.
 */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import { parametersToJSON, parseParameters, parseParametersValue } from '../../src/model/params.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { ThresholdParams } from '../../src/model/types.js';

const inst = parseInstanceValue({
  network: {
    inputs: 2,
    units: [
      { id: 'h1', kind: 'threshold', inputs: ['x0', 'x1'] },
      { id: 'g', kind: 'lookup', inputs: ['x0', 'h1'] },
      { id: 'out', kind: 'and', inputs: ['g', 'h1'] },
    ],
    outputs: ['out'],
  },
  examples: [{ x: [0, 1], y: [1] }],
});

const good = () => ({ h1: { weights: [1, '-3/2'], threshold: '0.25' }, g: { table: [0, 1, 1, 0] } });

describe('parseParameters', () => {
  test('good parameters, exactly', () => {
    const p = parseParametersValue(good(), inst);
    const h1 = p.h1 as ThresholdParams;
    expect(h1.weights.map(String)).toEqual(['1', '-3/2']);
    expect(h1.threshold.eq(Rational.of(1, 4))).toBe(true);
    expect(p.g).toEqual({ table: [0, 1, 1, 0] });
  });
  test('round trip through parametersToJSON and text', () => {
    const p = parseParametersValue(good(), inst);
    const json = parametersToJSON(p);
    expect(json).toEqual({ h1: { weights: [1, '-3/2'], threshold: '1/4' }, g: { table: [0, 1, 1, 0] } });
    const back = parseParameters(JSON.stringify(json), inst, 'p.json');
    expect(parametersToJSON(back)).toEqual(json);
  });

  const bad: [string, (p: Record<string, any>) => unknown, string, string][] = [
    ['unknown unit', (p) => void (p.h9 = { table: [0] }), 'h9', 'unknown unit (trainable units: h1, g)'],
    ['fixed unit', (p) => void (p.out = { table: [0, 0, 0, 1] }), 'out', 'unit "out" is a fixed gate (and) and takes no parameters'],
    ['missing unit', (p) => void delete p.g, '(root)', 'missing parameters for lookup unit "g"'],
    ['weights count', (p) => void p.h1.weights.pop(), 'h1.weights', 'expected 2 weights (one per input), got 1'],
    ['bad weight', (p) => void (p.h1.weights[1] = 'x'), 'h1.weights[1]', 'not a number'],
    ['bad threshold type', (p) => void (p.h1.threshold = null), 'h1.threshold', 'expected a number or a string'],
    ['missing threshold', (p) => void delete p.h1.threshold, 'h1.threshold', 'missing'],
    ['table length', (p) => void p.g.table.push(1), 'g.table', 'expected 4 entries (2^2 for 2 inputs), got 5'],
    ['table entry', (p) => void (p.g.table[2] = 2), 'g.table[2]', 'expected 0 or 1, got 2'],
    ['weights for a lookup unit', (p) => void (p.g = { weights: [1, 1], threshold: 1 }), 'g.weights', 'unknown key'],
    ['table for a threshold unit', (p) => void (p.h1 = { table: [0, 1, 1, 0] }), 'h1.table', 'unknown key'],
    ['not an object', (p) => void (p.h1 = 3), 'h1', 'expected an object'],
  ];
  test.each(bad)('%s', (_name, mutate, path, fragment) => {
    const p = good();
    mutate(p);
    let err: unknown;
    try {
      parseParametersValue(p, inst);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(`${path}: ${fragment}`);
  });
  test('root must be an object; text errors carry source:line:column', () => {
    expect(() => parseParametersValue([], inst)).toThrow('(root): expected an object');
    expect(() => parseParameters('{\n "h1": }', inst, 'p.json')).toThrow(/^p\.json:2:8: invalid JSON/);
    expect(() => parseParameters('{}', inst, 'p.json')).toThrow(/^p\.json: \(root\): missing parameters/);
  });
});
