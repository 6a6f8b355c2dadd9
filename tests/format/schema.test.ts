/**
 * The JSON Schemas in schema/ against the parser they describe. The schemas check
 * structure only and the parser stays the authority, so the contract tested is one-sided
 * where it must be: every document the parser accepts (the curated instances, `trainsat
 * gen` corpora and their witnesses, parameters written by `solve -o`, random instances
 * and parameters from the public arbitraries) validates against its schema, and documents
 * that break the structure are rejected by both.
 *
 * Validation uses Ajv (JSON Schema draft 2020-12, strict mode, which also checks each
 * schema against the meta-schema); when the `ajv` package is not installed the schema
 * checks are skipped with that reason, and the parser-side checks still run.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownInstance, layeredInstance, parametersToJSON, plantedInstance } from '../../src/arbitraries/index.js';
import { parseParametersValue } from '../../src/model/params.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { instanceToJSON } from '../../src/model/serialize.js';
import { toRational } from '../../src/model/json-input.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { explicitClassesJson } from '../helpers/multi-class.js';

type Validate = ((doc: unknown) => boolean) & { errors?: unknown };
type AjvClass = new (opts: object) => { compile(schema: object): Validate };

/** Ajv's draft 2020-12 class, or null when the package is absent. */
async function loadAjv(): Promise<AjvClass | null> {
  const specifier = 'ajv/dist/2020.js';
  try {
    const m = (await import(specifier)) as { default: AjvClass | { default: AjvClass } };
    return typeof m.default === 'function' ? m.default : m.default.default;
  } catch {
    return null;
  }
}

const Ajv2020 = await loadAjv();
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const INSTANCE_SCHEMA = join(ROOT, 'schema', 'instance.schema.json');
const PARAMETERS_SCHEMA = join(ROOT, 'schema', 'parameters.schema.json');

/** Compiled validators (strict mode; strictRequired off: `required` inside if/then names properties declared beside it). */
function validators(): { instance: Validate; parameters: Validate } {
  const ajv = new Ajv2020!({ strict: true, strictRequired: false, allErrors: true });
  return { instance: ajv.compile(readJson(INSTANCE_SCHEMA) as object), parameters: ajv.compile(readJson(PARAMETERS_SCHEMA) as object) };
}

/** The instance files of the repository: instances/*.json and instances/reductions/*.json, manifests excepted. */
function instanceFiles(): string[] {
  return ['instances', join('instances', 'reductions')].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.json') && f !== 'manifest.json')
      .map((f) => join(dir, f)),
  );
}

/** null when `doc` validates, else Ajv's errors (so a failing assertion shows them). */
const errorsOf = (v: Validate, doc: unknown): unknown => (v(doc) ? null : v.errors);

const parserRejects = (f: () => unknown): boolean => {
  try {
    f();
    return false;
  } catch (e) {
    return (e as Error).name === 'InputError';
  }
};

/** A valid instance with every unit kind; each bad case below breaks one thing in a copy. */
function base(): Record<string, any> {
  return {
    name: 'all kinds',
    network: {
      inputs: 3,
      units: [
        { id: 'h', kind: 'threshold', inputs: ['x0', 'x1', 'x2'], integerWeights: { min: -2, max: 2 } },
        { id: 'r', kind: 'threshold', inputs: ['x0', 'x1'] },
        { id: 'g', kind: 'lookup', inputs: ['x0', 'h'] },
        { id: 'f', kind: 'fixed-threshold', inputs: ['g', 'r'], weights: [1, '1/2'], threshold: '0.75' },
        { id: 'a', kind: 'and', inputs: ['f', 'h'] },
        { id: 'o', kind: 'or', inputs: ['a', 'r'] },
        { id: 'na', kind: 'nand', inputs: ['a', 'o'] },
        { id: 'no', kind: 'nor', inputs: ['a', 'o'] },
        { id: 'xo', kind: 'xor', inputs: ['na', 'no', 'g'] },
        { id: 'n', kind: 'not', inputs: ['xo'] },
      ],
      outputs: ['n', 'o'],
    },
    examples: [
      { x: [0, 1, 1], y: [1, 0] },
      { x: [1, 0, 1], y: [0, 1] },
    ],
    minCorrect: 1,
  };
}

/** Structural breakage of `base()`: [what, mutation]. Every one is rejected by the parser and the schema. */
const BAD_INSTANCES: [string, (j: Record<string, any>) => void][] = [
  ['unknown top-level key', (j) => (j.exampels = [])],
  ['missing network', (j) => delete j.network],
  ['missing examples', (j) => delete j.examples],
  ['expected not an answer', (j) => (j.expected = 'maybe')],
  ['name not a string', (j) => (j.name = 7)],
  ['network inputs negative', (j) => (j.network.inputs = -1)],
  ['network inputs fractional', (j) => (j.network.inputs = 2.5)],
  ['network inputs a string', (j) => (j.network.inputs = '3')],
  ['network inputs over the limit', (j) => (j.network.inputs = 100_001)],
  ['unknown network key', (j) => (j.network.layers = 2)],
  ['no outputs', (j) => (j.network.outputs = [])],
  ['unknown unit kind', (j) => (j.network.units[0].kind = 'relu')],
  ['unit id of an input', (j) => (j.network.units[1].id = 'x7')],
  ['empty unit id', (j) => (j.network.units[1].id = '')],
  ['unit without inputs key', (j) => delete j.network.units[1].inputs],
  ['unit input not a string', (j) => (j.network.units[1].inputs = ['x0', 1])],
  ['unknown unit key', (j) => (j.network.units[1].bias = 0)],
  ['weights on a threshold unit', (j) => (j.network.units[1].weights = [1, 1])],
  ['threshold on a gate', (j) => (j.network.units[4].threshold = 1)],
  ['fixed-threshold without threshold', (j) => delete j.network.units[3].threshold],
  ['fixed-threshold without weights', (j) => delete j.network.units[3].weights],
  ['fixed-threshold weight not a number', (j) => (j.network.units[3].weights = [1, 'half'])],
  ['integerWeights on a lookup unit', (j) => (j.network.units[2].integerWeights = { min: 0, max: 1 })],
  ['integerWeights without max', (j) => delete j.network.units[0].integerWeights.max],
  ['integerWeights min fractional', (j) => (j.network.units[0].integerWeights.min = -1.5)],
  ['integerWeights beyond 2^53 - 1', (j) => (j.network.units[0].integerWeights.max = 2 ** 60)],
  ['not with two inputs', (j) => (j.network.units[9].inputs = ['xo', 'a'])],
  [
    'lookup with 21 inputs',
    (j) => {
      j.network.inputs = 21;
      j.network.units[2].inputs = Array.from({ length: 21 }, (_, i) => `x${i}`);
      for (const e of j.examples) e.x = Array.from({ length: 21 }, () => 0);
    },
  ],
  ['unknown preset', (j) => (j.network = { preset: 'mlp', inputs: 3 })],
  ['preset with units', (j) => (j.network = { preset: 'perceptron', inputs: 3, units: [] })],
  ['preset without inputs', (j) => (j.network = { preset: 'perceptron' })],
  ['example without y', (j) => delete j.examples[0].y],
  ['unknown example key', (j) => (j.examples[0].w = 1)],
  ['x not a number', (j) => (j.examples[0].x[1] = 'abc')],
  ['x a boolean', (j) => (j.examples[0].x[1] = true)],
  ['x a fraction with a decimal point', (j) => (j.examples[0].x[1] = '1.5/2')],
  ['y not 0/1', (j) => (j.examples[0].y[0] = 2)],
  ['y a string', (j) => (j.examples[0].y[0] = '1')],
  ['minCorrect negative', (j) => (j.minCorrect = -1)],
  ['minCorrect fractional', (j) => (j.minCorrect = 0.5)],
];

/** A multi-class layered instance (preset form). */
function layeredBase(): Record<string, any> {
  return {
    network: { preset: 'layered', inputs: 2, hidden: [2], classes: 3, weights: { min: -1, max: 1 } },
    examples: [
      { x: [0, 1], label: 0 },
      { x: ['1/2', 0], label: 2 },
    ],
  };
}

/** A multi-class network written out, with bounded and any-integer thresholds. */
const classesBase = explicitClassesJson;

/** Structural breakage of `layeredBase()` (l) and `classesBase()` (c), rejected by the parser and the schema. */
const BAD_CLASSES: [string, 'l' | 'c', (j: Record<string, any>) => void][] = [
  ['label and y together', 'l', (j) => (j.examples[0].y = [1])],
  ['y instead of label', 'l', (j) => (j.examples[0] = { x: [0, 1], y: [1] })],
  ['label without classes', 'l', (j) => delete j.network.classes],
  ['negative label', 'l', (j) => (j.examples[0].label = -1)],
  ['fractional label', 'l', (j) => (j.examples[0].label = 0.5)],
  ['one class', 'l', (j) => (j.network.classes = 1)],
  ['an empty hidden layer', 'l', (j) => (j.network.hidden = [0])],
  ['no hidden key', 'l', (j) => delete j.network.hidden],
  ['hidden on a perceptron', 'l', (j) => (j.network.preset = 'perceptron')],
  ['integerWeights on layered', 'l', (j) => (j.network.integerWeights = { min: -1, max: 1 })],
  ['weights with a threshold key', 'l', (j) => (j.network.weights.threshold = 'any')],
  ['weights without min', 'l', (j) => delete j.network.weights.min],
  ['threshold neither absent nor "any"', 'c', (j) => (j.network.units[0].integerWeights.threshold = 'all')],
  ['fixed weights on a score unit', 'c', (j) => (j.network.units[1].weights = [1, 1])],
  ['integerWeights on a gate', 'c', (j) => (j.network.units.unshift({ id: 'g', kind: 'and', inputs: ['x0'], integerWeights: { min: 0, max: 1 } }))],
  ['classes zero', 'c', (j) => (j.network.classes = 0)],
];

/** Parameters of `base()`'s trained units, and structural breakage of them. */
function baseParams(): Record<string, any> {
  return { h: { weights: [1, 1, -1], threshold: 1 }, r: { weights: ['1/2', 0.25], threshold: '-3' }, g: { table: [0, 1, 1, 0] } };
}

const BAD_PARAMETERS: [string, (p: Record<string, any>) => void][] = [
  ['not an object', (p) => Object.assign(p, { h: 1 })],
  ['threshold missing', (p) => delete p.r.threshold],
  ['weights not an array', (p) => (p.r.weights = 1)],
  ['weight not a number', (p) => (p.r.weights[0] = 'one')],
  ['unknown key', (p) => (p.h.bias = 0)],
  ['table entry 2', (p) => (p.g.table[1] = 2)],
  ['table entry a string', (p) => (p.g.table[1] = '1')],
  ['table and weights together', (p) => (p.g.weights = [1, 1])],
];

/** A zero denominator, or an exponent beyond +-10000: limits the schema leaves to the parser. */
function beyondParserLimits(s: string): boolean {
  const zeroDen = /\/\s*0+\s*$/.test(s);
  const exp = /[eE]([+-]?[0-9]+)\s*$/.exec(s);
  return zeroDen || (exp !== null && Math.abs(Number(exp[1])) > 10000);
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('the examples of this test are what they claim', () => {
  it('base() is a valid instance and baseParams() valid parameters for it', () => {
    const inst = parseInstanceValue(base());
    expect(Object.keys(parseParametersValue(baseParams(), inst)).sort()).toEqual(['g', 'h', 'r']);
  });

  it.each(BAD_INSTANCES)('the parser rejects an instance with %s', (_, mutate) => {
    const j = base();
    mutate(j);
    expect(parserRejects(() => parseInstanceValue(clone(j)))).toBe(true);
  });

  it('layeredBase() and classesBase() are valid instances', () => {
    expect(parseInstanceValue(layeredBase()).network.classes).toBe(3);
    expect(parseInstanceValue(classesBase()).network.classes).toBe(2);
  });

  it.each(BAD_CLASSES)('the parser rejects a multi-class instance with %s', (_, which, mutate) => {
    const j = which === 'l' ? layeredBase() : classesBase();
    mutate(j);
    expect(parserRejects(() => parseInstanceValue(clone(j)))).toBe(true);
  });

  it.each(BAD_PARAMETERS)('the parser rejects parameters with %s', (_, mutate) => {
    const p = baseParams();
    mutate(p);
    const inst = parseInstanceValue(base());
    expect(parserRejects(() => parseParametersValue(clone(p), inst))).toBe(true);
  });
});

const SCHEMA_SUITE = Ajv2020 ? 'schema/*.schema.json' : 'schema/*.schema.json (skipped: the ajv package is not installed)';

describe.skipIf(Ajv2020 === null)(SCHEMA_SUITE, () => {
  const v = Ajv2020 ? validators() : undefined!;

  it('every instance file in instances/ and instances/reductions/ validates (and parses)', () => {
    const files = instanceFiles();
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const doc = readJson(join(ROOT, f));
      expect(() => parseInstanceValue(clone(doc)), f).not.toThrow();
      expect(errorsOf(v.instance, doc), f).toBeNull();
    }
  });

  it('instances and witnesses written by trainsat gen validate', async () => {
    const tmp = tempDir('schema-gen');
    const runs = [
      ['planted', '--preset', 'random', '--inputs', '3', '--examples', '6'],
      ['planted', '--preset', 'blum-rivest'],
      ['untrainable'],
      ['reduction'],
    ];
    for (const args of runs) {
      const dir = tmp.fresh();
      const r = await runCli(['gen', ...args, '--count', '8', '--seed', '3', '-o', dir]);
      expect(r.code, r.err).toBe(0);
      const manifest = readJson(join(dir, 'manifest.json')) as { file: string; witness: unknown }[];
      expect(manifest).toHaveLength(8);
      for (const e of manifest) {
        expect(errorsOf(v.instance, readJson(join(dir, e.file))), `${args[0]} ${e.file}`).toBeNull();
        if (e.witness !== null) expect(errorsOf(v.parameters, e.witness), `${args[0]} ${e.file} witness`).toBeNull();
      }
    }
  });

  it('parameters written by solve -o validate, for threshold, integer-weight, lookup and rational-input instances', async () => {
    const tmp = tempDir('schema-solve');
    const files = ['xor-3node.json', 'integer-weights-trainable.json', 'lookup-3-parity.json', 'lookup-or-network.json', 'line-monotone.json'];
    for (const f of files) {
      const out = join(tmp.path, `${f}.params.json`);
      const r = await runCli(['solve', join('instances', f), '-o', out]);
      expect(r.code, r.err).toBe(10);
      expect(errorsOf(v.parameters, readJson(out)), f).toBeNull();
    }
  });

  it('random instances and planted parameters from the arbitraries validate', () => {
    fc.assert(
      fc.property(knownInstance(), ({ instance, witness }) => {
        expect(errorsOf(v.instance, instanceToJSON(instance))).toBeNull();
        if (witness) expect(errorsOf(v.parameters, parametersToJSON(witness))).toBeNull();
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(plantedInstance({ architectures: ['random'], maxInputs: 5 }), ({ instance, witness }) => {
        expect(errorsOf(v.instance, instanceToJSON(instance))).toBeNull();
        expect(errorsOf(v.parameters, parametersToJSON(witness!))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('multi-class instances validate: preset, written out, and from layeredInstance with their witnesses', () => {
    for (const doc of [layeredBase(), classesBase(), instanceToJSON(parseInstanceValue(layeredBase()))]) {
      expect(errorsOf(v.instance, doc)).toBeNull();
    }
    fc.assert(
      fc.property(layeredInstance({ inputValues: { min: -2, max: 2 } }), ({ instance, witness }) => {
        expect(errorsOf(v.instance, instanceToJSON(instance))).toBeNull();
        expect(errorsOf(v.parameters, parametersToJSON(witness))).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it.each(BAD_CLASSES)('the schema rejects a multi-class instance with %s', (_, which, mutate) => {
    const j = which === 'l' ? layeredBase() : classesBase();
    mutate(j);
    expect(v.instance(j)).toBe(false);
  });

  it('base() and baseParams() validate', () => {
    expect(errorsOf(v.instance, base())).toBeNull();
    expect(errorsOf(v.parameters, baseParams())).toBeNull();
  });

  it.each(BAD_INSTANCES)('the schema rejects an instance with %s', (_, mutate) => {
    const j = base();
    mutate(j);
    expect(v.instance(j)).toBe(false);
  });

  it.each(BAD_PARAMETERS)('the schema rejects parameters with %s', (_, mutate) => {
    const p = baseParams();
    mutate(p);
    expect(v.parameters(p)).toBe(false);
  });

  it('a number string is accepted by the schema iff the parser reads it, up to the limits the parser alone checks', () => {
    const rationalOnly = { ...base(), network: { preset: 'perceptron', inputs: 1 } };
    const withX = (s: string) => ({ ...rationalOnly, examples: [{ x: [s], y: [1] }] });
    const chars = fc.constantFrom(...'0123456789+-./eE \t'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 12 }), (s) => {
        const parser = typeof toRational(s) !== 'string';
        const schema = v.instance(withX(s));
        if (parser) expect(schema, s).toBe(true);
        // What the schema lets through and the parser refuses: a zero denominator, or an
        // exponent beyond the parser's limit.
        else if (schema) expect(beyondParserLimits(s), s).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
