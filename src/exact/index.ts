/**
 * Public surface of src/exact: the hybrid SAT + LP decision procedure for real-weight
 * threshold networks (hybrid.ts) and its pieces: the float separation LP (float-lp.ts),
 * the exact rational LP (rational-lp.ts), Farkas certificates checked in BigInt
 * rationals (farkas.ts), the separability oracle with minimal conflicts (separation.ts),
 * the Boolean skeleton of a network (skeleton.ts), don't-care justification
 * (justify.ts) and the CDCL engine with a theory hook (cdcl.ts).
 *
 * `decide(instance, { backend: 'hybrid' })` (src/decide.ts) lands in `decideHybrid`.
 */
export { decideHybrid, blockingClause, caredPoints, labelledPoints, HybridVerificationError, type HybridOptions, type HybridResult, type HybridStats, type TheoryLemma } from './hybrid.js';
export { certificateError, checkCertificate, recoverCertificate, recoverCertificateEx, recoverFromFloat, solveExact, type FarkasCertificate } from './farkas.js';
export { Cdcl, type CdclStatus, type TheoryHook } from './cdcl.js';
export { justify, Justifier } from './justify.js';
export { separateFloat, floatGap, type FloatLpResult } from './float-lp.js';
export { separateExact, separatesExactly, dotExact, type ExactLpResult } from './rational-lp.js';
export { SeparationOracle, thresholdFor, type LabelledPoints, type CheckResult, type OracleStats } from './separation.js';
export { buildSkeleton, TABLE_MAX_FANIN, type Skeleton, type ThresholdTheory, type NodeValue } from './skeleton.js';
