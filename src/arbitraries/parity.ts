/**
 * Untrainable perceptron instances with an embedded parity copy: pick d = 2 (XOR) or 3
 * distinct inputs, fix every other input to a drawn value b, and add the 2^d points of
 * that face of the cube, labelled with the parity of the d chosen inputs (or its
 * complement). Extra random examples may be added, labelled consistently (by a random
 * perceptron, or by the parity label when they land on the face), and the perceptron may
 * have extra inputs and an `integerWeights` range.
 *
 * Why the answer is right: on the face, a perceptron [w.x >= t] computes
 * [w_D.x_D >= t - w.b], a threshold function of the d chosen inputs. Parity of d >= 2
 * inputs is not a threshold function (for XOR: f(1,0) = f(0,1) = 1 give w1, w2 >= t', and
 * f(0,0) = 0 gives t' > 0, so w1 + w2 >= 2t' > t', contradicting f(1,1) = 0; the complement
 * and d = 3 follow the same way by restricting to a 2-face). So no parameters fit the core
 * examples, whatever else is added: `untrainable`.
 *
 * Shrinking keeps the answer: the core (dimensions, face values, labels) is rebuilt in
 * `.map` from numbers that shrink to other valid choices, and only the extra examples and
 * extra inputs can disappear; the 2^d core points are always there.
 */
import fc from 'fast-check';
import { evaluateOutputs } from '../model/evaluate.js';
import { expandPreset } from '../model/presets.js';
import { Rational } from '../model/rational.js';
import type { Example, Instance, IntegerRange } from '../model/types.js';
import { inputRows } from './inputs.js';
import { parameterPool, plantParameters } from './parameters.js';
import type { UntrainableInstance } from './types.js';

export interface ParityOptions {
  /** Perceptron input count (default 2..4; at least 2). */
  minInputs?: number;
  maxInputs?: number;
  /** Largest parity dimension: 2 (XOR only) or 3 (default 3). */
  maxParity?: 2 | 3;
  /** At most this many extra examples (default 6). */
  maxExtraExamples?: number;
  /** Integer range of the fixed and extra input values (default 0/1). */
  inputValues?: { min: number; max: number };
  /** When given, the perceptron unit carries this `integerWeights` range. */
  integerWeights?: IntegerRange;
}

const key = (x: readonly Rational[]) => x.map((v) => v.toString()).join(',');

/** Perceptron instances containing a parity copy (see the file comment). */
export function parityInstance(opts: ParityOptions = {}): fc.Arbitrary<UntrainableInstance> {
  const minInputs = opts.minInputs ?? 2;
  const maxInputs = opts.maxInputs ?? Math.max(4, minInputs);
  const maxParity = opts.maxParity ?? 3;
  const maxExtra = opts.maxExtraExamples ?? 6;
  const values = opts.inputValues ?? { min: 0, max: 1 };
  if (!Number.isInteger(minInputs) || minInputs < 2 || !Number.isInteger(maxInputs) || maxInputs < minInputs) {
    throw new RangeError(`parity instances need 2 <= minInputs <= maxInputs, got ${minInputs}..${maxInputs}`);
  }
  if (maxParity !== 2 && maxParity !== 3) throw new RangeError(`maxParity must be 2 or 3, got ${String(maxParity)}`);
  return fc
    .record({
      n: fc.integer({ min: minInputs, max: maxInputs }),
      d: fc.integer({ min: 2, max: maxParity }),
      dimPicks: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
      face: fc.array(fc.integer(values), { minLength: maxInputs, maxLength: maxInputs }),
      complement: fc.boolean(),
      extras: inputRows({ width: maxInputs, minRows: 0, maxRows: maxExtra, values }),
      positions: fc.array(fc.nat(), { minLength: maxExtra, maxLength: maxExtra }),
      pool: parameterPool({ slots: 1, weightsPerSlot: maxInputs, lookupFanIn: 0, maxThreshold: 3 * Math.max(1, Math.abs(values.min), Math.abs(values.max)) }),
    })
    .map(({ n, d, dimPicks, face, complement, extras, positions, pool }): UntrainableInstance => {
      const dim = Math.min(d, n);
      // d distinct input indices, chosen without replacement.
      const free = Array.from({ length: n }, (_, i) => i);
      const dims: number[] = [];
      for (let j = 0; j < dim; j++) dims.push(free.splice(dimPicks[j] % free.length, 1)[0]);
      const network = expandPreset('perceptron', n, opts.integerWeights ? { integerWeights: opts.integerWeights } : {});

      const core: Example[] = [];
      for (let p = 0; p < 2 ** dim; p++) {
        const x = Array.from({ length: n }, (_, i) => Rational.of(face[i]));
        let parity = complement ? 1 : 0;
        dims.forEach((i, j) => {
          const bit = (p >> (dim - 1 - j)) & 1;
          x[i] = Rational.of(bit);
          parity ^= bit;
        });
        core.push({ x, y: [parity as 0 | 1] });
      }
      const coreLabel = new Map(core.map((e) => [key(e.x), e.y]));
      const labeller = plantParameters(network, pool);
      const examples = [...core];
      extras.forEach((row, j) => {
        const x = row.slice(0, n).map((v) => Rational.of(v));
        const y = coreLabel.get(key(x)) ?? evaluateOutputs(network, labeller, x);
        examples.splice(positions[j] % (examples.length + 1), 0, { x, y: [...y] });
      });
      const instance: Instance = { network, examples };
      const names = dims.map((i) => `x${i}`).join(', ');
      const others = n > dim ? ` (the other inputs fixed as ${Array.from({ length: n }, (_, i) => i).filter((i) => !dims.includes(i)).map((i) => `x${i} = ${face[i]}`).join(', ')})` : '';
      const fn = dim === 2 ? (complement ? 'XNOR' : 'XOR') : complement ? 'the complement of 3-bit parity' : '3-bit parity';
      return {
        instance,
        expected: 'untrainable',
        witness: null,
        reason: `the examples include all ${2 ** dim} points of the face in ${names}${others} labelled by ${fn}, which no single threshold unit computes`,
        family: 'parity',
      };
    });
}
