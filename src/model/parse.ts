/**
 * Instance parsing and validation (docs/format.md, "Instance JSON" and "Validation and limits"): JSON text -> a validated
 * `Instance` whose invariants (stated in types.ts) every later stage relies on.
 *
 * Two passes: zod checks the structure (types, required and unknown keys: typos in key
 * names are errors, not silently ignored), then semantic checks that need the whole
 * instance (node references, topological order, arities, 0/1 values). Every problem is
 * reported with its JSON path, e.g. `examples[3].x: expected 5 numbers, got 4`.
 */
import { instanceToJSON } from './serialize.js';
import { z } from 'zod';
import {
  describeValue,
  formatPath,
  fromZodIssues,
  jsonInteger,
  JsonNumber,
  parseJsonText,
  throwIssues,
  toRational,
  withSource,
  type Issue,
  type JsonPath,
  type PathSegment,
} from './json-input.js';
import { expandPreset, PRESET_NAMES, type PresetName, type PresetOptions } from './presets.js';
import { Rational } from './rational.js';
import { UNIT_KINDS, type Example, type Instance, type IntegerRange, type Network, type Unit, type UnitKind } from './types.js';

/**
 * Size limits, checked before anything of that size is built, so that an absurd size is an
 * input error naming the place and the limit instead of an out-of-memory abort. They are
 * far above what an exact decision can handle (MNIST has 784 inputs).
 */
export const LIMITS = {
  /** network.inputs */
  inputs: 100_000,
  /** network.units */
  units: 100_000,
  /** inputs of one unit */
  fanIn: 100_000,
  /** inputs of one lookup unit (its table has 2^k entries) */
  lookupFanIn: 20,
  /** network.outputs */
  outputs: 100_000,
  /** examples */
  examples: 1_000_000,
  /** numbers in all examples together (x, y and label) */
  exampleValues: 50_000_000,
  /** |integerWeights.min|, |integerWeights.max| (2^53 - 1) */
  weight: Number.MAX_SAFE_INTEGER,
  /** unit inputs over all units of an expanded preset (784-16-10 has 12,704) */
  presetConnections: 10_000_000,
} as const;

/** Largest fan-in of a lookup unit (its table has 2^k entries). */
export const MAX_LOOKUP_FANIN = LIMITS.lookupFanIn;

/**
 * Unit ids that are names of Object.prototype properties ("__proto__", "constructor",
 * "toString", ...). They are refused: code throughout keys plain objects by unit id, where
 * such a name would read or replace an inherited property.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

// ---------------------------------------------------------------------------------------
// structural schema

const jsonNumber = z.instanceof(JsonNumber);
const numeric = z.union([z.number(), z.string(), jsonNumber], { error: 'expected a number or a string such as "3/2"' });
/** An integer field: its exact integer value (and range) is checked in the semantic pass. */
const integer = z.union([z.number(), jsonNumber], { error: 'expected an integer' });
const bit = z.union([z.number(), jsonNumber], { error: 'expected 0 or 1' });

const rangeSchema = z.strictObject({
  min: integer,
  max: integer,
  threshold: z.literal('any', { error: 'expected "any" (the threshold is any integer), or leave "threshold" out (the threshold is in [min, max])' }).optional(),
});
/** The layered preset's weight range: the threshold is always any integer. */
const weightRangeSchema = z.strictObject({ min: integer, max: integer });

const unitSchema = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(UNIT_KINDS as [UnitKind, ...UnitKind[]]),
  inputs: z.array(z.string()),
  integerWeights: rangeSchema.optional(),
  weights: z.array(numeric).optional(),
  threshold: numeric.optional(),
});

const explicitNetworkSchema = z.strictObject({
  inputs: integer,
  units: z.array(unitSchema),
  outputs: z.array(z.string()),
  classes: integer.optional(),
});

const presetNetworkSchema = z.strictObject({
  preset: z.enum(PRESET_NAMES as [PresetName, ...PresetName[]]),
  inputs: integer,
  integerWeights: rangeSchema.optional(),
  // layered only
  hidden: z.array(integer).optional(),
  classes: integer.optional(),
  weights: weightRangeSchema.optional(),
});

const exampleSchema = z.strictObject({
  x: z.array(numeric),
  // Exactly one of y (0/1 outputs) and label (with network.classes): checked in buildInstance.
  y: z.array(bit).optional(),
  label: integer.optional(),
});

const instanceSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  expected: z.enum(['trainable', 'untrainable']).optional(),
  // A missing network is reported by parseInstanceValue, with the shapes it may take.
  network: z.unknown().optional(),
  examples: z.array(exampleSchema),
  minCorrect: integer.optional(),
});

type RawUnit = z.infer<typeof unitSchema>;
type RawExplicit = z.infer<typeof explicitNetworkSchema>;
type RawPreset = z.infer<typeof presetNetworkSchema>;
type RawInstance = z.infer<typeof instanceSchema>;

const keysOf = (s: { shape: object }): string[] => Object.keys(s.shape);

/** Allowed keys at an object path, for "did you mean" hints on unknown keys. */
function allowedKeysAt(root: unknown, path: JsonPath): readonly string[] | undefined {
  const p = path.map((s) => (typeof s === 'number' ? '#' : s)).join('/');
  switch (p) {
    case '':
      return keysOf(instanceSchema);
    case 'network': {
      const net = (root as { network?: unknown }).network;
      const isPreset = net !== null && typeof net === 'object' && 'preset' in net;
      return isPreset ? keysOf(presetNetworkSchema) : keysOf(explicitNetworkSchema);
    }
    case 'network/units/#':
      return keysOf(unitSchema);
    case 'network/units/#/integerWeights':
    case 'network/integerWeights':
      return keysOf(rangeSchema);
    case 'network/weights':
      return keysOf(weightRangeSchema);
    case 'examples/#':
      return keysOf(exampleSchema);
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// public API

/** Parses and validates an instance from JSON text; errors name `source` and a JSON path. */
export function parseInstance(text: string, source = '<input>'): Instance {
  const value = parseJsonText(text, source);
  return withSource(source, () => parseInstanceValue(value));
}

/** Validates an already-parsed JSON value as an instance (presets are expanded). */
export function parseInstanceValue(value: unknown): Instance {
  checkExampleSizes(value);
  const top = instanceSchema.safeParse(value);
  const issues: Issue[] = [];
  const keys = (path: JsonPath) => allowedKeysAt(value, path);
  if (!top.success) issues.push(...fromZodIssues(top.error.issues, value, [], keys));

  let rawNet: { kind: 'preset'; net: RawPreset } | { kind: 'explicit'; net: RawExplicit } | null = null;
  const netValue = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).network : undefined;
  if (netValue === undefined) {
    // instanceSchema accepts a missing `network` (z.unknown); report it here.
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      issues.push({ path: ['network'], message: 'missing (expected an object with "units" and "outputs", or a "preset")' });
    }
  } else if (netValue !== null && typeof netValue === 'object' && !Array.isArray(netValue) && 'preset' in netValue) {
    const r = presetNetworkSchema.safeParse(netValue);
    if (r.success) rawNet = { kind: 'preset', net: r.data };
    else issues.push(...fromZodIssues(r.error.issues, netValue, ['network'], keys));
  } else {
    const r = explicitNetworkSchema.safeParse(netValue);
    if (r.success) rawNet = { kind: 'explicit', net: r.data };
    else issues.push(...fromZodIssues(r.error.issues, netValue, ['network'], keys));
  }

  if (issues.length > 0 || !top.success || rawNet === null) throwIssues(issues);
  const instance = buildInstance(top.data, rawNet);
  validated.add(instance);
  return instance;
}

/** Instances made by parseInstanceValue (and not built by hand). */
const validated = new WeakSet<Instance>();

/**
 * The instance itself if parseInstanceValue made it; otherwise (an instance built in code)
 * it is written out and read back through parseInstanceValue, so that a library caller's
 * instance meets the same checks as a file: reserved unit ids, arity, 0/1 where required,
 * sizes. Throws InputError naming the place. The solvers rely on these checks.
 */
export function validatedInstance(instance: Instance): Instance {
  if (validated.has(instance)) return instance;
  return parseInstanceValue(instanceToJSON(instance));
}

/**
 * The number of examples and of numbers in them against their limits, before the schema
 * looks at each number.
 */
function checkExampleSizes(value: unknown): void {
  const examples = value !== null && typeof value === 'object' ? (value as { examples?: unknown }).examples : undefined;
  if (!Array.isArray(examples)) return;
  const issues: Issue[] = [];
  if (overLimit(examples.length, LIMITS.examples, ['examples'], 'examples', issues)) throwIssues(issues);
  let values = 0;
  for (const ex of examples) {
    if (ex === null || typeof ex !== 'object') continue;
    const { x, y } = ex as { x?: unknown; y?: unknown };
    if (Array.isArray(x)) values += x.length;
    if (Array.isArray(y)) values += y.length;
    if ('label' in ex) values += 1;
  }
  if (values > LIMITS.exampleValues) {
    throwIssues([{ path: ['examples'], message: `expected at most ${LIMITS.exampleValues} numbers in x, y and label over all examples (trainsat's limit), got ${values}` }]);
  }
}

// ---------------------------------------------------------------------------------------
// semantic checks

const INPUT_LIKE = /^x\d+$/;
const CANONICAL_INPUT = /^x(0|[1-9]\d*)$/;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

type RawInt = number | JsonNumber;

/** The exact integer value of an integer field if it lies in [lo, hi]; else an issue and null. */
function intIn(v: RawInt, path: JsonPath, lo: number, hi: number, issues: Issue[], limitOn?: string): number | null {
  const k = jsonInteger(v);
  if (typeof k === 'string') {
    issues.push({ path, message: k });
    return null;
  }
  if (k < lo) {
    issues.push({ path, message: `expected an integer >= ${lo}, got ${k}` });
    return null;
  }
  if (k > hi) {
    issues.push({ path, message: limitOn ? `expected at most ${hi} (trainsat's limit on ${limitOn}), got ${k}` : `expected an integer <= ${hi}, got ${k}` });
    return null;
  }
  return k;
}

/** A list longer than its limit: an issue (and true). */
function overLimit(length: number, limit: number, path: JsonPath, what: string, issues: Issue[]): boolean {
  if (length <= limit) return false;
  issues.push({ path, message: `expected at most ${limit} ${what} (trainsat's limit), got ${length}` });
  return true;
}

/**
 * Reads an integerWeights range (exact integers within 2^53 - 1, min <= max; `"threshold":
 * "any"` sets anyThreshold); else issues and null.
 */
function readRange(r: { min: RawInt; max: RawInt; threshold?: 'any' }, path: JsonPath, issues: Issue[]): IntegerRange | null {
  const lim = LIMITS.weight;
  const min = intIn(r.min, [...path, 'min'], -lim, lim, issues, 'integer weights (2^53 - 1 in absolute value)');
  const max = intIn(r.max, [...path, 'max'], -lim, lim, issues, 'integer weights (2^53 - 1 in absolute value)');
  if (min === null || max === null) return null;
  if (min > max) {
    issues.push({ path, message: `min ${min} is greater than max ${max}` });
    return null;
  }
  return r.threshold === 'any' ? { min, max, anyThreshold: true } : { min, max };
}

/** 0 or 1 exactly ("1.0" is 1, "1.0000000000000001" is not); else an issue and null. */
function readBit(v: RawInt, path: JsonPath, issues: Issue[]): 0 | 1 | null {
  if (v === 0 || v === 1) return v;
  const q = toRational(v);
  if (typeof q !== 'string' && isBit(q)) return q.eq(Rational.ONE) ? 1 : 0;
  issues.push({ path, message: typeof q === 'string' ? q : `expected 0 or 1, got ${v instanceof JsonNumber ? v.text : q.toString()}` });
  return null;
}

function buildInstance(raw: RawInstance, rawNet: { kind: 'preset'; net: RawPreset } | { kind: 'explicit'; net: RawExplicit }): Instance {
  const issues: Issue[] = [];
  let network: Network;
  /** Where unit i was written (for messages). */
  let unitPath: (i: number) => PathSegment[];

  if (rawNet.kind === 'preset') {
    network = presetNetwork(rawNet.net, issues);
    unitPath = () => ['network'];
  } else {
    network = checkExplicitNetwork(rawNet.net, issues);
    unitPath = (i) => ['network', 'units', i];
  }

  const n = network.inputs;
  const examples: Example[] = [];
  const nOut = network.outputs.length;
  const classes = network.classes;

  // Which network inputs must be 0/1, and why (the first reason found).
  const mustBeBoolean = new Map<number, string>();
  network.units.forEach((u, ui) => {
    if (u.kind === 'threshold' || u.kind === 'fixed-threshold' || u.kind === 'score') return;
    for (const name of u.inputs) {
      const idx = inputIndex(name, n);
      if (idx !== null && !mustBeBoolean.has(idx)) {
        mustBeBoolean.set(idx, `it feeds ${u.kind} unit "${u.id}" (${formatPath(unitPath(ui))})`);
      }
    }
  });
  for (const name of network.outputs) {
    const idx = inputIndex(name, n);
    if (idx !== null && !mustBeBoolean.has(idx)) mustBeBoolean.set(idx, `${name} is a network output`);
  }

  raw.examples.forEach((ex, e) => {
    const x: Rational[] = [];
    if (ex.x.length !== n) {
      issues.push({ path: ['examples', e, 'x'], message: `expected ${plural(n, 'number')}, got ${ex.x.length}` });
    }
    ex.x.forEach((v, i) => {
      const r = toRational(v);
      if (typeof r === 'string') {
        issues.push({ path: ['examples', e, 'x', i], message: r });
        return;
      }
      x.push(r);
      const why = mustBeBoolean.get(i);
      if (why !== undefined && !isBit(r)) {
        issues.push({ path: ['examples', e, 'x', i], message: `expected 0 or 1 because ${why}; got ${r.toString()}` });
      }
    });
    if (classes !== undefined) {
      if (ex.y !== undefined) {
        issues.push({ path: ['examples', e, 'y'], message: `the network has "classes": ${classes}; give the class as "label" (0..${classes - 1}) instead of "y"` });
      }
      if (ex.label === undefined) {
        issues.push({ path: ['examples', e, 'label'], message: `missing (the network has "classes": ${classes}; expected an integer from 0 to ${classes - 1})` });
      } else {
        const label = jsonInteger(ex.label);
        if (typeof label === 'number' && label >= 0 && label < classes) examples.push({ x, y: [], label });
        else issues.push({ path: ['examples', e, 'label'], message: `expected a class from 0 to ${classes - 1}, got ${describeValue(ex.label)}` });
      }
      return;
    }
    if (ex.label !== undefined) {
      issues.push({ path: ['examples', e, 'label'], message: 'only a network with "classes" takes a label; give the 0/1 outputs as "y"' });
    }
    if (ex.y === undefined) {
      issues.push({ path: ['examples', e, 'y'], message: `missing (expected ${plural(nOut, 'number')}, one 0/1 per output)` });
      return;
    }
    if (ex.y.length !== nOut) {
      issues.push({ path: ['examples', e, 'y'], message: `expected ${plural(nOut, 'number')} (one per output), got ${ex.y.length}` });
    }
    const y: (0 | 1)[] = [];
    ex.y.forEach((v, i) => {
      const b = readBit(v, ['examples', e, 'y', i], issues);
      if (b !== null) y.push(b);
    });
    examples.push({ x, y });
  });

  let minCorrect: number | null | undefined;
  if (raw.minCorrect !== undefined) {
    const k = jsonInteger(raw.minCorrect);
    minCorrect = typeof k === 'number' && k >= 0 && k <= raw.examples.length ? k : null;
    if (minCorrect === null) {
      const got = typeof k === 'string' ? describeValue(raw.minCorrect) : String(k);
      issues.push({ path: ['minCorrect'], message: `expected an integer from 0 to ${raw.examples.length} (the number of examples), got ${got}` });
    }
  }

  if (issues.length > 0) throwIssues(issues);

  const inst: Instance = { network, examples };
  if (raw.name !== undefined) inst.name = raw.name;
  if (raw.description !== undefined) inst.description = raw.description;
  if (raw.expected !== undefined) inst.expected = raw.expected;
  if (typeof minCorrect === 'number') inst.minCorrect = minCorrect;
  return inst;
}

function isBit(r: Rational): boolean {
  return r.eq(Rational.ZERO) || r.eq(Rational.ONE);
}

/** The index of a canonical, in-range input name, else null. */
function inputIndex(name: string, n: number): number | null {
  if (!CANONICAL_INPUT.test(name)) return null;
  const i = Number(name.slice(1));
  return i < n ? i : null;
}

/** Problems with a reference to an input node name (`x<digits>`), or null if fine. */
function inputRefProblem(name: string, n: number): string | null {
  if (!CANONICAL_INPUT.test(name)) {
    return `"${name}" is not an input name (write "x${BigInt(name.slice(1)).toString()}")`;
  }
  const i = Number(name.slice(1));
  if (i >= n) {
    const have = n === 0 ? 'the network has no inputs' : `the network has ${plural(n, 'input')}: x0..x${n - 1}`;
    return `input index out of range: "${name}" (${have})`;
  }
  return null;
}

/**
 * The network of a preset: sizes and ranges checked against LIMITS before anything is built,
 * then expandPreset. `hidden`, `classes` and `weights` belong to the layered preset only.
 */
function presetNetwork(p: RawPreset, issues: Issue[]): Network {
  const at = (key: string): JsonPath => ['network', key];
  const inputs = intIn(p.inputs, at('inputs'), 0, LIMITS.inputs, issues, 'network inputs');
  let range = p.integerWeights ? readRange(p.integerWeights, at('integerWeights'), issues) : undefined;
  const opts: PresetOptions = {};
  if (p.preset !== 'layered') {
    for (const key of ['hidden', 'classes', 'weights'] as const) {
      if (p[key] !== undefined) issues.push({ path: at(key), message: `only the layered preset takes "${key}" (this is ${p.preset})` });
    }
  } else {
    if (p.integerWeights !== undefined) {
      issues.push({ path: at('integerWeights'), message: 'the layered preset takes "weights": {"min": a, "max": b} (integer weights, any integer threshold)' });
    }
    if (p.weights !== undefined) {
      const r = readRange(p.weights, at('weights'), issues);
      range = r && { ...r, anyThreshold: true };
    }
    if (p.hidden === undefined) {
      issues.push({ path: at('hidden'), message: 'missing: the layered preset needs "hidden", the widths of its hidden layers (e.g. [16], or [] for none)' });
    } else {
      const widths = p.hidden.map((w, l) => intIn(w, ['network', 'hidden', l], 1, LIMITS.units, issues, 'units'));
      if (widths.every((w): w is number => w !== null)) opts.hidden = widths;
    }
    if (p.classes !== undefined) {
      const c = intIn(p.classes, at('classes'), 2, LIMITS.outputs, issues, 'outputs');
      if (c !== null) opts.classes = c;
    }
  }
  // Nothing is built from a size or range that failed its check.
  if (issues.length > 0 || inputs === null || range === null) throwIssues(issues);
  if (range) opts.integerWeights = range;
  if (p.preset === 'layered') {
    // Layer l (l = 0: the inputs) feeds every unit of layer l + 1; the last feeds the outputs.
    const widths = [inputs, ...opts.hidden!, opts.classes ?? 1];
    const units = widths.slice(1).reduce((a, b) => a + b, 0);
    const connections = widths.slice(1).reduce((a, w, l) => a + w * widths[l], 0);
    if (units > LIMITS.units) issues.push({ path: at('hidden'), message: `expected at most ${LIMITS.units} units in all (trainsat's limit), got ${units}` });
    else if (connections > LIMITS.presetConnections) {
      issues.push({ path: at('hidden'), message: `expected at most ${LIMITS.presetConnections} connections between layers (trainsat's limit), got ${connections}` });
    }
    if (issues.length > 0) throwIssues(issues);
  }
  return expandPreset(p.preset, inputs, opts);
}

function checkExplicitNetwork(raw: RawExplicit, issues: Issue[]): Network {
  const inputs = intIn(raw.inputs, ['network', 'inputs'], 0, LIMITS.inputs, issues, 'network inputs');
  overLimit(raw.units.length, LIMITS.units, ['network', 'units'], 'units', issues);
  overLimit(raw.outputs.length, LIMITS.outputs, ['network', 'outputs'], 'outputs', issues);
  raw.units.forEach((u, i) => overLimit(u.inputs.length, LIMITS.fanIn, ['network', 'units', i, 'inputs'], 'inputs to one unit', issues));
  // Nothing is built from a size that failed its check.
  const classes = raw.classes === undefined ? undefined : intIn(raw.classes, ['network', 'classes'], 2, LIMITS.outputs, issues, 'outputs');
  if (issues.length > 0 || inputs === null || classes === null) throwIssues(issues);
  const n = inputs;
  const idIndex = new Map<string, number>();

  raw.units.forEach((u, i) => {
    const at: PathSegment[] = ['network', 'units', i];
    if (RESERVED_IDS.has(u.id)) {
      issues.push({
        path: [...at, 'id'],
        message: `${JSON.stringify(u.id)} cannot be a unit id: names of JavaScript's Object.prototype properties (__proto__, constructor, toString, ...) are reserved; rename the unit`,
      });
    }
    if (INPUT_LIKE.test(u.id)) {
      issues.push({ path: [...at, 'id'], message: `"${u.id}" looks like an input name; ids of the form x<digits> are reserved for network inputs` });
    } else if (idIndex.has(u.id)) {
      issues.push({ path: [...at, 'id'], message: `duplicate id "${u.id}" (already used by network.units[${idIndex.get(u.id)}])` });
    } else {
      idIndex.set(u.id, i);
    }
  });

  // Unit -> indices of the units it reads (known ids only), for cycle detection.
  const reads: number[][] = raw.units.map((u) => u.inputs.map((s) => idIndex.get(s)).filter((k): k is number => k !== undefined));

  /** A path of unit indices from `from` to `to` following "reads" edges, or null. */
  const findPath = (from: number, to: number): number[] | null => {
    const parent = new Map<number, number>([[from, -1]]);
    const queue = [from];
    while (queue.length > 0) {
      const a = queue.shift()!;
      if (a === to) {
        const chain: number[] = [];
        for (let c = a; c !== -1; c = parent.get(c)!) chain.unshift(c);
        return chain;
      }
      for (const b of reads[a]) {
        if (!parent.has(b)) {
          parent.set(b, a);
          queue.push(b);
        }
      }
    }
    return null;
  };

  const units: Unit[] = [];
  raw.units.forEach((u, i) => {
    const at: PathSegment[] = ['network', 'units', i];
    const k = u.inputs.length;
    u.inputs.forEach((name, j) => {
      const where = [...at, 'inputs', j];
      if (INPUT_LIKE.test(name)) {
        const p = inputRefProblem(name, n);
        if (p) issues.push({ path: where, message: p });
        return;
      }
      const target = idIndex.get(name);
      if (target === undefined) {
        issues.push({ path: where, message: `unknown node "${name}"` });
      } else if (raw.units[target].kind === 'score') {
        issues.push({ path: where, message: `"${name}" is a score unit (a class score, not 0/1): it is an output and no unit may read it` });
      } else if (target === i) {
        issues.push({ path: where, message: `unit "${u.id}" reads itself (a cycle)` });
      } else if (target > i) {
        const back = findPath(target, i);
        if (back) {
          const ids = [u.id, ...back.map((c) => raw.units[c].id)];
          issues.push({ path: where, message: `"${name}" forms a cycle: ${ids.join(' -> ')} (each reads the next)` });
        } else {
          issues.push({
            path: where,
            message: `forward reference: "${name}" is defined later (network.units[${target}]); list units so that each reads only inputs and earlier units`,
          });
        }
      }
    });

    let range: IntegerRange | null = null;
    if (u.integerWeights !== undefined) {
      if (u.kind !== 'threshold' && u.kind !== 'score') {
        issues.push({ path: [...at, 'integerWeights'], message: `only threshold and score units take integerWeights (this unit is ${u.kind})` });
      } else {
        range = readRange(u.integerWeights, [...at, 'integerWeights'], issues);
      }
    }
    if (u.kind === 'score' && classes === undefined) {
      issues.push({ path: [...at, 'kind'], message: 'score units are outputs of a multi-class network, which needs "classes"' });
    }
    if (u.kind === 'not' && k !== 1) {
      issues.push({ path: [...at, 'inputs'], message: `a "not" unit takes exactly 1 input, got ${k}` });
    }
    if (u.kind === 'lookup' && k > MAX_LOOKUP_FANIN) {
      issues.push({ path: [...at, 'inputs'], message: `a lookup unit may have at most ${MAX_LOOKUP_FANIN} inputs (its table has 2^k entries), got ${k}` });
    }

    const unit: Unit = { id: u.id, kind: u.kind, inputs: [...u.inputs] };
    if (range) unit.integerWeights = range;
    if (u.kind === 'fixed-threshold') {
      fixedThresholdParams(u, at, issues, unit);
    } else {
      if (u.weights !== undefined) issues.push({ path: [...at, 'weights'], message: `only fixed-threshold units take weights (this unit is ${u.kind}; trained parameters go in a parameters file)` });
      if (u.threshold !== undefined) issues.push({ path: [...at, 'threshold'], message: `only fixed-threshold units take a threshold (this unit is ${u.kind})` });
    }
    units.push(unit);
  });

  if (raw.outputs.length === 0) {
    issues.push({ path: ['network', 'outputs'], message: 'must name at least one output' });
  }
  raw.outputs.forEach((name, j) => {
    const where = ['network', 'outputs', j];
    if (INPUT_LIKE.test(name)) {
      const p = inputRefProblem(name, n);
      if (p) issues.push({ path: where, message: p });
    } else if (!idIndex.has(name)) {
      issues.push({ path: where, message: `unknown node "${name}"` });
    }
  });
  if (classes !== undefined) checkClassOutputs(raw, classes, issues);

  const network: Network = { inputs: n, units, outputs: [...raw.outputs] };
  if (classes !== undefined) network.classes = classes;
  return network;
}

/** With `classes`: the outputs are exactly the score units, one per class, each once. */
function checkClassOutputs(raw: RawExplicit, classes: number, issues: Issue[]): void {
  if (raw.outputs.length !== classes) {
    issues.push({ path: ['network', 'outputs'], message: `expected ${classes} outputs (the score units of classes 0..${classes - 1}, "classes": ${classes}), got ${raw.outputs.length}` });
  }
  const kindOf = new Map(raw.units.map((u) => [u.id, u.kind]));
  const seen = new Set<string>();
  raw.outputs.forEach((name, j) => {
    const kind = kindOf.get(name);
    if (kind !== 'score' && (kind !== undefined || INPUT_LIKE.test(name))) {
      const what = kind === undefined ? 'an input' : `a ${kind} unit`;
      issues.push({ path: ['network', 'outputs', j], message: `"${name}" is ${what}; with "classes" every output is a score unit (class ${j}'s score)` });
    } else if (seen.has(name)) {
      issues.push({ path: ['network', 'outputs', j], message: `"${name}" is listed twice; each class has its own score unit` });
    }
    seen.add(name);
  });
  raw.units.forEach((u, i) => {
    if (u.kind === 'score' && !seen.has(u.id)) {
      issues.push({ path: ['network', 'units', i], message: `score unit "${u.id}" is not an output; with "classes" the outputs are exactly the score units, in class order` });
    }
  });
}

function fixedThresholdParams(u: RawUnit, at: PathSegment[], issues: Issue[], unit: Unit): void {
  const k = u.inputs.length;
  if (u.weights === undefined) {
    issues.push({ path: [...at, 'weights'], message: `missing: a fixed-threshold unit needs ${plural(k, 'weight')} (one per input)` });
  } else {
    if (u.weights.length !== k) {
      issues.push({ path: [...at, 'weights'], message: `expected ${plural(k, 'weight')} (one per input), got ${u.weights.length}` });
    }
    const ws: Rational[] = [];
    u.weights.forEach((w, j) => {
      const r = toRational(w);
      if (typeof r === 'string') issues.push({ path: [...at, 'weights', j], message: r });
      else ws.push(r);
    });
    unit.weights = ws;
  }
  if (u.threshold === undefined) {
    issues.push({ path: [...at, 'threshold'], message: 'missing: a fixed-threshold unit needs a threshold' });
  } else {
    const r = toRational(u.threshold);
    if (typeof r === 'string') issues.push({ path: [...at, 'threshold'], message: r });
    else unit.threshold = r;
  }
}
