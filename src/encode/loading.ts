/**
 * The loading problem as CNF (Judd, "Neural Network Design and the Complexity of
 * Learning", 1990): is there a parameter assignment for every trainable unit such that
 * the network maps each example's x to its y (or at least `minCorrect` examples)?
 *
 * The circuit encoder (circuit.ts) in 'bit-blast' mode: every threshold unit's weights and
 * threshold are bounded integers, in the declared range with `integerWeights` and else in
 * the box complete for real weights (src/model/weight-bound.ts), so "no model" means no
 * real weights exist, not "none within an arbitrary bound". This file reads the
 * parameters back from a model.
 */
import type { CnfBuilder, Lit } from '../cnf/builder.js';
import type { BitVec } from '../cnf/arith.js';
import { boolLit, decodeThreshold, encodeCircuit, type CircuitOptions, type LookupVars, type ThresholdLadder, type ThresholdVars } from './circuit.js';
import type { Instance, Parameters } from '../model/types.js';

export type LoadingEncodingOptions = Pick<CircuitOptions, 'symmetryBreaking' | 'shareSums' | 'enumerateWeights' | 'margin'>;

export interface LoadingEncodingStats {
  vars: number;
  clauses: number;
  /** Distinct input patterns per unit id (examples sharing a pattern share an output). */
  patterns: Record<string, number>;
  /** Groups of interchangeable units that were ordered. */
  symmetricGroups: string[][];
}

export interface LoadingEncoding {
  cnf: CnfBuilder;
  stats: LoadingEncodingStats;
  /** Reads parameters from a model (`value(v)` = truth of variable v). Verify before use. */
  decode(value: (v: number) => boolean): Parameters;
  /**
   * Per example: the literal "this example is fully correct" under `minCorrect` (TRUE for
   * every example without it, whose outputs are then asserted).
   */
  correct: Lit[];
  /** The literal of unit `id`'s output on example e (TRUE or FALSE where it is constant). */
  unitOutput(id: string, e: number): Lit;
  /**
   * The variables of a trainable unit's parameters: a lookup unit's table, or an
   * integer-weight threshold unit's weights and threshold (two's complement, LSB first;
   * a group of inputs equal on every example has one weight, the sum, on its first member;
   * an enumerated unit's threshold is a ThresholdLadder).
   * Real-weight units are left out: their bit-vectors hold scaled integers, not the weights.
   */
  parameterBits(id: string): { table: Lit[] } | { weights: BitVec[]; groups: number[][]; threshold: BitVec | ThresholdLadder } | undefined;
  /** The margin variable, with the `margin` option (CircuitOptions.margin). */
  margin?: BitVec;
}

export function encodeLoading(instance: Instance, opts: LoadingEncodingOptions = {}): LoadingEncoding {
  const c = encodeCircuit(instance, { realWeights: 'bit-blast', ...opts });
  const b = c.cnf;
  const vars = new Map<string, LookupVars | ThresholdVars>([...c.lookups, ...c.thresholds].map((p) => [p.unit.id, p]));
  const tableOf = (p: LookupVars): Lit[] => Array.from({ length: 1 << p.unit.inputs.length }, (_, i) => p.entries.get(i)!);
  const decode = (value: (v: number) => boolean): Parameters => {
    const out: Parameters = {};
    for (const unit of instance.network.units) {
      const p = vars.get(unit.id);
      if (p === undefined) continue;
      out[unit.id] = 'entries' in p ? { table: tableOf(p).map((l) => (value(l) ? 1 : 0)) } : decodeThreshold(p, value);
    }
    return out;
  };
  return {
    cnf: b,
    stats: { vars: b.numVars, clauses: b.clauses.length, patterns: c.patterns, symmetricGroups: c.symmetricGroups },
    decode,
    correct: c.correct,
    ...(c.margin ? { margin: c.margin } : {}),
    unitOutput: (id, e) => {
      const v = c.patterns[id] === undefined ? undefined : c.values.get(id)?.[e];
      if (v === undefined) throw new RangeError(`no unit "${id}" on example ${e}`);
      return boolLit(v, `unit ${id}`);
    },
    parameterBits: (id) => {
      const p = vars.get(id);
      if (p === undefined) return undefined;
      if ('entries' in p) return { table: tableOf(p) };
      return p.unit.integerWeights ? { weights: p.weights, groups: p.groups, threshold: p.threshold } : undefined;
    },
  };
}
