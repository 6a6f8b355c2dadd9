/**
 * Public surface of src/model: the data model, exact rationals, parsing/validation of
 * instances and parameters, presets, exact evaluation, weight bounds, and the brute-force
 * reference decision procedure. Other stages import from here (or from the files directly).
 */
export * from './types.js';
export { Rational } from './rational.js';
export { InputError } from './errors.js';
export { parseInstance, parseInstanceValue, validatedInstance, LIMITS, MAX_LOOKUP_FANIN, RESERVED_IDS } from './parse.js';
export { instanceToJSON, type InstanceJSON, type UnitJSON } from './serialize.js';
export { expandPreset, inputNames, PRESET_NAMES, type PresetName, type PresetOptions } from './presets.js';
export { parseParameters, parseParametersValue, parametersToJSON, type ParamsJSON } from './params.js';
export {
  argmaxClass,
  checkParameters,
  classScores,
  evaluateNetwork,
  evaluateOutputs,
  evaluateUnit,
  parameterViolations,
  predict,
  unitScore,
  type CheckFailure,
  type CheckResult,
  type ClassFailure,
  type OutputsFailure,
  type Prediction,
} from './evaluate.js';
export { bruteForce, BruteForceBudgetError, type BruteForceOptions, type BruteForceResult } from './bruteforce.js';
export { booleanRanges, booleanWeightBound, integerInputRanges, integerInputWeightBound } from './weight-bound.js';
export { formatPath, JsonNumber, locateJsonError, parseJsonText, type Issue, type JsonPath } from './json-input.js';
