/**
 * decide() on instances built in code: they meet the checks a file meets, and an instance
 * the parser made is passed through as it is.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide.js';
import { InputError } from '../../src/model/errors.js';
import { parseInstance, validatedInstance } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';

const byHand = (id: string, x: Rational[] = [Rational.ZERO]): Instance => ({
  network: { inputs: 1, units: [{ id, kind: 'threshold', inputs: ['x0'] }], outputs: [id] },
  examples: [{ x, y: [1] }],
});

describe('instances built in code', () => {
  for (const id of ['__proto__', 'constructor', 'toString']) {
    it(`a reserved unit id (${id}) is an InputError naming the place, on every backend`, async () => {
      for (const backend of ['hybrid', 'cadical', 'minisat', 'highs']) {
        const err = await decide(byHand(id), { backend }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(InputError);
        expect(String((err as Error).message)).toContain('network.units[0].id');
      }
    });
  }

  it('a wrong arity is an InputError, not a crash', async () => {
    const err = await decide(byHand('out', [Rational.ONE, Rational.ZERO])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
  });

  it('a valid hand-built instance is decided as its parsed twin is', async () => {
    const r = await decide(byHand('out'), { backend: 'cadical' });
    expect(r.status).toBe('trainable');
  });

  it('an instance the parser made is passed through unchanged (no second parse)', () => {
    const inst = parseInstance(JSON.stringify({ network: { preset: 'perceptron', inputs: 1 }, examples: [{ x: [1], y: [0] }] }));
    expect(validatedInstance(inst)).toBe(inst);
    const copy = { ...inst };
    expect(validatedInstance(copy)).not.toBe(copy);
    expect(validatedInstance(copy)).toEqual(inst);
  });
});

describe('one VerificationError', () => {
  it('decide, the hybrid and the package root share one class, so instanceof sees every backend\'s', async () => {
    const root = await import('../../src/index.js');
    const errors = await import('../../src/model/errors.js');
    const decideModule = await import('../../src/decide.js');
    expect(root.VerificationError).toBe(errors.VerificationError);
    expect(decideModule.VerificationError).toBe(errors.VerificationError);
    const hybrid = (await import('../../src/exact/hybrid.js')) as Record<string, unknown>;
    expect(Object.values(hybrid).filter((v) => typeof v === 'function' && /VerificationError/.test((v as { name: string }).name))).toEqual([]);
  });
});
