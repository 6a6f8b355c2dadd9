/**
 * Public surface of src/gd: the gradient-descent trainer that trainsat compares with its
 * exact answers. `trainGD` trains a network's smooth relaxation with Adam and
 * random restarts; every success it reports has passed exact evaluation.
 */
export { trainGD, exampleMatrices, initTheta, GD_DEFAULTS, type GDOptions, type GDProgress, type GDResult, type RestartResult } from './train.js';
export { CompiledNetwork, Workspace, sigmoid, type CompiledUnit } from './relaxed.js';
export { HardEvaluator, hardenTheta, toParameters } from './harden.js';
export { Rng, seedFrom } from './rng.js';
