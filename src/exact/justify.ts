/**
 * Don't-cares by justification: which unit outputs does the current (partial) assignment
 * actually need?
 *
 * The SAT side gives every unit an output on every pattern, but many of those values are
 * irrelevant. In blum-rivest-and, a negative example needs ONE hidden unit to reject it;
 * what the other unit does there is free. Asking the LP to realize the solver's arbitrary
 * value for the free one over-constrains the unit and floods the search with conflicts
 * that are valid but useless (measured: ~5x more conflicts on random n = 14 instances).
 * So before the LPs we justify the assignment backwards from the outputs, as in circuit
 * SAT / ATPG justification:
 *  - an example is justified if it must be correct (no `minCorrect`) or the assignment
 *    counts it as correct (with `minCorrect`, incorrect examples need nothing);
 *  - a node's value on an example (if assigned) is justified by: for and = 0 / or = 1 /
 *    nand = 1 / nor = 0, ONE input with the controlling value (a constant if there is
 *    one, else one already needed, else the first); otherwise (other gate values, xor,
 *    not, lookup, fixed-threshold, threshold units) all its literal inputs.
 * Unassigned values justify nothing yet (partial assignments, cdcl.ts). Only justified
 * patterns of a real-weight threshold unit, with all their inputs assigned, are handed
 * to the LP.
 *
 * Soundness: by induction in topological order, parameters that realize the justified
 * labels of every unit reproduce the assignment's value on every justified (node,
 * example) of a complete assignment: a justified node's needed inputs are justified, so
 * they have the assignment's values, and those alone fix the node's value. The justified
 * outputs are then correct. Conflicts are unaffected (a blocking clause over any subset
 * of points is valid), and the final parameters are checked by exact evaluation anyway.
 */
import type { Lit } from '../cnf/builder.js';
import { isConst, type NodeValue, type Skeleton } from './skeleton.js';

/**
 * cared[ci][p] = 1 iff pattern p of circuit node ci is needed. `val(l)`: 1 true,
 * -1 false, 0 unassigned.
 */
export function justify(sk: Skeleton, val: (l: Lit) => number): Uint8Array[] {
  const { circuit } = sk;
  const cared = circuit.map((n) => new Uint8Array(n.rows.length));
  const v3 = (v: NodeValue): number => (isConst(v) ? (v.c.num !== 0n ? 1 : -1) : val(v.l));

  const visit = (ci: number, e: number): void => {
    const node = circuit[ci];
    const p = node.patOf[e];
    if (cared[ci][p] || v3(node.out[p]) === 0) return;
    cared[ci][p] = 1;
    const row = node.rows[p];
    let controlling = 0; // the input value that alone fixes the output (0: none)
    switch (node.unit.kind) {
      case 'and':
      case 'nand':
        controlling = -1;
        break;
      case 'or':
      case 'nor':
        controlling = 1;
        break;
    }
    if (controlling !== 0) {
      let pick = -1;
      let open = false;
      for (let j = 0; j < row.length; j++) {
        const x = v3(row[j]);
        if (x === 0) open = true;
        if (x !== controlling) continue;
        if (isConst(row[j])) return; // fixed structurally: nothing to justify
        const s = node.src[j];
        const needed = s >= 0 && cared[s][circuit[s].patOf[e]] === 1;
        if (pick < 0 || needed) pick = j;
        if (needed) break;
      }
      if (pick >= 0) {
        const s = node.src[pick];
        if (s >= 0) visit(s, e);
        return;
      }
      if (open) return; // not decided by its inputs yet
    }
    for (let j = 0; j < row.length; j++) {
      const s = node.src[j];
      if (s >= 0 && !isConst(row[j])) visit(s, e);
    }
  };

  sk.correct.forEach((c, e) => {
    if (val(c) !== 1) return;
    for (const ci of sk.outputNodes) if (ci >= 0) visit(ci, e);
  });
  return cared;
}
