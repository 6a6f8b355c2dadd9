/**
 * Untrainable instances of every family: a parity copy in a perceptron (`parityInstance`),
 * contradictory labels in any architecture (`contradictionInstance`), and Blum-Rivest
 * reductions of unsplittable set systems (`unsplittableInstance`).
 *
 * Why the answer is right: each family's file proves its own; this only chooses among them.
 * Shrinking stays within the chosen family, which keeps its core by construction.
 */
import fc from 'fast-check';
import { contradictionInstance, type ContradictionOptions } from './contradiction.js';
import { parityInstance, type ParityOptions } from './parity.js';
import type { UntrainableInstance } from './types.js';
import { unsplittableInstance, type UnsplittableOptions } from './unsplittable.js';

export type UntrainableFamily = 'parity' | 'contradiction' | 'unsplittable';
export const UNTRAINABLE_FAMILIES: readonly UntrainableFamily[] = ['parity', 'contradiction', 'unsplittable'];

export interface UntrainableOptions {
  /** Families to draw from (default all three, equally often). */
  families?: readonly UntrainableFamily[];
  parity?: ParityOptions;
  contradiction?: ContradictionOptions;
  unsplittable?: UnsplittableOptions;
}

/** Untrainable instances: `{instance, expected: 'untrainable', witness: null, reason, family}`. */
export function untrainableInstance(opts: UntrainableOptions = {}): fc.Arbitrary<UntrainableInstance> {
  const families = opts.families ?? UNTRAINABLE_FAMILIES;
  if (families.length === 0) throw new RangeError('families must not be empty');
  const arbs = families.map((f) => {
    switch (f) {
      case 'parity':
        return parityInstance(opts.parity);
      case 'contradiction':
        return contradictionInstance(opts.contradiction);
      case 'unsplittable':
        return unsplittableInstance(opts.unsplittable);
      default:
        throw new RangeError(`unknown untrainable family "${String(f)}" (expected one of ${UNTRAINABLE_FAMILIES.join(', ')})`);
    }
  });
  return arbs.length === 1 ? arbs[0] : fc.oneof(...arbs);
}
