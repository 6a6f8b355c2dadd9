/**
 * Don't-cares by justification: which unit outputs does the current (partial) assignment
 * actually need?
 *
 * The SAT side gives every unit an output on every pattern, but many of those values are
 * irrelevant. In blum-rivest-and, a negative example needs ONE hidden unit to reject it;
 * what the other unit does there is free. Asking the LP to realize the solver's arbitrary
 * value for the free one over-constrains the unit and floods the search with conflicts
 * that are valid but useless (many more conflicts: docs/measurements.md).
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
 * The skeleton's circuit flattened for justification, built once per skeleton: a check
 * runs at every propagation fixpoint of the search, so the walk must not allocate or
 * compare BigInts. A value is stored as a literal (outLit, rowLit), or as 0 there with
 * its constant beside it (outConst, rowConst: 1 true, -1 false).
 */
export class Justifier {
  private readonly nodes: {
    /** The input value that alone fixes the output (and/nand: -1, or/nor: 1), or 0. */
    controlling: number;
    /** Whether some input is a unit (not a network input). */
    readsNodes: boolean;
    src: Int32Array;
    k: number;
    patOf: Int32Array;
    outLit: Int32Array;
    outConst: Int8Array;
    rowLit: Int32Array;
    rowConst: Int8Array;
  }[];
  /** cared[ci][p]: reused between calls. */
  private readonly cared: Uint8Array[];

  constructor(private readonly sk: Skeleton) {
    // Plain loops: TypedArray.from with a map function is a slow path in V8.
    const fill = (values: NodeValue[], lits: Int32Array, consts: Int8Array, at: number) => {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (isConst(v)) consts[at + i] = v.c.num !== 0n ? 1 : -1;
        else lits[at + i] = v.l;
      }
    };
    this.nodes = sk.circuit.map((node) => {
      const k = node.src.length;
      const kind = node.unit.kind;
      const outLit = new Int32Array(node.out.length);
      const outConst = new Int8Array(node.out.length);
      fill(node.out, outLit, outConst, 0);
      // A unit reading network inputs only is never looked into (visit): no rows needed.
      const readsNodes = node.src.some((s) => s >= 0);
      const size = readsNodes ? node.rows.length * k : 0;
      const rowLit = new Int32Array(size);
      const rowConst = new Int8Array(size);
      if (readsNodes) node.rows.forEach((row, p) => fill(row, rowLit, rowConst, p * k));
      return {
        controlling: kind === 'and' || kind === 'nand' ? -1 : kind === 'or' || kind === 'nor' ? 1 : 0,
        readsNodes,
        src: Int32Array.from(node.src),
        k,
        patOf: node.patOf,
        outLit,
        outConst,
        rowLit,
        rowConst,
      };
    });
    this.cared = sk.circuit.map((n) => new Uint8Array(n.rows.length));
  }

  /**
   * cared[ci][p] = 1 iff pattern p of circuit node ci is needed. `val(l)`: 1 true,
   * -1 false, 0 unassigned. The arrays returned are overwritten by the next call.
   */
  run(val: (l: Lit) => number): Uint8Array[] {
    const { cared, sk } = this;
    for (const c of cared) c.fill(0);
    const { correct, outputNodes } = sk;
    for (let e = 0; e < correct.length; e++) {
      if (val(correct[e]) !== 1) continue;
      for (let o = 0; o < outputNodes.length; o++) if (outputNodes[o] >= 0) this.visit(outputNodes[o], e, val);
    }
    return cared;
  }

  /** visit(ci, e, val) for a node that reads network inputs only: no recursion, so the JIT can inline it. */
  private visitLeaf(ci: number, e: number, val: (l: Lit) => number): void {
    const node = this.nodes[ci];
    const p = node.patOf[e];
    const c = this.cared[ci];
    if (c[p]) return;
    const ol = node.outLit[p];
    if ((ol === 0 ? node.outConst[p] : val(ol)) !== 0) c[p] = 1;
  }

  private visit(ci: number, e: number, val: (l: Lit) => number): void {
    const node = this.nodes[ci];
    const cared = this.cared;
    const p = node.patOf[e];
    if (cared[ci][p]) return;
    const ol = node.outLit[p];
    if ((ol === 0 ? node.outConst[p] : val(ol)) === 0) return;
    cared[ci][p] = 1;
    const { k, src, rowLit, rowConst, controlling } = node;
    if (!node.readsNodes) return; // only network inputs below: nothing more to justify
    const base = p * k;
    if (controlling !== 0) {
      let pick = -1;
      let open = false;
      for (let j = 0; j < k; j++) {
        const l = rowLit[base + j];
        const x = l === 0 ? rowConst[base + j] : val(l);
        if (x === 0) open = true;
        if (x !== controlling) continue;
        if (l === 0) return; // fixed structurally: nothing to justify
        const s = src[j];
        const needed = s >= 0 && cared[s][this.nodes[s].patOf[e]] === 1;
        if (pick < 0 || needed) pick = j;
        if (needed) break;
      }
      if (pick >= 0) {
        const s = src[pick];
        if (s >= 0) {
          if (this.nodes[s].readsNodes) this.visit(s, e, val);
          else this.visitLeaf(s, e, val);
        }
        return;
      }
      if (open) return; // not decided by its inputs yet
    }
    for (let j = 0; j < k; j++) {
      const s = src[j];
      if (s < 0 || rowLit[base + j] === 0) continue;
      if (this.nodes[s].readsNodes) this.visit(s, e, val);
      else this.visitLeaf(s, e, val);
    }
  }
}

/**
 * cared[ci][p] = 1 iff pattern p of circuit node ci is needed. `val(l)`: 1 true,
 * -1 false, 0 unassigned. (One-off form of Justifier.run.)
 */
export function justify(sk: Skeleton, val: (l: Lit) => number): Uint8Array[] {
  return new Justifier(sk).run(val).map((c) => c.slice());
}
