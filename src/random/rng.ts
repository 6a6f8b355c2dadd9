/**
 * Seeded randomness, on pure-rand's xoroshiro128+ (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", 2018): the one generator of the trainer (src/gd), the
 * sweeps' instance families (src/sweep) and the bench's generated formulas and instances;
 * `fmix32` also mixes the corpus generator's per-instance seeds (src/cli/gen.ts).
 *
 * Reproducibility contract: everything random in src/gd, src/sweep and the bench is a
 * function of an integer seed, the same on every machine (never Math.random). Restart r of a training run uses the base generator of the run's seed
 * jumped r + 1 times (each jump moves 2^64 steps ahead), so restarts draw from disjoint
 * stretches of one sequence: independent of each other and of how many restarts run.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/** A mutable random stream (wraps a pure-rand generator that it advances in place). */
export class Rng {
  private spare: number | null = null;

  constructor(private readonly gen: JumpableRandomGenerator) {}

  static fromSeed(seed: number): Rng {
    return new Rng(xoroshiro128plus(seed | 0));
  }

  /** An independent stream: a clone of this one jumped `k` times (this one is unchanged). */
  jumped(k: number): Rng {
    const g = this.gen.clone();
    for (let i = 0; i < k; i++) g.jump();
    return new Rng(g);
  }

  /** Jumps this stream 2^64 steps ahead, in place. */
  jump(): void {
    this.gen.jump();
    this.spare = null;
  }

  /** An independent copy of this stream in its current state. */
  clone(): Rng {
    const r = new Rng(this.gen.clone());
    r.spare = this.spare;
    return r;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform integer in [lo, hi] (both included). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** Standard normal (Marsaglia's polar method). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * this.float() - 1;
      const v = 2 * this.float() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** Fisher-Yates shuffle in place. */
  shuffle<T>(a: T[] | Int32Array): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}

/** A 32-bit seed derived from a string (FNV-1a, then a final avalanche). */
export function seedFrom(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const s = parts.join('\u0000');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** MurmurHash3's 32-bit finalizer: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
