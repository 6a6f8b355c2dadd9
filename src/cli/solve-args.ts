/**
 * The arguments of `trainsat solve` as main.ts passes them, shared by the single-file form
 * (./solve.ts), the batch form (./solve-batch.ts) and --max-fit (./max-fit.ts).
 */
export interface SolveArgs {
  file: string;
  /** More instance files after FILE: the batch form (./solve-batch.ts). */
  more?: string[];
  backend: string;
  /** Seconds, as given (checked by parseTimeout). */
  timeout?: unknown;
  json: boolean;
  certify: boolean;
  /** Where --certify writes the certificate. */
  cert?: string;
  output?: string;
  symmetry: boolean;
  /** No status line on a terminal. */
  quiet?: boolean;
  /** On untrainable, also a minimal core of examples (src/explain/core.ts). */
  core?: boolean;
  /** The most examples some parameters fit, instead of the decision: main.ts then calls ./max-fit.ts. */
  maxFit?: boolean;
  /** With maxFit: where to write the bound instance (minCorrect = upper + 1). */
  boundOut?: string;
  /** With maxFit: 'linear' or 'binary'. */
  strategy?: string;
  /** --objective min-weights|max-margin: optimize over the fitting parameters (./objective.ts). */
  objective?: string;
  /** --ensemble pairwise: one exact member per pair of classes (./ensemble.ts). */
  ensemble?: string;
}
