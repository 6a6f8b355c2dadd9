/**
 * Instance parsing: every class of bad input yields an InputError naming its JSON path
 * (table-driven), good instances parse to the expected model, presets expand as
 * docs/format.md ("Presets") says, and instanceToJSON/parseInstanceValue round-trip random networks.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import { parseInstance, parseInstanceValue } from '../../src/model/parse.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import { instanceToJSON } from '../../src/model/serialize.js';
import { expectInputError } from '../helpers/input-error.js';
import { arbNetwork } from '../helpers/model-arbitraries.js';

type Json = Record<string, any>;

/** A valid instance with several unit kinds; each bad case mutates a fresh copy. */
function base(): Json {
  return {
    name: 'base',
    network: {
      inputs: 5,
      units: [
        { id: 'h1', kind: 'threshold', inputs: ['x0', 'x1', 'x2'] },
        { id: 'g', kind: 'lookup', inputs: ['x3', 'h1'] },
        { id: 'a', kind: 'and', inputs: ['g', 'x4'] },
        { id: 'f', kind: 'fixed-threshold', inputs: ['x0', 'a'], weights: [1, '1/2'], threshold: '0.5' },
      ],
      outputs: ['f'],
    },
    examples: [
      { x: [0, 1, 1, 0, 1], y: [1] },
      { x: [1, 1, 0, 1, 0], y: [0] },
      { x: [2, '3/2', -1, 1, 1], y: [1] },
      { x: [0, 0, 0, 0, 0], y: [0] },
    ],
  };
}

const cases: [string, (j: Json) => unknown, string, string?][] = [
  // arities
  ['x arity', (j) => void j.examples[3].x.pop(), 'examples[3].x', 'examples[3].x: expected 5 numbers, got 4'],
  ['y arity', (j) => void j.examples[1].y.push(0), 'examples[1].y', 'expected 1 number (one per output), got 2'],
  ['y not 0/1', (j) => void (j.examples[2].y[0] = 2), 'examples[2].y[0]', 'expected 0 or 1, got 2'],
  ['y as string', (j) => void (j.examples[2].y[0] = '1'), 'examples[2].y[0]', 'expected 0 or 1, got "1"'],
  ['x not a number', (j) => void (j.examples[0].x[2] = 'abc'), 'examples[0].x[2]', 'not a number'],
  ['x boolean', (j) => void (j.examples[0].x[2] = true), 'examples[0].x[2]', 'expected a number or a string'],
  ['x zero denominator', (j) => void (j.examples[0].x[2] = '1/0'), 'examples[0].x[2]', 'not a number'],
  ['x unsafe integer', (j) => void (j.examples[0].x[2] = 2 ** 60), 'examples[0].x[2]', 'write it as a string'],
  ['x not an array', (j) => void (j.examples[0].x = 5), 'examples[0].x', 'expected an array'],
  ['example missing y', (j) => void delete j.examples[0].y, 'examples[0].y', 'missing'],
  ['example unknown key', (j) => void (j.examples[0].labels = 1), 'examples[0].labels', 'unknown key'],
  ['label without classes', (j) => void (j.examples[0].label = 1), 'examples[0].label', 'only a network with "classes" takes a label'],
  // 0/1 requirements
  ['non-0/1 into lookup', (j) => void (j.examples[2].x[3] = 2), 'examples[2].x[3]', 'lookup unit "g"'],
  ['non-0/1 into gate', (j) => void (j.examples[1].x[4] = '1/2'), 'examples[1].x[4]', 'and unit "a"'],
  [
    'non-0/1 on an output input',
    (j) => {
      j.network.outputs.push('x1');
      j.examples.forEach((e: Json) => e.y.push(0));
    },
    'examples[2].x[1]',
    'x1 is a network output',
  ],
  // node references
  ['unknown node', (j) => void (j.network.units[2].inputs[1] = 'h7'), 'network.units[2].inputs[1]', 'network.units[2].inputs[1]: unknown node "h7"'],
  [
    'forward reference',
    (j) => {
      j.network.units.push({ id: 'late', kind: 'or', inputs: ['x0'] });
      j.network.units[0].inputs[1] = 'late';
    },
    'network.units[0].inputs[1]',
    'forward reference: "late" is defined later (network.units[4])',
  ],
  [
    'cycle',
    (j) => void (j.network.units[1].inputs[0] = 'a'),
    'network.units[1].inputs[0]',
    'cycle: g -> a -> g',
  ],
  ['self reference', (j) => void (j.network.units[1].inputs[0] = 'g'), 'network.units[1].inputs[0]', 'reads itself'],
  ['input out of range', (j) => void (j.network.units[0].inputs[0] = 'x5'), 'network.units[0].inputs[0]', 'out of range'],
  ['non-canonical input', (j) => void (j.network.units[0].inputs[0] = 'x01'), 'network.units[0].inputs[0]', 'write "x1"'],
  ['duplicate id', (j) => void (j.network.units[2].id = 'h1'), 'network.units[2].id', 'duplicate id "h1"'],
  ['input-like id', (j) => void (j.network.units[0].id = 'x12'), 'network.units[0].id', 'reserved for network inputs'],
  ['empty id', (j) => void (j.network.units[0].id = ''), 'network.units[0].id', 'must not be empty'],
  ['bad kind', (j) => void (j.network.units[0].kind = 'treshold'), 'network.units[0].kind', '"threshold"'],
  ['unit unknown key', (j) => void (j.network.units[0].weigths = [1]), 'network.units[0].weigths', 'unknown key'],
  // unit kinds
  ['not with 2 inputs', (j) => void (j.network.units[2].kind = 'not'), 'network.units[2].inputs', 'exactly 1 input, got 2'],
  ['fixed-threshold without weights', (j) => void delete j.network.units[3].weights, 'network.units[3].weights', 'needs 2 weights'],
  ['fixed-threshold without threshold', (j) => void delete j.network.units[3].threshold, 'network.units[3].threshold', 'needs a threshold'],
  ['fixed-threshold weight count', (j) => void j.network.units[3].weights.push(1), 'network.units[3].weights', 'expected 2 weights (one per input), got 3'],
  ['fixed-threshold bad weight', (j) => void (j.network.units[3].weights[1] = '1//2'), 'network.units[3].weights[1]', 'not a number'],
  ['weights on a threshold unit', (j) => void (j.network.units[0].weights = [1, 2, 3]), 'network.units[0].weights', 'only fixed-threshold'],
  ['integerWeights min > max', (j) => void (j.network.units[0].integerWeights = { min: 3, max: 1 }), 'network.units[0].integerWeights', 'min 3 is greater than max 1'],
  ['integerWeights non-integer', (j) => void (j.network.units[0].integerWeights = { min: -1.5, max: 1 }), 'network.units[0].integerWeights.min', 'expected an integer, got -1.5'],
  ['integerWeights missing max', (j) => void (j.network.units[0].integerWeights = { min: -1 }), 'network.units[0].integerWeights.max', 'missing'],
  ['integerWeights on a gate', (j) => void (j.network.units[2].integerWeights = { min: -1, max: 1 }), 'network.units[2].integerWeights', 'only threshold and score units'],
  ['lookup fan-in too large', (j) => void (j.network.units[1].inputs = Array(21).fill('x3')), 'network.units[1].inputs', 'at most 20 inputs'],
  // outputs
  ['unknown output', (j) => void (j.network.outputs[0] = 'o'), 'network.outputs[0]', 'unknown node "o"'],
  ['output input out of range', (j) => void (j.network.outputs[0] = 'x9'), 'network.outputs[0]', 'out of range'],
  ['empty outputs', (j) => void (j.network.outputs = []), 'network.outputs', 'at least one output'],
  ['negative inputs', (j) => void (j.network.inputs = -1), 'network.inputs', 'expected an integer >= 0, got -1'],
  // top level
  ['minCorrect too large', (j) => void (j.minCorrect = 5), 'minCorrect', 'from 0 to 4'],
  ['minCorrect negative', (j) => void (j.minCorrect = -1), 'minCorrect', 'from 0 to 4'],
  ['minCorrect non-integer', (j) => void (j.minCorrect = 2.5), 'minCorrect', 'expected an integer'],
  ['unknown top-level key', (j) => void (j.netwrok = {}), 'netwrok', 'did you mean "network"'],
  ['bad expected', (j) => void (j.expected = 'yes'), 'expected', '"trainable"'],
  ['name not a string', (j) => void (j.name = 3), 'name', 'expected a string, got 3'],
  ['missing network', (j) => void delete j.network, 'network', 'missing'],
  ['missing examples', (j) => void delete j.examples, 'examples', 'missing'],
  // presets
  ['bad preset', (j) => void (j.network = { preset: 'mlp', inputs: 2 }), 'network.preset', '"perceptron"'],
  ['preset with units', (j) => void (j.network = { preset: 'perceptron', inputs: 5, units: [] }), 'network.units', 'unknown key'],
  [
    'preset integerWeights min > max',
    (j) => void (j.network = { preset: 'blum-rivest', inputs: 5, integerWeights: { min: 1, max: 0 } }),
    'network.integerWeights',
    'greater than max',
  ],
  ['preset arity', (j) => void (j.network = { preset: 'perceptron', inputs: 4 }), 'examples[0].x', 'expected 4 numbers, got 5'],
];

describe('parseInstanceValue rejects bad input with a JSON path', () => {
  test('the base instance is valid', () => {
    expect(() => parseInstanceValue(base())).not.toThrow();
  });
  test.each(cases)('%s', (_name, mutate, path, fragment) => {
    const j = base();
    mutate(j);
    expectInputError(j, path, fragment);
  });
  test('the root must be an object', () => {
    expectInputError([1, 2], '(root)', 'expected an object');
  });
  test('several problems are all listed', () => {
    const j = base();
    j.examples[0].x.pop();
    j.examples[1].y[0] = 7;
    const err = expectInputError(j, 'examples[0].x');
    expect(err.message).toContain('examples[1].y[0]: expected 0 or 1, got 7');
    expect(err.where).toBe('examples[0].x');
  });
});

describe('parseInstance (text)', () => {
  test('malformed JSON names source:line:column', () => {
    const text = '{\n  "network": ,\n}';
    expect(() => parseInstance(text, 'bad.json')).toThrow(InputError);
    expect(() => parseInstance(text, 'bad.json')).toThrow(/^bad\.json:2:14: invalid JSON: unexpected ",", expected a value/);
  });
  test('trailing comma (Node gives no position) is still located', () => {
    expect(() => parseInstance('{"a": [1,\n2,]}', 'f.json')).toThrow(/^f\.json:2:3: invalid JSON/);
  });
  test('unexpected end of input points past the last character', () => {
    expect(() => parseInstance('{"a": [1,\n2', 'f.json')).toThrow(/^f\.json:2:2: invalid JSON: unexpected end of input/);
  });
  test('semantic errors carry the source and the path', () => {
    const j = base();
    j.examples[3].x.pop();
    expect(() => parseInstance(JSON.stringify(j), 'inst.json')).toThrow('inst.json: examples[3].x: expected 5 numbers, got 4');
  });
  test('a byte-order mark is ignored', () => {
    const inst = parseInstance('\uFEFF' + JSON.stringify(base()));
    expect(inst.name).toBe('base');
  });
});

describe('good instances', () => {
  test('the base instance parses to the model, exactly', () => {
    const inst = parseInstanceValue(base());
    expect(inst.name).toBe('base');
    expect(inst.network.inputs).toBe(5);
    expect(inst.network.units.map((u) => u.id)).toEqual(['h1', 'g', 'a', 'f']);
    const f = inst.network.units[3];
    expect(f.weights!.map(String)).toEqual(['1', '1/2']);
    expect(f.threshold!.eq(Rational.of(1, 2))).toBe(true);
    expect(inst.examples[2].x.map(String)).toEqual(['2', '3/2', '-1', '1', '1']);
    expect(inst.examples[2].y).toEqual([1]);
    expect(inst.minCorrect).toBeUndefined();
  });
  test('decimal JSON numbers are the decimals they spell', () => {
    const j = base();
    j.examples[2].x[0] = 0.1;
    j.examples[2].x[1] = 1e-7;
    j.examples[2].x[2] = '-2.5e1';
    const inst = parseInstanceValue(j);
    expect(inst.examples[2].x.slice(0, 3).map(String)).toEqual(['1/10', '1/10000000', '-25']);
  });
  test('optional fields are kept', () => {
    const j = base();
    Object.assign(j, { description: 'd', expected: 'untrainable', minCorrect: 2 });
    const inst = parseInstanceValue(j);
    expect([inst.description, inst.expected, inst.minCorrect]).toEqual(['d', 'untrainable', 2]);
  });
  test('threshold units may see any rationals; an output may be an input node', () => {
    const inst = parseInstanceValue({
      network: { inputs: 2, units: [{ id: 'o', kind: 'threshold', inputs: ['x0', 'x1'] }], outputs: ['o', 'x1'] },
      examples: [{ x: ['7/3', 1], y: [1, 1] }],
    });
    expect(inst.network.outputs).toEqual(['o', 'x1']);
  });
  test('minCorrect may be 0 or the number of examples; no examples is fine', () => {
    expect(parseInstanceValue({ ...base(), minCorrect: 0 }).minCorrect).toBe(0);
    expect(parseInstanceValue({ ...base(), minCorrect: 4 }).minCorrect).toBe(4);
    expect(parseInstanceValue({ ...base(), examples: [] }).examples).toEqual([]);
  });
});

describe('presets', () => {
  const ex = (n: number) => [{ x: Array(n).fill(0), y: [0] }];
  test('perceptron', () => {
    const inst = parseInstanceValue({ network: { preset: 'perceptron', inputs: 3 }, examples: ex(3) });
    expect(inst.network).toEqual({
      inputs: 3,
      units: [{ id: 'out', kind: 'threshold', inputs: ['x0', 'x1', 'x2'] }],
      outputs: ['out'],
    });
  });
  test('blum-rivest', () => {
    const inst = parseInstanceValue({ network: { preset: 'blum-rivest', inputs: 2 }, examples: ex(2) });
    expect(inst.network).toEqual({
      inputs: 2,
      units: [
        { id: 'h1', kind: 'threshold', inputs: ['x0', 'x1'] },
        { id: 'h2', kind: 'threshold', inputs: ['x0', 'x1'] },
        { id: 'out', kind: 'threshold', inputs: ['h1', 'h2'] },
      ],
      outputs: ['out'],
    });
  });
  test('blum-rivest-and with integerWeights on every threshold unit', () => {
    const inst = parseInstanceValue({
      network: { preset: 'blum-rivest-and', inputs: 2, integerWeights: { min: -2, max: 2 } },
      examples: ex(2),
    });
    expect(inst.network).toEqual({
      inputs: 2,
      units: [
        { id: 'h1', kind: 'threshold', inputs: ['x0', 'x1'], integerWeights: { min: -2, max: 2 } },
        { id: 'h2', kind: 'threshold', inputs: ['x0', 'x1'], integerWeights: { min: -2, max: 2 } },
        { id: 'out', kind: 'and', inputs: ['h1', 'h2'] },
      ],
      outputs: ['out'],
    });
  });
  test('expandPreset units do not share input arrays', () => {
    const net = expandPreset('blum-rivest', 2);
    net.units[0].inputs.push('x9');
    expect(net.units[1].inputs).toEqual(['x0', 'x1']);
  });
});

describe('round trip', () => {
  test('parseInstanceValue(instanceToJSON(i)) reproduces random instances', () => {
    fc.assert(
      fc.property(
        arbNetwork({ maxInputs: 3, maxUnits: 4 }),
        fc.array(fc.tuple(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 3, maxLength: 3 }), fc.nat()), { maxLength: 3 }),
        (network, rows) => {
          const examples = rows.map(([x, y]) => ({
            x: x.slice(0, network.inputs).map((v) => Rational.of(v)),
            y: network.outputs.map((_, o) => ((y >> o) & 1) as 0 | 1),
          }));
          const inst = { network, examples };
          const json = JSON.parse(JSON.stringify(instanceToJSON(inst)));
          const back = parseInstanceValue(json);
          expect(instanceToJSON(back)).toEqual(instanceToJSON(inst));
          expect(back.network.units.length).toBe(network.units.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
