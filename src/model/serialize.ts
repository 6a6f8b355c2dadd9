/**
 * Instance -> plain JSON in the instance format (docs/format.md, "Instance JSON"): the inverse of
 * `parseInstanceValue` (presets come back as explicit units; a multi-class network keeps
 * `classes` and its examples their `label`; `anyThreshold` is written `"threshold": "any"`). Rationals are written
 * losslessly with Rational.toJSON (integers as numbers, other values as "p/q"), so
 * `parseInstanceValue(instanceToJSON(i))` equals `i`. Used to write generated instances.
 */
import type { Instance, Unit } from './types.js';

/** A type alias (not an interface) so it is assignable to Record<string, unknown>. */
export type InstanceJSON = {
  name?: string;
  description?: string;
  expected?: 'trainable' | 'untrainable';
  network: {
    inputs: number;
    units: UnitJSON[];
    outputs: string[];
    classes?: number;
  };
  examples: ({ x: (number | string)[]; y: (0 | 1)[] } | { x: (number | string)[]; label: number })[];
  minCorrect?: number;
};

export type UnitJSON = {
  id: string;
  kind: Unit['kind'];
  inputs: string[];
  integerWeights?: { min: number; max: number; threshold?: 'any' };
  weights?: (number | string)[];
  threshold?: number | string;
};

export function instanceToJSON(inst: Instance): InstanceJSON {
  const out: InstanceJSON = {
    network: {
      inputs: inst.network.inputs,
      units: inst.network.units.map(unitToJSON),
      outputs: [...inst.network.outputs],
    },
    examples: inst.examples.map((ex) => {
      const x = ex.x.map((v) => v.toJSON());
      return ex.label === undefined ? { x, y: [...ex.y] } : { x, label: ex.label };
    }),
  };
  if (inst.network.classes !== undefined) out.network.classes = inst.network.classes;
  if (inst.name !== undefined) out.name = inst.name;
  if (inst.description !== undefined) out.description = inst.description;
  if (inst.expected !== undefined) out.expected = inst.expected;
  if (inst.minCorrect !== undefined) out.minCorrect = inst.minCorrect;
  return out;
}

function unitToJSON(u: Unit): UnitJSON {
  const out: UnitJSON = { id: u.id, kind: u.kind, inputs: [...u.inputs] };
  if (u.integerWeights) {
    const { min, max, anyThreshold } = u.integerWeights;
    out.integerWeights = anyThreshold ? { min, max, threshold: 'any' } : { min, max };
  }
  if (u.weights) out.weights = u.weights.map((w) => w.toJSON());
  if (u.threshold !== undefined) out.threshold = u.threshold.toJSON();
  return out;
}
