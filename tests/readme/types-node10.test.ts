/**
 * The package's types resolve for a TypeScript project on the older `"moduleResolution":
 * "Node"` (node10), which ignores package.json "exports": a consumer file importing
 * 'trainsat', 'trainsat/arbitraries', 'trainsat/reductions' and 'trainsat/browser' must
 * type-check with `tsc --noEmit` (that needs "typesVersions"), and a wrong use of an
 * imported type must fail, so the imports are known to carry types rather than `any`.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { consumerProject } from './consumer.js';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const GOOD = `import { decide, parseInstance, trainGD, type DecideOptions } from 'trainsat';
import { plantedInstance } from 'trainsat/arbitraries';
import { checkReduction, setSplittingToBlumRivestAnd } from 'trainsat/reductions';
import * as browser from 'trainsat/browser';
const options: DecideOptions = { backend: 'hybrid', timeoutMs: 1000, certify: false };
export const uses = [decide, parseInstance, trainGD, plantedInstance, checkReduction, setSplittingToBlumRivestAnd, browser, options];
`;

function typeCheck(source: string): { status: number | null; out: string } {
  const dir = consumerProject('types-node10');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { module: 'ESNext', moduleResolution: 'Node', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
    files: ['consumer.ts'],
  }));
  writeFileSync(join(dir, 'consumer.ts'), source);
  const run = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, out: run.stdout + run.stderr };
}

it('types of trainsat and its subpath exports resolve under moduleResolution node10', () => {
  const good = typeCheck(GOOD);
  expect(good.out).toBe('');
  expect(good.status).toBe(0);
  const bad = typeCheck(`${GOOD}export const wrong: DecideOptions = { timeoutMs: 'soon' };\n`);
  expect(bad.status).not.toBe(0);
  expect(bad.out).toMatch(/consumer\.ts\(7,\d+\): error TS2322/);
}, 240_000);
