/**
 * Parameters (a solution) as JSON (docs/format.md, "Parameters JSON"):
 * `{"h1": {"weights": [..], "threshold": ..}, "g": {"table": [0,1,1,0]}}`; score units take
 * weights and a threshold, like threshold units.
 *
 * `parseParameters` reads them against an instance and checks their shape: every trainable
 * unit has parameters of the right kind and size, and no parameters are given for unknown
 * or fixed units. Whether they are *correct* is `checkParameters`' job (evaluate.ts).
 * Rationals may be JSON numbers or strings ("3/2", "0.25"); `parametersToJSON` writes them
 * back losslessly (integers as numbers, everything else as "p/q").
 */
import { z } from 'zod';
import { describeValue, fromZodIssues, jsonInteger, JsonNumber, parseJsonText, throwIssues, toRational, withSource, type Issue, type PathSegment } from './json-input.js';
import type { Rational } from './rational.js';
import { isLookupParams, isTrainableKind, type Instance, type LookupParams, type Parameters, type ThresholdParams } from './types.js';

const jsonNumber = z.instanceof(JsonNumber);
const numeric = z.union([z.number(), z.string(), jsonNumber], { error: 'expected a number or a string such as "3/2"' });
const thresholdSchema = z.strictObject({ weights: z.array(numeric), threshold: numeric });
const lookupSchema = z.strictObject({ table: z.array(z.union([z.number(), jsonNumber], { error: 'expected 0 or 1' })) });

/** JSON form of one unit's parameters. */
export type ParamsJSON = Record<string, { weights: (number | string)[]; threshold: number | string } | { table: (0 | 1)[] }>;

/** Parses and checks a parameters file for `instance`; errors name `source` and a JSON path. */
export function parseParameters(text: string, instance: Instance, source = '<parameters>'): Parameters {
  const value = parseJsonText(text, source);
  return withSource(source, () => parseParametersValue(value, instance));
}

/** Checks an already-parsed JSON value as parameters for `instance`. */
export function parseParametersValue(value: unknown, instance: Instance): Parameters {
  const issues: Issue[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throwIssues([{ path: [], message: 'expected an object mapping unit ids to parameters' }]);
  }
  const units = new Map(instance.network.units.map((u) => [u.id, u]));
  // Without a prototype, no unit id can reach an inherited property.
  const out: Parameters = Object.create(null) as Parameters;
  for (const [id, raw] of Object.entries(value as Record<string, unknown>)) {
    const at: PathSegment[] = [id];
    const unit = units.get(id);
    if (unit === undefined) {
      const trainable = instance.network.units.filter((u) => isTrainableKind(u.kind)).map((u) => u.id);
      issues.push({ path: at, message: `unknown unit (trainable units: ${trainable.join(', ') || 'none'})` });
      continue;
    }
    if (!isTrainableKind(unit.kind)) {
      const what = unit.kind === 'fixed-threshold' ? 'a fixed-threshold unit' : `a fixed gate (${unit.kind})`;
      issues.push({ path: at, message: `unit "${id}" is ${what} and takes no parameters` });
      continue;
    }
    const k = unit.inputs.length;
    if (unit.kind === 'lookup') {
      const r = lookupSchema.safeParse(raw);
      if (!r.success) {
        issues.push(...fromZodIssues(r.error.issues, raw, at, () => ['table']));
        continue;
      }
      const size = 2 ** k;
      if (r.data.table.length !== size) {
        issues.push({ path: [...at, 'table'], message: `expected ${size} entries (2^${k} for ${k} inputs), got ${r.data.table.length}` });
      }
      const table: (0 | 1)[] = [];
      r.data.table.forEach((v, i) => {
        const b = jsonInteger(v);
        if (b === 0 || b === 1) table.push(b);
        else issues.push({ path: [...at, 'table', i], message: `expected 0 or 1, got ${describeValue(v)}` });
      });
      out[id] = { table } satisfies LookupParams;
    } else {
      const r = thresholdSchema.safeParse(raw);
      if (!r.success) {
        issues.push(...fromZodIssues(r.error.issues, raw, at, () => ['weights', 'threshold']));
        continue;
      }
      if (r.data.weights.length !== k) {
        issues.push({ path: [...at, 'weights'], message: `expected ${k} weight${k === 1 ? '' : 's'} (one per input), got ${r.data.weights.length}` });
      }
      const weights: Rational[] = [];
      r.data.weights.forEach((w, j) => {
        const q = toRational(w);
        if (typeof q === 'string') issues.push({ path: [...at, 'weights', j], message: q });
        else weights.push(q);
      });
      const t = toRational(r.data.threshold);
      if (typeof t === 'string') {
        issues.push({ path: [...at, 'threshold'], message: t });
        continue;
      }
      out[id] = { weights, threshold: t } satisfies ThresholdParams;
    }
  }
  for (const u of instance.network.units) {
    if (isTrainableKind(u.kind) && !Object.hasOwn(value as object, u.id)) {
      const shape = u.kind === 'lookup' ? '{"table": [...]}' : '{"weights": [...], "threshold": ...}';
      issues.push({ path: [], message: `missing parameters for ${u.kind} unit "${u.id}" (expected ${shape})` });
    }
  }
  if (issues.length > 0) throwIssues(issues);
  return out;
}

/** Plain JSON for parameters (lossless: Rational.toJSON). */
export function parametersToJSON(params: Parameters): ParamsJSON {
  const out: ParamsJSON = {};
  for (const [id, p] of Object.entries(params)) {
    out[id] = isLookupParams(p) ? { table: [...p.table] } : { weights: p.weights.map((w) => w.toJSON()), threshold: p.threshold.toJSON() };
  }
  return out;
}
