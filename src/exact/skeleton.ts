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
import type { CnfBuilder, Lit } from '../cnf/builder.js';
import { encodeCircuit, type CircuitNode, type LookupVars, type ThresholdTheory, type ThresholdVars } from '../encode/circuit.js';
import type { Instance, Unit } from '../model/types.js';

export { decodeThreshold as decodeInteger, isConst, TABLE_MAX_FANIN } from '../encode/circuit.js';
export type { CircuitNode, LookupVars, NodeValue, ThresholdTheory, ThresholdVars as IntegerThresholdVars } from '../encode/circuit.js';

export interface Skeleton {
  cnf: CnfBuilder;
  /** Relevant units in topological order. */
  circuit: CircuitNode[];
  /** Per example: the literal "this example is fully correct" (TRUE when all must be). */
  correct: Lit[];
  /** Circuit index of each network output (-1: it names a network input). */
  outputNodes: number[];
  theories: ThresholdTheory[];
  lookups: LookupVars[];
  integerUnits: ThresholdVars[];
  /** Trainable units that cannot influence an output. */
  irrelevant: Unit[];
  patterns: Record<string, number>;
  symmetricGroups: string[][];
  /** Hidden units whose output on the first example was fixed to 1 (complement symmetry). */
  polarityFixed: string[];
}

export interface SkeletonOptions {
  symmetryBreaking?: boolean;
  /** Largest fan-in handled in 'table' mode (default TABLE_MAX_FANIN; 0 = always 'points'). */
  tableMaxFanin?: number;
}

export function buildSkeleton(instance: Instance, opts: SkeletonOptions = {}): Skeleton {
  const c = encodeCircuit(instance, { realWeights: 'theory', ...opts });
  return { ...c, integerUnits: c.thresholds };
}
