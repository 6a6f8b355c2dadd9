/** Types of scripts/build-web.mjs (the playground's build), for the tests that call it. */
export declare const GZIP_GOAL_BYTES: number;
/** The marker file a build writes into its output directory; only such a directory (or an empty one) is replaced. */
export declare const BUILD_MARKER: string;
export interface SiteSizes {
  files: { file: string; raw: number; gzip: number }[];
  raw: number;
  gzip: number;
}
export declare function siteSizes(outdir: string): SiteSizes;
export declare function formatSizes(sizes: SiteSizes): string;
export declare function buildWeb(options?: { outdir?: string; minify?: boolean; log?: (line: string) => void }): Promise<{
  outdir: string;
  sizes: SiteSizes;
  /** Each Node.js built-in replaced by a throwing stub, with the modules that imported it. */
  stubbed: Record<string, string[]>;
}>;
