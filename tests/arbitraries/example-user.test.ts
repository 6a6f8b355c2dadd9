/**
 * The example of the README section "Testing your own solver or trainer", kept runnable:
 * someone's own trainer and SAT solver, tested against trainsat's arbitraries. In a project
 * that depends on trainsat the import reads `from 'trainsat/arbitraries'` (the package
 * export of dist/src/arbitraries/index.js); inside this repository it is the source file.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  checkParameters,
  parityInstance,
  plantedCnf,
  plantedInstance,
  randomUnsatCnf,
  Rational,
  type Cnf,
  type Instance,
  type Parameters,
} from '../../src/arbitraries/index.js';

// "Your" trainer: Rosenblatt's perceptron rule for one threshold unit `out`.
function trainPerceptron(inst: Instance, epochs = 10_000): Parameters | null {
  const w = new Array<number>(inst.network.inputs).fill(0);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    let mistakes = 0;
    for (const { x, y } of inst.examples) {
      const xs = x.map((v) => v.toNumber());
      const out = xs.reduce((s, v, i) => s + w[i] * v, 0) >= t ? 1 : 0;
      if (out === y[0]) continue;
      mistakes++;
      const d = y[0] - out;
      xs.forEach((v, i) => (w[i] += d * v));
      t -= d;
    }
    if (mistakes === 0) return { out: { weights: w.map((v) => Rational.of(v)), threshold: Rational.of(t) } };
  }
  return null; // gave up
}

// "Your" SAT solver: try every assignment (fine for a dozen variables).
function mySat(f: Cnf): boolean[] | null {
  for (let m = 0; m < 2 ** f.numVars; m++) {
    const a = Array.from({ length: f.numVars }, (_, i) => ((m >> i) & 1) === 1);
    if (f.clauses.every((c) => c.some((l) => a[Math.abs(l) - 1] === l > 0))) return a;
  }
  return null;
}

it('my trainer fits every planted perceptron instance', () => {
  fc.assert(
    fc.property(plantedInstance({ architectures: ['perceptron'], maxInputs: 5, maxExamples: 20 }), ({ instance }) => {
      const params = trainPerceptron(instance);
      expect(params).not.toBeNull();
      expect(checkParameters(instance, params!).ok).toBe(true); // exact, rational check
    }),
  );
});

it('my trainer gives up on instances that contain an XOR copy', () => {
  fc.assert(
    fc.property(parityInstance({ maxInputs: 4 }), ({ instance }) => {
      expect(trainPerceptron(instance, 200)).toBeNull();
    }),
  );
});

it('my SAT solver finds a model of planted formulas and none of unsatisfiable ones', () => {
  fc.assert(
    fc.property(plantedCnf({ maxVars: 10 }), ({ cnf }) => {
      const model = mySat(cnf);
      expect(model).not.toBeNull();
      expect(cnf.clauses.every((c) => c.some((l) => model![Math.abs(l) - 1] === l > 0))).toBe(true);
    }),
  );
  fc.assert(
    fc.property(randomUnsatCnf({ maxVars: 8 }), ({ cnf }) => {
      expect(mySat(cnf)).toBeNull();
    }),
  );
});
