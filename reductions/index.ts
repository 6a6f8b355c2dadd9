/**
 * trainsat's NP-hardness reductions, as runnable and checked code (see README.md here).
 *
 *   3SAT --(sat-to-nae-sat)--> NAE-SAT --(nae-sat-to-set-splitting)--> SET SPLITTING
 *   SET SPLITTING --(set-splitting-to-blum-rivest-and)--> 3-node network, AND output
 *   SET SPLITTING --(set-splitting-to-blum-rivest)-->     3-node network, threshold output
 *   HYPERGRAPH k-COLOURING --(coloring-to-and-network)--> k threshold units, AND output
 *   HYPERGRAPH 2-COLOURING --(two-coloring-to-set-splitting)--> SET SPLITTING
 *
 * Every arrow is a `Reduction` (reduction.ts) with both solution maps; the composed chains
 * below are built with `compose` and are Reductions too. `checkReduction` tests a reduction
 * on random sources (check-reduction.ts); `solveViaReduction` solves a source instance
 * with trainsat through a reduction (solve-via-reduction.ts).
 */
import type { Instance, Parameters } from '../src/model/types.js';
import { coloringToAndNetwork } from './coloring-to-and-network.js';
import { naeSatToSetSplitting } from './nae-sat-to-set-splitting.js';
import type { Coloring, HypergraphColoring } from './problems/hypergraph-coloring.js';
import type { Assignment, Cnf } from './problems/sat.js';
import type { SetSplitting, Splitting } from './problems/set-splitting.js';
import { compose, type Reduction } from './reduction.js';
import { satToNaeSat } from './sat-to-nae-sat.js';
import { setSplittingToBlumRivest } from './set-splitting-to-blum-rivest.js';
import { setSplittingToBlumRivestAnd } from './set-splitting-to-blum-rivest-and.js';
import { twoColoringToSetSplitting } from './two-coloring-to-set-splitting.js';

export * from './reduction.js';
export * from './problems/set-splitting.js';
export * from './problems/sat.js';
export * from './problems/hypergraph-coloring.js';
export { trainability, decideSolver, formatParameters, formatThreshold } from './problems/trainability.js';
export * from './check-reduction.js';
export * from './solve-via-reduction.js';
export { satToNaeSat } from './sat-to-nae-sat.js';
export { naeSatToSetSplitting, literalElement } from './nae-sat-to-set-splitting.js';
export { setSplittingToBlumRivestAnd } from './set-splitting-to-blum-rivest-and.js';
export { setSplittingToBlumRivest, GADGET } from './set-splitting-to-blum-rivest.js';
export { coloringToAndNetwork, andNetwork } from './coloring-to-and-network.js';
export { twoColoringToSetSplitting } from './two-coloring-to-set-splitting.js';
export { renderReductionHtml, type HtmlReport, type HtmlSolve } from './html.js';

/** 3SAT -> NAE-SAT -> Set Splitting. */
export const satToSetSplitting: Reduction<Cnf, Assignment, SetSplitting, Splitting> = compose(satToNaeSat, naeSatToSetSplitting);
/** 3SAT -> NAE-SAT -> Set Splitting -> 3-node network with an AND output. */
export const satToBlumRivestAnd: Reduction<Cnf, Assignment, Instance, Parameters> = compose(satToSetSplitting, setSplittingToBlumRivestAnd);
/** 3SAT -> NAE-SAT -> Set Splitting -> 3-node network with a threshold output. */
export const satToBlumRivest: Reduction<Cnf, Assignment, Instance, Parameters> = compose(satToSetSplitting, setSplittingToBlumRivest);
/** Hypergraph 2-colouring -> Set Splitting -> 3-node network with a threshold output. */
export const twoColoringToBlumRivest: Reduction<HypergraphColoring, Coloring, Instance, Parameters> = compose(twoColoringToSetSplitting, setSplittingToBlumRivest);

export const SOURCE_KINDS = ['set-splitting', '3sat', 'coloring'] as const;
export const TARGET_KINDS = ['blum-rivest', 'blum-rivest-and'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type TargetKind = (typeof TARGET_KINDS)[number];

/** A reduction to a trainsat instance, with its source type hidden behind `use`. */
export type TrainingReduction =
  | { source: 'set-splitting'; reduction: Reduction<SetSplitting, Splitting, Instance, Parameters> }
  | { source: '3sat'; reduction: Reduction<Cnf, Assignment, Instance, Parameters> }
  | { source: 'coloring'; reduction: Reduction<HypergraphColoring, Coloring, Instance, Parameters> };

/**
 * The reduction from a source problem to a target network. For colouring, `blum-rivest-and`
 * means k hidden units with an AND output (exactly the preset when k = 2), and
 * `blum-rivest` needs k = 2 (it goes through Set Splitting); `colors` is checked by the caller.
 */
export function reductionFor(source: SourceKind, target: TargetKind, colors = 2): TrainingReduction {
  switch (source) {
    case 'set-splitting':
      return { source, reduction: target === 'blum-rivest' ? setSplittingToBlumRivest : setSplittingToBlumRivestAnd };
    case '3sat':
      return { source, reduction: target === 'blum-rivest' ? satToBlumRivest : satToBlumRivestAnd };
    case 'coloring':
      if (target === 'blum-rivest' && colors !== 2) {
        throw new RangeError(`--target blum-rivest has two hidden units, so it takes --colors 2 (got ${colors}); use --target blum-rivest-and for k hidden units with an AND output`);
      }
      return { source, reduction: target === 'blum-rivest' ? twoColoringToBlumRivest : coloringToAndNetwork };
  }
}
