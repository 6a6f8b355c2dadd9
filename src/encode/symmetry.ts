/**
 * Symmetry breaking between interchangeable hidden units for the circuit encoder
 * (circuit.ts), by lexicographic order constraints (the lex-leader idea of Crawford,
 * Ginsberg, Luks and Roy, "Symmetry-breaking predicates for search problems", 1996).
 *
 * Units u and v are interchangeable when they have the same kind (threshold or lookup),
 * the same inputs and the same parameter domain, neither is a network output, and every
 * unit that reads one of them reads both, once each, and is symmetric under swapping
 * them: a symmetric gate (and/or/nand/nor/xor), or a trainable threshold/score/lookup unit
 * (swap its weights / permute its table). Then swapping u and v (and adjusting the
 * consumers) maps solutions to solutions, so requiring out(u) >=lex out(v) over the
 * examples keeps at least one solution of each orbit: the answer is unchanged.
 */
import { FALSE, TRUE, type CnfBuilder, type Lit } from '../cnf/builder.js';
import type { Network, Unit } from '../model/types.js';

const SYMMETRIC_READERS = new Set(['and', 'or', 'nand', 'nor', 'xor', 'threshold', 'score', 'lookup']);

/**
 * Groups (of size >= 2, in unit order) of interchangeable units. `relevant(i)` restricts
 * both the candidates and their consumers to units that matter (default: all).
 */
export function interchangeableGroups(network: Network, relevant: (i: number) => boolean = () => true): string[][] {
  const outputs = new Set(network.outputs);
  const consumers = new Map<string, Unit[]>();
  network.units.forEach((u, i) => {
    if (!relevant(i)) return;
    for (const id of u.inputs) {
      if (!consumers.has(id)) consumers.set(id, []);
      consumers.get(id)!.push(u);
    }
  });
  const groups = new Map<string, string[]>();
  network.units.forEach((u, i) => {
    if (!relevant(i) || (u.kind !== 'threshold' && u.kind !== 'lookup') || outputs.has(u.id)) return;
    const cs = consumers.get(u.id) ?? [];
    if (cs.length === 0) return;
    for (const c of cs) {
      if (!SYMMETRIC_READERS.has(c.kind)) return;
      if (c.inputs.filter((x) => x === u.id).length !== 1) return;
    }
    // Identical consumer lists: every consumer reads every member of the group.
    const sig = JSON.stringify([u.kind, u.inputs, u.integerWeights ?? null, cs.map((c) => c.id).sort()]);
    if (!groups.has(sig)) groups.set(sig, []);
    groups.get(sig)!.push(u.id);
  });
  return [...groups.values()].filter((ids) => ids.length >= 2);
}

/**
 * Orders each group by a chain of lexicographic constraints on the members' output
 * literals (`outputsOf(id)[e]` = the unit's output on example e). Returns the groups.
 */
export function orderGroups(b: CnfBuilder, groups: string[][], outputsOf: (id: string) => Lit[]): string[][] {
  for (const ids of groups) {
    for (let i = 0; i + 1 < ids.length; i++) lexGeq(b, outputsOf(ids[i]), outputsOf(ids[i + 1]));
  }
  return groups;
}

/**
 * Posts a >=lex c for Boolean vectors (a[0] most significant). Chain encoding: eq means
 * a and c agree on the positions so far; while equal, a_i >= c_i.
 */
export function lexGeq(b: CnfBuilder, a: readonly Lit[], c: readonly Lit[]): void {
  let eq: Lit = TRUE;
  const seen = new Set<string>();
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]},${c[i]}`;
    if (seen.has(key)) continue; // a repeated position adds nothing
    seen.add(key);
    b.addClause([-eq, a[i], -c[i]]); // eq -> (a_i or not c_i)
    eq = b.and([eq, b.iff(a[i], c[i])]);
    if (eq === FALSE) break;
  }
}
