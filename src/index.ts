/**
 * trainsat's library API: the data model, the exact decision pipeline and its stages.
 * Generated instances with known answers live in the separate export
 * `trainsat/arbitraries` (src/arbitraries), so importing trainsat does not load fast-check;
 * the reductions from NP-hard problems are `trainsat/reductions` (reductions/).
 */
export * from './model/index.js';
export { decide, VerificationError, type DecideOptions, type DecideResult, type BitblastStats, type HybridStats, type MipStats } from './decide.js';
export { encodeLoading, type LoadingEncoding, type LoadingEncodingOptions, type LoadingEncodingStats } from './encode/loading.js';
export { CnfBuilder, TRUE, FALSE, type Cnf, type Lit } from './cnf/builder.js';
export { parseDimacs, writeDimacs } from './cnf/dimacs.js';
export { createSolver, BACKENDS } from './solvers/index.js';
export type { SatSolver, SatStatus, SolveOptions } from './solvers/types.js';
export { trainGD, GD_DEFAULTS, type GDOptions, type GDResult, type GDProgress, type GDEpoch, type RestartResult } from './gd/train.js';
export { explainUntrainable, subInstance, type ExplainOptions, type ExplainResult } from './explain/core.js';
export { maxFit, MAX_FIT_STRATEGIES, type MaxFitOptions, type MaxFitResult, type MaxFitStrategy, type FitBound } from './optimize/max-fit.js';
