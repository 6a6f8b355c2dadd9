/**
 * Everything at once: `knownInstance` mixes planted (trainable), untrainable and
 * reduction-derived instances; `knownCnf` mixes planted-satisfiable and unsatisfiable
 * formulas. The answers are those of the arbitraries chosen from (each proves its own);
 * this is what a differential test of a whole solver wants.
 */
import fc from 'fast-check';
import { plantedCnf, type PlantedCnfOptions } from './cnf-planted.js';
import { unsatCnf, type UnsatCnfOptions } from './cnf-unsat.js';
import { plantedInstance, type PlantedOptions } from './planted.js';
import { reductionInstance, type ReductionOptions } from './reduction.js';
import type { KnownCnf, KnownInstance } from './types.js';
import { untrainableInstance, type UntrainableOptions } from './untrainable.js';

export interface KnownInstanceOptions {
  planted?: PlantedOptions;
  untrainable?: UntrainableOptions;
  reduction?: ReductionOptions;
}

/** Instances with known answers, roughly half trainable. */
export function knownInstance(opts: KnownInstanceOptions = {}): fc.Arbitrary<KnownInstance> {
  return fc.oneof(
    { weight: 2, arbitrary: plantedInstance(opts.planted) as fc.Arbitrary<KnownInstance> },
    { weight: 2, arbitrary: untrainableInstance(opts.untrainable) as fc.Arbitrary<KnownInstance> },
    { weight: 1, arbitrary: reductionInstance(opts.reduction) },
  );
}

export interface KnownCnfOptions {
  planted?: PlantedCnfOptions;
  unsat?: UnsatCnfOptions;
}

/** CNFs with known status, half satisfiable. */
export function knownCnf(opts: KnownCnfOptions = {}): fc.Arbitrary<KnownCnf> {
  return fc.oneof(plantedCnf(opts.planted), unsatCnf(opts.unsat));
}
