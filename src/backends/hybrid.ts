/**
 * The hybrid backend: the lazy SAT + LP procedure for real weights (src/exact/hybrid.ts),
 * with a proof of `untrainable` recorded on request (`certify`).
 */
import { decideHybrid } from '../exact/hybrid.js';
import type { Backend } from './types.js';

export const hybridBackend: Backend = {
  async run(instance, opts) {
    const r = await decideHybrid(
      instance,
      opts.certify
        ? { timeoutMs: opts.timeoutMs, symmetryBreaking: opts.symmetryBreaking, certify: true, onProgress: opts.onProgress }
        : { timeoutMs: opts.timeoutMs, symmetryBreaking: opts.symmetryBreaking, onProgress: opts.onProgress },
    );
    return { kind: 'hybrid', status: r.status, parameters: r.parameters, stats: r.stats, ...(r.certificate ? { certificate: r.certificate } : {}) };
  },
};
