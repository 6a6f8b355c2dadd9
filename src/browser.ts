/**
 * trainsat's browser entry point: what runs in a web page or a Web Worker, bundled by
 * scripts/build-web.mjs (esbuild) for the playground (web/).
 *
 * Exported: the data model (parsing, validation, exact rationals, exact evaluation with
 * `checkParameters`), `decide` restricted to the backends that are WebAssembly or
 * TypeScript (`BROWSER_BACKENDS`: the hybrid SAT + LP procedure, CaDiCaL via cadical-wasm,
 * HiGHS via the highs package, the layerwise backend built on those two), the minimal
 * untrainable core (`explainUntrainable`), gradient descent (`trainGD`) and the
 * NP-hardness reductions with their source-problem parsers.
 *
 * Left out, because they need Node.js: the external DIMACS solvers (child processes and
 * temporary files, src/solvers/external.ts), MiniSat via logic-solver (loaded with
 * `createRequire` and run in a `worker_threads` worker, src/solvers/minisat.ts), every file
 * read or write (writing DIMACS to a file, sweeps, data sets such as the mnist package, the
 * CLI), and SHA-256 instance digests of certificates (`--certify`, node:crypto). The bundler
 * replaces every `node:` module with a stub whose functions throw an Error naming the module,
 * so a path that still reaches one fails loudly instead of answering; `decide` here refuses
 * other backends and `certify` up front.
 *
 * The WebAssembly files (cadical.wasm, highs.wasm) are fetched from the bundle's own
 * directory: both packages locate them with `new URL(file, import.meta.url)`, and the
 * build copies them next to the bundle.
 */
import { decide as decideAnywhere, type DecideOptions, type DecideResult } from './decide.js';
import { UnknownBackendError } from './solvers/types.js';
import type { Instance } from './model/types.js';

export * from './model/index.js';
export { chooseBackend, VerificationError, type DecideOptions, type DecideResult, type Progress } from './decide.js';
export { explainUntrainable, subInstance, type ExplainOptions, type ExplainProgress, type ExplainResult } from './explain/core.js';
export { trainGD, GD_DEFAULTS, type GDOptions, type GDProgress, type GDResult, type GDEpoch, type RestartResult } from './gd/train.js';
export { UnknownBackendError } from './solvers/types.js';
export type { UnknownReason } from './solvers/types.js';

export { reductionFor, SOURCE_KINDS, TARGET_KINDS, type SourceKind, type TargetKind, type TrainingReduction } from '../reductions/index.js';
export { parseSetSplitting, type SetSplitting, type Splitting } from '../reductions/problems/set-splitting.js';
export { parseCnf, type Cnf, type Assignment } from '../reductions/problems/sat.js';
export { parseColoringSource, type HypergraphColoring, type Coloring } from '../reductions/problems/hypergraph-coloring.js';
export { solveViaReduction, type SolvedViaReduction } from '../reductions/solve-via-reduction.js';
export type { Reduction, Explanation } from '../reductions/reduction.js';

/** The backends `decide` runs in a browser ('auto' picks among them, see chooseBackend). */
export const BROWSER_BACKENDS = ['auto', 'hybrid', 'cadical', 'highs', 'layerwise'] as const;

export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];

/** Options of the browser's `decide`: those of the library's, without `certify` (it needs node:crypto). */
export type BrowserDecideOptions = Omit<DecideOptions, 'certify' | 'backend'> & { backend?: BrowserBackend };

/**
 * The library's `decide` (every `trainable` answer checked by exact evaluation before it is
 * returned), on a backend of BROWSER_BACKENDS; any other backend is an UnknownBackendError
 * naming those that run here.
 */
export function decide(instance: Instance, opts: BrowserDecideOptions = {}): Promise<DecideResult> {
  const backend = opts.backend ?? 'auto';
  if (!(BROWSER_BACKENDS as readonly string[]).includes(backend)) {
    return Promise.reject(new UnknownBackendError(`backend '${backend}' does not run in a browser; available: ${BROWSER_BACKENDS.join(', ')}`));
  }
  if ((opts as DecideOptions).certify) return Promise.reject(new Error('certify needs Node.js (certificates hash the instance with node:crypto)'));
  return decideAnywhere(instance, { ...opts, backend });
}
