/**
 * Unit ids that name Object.prototype properties ("__proto__", "constructor", "toString",
 * ...) are refused with exit 2 and the JSON path of each, by `solve` on every backend and by
 * `verify`; a parameters file keyed by them names them as unknown units. Ids that merely
 * look like them are ordinary ids on every backend.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decide } from '../../src/decide.js';
import { InputError } from '../../src/model/errors.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstanceValue, RESERVED_IDS } from '../../src/model/parse.js';
import { runCli, tempDir } from '../helpers/cli.js';

const { path: tmp, file } = tempDir('ids');
/** The CLI run in the temporary directory. */
const run = (args: string[]) => runCli(args, { cwd: tmp });

const IDS = [
  '__proto__',
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
];

/**
 * XOR by a hidden threshold pair and an AND, the hidden units named `a` and `b`. The
 * instance is written as text so that a key or id "__proto__" survives as written.
 */
function xorText(a: string, b: string): string {
  return JSON.stringify({
    network: {
      inputs: 2,
      units: [
        { id: a, kind: 'threshold', inputs: ['x0', 'x1'] },
        { id: b, kind: 'threshold', inputs: ['x0', 'x1'] },
        { id: 'out', kind: 'and', inputs: [a, b] },
      ],
      outputs: ['out'],
    },
    examples: [
      { x: [0, 0], y: [0] },
      { x: [0, 1], y: [1] },
      { x: [1, 0], y: [1] },
      { x: [1, 1], y: [0] },
    ],
  });
}

const BACKENDS = ['hybrid', 'cadical', 'minisat', 'highs'];

describe('reserved unit ids', () => {
  test('every Object.prototype property name is reserved', () => {
    for (const id of IDS) expect(RESERVED_IDS.has(id), id).toBe(true);
    for (const id of Object.getOwnPropertyNames(Object.prototype)) expect(RESERVED_IDS.has(id), id).toBe(true);
  });

  test.each(IDS)('%s as a unit id: InputError at network.units[i].id, in any position', (id) => {
    for (const [i, kind] of [[0, 'threshold'], [1, 'lookup'], [2, 'and']] as const) {
      const units: { id: string; kind: string; inputs: string[] }[] = [
        { id: 'p', kind: 'threshold', inputs: ['x0'] },
        { id: 'q', kind: 'lookup', inputs: ['x0'] },
        { id: 'r', kind: 'and', inputs: ['p', 'q'] },
      ];
      units[i] = { ...units[i], id, kind };
      const outputs = [units[2].id];
      let err: unknown;
      try {
        parseInstanceValue({ network: { inputs: 1, units, outputs }, examples: [] });
      } catch (e) {
        err = e;
      }
      expect(err, `${id} at ${i}`).toBeInstanceOf(InputError);
      expect((err as Error).message).toContain(`network.units[${i}].id: ${JSON.stringify(id)} cannot be a unit id`);
    }
  });

  // One instance holding every reserved id: each is named, on every backend, before any
  // backend runs; no answer and no output file.
  const allIds = file(
    'all-ids.json',
    JSON.stringify({
      network: { inputs: 1, units: IDS.map((id) => ({ id, kind: 'threshold', inputs: ['x0'] })), outputs: IDS },
      examples: [{ x: [0], y: IDS.map(() => 0) }],
    }),
  );
  test.each(BACKENDS)('solve --backend %s: exit 2 naming every reserved id, no parameters file', async (backend) => {
    const out = join(tmp, `params-${backend}.json`);
    const r = await run(['solve', allIds, '--backend', backend, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    IDS.forEach((id, i) => expect(r.err).toContain(`network.units[${i}].id: ${JSON.stringify(id)} cannot be a unit id`));
    expect(r.err).not.toMatch(/internal error|unknown|time budget/);
    expect(existsSync(out)).toBe(false);
  });

  test('verify: exit 2 naming the reserved ids of the instance', async () => {
    const r = await run(['verify', allIds, file('any.json', '{}')]);
    expect(r.code).toBe(2);
    IDS.forEach((id, i) => expect(r.err).toContain(`network.units[${i}].id: ${JSON.stringify(id)} cannot be a unit id`));
  });

  test('verify: a parameters file keyed by reserved ids names each as an unknown unit', async () => {
    const inst = file('xor.json', xorText('h1', 'h2'));
    const good = { h1: { weights: [-1, -1], threshold: -1 }, h2: { weights: [1, 1], threshold: 1 } };
    expect((await run(['verify', inst, file('good.json', good)])).code).toBe(0);
    const entries = IDS.map((id) => `${JSON.stringify(id)}: {"weights": [1, 1], "threshold": 1}`).join(', ');
    const text = `{"h1": {"weights": [-1, -1], "threshold": -1}, "h2": {"weights": [1, 1], "threshold": 1}, ${entries}}`;
    const r = await run(['verify', inst, file('bad.json', text)]);
    expect(r.code).toBe(2);
    for (const id of IDS) expect(r.err).toMatch(new RegExp(`(^|\\n|: )${id}: unknown unit \\(trainable units: h1, h2\\)`));
  });

  // Ids that resemble reserved ones but are not: the whole pipeline works with them.
  test.each(BACKENDS)('look-alike ids (__proto, Constructor, proto__) on %s: trainable, parameters checked', async (backend) => {
    const inst = parseInstanceValue(JSON.parse(xorText('__proto', 'Constructor').replace('"out"', '"proto__"').replace('"out"', '"proto__"')));
    expect(inst.network.units.map((u) => u.id)).toEqual(['__proto', 'Constructor', 'proto__']);
    const r = await decide(inst, { backend });
    expect(r.status).toBe('trainable');
    expect(checkParameters(inst, r.parameters!).ok).toBe(true);
    expect(Object.keys(r.parameters!).sort()).toEqual(['Constructor', '__proto']);
  });
});
