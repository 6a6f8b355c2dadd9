/**
 * The reductions are a package export: a project that depends on trainsat imports them as
 * `trainsat/reductions` (resolved here through the package's self-reference, which reads
 * the same `exports` map a dependent project does), and they work there.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe("import 'trainsat/reductions'", () => {
  it('resolves through package.json exports and reduces a set-splitting instance to a checked network', () => {
    const script = `
      const r = await import('trainsat/reductions');
      const source = { elements: 3, sets: [[0, 1], [1, 2]] };
      const inst = r.setSplittingToBlumRivestAnd.reduce(source);
      console.log(JSON.stringify({ names: ['satToBlumRivest', 'setSplittingToBlumRivest', 'coloringToAndNetwork'].map((n) => typeof r[n]), units: inst.network.units.length }));
    `;
    const p = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(p.status, p.stderr).toBe(0);
    const out = JSON.parse(p.stdout) as { names: string[]; units: number };
    expect(out.names).toEqual(['object', 'object', 'object']);
    expect(out.units).toBe(3);
  });
});
