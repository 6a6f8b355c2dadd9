/**
 * `trainsat/arbitraries`: fast-check arbitraries of trainsat instances and CNF formulas whose
 * answers are known by construction, for property-based tests of solvers, encoders and
 * trainers (yours or trainsat's own). Every value carries its `expected` answer, a
 * `witness` for YES answers (already checked), and a one-line `reason`; shrinking keeps
 * the answer true. Each file opens with what it generates and why its answer is right.
 *
 *   plantedInstance        trainable: labels computed by planted parameters (the witness)
 *   layeredInstance        trainable: multi-class layered network, labels = the planted argmax
 *   parityInstance         untrainable: XOR / 3-parity face embedded in a perceptron instance
 *   contradictionInstance  untrainable: same x, different y, any architecture
 *   unsplittableInstance   untrainable: Blum-Rivest reduction of an unsplittable set system
 *   untrainableInstance    any of the three above
 *   reductionInstance      either answer: reduction of a brute-forced set-splitting / 3SAT source
 *   knownInstance          any of the above
 *   plantedCnf             satisfiable: planted random k-SAT (the assignment is the witness)
 *   pigeonholeCnf          unsatisfiable: PHP(h+1, h), scrambled
 *   randomUnsatCnf         unsatisfiable: random k-CNF completed until brute force finds no model
 *   unsatCnf, knownCnf     mixtures
 * and the building blocks networkArbitrary, parametersFor, parameterPool, inputRows.
 *
 * Sizes: every count with a bound in the options (examples, units, clauses, sets) is drawn
 * over the whole range given, not only fast-check's default "small" sizes; shrinking goes
 * towards the lower bounds. Options that make no sense throw a RangeError when the
 * arbitrary is built, not while it runs.
 */
export * from './types.js';
export { networkArbitrary, resolveNetworkOptions, ARCHITECTURE_NAMES, MAX_RANDOM_LOOKUP_FANIN, type ArchitectureName, type NetworkOptions } from './network.js';
export { parameterPool, parametersFor, plantParameters, type ParameterPoolOptions, type UnitParameterDraw } from './parameters.js';
export { inputRows, rowsToInputs, booleanInputs, type InputRowsOptions } from './inputs.js';
export { plantedInstance, type PlantedOptions } from './planted.js';
export { layeredInstance, type LayeredOptions } from './layered.js';
export { parityInstance, type ParityOptions } from './parity.js';
export { contradictionInstance, type ContradictionOptions } from './contradiction.js';
export {
  unsplittableInstance,
  UNSPLITTABLE_CORES,
  REDUCTION_TARGETS,
  type UnsplittableCore,
  type UnsplittableOptions,
  type ReductionTarget,
} from './unsplittable.js';
export { untrainableInstance, UNTRAINABLE_FAMILIES, type UntrainableFamily, type UntrainableOptions } from './untrainable.js';
export { reductionInstance, REDUCTION_SOURCES, type ReductionOptions, type ReductionSource } from './reduction.js';
export { knownInstance, knownCnf, type KnownInstanceOptions, type KnownCnfOptions } from './known.js';
export { plantedCnf, type PlantedCnfOptions } from './cnf-planted.js';
export { pigeonholeCnf, pigeonhole, type PigeonholeOptions } from './cnf-pigeonhole.js';
export { randomUnsatCnf, type RandomUnsatOptions } from './cnf-random-unsat.js';
export { unsatCnf, UNSAT_FAMILIES, type UnsatCnfOptions, type UnsatFamily } from './cnf-unsat.js';
export { bruteForceSat, bruteForceSplitting, allModels, MAX_BRUTE_VARS } from './brute.js';

// What a test of generated values needs besides the arbitraries: the model types, exact
// rationals, the exact check of parameters, and the JSON forms (to feed tools outside JS).
export type { Example, Instance, Network, Parameters, Unit, UnitKind, ThresholdParams, LookupParams } from '../model/types.js';
export { Rational } from '../model/rational.js';
export { checkParameters, evaluateOutputs, predict, type CheckResult, type Prediction } from '../model/evaluate.js';
export { instanceToJSON, type InstanceJSON } from '../model/serialize.js';
export { parametersToJSON, type ParamsJSON } from '../model/params.js';
