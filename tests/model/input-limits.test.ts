/**
 * Sizes beyond trainsat's limits are input errors naming the path and the limit, raised
 * before anything of that size is built; sizes at a limit parse. Also the one-message
 * forms: a missing network, a parameters file naming a fixed unit, and a malformed
 * certificate located by line:column.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import { parseInstance, parseInstanceValue, LIMITS } from '../../src/model/parse.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const { path: tmp, file } = tempDir('limits');
/** The CLI run in the temporary directory. */
const run = (args: string[]) => runCli(args, { cwd: tmp });

function message(value: unknown): string {
  try {
    parseInstanceValue(value);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

const unit = (id: string, inputs: string[]) => ({ id, kind: 'threshold', inputs });

describe('size limits', () => {
  test('the limits are generous for real data (MNIST: 784 inputs, tens of thousands of examples)', () => {
    expect(LIMITS.inputs).toBeGreaterThanOrEqual(784);
    expect(LIMITS.fanIn).toBeGreaterThanOrEqual(LIMITS.inputs);
    expect(LIMITS.units).toBeGreaterThanOrEqual(1000);
    expect(LIMITS.exampleValues).toBeGreaterThanOrEqual(60_000 * 785);
    expect(LIMITS.lookupFanIn).toBe(20);
  });

  const over: [string, () => unknown, string, number][] = [
    ['preset inputs', () => ({ network: { preset: 'blum-rivest', inputs: LIMITS.inputs + 1 }, examples: [] }), 'network.inputs', LIMITS.inputs],
    ['explicit inputs', () => ({ network: { inputs: 1e9, units: [unit('u', [])], outputs: ['u'] }, examples: [] }), 'network.inputs', LIMITS.inputs],
    [
      'units',
      () => ({ network: { inputs: 0, units: Array.from({ length: LIMITS.units + 1 }, (_, i) => unit(`u${i}`, [])), outputs: ['u0'] }, examples: [] }),
      'network.units',
      LIMITS.units,
    ],
    ['fan-in', () => ({ network: { inputs: 1, units: [unit('u', Array(LIMITS.fanIn + 1).fill('x0'))], outputs: ['u'] }, examples: [] }), 'network.units[0].inputs', LIMITS.fanIn],
    [
      'lookup fan-in',
      () => ({ network: { inputs: 1, units: [{ id: 'u', kind: 'lookup', inputs: Array(LIMITS.lookupFanIn + 1).fill('x0') }], outputs: ['u'] }, examples: [] }),
      'network.units[0].inputs',
      LIMITS.lookupFanIn,
    ],
    ['outputs', () => ({ network: { inputs: 1, units: [unit('u', ['x0'])], outputs: Array(LIMITS.outputs + 1).fill('u') }, examples: [] }), 'network.outputs', LIMITS.outputs],
    ['examples', () => ({ network: { preset: 'perceptron', inputs: 0 }, examples: Array(LIMITS.examples + 1).fill({ x: [], y: [0] }) }), 'examples', LIMITS.examples],
    [
      'numbers in examples',
      () => {
        // One shared x row keeps the test's own memory small.
        const k = 50_000;
        const row = { x: Array(k).fill(0), y: [0] };
        return { network: { preset: 'perceptron', inputs: k }, examples: Array(Math.ceil(LIMITS.exampleValues / (k + 1)) + 1).fill(row) };
      },
      'examples',
      LIMITS.exampleValues,
    ],
    [
      'integerWeights',
      () => ({ network: { preset: 'perceptron', inputs: 1, integerWeights: { min: -(2 ** 53), max: 1 } }, examples: [] }),
      'network.integerWeights.min',
      Number.MAX_SAFE_INTEGER,
    ],
  ];
  test.each(over)('%s over the limit: InputError naming the path and the limit', (_name, make, path, limit) => {
    const msg = message(make());
    expect(msg.startsWith(`${path}: `), msg).toBe(true);
    expect(msg).toContain(String(limit));
  });

  test('at the limits the instance parses', () => {
    const inst = parseInstanceValue({ network: { preset: 'perceptron', inputs: LIMITS.inputs }, examples: [] });
    expect(inst.network.units[0].inputs).toHaveLength(LIMITS.inputs);
    const lookup = parseInstanceValue({
      network: { inputs: 1, units: [{ id: 'u', kind: 'lookup', inputs: Array(LIMITS.lookupFanIn).fill('x0') }], outputs: ['u'] },
      examples: [],
    });
    expect(lookup.network.units[0].inputs).toHaveLength(LIMITS.lookupFanIn);
    const range = parseInstance(`{"network": {"preset": "perceptron", "inputs": 1, "integerWeights": {"min": -9007199254740991, "max": 9007199254740991}}, "examples": []}`);
    expect(range.network.units[0].integerWeights).toEqual({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
  });

  test('CLI: the audit reproducer (inputs 1e9) is exit 2 with the limit, and writes nothing', async () => {
    const inst = file('huge.json', '{"network":{"preset":"perceptron","inputs":1000000000},"examples":[]}');
    const out = join(tmp, 'huge-params.json');
    const r = await run(['solve', inst, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`trainsat: ${inst}: network.inputs: expected at most ${LIMITS.inputs} (trainsat's limit on network inputs), got 1000000000\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('one clear message', () => {
  test('a missing network is one line', async () => {
    expect(message({ examples: [] })).toBe('network: missing (expected an object with "units" and "outputs", or a "preset")');
    const r = await run(['solve', file('no-net.json', '{"examples": []}')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toContain('nonoptional');
  });

  test('verify: parameters for a fixed unit say it is a fixed gate', async () => {
    const inst = file(
      'gate.json',
      JSON.stringify({
        network: { inputs: 2, units: [unit('h', ['x0', 'x1']), { id: 'g', kind: 'and', inputs: ['h', 'x1'] }], outputs: ['g'] },
        examples: [],
      }),
    );
    const r = await run(['verify', inst, file('gate-params.json', '{"h": {"weights": [1, 1], "threshold": 1}, "g": {"table": [0, 0, 0, 1]}}')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('g: unit "g" is a fixed gate (and) and takes no parameters');
  });

  test('check: a malformed certificate names CERT:line:column', async () => {
    const inst = join(ROOT, 'instances', 'xor-perceptron.json');
    const cert = file('broken.cert.json', '{"format": "trainsat-certificate-2",\n "steps": [1, 2,]}');
    const r = await run(['check', inst, cert]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`trainsat: ${cert}:2:17: invalid JSON: unexpected "]", expected a value\n`);
  });

  test('check: certificate numbers are read exactly (a literal 1.5 is not an integer)', async () => {
    const inst = join(ROOT, 'instances', 'xor-perceptron.json');
    const cert = file(
      'frac.cert.json',
      '{"format": "trainsat-certificate-2", "instance_sha256": "' + '0'.repeat(64) + '", "skeleton": {"symmetryBreaking": false, "tableMaxFanin": 1.5, "vars": 1, "clauses": 1}, "steps": []}',
    );
    const r = await run(['check', inst, cert]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('skeleton.tableMaxFanin: expected an integer >= 0');
  });
});
