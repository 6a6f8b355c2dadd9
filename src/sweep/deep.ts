/**
 * The `deep` sweep family, for the depth atlas: fully connected layered networks of
 * real-weight threshold units with one threshold output (the `layered` preset without
 * classes, docs/format.md), on m = round(ratio * n) distinct random points of {0,1}^n,
 * labelled either uniformly at random (`random`) or by a random network of the same shape
 * (`planted`: weights as in families.ts randomParameters, checked exactly and kept as the
 * witness, so trainable by construction).
 *
 * Two sets of shapes:
 *  - the grid: every depth d (hidden layers) of `depths` times every width w of `widths`,
 *    d layers of w units each;
 *  - equal parameter count (with `params` = P): for every depth d of `depths`, the hidden
 *    widths (each in MIN_WIDTH..MAX_WIDTH) whose number of trainable parameters is exactly P, the
 *    most even such widths (smallest spread, then the wider first layers); when no widths
 *    give exactly P, the nearest count (the record's `params` says which). This pits
 *    wide-shallow against narrow-deep networks with as many weights and thresholds.
 * A shape in both sets is one instance (its record lists both sets).
 *
 * The thesis measured ("the deeper the network, the harder its exact training", Blum and
 * Rivest, "Training a 3-node neural network is NP-complete", 1992, and the later hardness
 * results for deeper networks) is a worst-case statement; the atlas shows what random and
 * planted instances of small size do.
 *
 * Ids: `deep:<labels>:n<n>:h<w1>-<w2>-..:r<ratio>:k<k>:s<seed>`; the random stream of an
 * instance is seeded with its id (families.ts generateInstance).
 */

/** How the labels of a deep instance are drawn. */
export type DeepLabels = 'random' | 'planted';
export const DEEP_LABELS: readonly DeepLabels[] = ['random', 'planted'];

/** Widest hidden layer the equal-parameter search considers. */
export const MAX_WIDTH = 12;
/**
 * Narrowest: a hidden layer of one unit is a bottleneck (every later unit is a function of
 * one bit), so a deep network with one would be a shallow network in disguise.
 */
export const MIN_WIDTH = 2;

/** Which sets of shapes an instance belongs to (see the file comment). */
export type DeepSet = 'grid' | 'params';

export interface DeepSpec {
  inputs: number;
  ratios: number[];
  perPoint: number;
  seed: number;
  /** Hidden layers (each >= 1). */
  depths: number[];
  /** Hidden-layer widths of the grid (each >= 1); empty: no grid. */
  widths: number[];
  labels: DeepLabels[];
  /** Trainable parameters of the equal-parameter set; undefined: no such set. */
  params?: number;
}

export interface DeepShape {
  hidden: number[];
  params: number;
  sets: DeepSet[];
}

/** Trainable parameters (weights and thresholds) of a layered network n -> hidden -> 1 threshold output. */
export function layeredParamCount(n: number, hidden: readonly number[]): number {
  let count = 0;
  let previous = n;
  for (const w of hidden) {
    count += w * (previous + 1);
    previous = w;
  }
  return count + previous + 1;
}

/**
 * The hidden widths (d layers, each MIN_WIDTH..maxWidth) whose parameter count is nearest to P:
 * exactly P when some widths give it; among equals the most even, then the wider first
 * layers (lexicographically greatest).
 */
export function widthsForParams(n: number, depth: number, P: number, maxWidth = MAX_WIDTH): number[] {
  let best: number[] | null = null;
  let bestKey: [number, number] = [Infinity, Infinity];
  const widths = new Array<number>(depth).fill(MIN_WIDTH);
  const visit = (l: number): void => {
    if (l === depth) {
      const key: [number, number] = [Math.abs(layeredParamCount(n, widths) - P), Math.max(...widths) - Math.min(...widths)];
      const better = key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && lexGreater(widths, best!))));
      if (better) {
        best = [...widths];
        bestKey = key;
      }
      return;
    }
    for (let w = MIN_WIDTH; w <= maxWidth; w++) {
      widths[l] = w;
      visit(l + 1);
    }
  };
  visit(0);
  return best!;
}

function lexGreater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

/** The shapes of a deep spec, grid first, each once. */
export function deepShapes(spec: Pick<DeepSpec, 'inputs' | 'depths' | 'widths' | 'params'>): DeepShape[] {
  const shapes = new Map<string, DeepShape>();
  const add = (hidden: number[], set: DeepSet) => {
    const key = hidden.join('-');
    const s = shapes.get(key);
    if (s) {
      if (!s.sets.includes(set)) s.sets.push(set);
    } else shapes.set(key, { hidden, params: layeredParamCount(spec.inputs, hidden), sets: [set] });
  };
  for (const d of spec.depths) for (const w of spec.widths) add(new Array<number>(d).fill(w), 'grid');
  if (spec.params !== undefined) for (const d of spec.depths) add(widthsForParams(spec.inputs, d, spec.params), 'params');
  return [...shapes.values()];
}

/** Problems with a deep spec (empty when fine). */
export function deepSpecProblems(spec: DeepSpec): string[] {
  const p: string[] = [];
  if (spec.depths.length === 0) p.push('--depths must list at least one depth');
  for (const d of spec.depths) if (!Number.isInteger(d) || d < 1 || d > 8) p.push(`depths must be integers in [1, 8], got ${d}`);
  for (const w of spec.widths) if (!Number.isInteger(w) || w < 1 || w > MAX_WIDTH) p.push(`widths must be integers in [1, ${MAX_WIDTH}], got ${w}`);
  if (spec.labels.length === 0) p.push('--labels must list random, planted or both');
  for (const l of spec.labels) if (!(DEEP_LABELS as readonly string[]).includes(l)) p.push(`labels must be random or planted, got "${l}"`);
  if (spec.params !== undefined && !(Number.isInteger(spec.params) && spec.params >= 1)) p.push(`--params must be a positive integer, got ${spec.params}`);
  if (spec.widths.length === 0 && spec.params === undefined) p.push('the deep family needs --widths, --params or both');
  return p;
}

/** Parses a comma-separated list of numbers ("1,2,3"); null when an entry is not a number. */
export function parseNumberList(text: string): number[] | null {
  const xs = text.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  return xs.some((x) => Number.isNaN(x)) ? null : xs;
}
