/**
 * Don't-cares by justification: which unit outputs does the current model actually need?
 *
 * The SAT solver gives every unit an output on every pattern, but many of those values
 * are irrelevant. In blum-rivest-and, a negative example needs ONE hidden unit to reject
 * it; what the other unit does there is free. Asking the LP to realize the solver's
 * arbitrary value for the free one over-constrains the unit and floods the search with
 * conflicts that are valid but useless (measured: ~10x more conflicts and LPs on random
 * n = 14 instances). So before the LPs we justify the model backwards from the outputs,
 * as in circuit SAT / ATPG justification:
 *  - an example is justified if it must be correct (no `minCorrect`) or the model counts
 *    it as correct (with `minCorrect`, incorrect examples need nothing);
 *  - a node's value on an example is justified by: for and = 0 / or = 1 / nand = 1 /
 *    nor = 0, ONE controlling input (a constant if there is one, else one already needed,
 *    else the first); otherwise (other gate values, xor, not, lookup, fixed-threshold,
 *    threshold units) all its literal inputs.
 * Only the justified patterns of a real-weight threshold unit are handed to the LP.
 *
 * Soundness: by induction in topological order, parameters that realize the justified
 * labels of every unit reproduce the model's value on every justified (node, example):
 * a justified node's needed inputs are justified, so they have the model's values, and
 * those alone fix the node's value. The justified outputs are then correct. Conflicts are
 * unaffected (a blocking clause over any subset of points is valid), and the final
 * parameters are checked by exact evaluation anyway.
 */
import type { Lit } from '../cnf/builder.js';
import { isConst, type NodeValue, type Skeleton } from './skeleton.js';

/** cared[ci][p] = 1 iff pattern p of circuit node ci is needed by the model. */
export function justify(sk: Skeleton, lit: (l: Lit) => boolean): Uint8Array[] {
  const { circuit } = sk;
  const cared = circuit.map((n) => new Uint8Array(n.rows.length));
  const val = (v: NodeValue): boolean => (isConst(v) ? v.c.num !== 0n : lit(v.l));

  const visit = (ci: number, e: number): void => {
    const node = circuit[ci];
    const p = node.patOf[e];
    if (cared[ci][p]) return;
    cared[ci][p] = 1;
    const row = node.rows[p];
    let controlling: boolean | null = null; // the input value that alone fixes the output
    switch (node.unit.kind) {
      case 'and':
      case 'nand':
        controlling = false;
        break;
      case 'or':
      case 'nor':
        controlling = true;
        break;
    }
    if (controlling !== null) {
      // Output decided by one controlling input if any input has the controlling value.
      let pick = -1;
      for (let j = 0; j < row.length; j++) {
        if (val(row[j]) !== controlling) continue;
        if (isConst(row[j])) return; // fixed structurally: nothing to justify
        const s = node.src[j];
        if (pick < 0 || (s >= 0 && cared[s][circuit[s].patOf[e]])) pick = j;
        if (s >= 0 && cared[s][circuit[s].patOf[e]]) break;
      }
      if (pick >= 0) {
        const s = node.src[pick];
        if (s >= 0) visit(s, e);
        return;
      }
    }
    for (let j = 0; j < row.length; j++) {
      const s = node.src[j];
      if (s >= 0 && !isConst(row[j])) visit(s, e);
    }
  };

  sk.correct.forEach((c, e) => {
    if (!lit(c)) return;
    for (const ci of sk.outputNodes) if (ci >= 0) visit(ci, e);
  });
  return cared;
}
