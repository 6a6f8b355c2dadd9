/**
 * Arbitrary architectures: one of the presets (`perceptron`, `blum-rivest`,
 * `blum-rivest-and`, expanded to explicit units exactly as `expandPreset` does) or a small
 * random DAG mixing every unit kind.
 *
 * There is no answer to be right about yet: this is the first ingredient of the planted
 * and contradictory instances. What matters is that every value is a *valid* network
 * (`parseInstanceValue` accepts it): random unit i reads only network inputs and units
 * 0..i-1, so the network is a DAG in topological order by construction; ids are u0, u1, ...
 * (never of the reserved form x<digits>); `not` units get exactly one input.
 *
 * Shrinking: the network is rebuilt by `.map` from plain numbers (input count, per-unit
 * kind index and input picks), so every shrunk value is again a valid network, with fewer
 * inputs, fewer units, or smaller fan-ins.
 */
import fc from 'fast-check';
import { expandPreset, PRESET_NAMES, type PresetName } from '../model/presets.js';
import { Rational } from '../model/rational.js';
import { BOOLEAN_UNIT_KINDS, UNIT_KINDS, type IntegerRange, type Network, type Unit, type UnitKind } from '../model/types.js';

/** A preset, or `random`: a random DAG of up to `maxUnits` units of the allowed kinds. */
export type ArchitectureName = PresetName | 'random';
export const ARCHITECTURE_NAMES: readonly ArchitectureName[] = [...PRESET_NAMES, 'random'];

/** Largest fan-in given to a random lookup unit (its table has 2^k entries). */
export const MAX_RANDOM_LOOKUP_FANIN = 4;

export interface NetworkOptions {
  /** Architectures to draw from (default: the three presets and `random`). */
  architectures?: readonly ArchitectureName[];
  /** Number of network inputs, at least 1 (default 1..4). */
  minInputs?: number;
  maxInputs?: number;
  /** Random DAGs: at most this many units (default 3). */
  maxUnits?: number;
  /** Random DAGs: at most this many inputs per unit (default 3; lookup units at most 4). */
  maxFanIn?: number;
  /** Random DAGs: the unit kinds to use (default: all of them). */
  kinds?: readonly UnitKind[];
  /** Random DAGs: at most this many outputs (default 2). */
  maxOutputs?: number;
  /** When given, every threshold unit carries this `integerWeights` range. */
  integerWeights?: IntegerRange;
}

/** Options with defaults applied and checked (shared by the arbitraries built on networks). */
export interface ResolvedNetworkOptions {
  architectures: readonly ArchitectureName[];
  minInputs: number;
  maxInputs: number;
  maxUnits: number;
  maxFanIn: number;
  kinds: readonly UnitKind[];
  maxOutputs: number;
  integerWeights?: IntegerRange;
}

function checkInt(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
}

export function resolveNetworkOptions(o: NetworkOptions = {}): ResolvedNetworkOptions {
  const r: ResolvedNetworkOptions = {
    architectures: o.architectures ?? ARCHITECTURE_NAMES,
    minInputs: o.minInputs ?? 1,
    maxInputs: o.maxInputs ?? Math.max(4, o.minInputs ?? 1),
    maxUnits: o.maxUnits ?? 3,
    maxFanIn: o.maxFanIn ?? 3,
    kinds: o.kinds ?? BOOLEAN_UNIT_KINDS,
    maxOutputs: o.maxOutputs ?? 2,
  };
  if (o.integerWeights) r.integerWeights = { ...o.integerWeights };
  checkInt('minInputs', r.minInputs, 1);
  checkInt('maxInputs', r.maxInputs, r.minInputs);
  checkInt('maxUnits', r.maxUnits, 1);
  checkInt('maxFanIn', r.maxFanIn, 1);
  checkInt('maxOutputs', r.maxOutputs, 1);
  if (r.architectures.length === 0) throw new RangeError('architectures must not be empty');
  for (const a of r.architectures) {
    if (!ARCHITECTURE_NAMES.includes(a)) throw new RangeError(`unknown architecture "${a}" (expected one of ${ARCHITECTURE_NAMES.join(', ')})`);
  }
  if (r.kinds.length === 0) throw new RangeError('kinds must not be empty');
  for (const k of r.kinds) if (!UNIT_KINDS.includes(k)) throw new RangeError(`unknown unit kind "${k}"`);
  const w = r.integerWeights;
  if (w && !(Number.isInteger(w.min) && Number.isInteger(w.max) && w.min <= w.max)) {
    throw new RangeError(`integerWeights must be integers with min <= max, got [${w.min}, ${w.max}]`);
  }
  return r;
}

/** The plain numbers a network is built from (what fast-check draws and shrinks). */
interface UnitDraw {
  kind: number;
  picks: number[];
  fixedWeights: number[];
  fixedThreshold: number;
}

interface NetworkDraw {
  architecture: ArchitectureName;
  inputs: number;
  units: UnitDraw[];
  extraOutputs: number[];
}

function networkDraw(o: ResolvedNetworkOptions): fc.Arbitrary<NetworkDraw> {
  const unit = fc.record({
    kind: fc.nat({ max: o.kinds.length - 1 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: o.maxFanIn, size: 'max' }),
    fixedWeights: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: o.maxFanIn, maxLength: o.maxFanIn }),
    fixedThreshold: fc.integer({ min: -2, max: 3 }),
  });
  return fc.record({
    architecture: fc.constantFrom(...o.architectures),
    inputs: fc.integer({ min: o.minInputs, max: o.maxInputs }),
    units: fc.array(unit, { minLength: 1, maxLength: o.maxUnits, size: 'max' }),
    extraOutputs: fc.array(fc.nat(), { maxLength: o.maxOutputs - 1, size: 'max' }),
  });
}

function buildNetwork(d: NetworkDraw, o: ResolvedNetworkOptions): Network {
  const intW = o.integerWeights;
  if (d.architecture !== 'random') return expandPreset(d.architecture, d.inputs, intW ? { integerWeights: intW } : {});
  const n = d.inputs;
  const nodes = Array.from({ length: n }, (_, i) => `x${i}`);
  const units: Unit[] = d.units.map((s, i) => {
    const kind = o.kinds[s.kind % o.kinds.length];
    const maxFan = kind === 'not' ? 1 : kind === 'lookup' ? Math.min(o.maxFanIn, MAX_RANDOM_LOOKUP_FANIN) : o.maxFanIn;
    // Distinct inputs among x0..x{n-1} and the units before this one.
    const inputs = [...new Set(s.picks.map((p) => nodes[p % nodes.length]))].slice(0, maxFan);
    const u: Unit = { id: `u${i}`, kind, inputs };
    if (kind === 'threshold' && intW) u.integerWeights = { min: intW.min, max: intW.max };
    if (kind === 'fixed-threshold') {
      u.weights = inputs.map((_, j) => Rational.of(s.fixedWeights[j] ?? 1));
      u.threshold = Rational.of(s.fixedThreshold);
    }
    nodes.push(u.id);
    return u;
  });
  const last = units[units.length - 1].id;
  const outputs = [last];
  for (const p of d.extraOutputs) {
    const id = units[p % units.length].id;
    if (!outputs.includes(id)) outputs.push(id);
  }
  return { inputs: n, units, outputs };
}

/**
 * Valid networks: presets or random DAGs (see the file comment). Combine with
 * `parametersFor` to get parameters, or use `plantedInstance` for labelled examples.
 */
export function networkArbitrary(opts: NetworkOptions = {}): fc.Arbitrary<Network> {
  const o = resolveNetworkOptions(opts);
  return networkDraw(o).map((d) => buildNetwork(d, o));
}
