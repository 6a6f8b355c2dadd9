/** The instances and reduction sources scripts/build-web.mjs embeds in the page. */
declare module 'trainsat-web:catalog' {
  export interface CatalogInstance {
    /** File name under instances/. */
    file: string;
    expected: 'trainable' | 'untrainable';
    text: string;
  }
  export interface CatalogReduction {
    /** File name under instances/reductions/sources/. */
    source: string;
    problem: 'set-splitting' | '3sat' | 'coloring';
    target: 'blum-rivest' | 'blum-rivest-and';
    colors?: number;
    expected: 'trainable' | 'untrainable';
    text: string;
  }
  const catalog: { instances: CatalogInstance[]; reductions: CatalogReduction[] };
  export default catalog;
}
