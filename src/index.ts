/**
 * trainsat's library API: the data model, the exact decision pipeline and its stages.
 * Generated instances with known answers live in the separate export
 * `trainsat/arbitraries` (src/arbitraries), so importing trainsat does not load fast-check.
 */
export * from './model/index.js';
export { decide, VerificationError, type DecideOptions, type DecideResult, type BitblastStats, type HybridStats, type MipStats } from './decide.js';
export { encodeLoading, type LoadingEncoding, type LoadingEncodingOptions, type LoadingEncodingStats } from './encode/loading.js';
export { CnfBuilder, TRUE, FALSE, type Cnf, type Lit } from './cnf/builder.js';
export { parseDimacs, writeDimacs } from './cnf/dimacs.js';
export { createSolver, BACKENDS } from './solvers/index.js';
export type { SatSolver, SatStatus, SolveOptions } from './solvers/types.js';
