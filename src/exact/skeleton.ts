/**
 * The Boolean skeleton of the hybrid solver: everything about a network except the
 * linear separability of its real-weight threshold units, as CNF. It is the circuit
 * encoder (src/encode/circuit.ts) in 'theory' mode: real-weight threshold units are not
 * bit-blasted but left to the LP layer as ThresholdTheory units ('points' or 'table'),
 * threshold units with `integerWeights` are bit-blasted (integer feasibility is not an LP
 * question, so mixed networks are handled natively with only the real-weight units lazy),
 * and units that cannot influence an output are left out and get default parameters.
 * Sharing one output literal per distinct input pattern is also the cheapest propagation
 * there is ("identical inputs, identical output") and costs nothing at solve time.
 */
import { encodeCircuit, type Circuit, type CircuitOptions, type ThresholdVars } from '../encode/circuit.js';
import type { Instance } from '../model/types.js';

export { decodeThreshold as decodeInteger, isConst, TABLE_MAX_FANIN } from '../encode/circuit.js';
export type { CircuitNode, LookupVars, NodeValue, ThresholdTheory, ThresholdVars as IntegerThresholdVars } from '../encode/circuit.js';

/** The encoded circuit; `integerUnits` are its bit-blasted (integer-weight) threshold units. */
export interface Skeleton extends Circuit {
  integerUnits: ThresholdVars[];
}

export type SkeletonOptions = Pick<CircuitOptions, 'symmetryBreaking' | 'tableMaxFanin'>;

export function buildSkeleton(instance: Instance, opts: SkeletonOptions = {}): Skeleton {
  const c = encodeCircuit(instance, { realWeights: 'theory', ...opts });
  return { ...c, integerUnits: c.thresholds };
}
