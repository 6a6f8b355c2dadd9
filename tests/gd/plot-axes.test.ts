/**
 * The sweep report's figures read right: in figure 1 every panel has its own ratio axis,
 * titled m/n for random labellings and sets/n for set splitting, with a tick at each ratio
 * swept and none in between; GD's fits among trainable instances are on their own axis,
 * not beside the fractions of all instances; the time plot distinguishes the families.
 * Synthetic records (no solving), rendered to SVG by the real pipeline.
 */
import { describe, expect, it } from 'vitest';
import { renderCombinedSvg, renderFigures } from '../../src/sweep/plot.js';
import type { SweepRecord } from '../../src/sweep/run.js';

function record(family: string, n: number, ratio: number, k: number, trainable: boolean, successes: number): SweepRecord {
  return {
    id: `${family}:n${n}:r${ratio}:k${k}`,
    family,
    preset: 'blum-rivest-and',
    n,
    ratio,
    k,
    index: k,
    seed: 1,
    ...(family === 'set-splitting' ? { setSize: 3 } : {}),
    inputs: n,
    m: Math.round(n * ratio),
    exact: { status: trainable ? 'trainable' : 'untrainable', time_ms: 5 + k, backend: 'hybrid' },
    gd: { restarts: 4, successes: trainable ? successes : 0, bestAccuracy: trainable ? 1 : 0.9, time_ms: 10, firstSuccessRestart: null, firstSuccess_ms: null, epochs: 10, lr: 0.1, seed: k },
    consistent: true,
  };
}

const RECORDS: SweepRecord[] = [
  ...[1, 2, 3.5].flatMap((r) => [0, 1].map((k) => record('random', 5, r, k, r < 3, k))),
  ...[1.2, 1.7, 2.6].flatMap((r) => [0, 1].map((k) => record('set-splitting', 6, r, k, r < 2, 2 - k))),
];

/** The texts of the axis labels (ticks) of every axis in an SVG, in document order, per axis. */
function axisLabels(svg: string): string[][] {
  return [...svg.matchAll(/class="mark-text role-axis-label"[^]*?<\/g>/g)].map((m) => [...m[0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]));
}

/** The texts of the axis titles in an SVG. */
function axisTitles(svg: string): string[] {
  return [...svg.matchAll(/class="mark-text role-axis-title"[^]*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe('sweep report figures', () => {
  it('figure 1: one ratio title per panel (m/n, sets/n), ticks exactly at the swept ratios, trainable-only fractions on their own axis', async () => {
    const { trainable } = await renderFigures(RECORDS);
    const titles = axisTitles(trainable);
    // Two groups, two panels each (all instances | trainable ones), each with an x and a y title.
    expect(titles.filter((t) => t === 'm/n (examples per input)')).toHaveLength(2);
    expect(titles.filter((t) => t === 'sets/n (sets per element)')).toHaveLength(2);
    expect(titles.filter((t) => t === 'fraction of all instances')).toHaveLength(2);
    expect(titles.filter((t) => t === 'fraction of trainable ones')).toHaveLength(2);
    expect(titles.some((t) => /set-splitting: sets/.test(t))).toBe(false);
    const ticks = axisLabels(trainable).filter((l) => !l.some((t) => t.endsWith('%')));
    expect(ticks, JSON.stringify(ticks)).toHaveLength(4);
    expect(ticks.filter((l) => l.join(' ') === '1 2 3.5'), JSON.stringify(ticks)).toHaveLength(2);
    expect(ticks.filter((l) => l.join(' ') === '1.2 1.7 2.6')).toHaveLength(2);
    // The among-trainable measures are drawn only on the trainable-only axes (legend names them so).
    expect(trainable).toContain('GD: fit found, among trainable');
    expect(trainable).toContain('GD: share of restarts that fit, among trainable');
  });

  it('figure 2 distinguishes the families by shape, with a legend; figure 3 ticks at the swept ratios', async () => {
    const { time, accuracy } = await renderFigures(RECORDS);
    expect(time).toMatch(/>family<\/text>/);
    expect(time).toMatch(/>random<\/text>/);
    expect(time).toMatch(/>set-splitting<\/text>/);
    expect(axisTitles(accuracy!)).toContain('m/n (examples per input); set-splitting: sets/n');
    const ticks = axisLabels(accuracy!).filter((l) => !l.some((t) => t.endsWith('%')));
    expect(ticks).toEqual([['1', '1.2', '1.7', '2', '2.6', '3.5']]);
  });

  it('a set-splitting-only sweep says sets/n on every ratio axis; the combined SVG renders', async () => {
    const ss = RECORDS.filter((r) => r.family === 'set-splitting');
    const figs = await renderFigures(ss);
    expect(axisTitles(figs.trainable).filter((t) => t.includes('/n'))).toEqual(['sets/n (sets per element)', 'sets/n (sets per element)']);
    expect(axisTitles(figs.accuracy!)).toContain('sets/n (sets per element)');
    const all = await renderCombinedSvg(RECORDS);
    expect(all).toMatch(/^<svg/);
    expect(axisTitles(all)).toContain('sets/n (sets per element)');
  });
});
