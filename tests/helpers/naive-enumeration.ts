/**
 * Naive enumeration, the reference the brute-force decider (src/model/bruteforce.ts) is
 * compared with: every combination of the given parameter choices, each checked exactly.
 */
import { checkParameters } from '../../src/model/evaluate.js';
import type { Instance, LookupParams, Parameters, ThresholdParams } from '../../src/model/types.js';

/** The parameters to try for one trained unit. */
export interface UnitChoices {
  id: string;
  opts: (ThresholdParams | LookupParams)[];
}

/** True iff some combination of the choices (one per unit) passes checkParameters. */
export function someChoiceFits(inst: Instance, choices: readonly UnitChoices[]): boolean {
  const params: Parameters = {};
  const go = (i: number): boolean => {
    if (i === choices.length) return checkParameters(inst, params).ok;
    for (const o of choices[i].opts) {
      params[choices[i].id] = o;
      if (go(i + 1)) return true;
    }
    return false;
  };
  return go(0);
}

/** Every truth table of a lookup unit with k inputs. */
export function allTables(k: number): LookupParams[] {
  return Array.from({ length: 2 ** 2 ** k }, (_, f) => ({ table: Array.from({ length: 2 ** k }, (_, i) => ((f >> i) & 1) as 0 | 1) }));
}
