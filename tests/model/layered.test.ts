/**
 * Layered networks and multi-class outputs (docs/format.md, "Presets" and "Classes"): the
 * layered preset's expansion, the checks on labels, classes and score units (each bad input
 * names its JSON path), the argmax fit rule with ties as misses, predict, and the
 * instance JSON round trip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bruteForce } from '../../src/model/bruteforce.js';
import { checkParameters, parameterViolations, predict } from '../../src/model/evaluate.js';
import { parseParametersValue } from '../../src/model/params.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import { instanceToJSON } from '../../src/model/serialize.js';
import type { Instance } from '../../src/model/types.js';
import { expectInputError } from '../helpers/input-error.js';
import { explicitClassesJson } from '../helpers/multi-class.js';

type Json = Record<string, any>;

const q = (v: number | string) => Rational.parse(String(v));

/** 2 inputs, one hidden layer of 2, 3 classes, ternary weights. */
function layered(): Json {
  return {
    network: { preset: 'layered', inputs: 2, hidden: [2], classes: 3, weights: { min: -1, max: 1 } },
    examples: [
      { x: [0, 1], label: 0 },
      { x: [1, 0], label: 2 },
    ],
  };
}

/** An explicit multi-class network: score units over the inputs and a hidden unit. */
const explicit = explicitClassesJson;

describe('the layered preset', () => {
  test('expands to layers h{l}_{j}, score units o0..o{C-1} and classes', () => {
    const inst = parseInstanceValue({ ...layered(), network: { ...layered().network, hidden: [2, 3] } });
    const net = inst.network;
    expect(net.units.map((u) => u.id)).toEqual(['h1_1', 'h1_2', 'h2_1', 'h2_2', 'h2_3', 'o0', 'o1', 'o2']);
    expect(net.units.map((u) => u.kind)).toEqual([...Array(5).fill('threshold'), 'score', 'score', 'score']);
    expect(net.units[0].inputs).toEqual(['x0', 'x1']);
    expect(net.units[2].inputs).toEqual(['h1_1', 'h1_2']);
    expect(net.units[5].inputs).toEqual(['h2_1', 'h2_2', 'h2_3']);
    expect(net.outputs).toEqual(['o0', 'o1', 'o2']);
    expect(net.classes).toBe(3);
    for (const u of net.units) expect(u.integerWeights).toEqual({ min: -1, max: 1, anyThreshold: true });
    expect(inst.examples.map((e) => [e.label, e.y])).toEqual([[0, []], [2, []]]);
  });

  test('without hidden layers the outputs read the inputs; without classes one threshold unit "out"', () => {
    const direct = parseInstanceValue({ ...layered(), network: { preset: 'layered', inputs: 2, hidden: [], classes: 3 } });
    expect(direct.network.units.map((u) => [u.id, u.inputs, u.integerWeights])).toEqual([
      ['o0', ['x0', 'x1'], undefined],
      ['o1', ['x0', 'x1'], undefined],
      ['o2', ['x0', 'x1'], undefined],
    ]);
    const binary = parseInstanceValue({ network: { preset: 'layered', inputs: 2, hidden: [1] }, examples: [{ x: [0, 1], y: [1] }] });
    expect(binary.network.units.map((u) => [u.id, u.kind, u.inputs])).toEqual([
      ['h1_1', 'threshold', ['x0', 'x1']],
      ['out', 'threshold', ['h1_1']],
    ]);
    expect(binary.network.outputs).toEqual(['out']);
    expect(binary.network.classes).toBeUndefined();
  });

  test('784-16-10 with raw intensities is within the limits', () => {
    const x = Array.from({ length: 784 }, (_, i) => (i % 7 === 0 ? '128/255' : 0));
    const inst = parseInstanceValue({
      network: { preset: 'layered', inputs: 784, hidden: [16], classes: 10, weights: { min: -1, max: 1 } },
      examples: Array.from({ length: 1000 }, (_, e) => ({ x, label: e % 10 })),
    });
    expect(inst.network.units).toHaveLength(26);
    expect(inst.network.units[0].inputs).toHaveLength(784);
    expect(inst.examples[999].label).toBe(9);
  });
});

describe('bad multi-class input names its place', () => {
  const bad: [string, () => unknown, string, string][] = [
    ['label out of range', () => ({ ...layered(), examples: [{ x: [0, 1], label: 3 }] }), 'examples[0].label', 'expected a class from 0 to 2, got 3'],
    ['negative label', () => ({ ...layered(), examples: [{ x: [0, 1], label: -1 }] }), 'examples[0].label', 'from 0 to 2'],
    ['fractional label', () => ({ ...layered(), examples: [{ x: [0, 1], label: 1.5 }] }), 'examples[0].label', 'from 0 to 2'],
    ['missing label', () => ({ ...layered(), examples: [{ x: [0, 1] }] }), 'examples[0].label', 'missing'],
    ['y with classes', () => ({ ...layered(), examples: [{ x: [0, 1], y: [1] }] }), 'examples[0].y', 'give the class as "label"'],
    [
      'label without classes',
      () => ({ network: { preset: 'perceptron', inputs: 2 }, examples: [{ x: [0, 1], label: 1 }] }),
      'examples[0].label',
      'only a network with "classes" takes a label',
    ],
    ['missing y', () => ({ network: { preset: 'perceptron', inputs: 2 }, examples: [{ x: [0, 1] }] }), 'examples[0].y', 'missing'],
    ['x of the wrong length', () => ({ ...layered(), examples: [{ x: [0, 1, 1], label: 0 }] }), 'examples[0].x', 'expected 2 numbers, got 3'],
    ['min > max', () => ({ ...layered(), network: { ...layered().network, weights: { min: 2, max: 1 } } }), 'network.weights', 'min 2 is greater than max 1'],
    ['empty layer', () => ({ ...layered(), network: { ...layered().network, hidden: [2, 0] } }), 'network.hidden[1]', 'expected an integer >= 1, got 0'],
    ['missing hidden', () => ({ ...layered(), network: { preset: 'layered', inputs: 2, classes: 3 } }), 'network.hidden', 'missing'],
    ['one class', () => ({ ...layered(), network: { ...layered().network, classes: 1 } }), 'network.classes', 'expected an integer >= 2, got 1'],
    ['classes on another preset', () => ({ ...layered(), network: { preset: 'perceptron', inputs: 2, classes: 3 } }), 'network.classes', 'only the layered preset'],
    ['integerWeights on layered', () => ({ ...layered(), network: { ...layered().network, integerWeights: { min: 0, max: 1 } } }), 'network.integerWeights', '"weights"'],
    ['weights with a threshold key', () => ({ ...layered(), network: { ...layered().network, weights: { min: 0, max: 1, threshold: 'any' } } }), 'network.weights.threshold', 'unknown key'],
    ['bad "threshold" value', () => { const j = explicit(); j.network.units[0].integerWeights.threshold = 'all'; return j; }, 'network.units[0].integerWeights.threshold', '"any"'],
    ['too many connections', () => ({ ...layered(), network: { preset: 'layered', inputs: 100_000, hidden: [1000] } }), 'network.hidden', 'connections'],
    ['classes != outputs', () => { const j = explicit(); j.network.classes = 3; return j; }, 'network.outputs', 'expected 3 outputs'],
    ['a threshold unit as an output', () => { const j = explicit(); j.network.outputs = ['a', 'h']; return j; }, 'network.outputs[1]', 'is a threshold unit'],
    ['an input as an output', () => { const j = explicit(); j.network.outputs = ['a', 'x0']; return j; }, 'network.outputs[1]', 'is an input'],
    ['a score unit twice', () => { const j = explicit(); j.network.outputs = ['a', 'a']; return j; }, 'network.outputs[1]', 'listed twice'],
    ['a score unit not an output', () => { const j = explicit(); j.network.units.push({ id: 'c', kind: 'score', inputs: ['x0'] }); return j; }, 'network.units[3]', 'not an output'],
    [
      'a score unit read by another unit',
      () => { const j = explicit(); j.network.units.push({ id: 'g', kind: 'and', inputs: ['a', 'h'] }); return j; },
      'network.units[3].inputs[0]',
      'no unit may read it',
    ],
    ['score units without classes', () => { const j = explicit(); delete j.network.classes; j.examples = [{ x: [0, 0], y: [0, 0] }]; return j; }, 'network.units[1].kind', 'needs "classes"'],
    ['integerWeights on a lookup unit', () => { const j = explicit(); j.network.units.unshift({ id: 'l', kind: 'lookup', inputs: ['x0'], integerWeights: { min: 0, max: 1 } }); return j; }, 'network.units[0].integerWeights', 'only threshold and score units'],
  ];
  test.each(bad)('%s', (_name, make, path, fragment) => void expectInputError(make(), path, fragment));
});

describe('exact evaluation of multi-class networks', () => {
  const inst = parseInstanceValue(explicit());
  // a = x0 + 2h - 1, b = 3 x1 + h; h = [x0 + x1 >= 3]
  const params = parseParametersValue(
    { h: { weights: [1, 1], threshold: 3 }, a: { weights: [1, 2], threshold: 1 }, b: { weights: [3, 1], threshold: 0 } },
    inst,
  );

  test('scores are w.z - t and the label must score strictly highest', () => {
    // example 0: x = (1/2, 3): h = 1, a = 1/2 + 2 - 1 = 3/2, b = 9 + 1 = 10 -> class 1
    // example 1: x = (2, 0): h = 0, a = 1, b = 0 -> class 0
    expect(predict(inst.network, params, inst.examples[0].x)).toBe(1);
    expect(predict(inst.network, params, inst.examples[1].x)).toBe(0);
    const r = checkParameters(inst, params);
    expect(r).toMatchObject({ ok: true, correct: 2, total: 2, failures: [], violations: [] });
  });

  test('a tie for the greatest score is a miss, named with the label and predicted null', () => {
    // example 1 with a's threshold 2: a = 0, b = 0: a tie (example 0 keeps class 1)
    const tied = { ...params, a: { weights: [q(1), q(2)], threshold: q(2) } };
    expect(predict(inst.network, tied, inst.examples[1].x)).toBeNull();
    const r = checkParameters(inst, tied);
    expect(r.ok).toBe(false);
    expect(r.correct).toBe(1);
    expect(r.failures).toEqual([{ example: 1, label: 0, predicted: null }]);
  });

  test('a wrong class is named', () => {
    const wrong = { ...params, a: { weights: [q(1), q(2)], threshold: q(-20) } };
    expect(checkParameters(inst, wrong).failures).toEqual([{ example: 0, label: 1, predicted: 0 }]);
  });

  test('minCorrect counts fitted examples', () => {
    const tied = { ...params, a: { weights: [q(1), q(2)], threshold: q(2) } };
    expect(checkParameters({ ...inst, minCorrect: 1 }, tied)).toMatchObject({ ok: true, correct: 1, violations: [] });
    expect(checkParameters({ ...inst, minCorrect: 2 }, tied).ok).toBe(false);
  });

  test('integer weights in range; "threshold": "any" only asks for an integer threshold', () => {
    const net = inst.network;
    const ok = { ...params, h: { weights: [q(-2), q(2)], threshold: q(-1000) } };
    expect(parameterViolations(net, ok).violations).toEqual([]);
    const bad = {
      ...params,
      h: { weights: [q(3), q(0)], threshold: q('1/2') },
      b: { weights: [q(3), q(1)], threshold: q(4) },
    };
    expect(parameterViolations(net, bad).violations).toEqual([
      'threshold unit "h": weight 0 3 is outside integerWeights [-2, 2]',
      'threshold unit "h": threshold 1/2 is not an integer (integerWeights)',
      'score unit "b": threshold 4 is outside integerWeights [0, 3]',
    ]);
    const missing: Record<string, unknown> = { ...params };
    delete missing.b;
    expect(parameterViolations(net, missing as typeof params).violations).toEqual(['score unit "b": no parameters']);
  });

  test('predict gives the 0/1 outputs of a network without classes', () => {
    const bin = parseInstanceValue({ network: { preset: 'perceptron', inputs: 2 }, examples: [] });
    const p = parseParametersValue({ out: { weights: [1, 1], threshold: 1 } }, bin);
    expect(predict(bin.network, p, [q(0), q(1)])).toEqual([1]);
    expect(predict(bin.network, p, [q(0), q(0)])).toEqual([0]);
  });
});

describe('instance JSON round trip', () => {
  test('classes, labels and "threshold": "any" survive instanceToJSON', () => {
    for (const value of [explicit(), layered()]) {
      const inst: Instance = parseInstanceValue(value);
      const json = instanceToJSON(inst);
      expect(json.network.classes).toBe(inst.network.classes);
      expect(json.examples[0]).not.toHaveProperty('y');
      expect(parseInstanceValue(JSON.parse(JSON.stringify(json)))).toEqual(inst);
    }
    const json = instanceToJSON(parseInstanceValue(explicit()));
    expect(json.network.units[0].integerWeights).toEqual({ min: -2, max: 2, threshold: 'any' });
    expect(json.network.units[2].integerWeights).toEqual({ min: 0, max: 3 });
  });
});

describe('the example of docs/format.md ("Classes")', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'format.md'), 'utf8');
  const block = /### Classes[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)![1];
  const params = /\(parameters\s+(`[\s\S]*?`)\)/.exec(doc)![1].replace(/`\s*`?/g, '').replace(/\n/g, ' ');

  test('parses, the parameters it gives fit, and with weights in [-1, 1] brute force finds none', () => {
    const inst = parseInstanceValue(JSON.parse(block));
    expect(inst.network.classes).toBe(3);
    expect(checkParameters(inst, parseParametersValue(JSON.parse(params), inst))).toMatchObject({ ok: true, correct: 3 });
    const narrow = parseInstanceValue({ ...JSON.parse(block), network: { ...JSON.parse(block).network, weights: { min: -1, max: 1 } } });
    expect(bruteForce(narrow).status).toBe('untrainable');
  });
});
