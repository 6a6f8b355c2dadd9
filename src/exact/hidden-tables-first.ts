/**
 * Hidden tables first: the search decides the truth tables of the units that read other
 * units (hidden layers 2, 3, ... and the output, in table mode) before any output of a
 * unit on an example.
 *
 * What. A real-weight threshold unit of small fan-in k reading hidden units is decided in
 * table mode (skeleton.ts, src/encode/circuit.ts): one literal per vertex of {0,1}^k, the
 * unit's output on an example being the table entry its inputs select. These few literals
 * (4 or 8 per unit for widths 2 and 3) fix the Boolean function the upper layers compute
 * of the first layer's outputs; so do the entries of a lookup unit (the width-two normal
 * form, width-two-normal-form.ts, makes the upper layers one). `tableVariables` lists
 * them, and the CDCL engine decides
 * them before every other variable (cdcl.ts `decideFirst`, the most active first).
 *
 * Why. With the upper layers' functions open, an example's label says almost nothing
 * about the first layer's outputs on it, so those outputs are decisions, and each wrong
 * one is found only by a theory conflict of a first-layer unit. Once the tables are
 * decided, the skeleton's clauses propagate the labels down to the first layer (for a
 * 2-2 network whose upper layers compute AND of the first layer, a positive example forces
 * both first-layer units to 1, as in the Blum-Rivest network), and the search left is the
 * one the hybrid already does well on the 3-node network. The tables are few, so deciding
 * them first is a case split over the functions of the upper layers with clause learning
 * across the cases (conflict clauses about first-layer outputs hold in every case). This
 * is the "decide the inputs of a circuit first" heuristic of circuit SAT (Järvisalo &
 * Niemelä, "The effect of structural branching on the efficiency of clause learning SAT
 * solving: An experimental study", J. Algorithms 63, 2008), applied to the variables that
 * select a function.
 *
 * Soundness: a decision order only, every answer still comes from the search and the
 * certified theory.
 */
import type { Skeleton } from './skeleton.js';

/**
 * The variables of the truth tables of the table-mode theory units and of the lookup
 * units (not the constant variable 1).
 */
export function tableVariables(sk: Skeleton): Int32Array {
  const vars = new Set<number>();
  for (const lk of sk.lookups) for (const l of lk.entries.values()) if (Math.abs(l) > 1) vars.add(Math.abs(l));
  for (const th of sk.theories) {
    if (th.mode !== 'table') continue;
    for (const l of th.table) if (Math.abs(l) > 1) vars.add(Math.abs(l));
  }
  return Int32Array.from(vars);
}
