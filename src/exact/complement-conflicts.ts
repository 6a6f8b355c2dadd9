/**
 * Complemented conflicts: a certified conflict of a threshold unit also blocks the
 * complemented labels of the same points.
 *
 * What. A Farkas certificate says that the convex hulls of the positive and the negative
 * points of a set S meet (multipliers summing to 1 on each side, the two combinations
 * equal; farkas.ts). That statement is symmetric in the two sides: with every label
 * flipped, the same multipliers certify that S with the complemented labels is not
 * separable either. So each conflict gives a second blocking clause, over the same
 * outputs (and input values) with the opposite output literals, certified by the flipped
 * certificate (checked exactly like every other, `complementCertificate`).
 *
 * Why. The search meets both: the complement of a unit's output is realizable by the same
 * unit (negated weights), and a consumer that reads a unit through XOR or a negated input
 * sees one labelling where another unit of the layer has the complement, so a labelling
 * and its complement are both tried on the way. A conflict clause for the complement is
 * learned for free instead of by another theory conflict. Where hidden units are read
 * only through monotone gates (the AND/NAND output normal form of the Blum-Rivest network)
 * the complemented clauses were never used (the same conflicts on the bench's random
 * labellings, only more clauses to propagate), so the hybrid adds them by default only when
 * some unit reads hidden units through a truth table (docs/measurements.md).
 *
 * Sound: the clause is valid for every behaviour of every parameter setting (the flipped
 * certificate is checked in exact arithmetic before the clause is handed over).
 */
import { checkCertificate, type FarkasCertificate } from './farkas.js';

/** The certificate with every label flipped, or null if it does not pass the exact check. */
export function complementCertificate(cert: FarkasCertificate): FarkasCertificate | null {
  const flipped: FarkasCertificate = { points: cert.points, labels: cert.labels.map((l) => (l === 1 ? 0 : 1)), multipliers: cert.multipliers };
  return checkCertificate(flipped) ? flipped : null;
}

/** Labels with every entry of `ids` flipped (a copy). */
export function flippedLabels(labels: Uint8Array, ids: readonly number[]): Uint8Array {
  const out = labels.slice();
  for (const i of ids) out[i] = labels[i] === 1 ? 0 : 1;
  return out;
}
