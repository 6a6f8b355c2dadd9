// Regenerates the reduced instances listed in manifest.json from their sources with the
// built CLI (npm run build first), adding each entry's recorded `expected` answer.
// Usage: node instances/reductions/regenerate.mjs
// The tests (tests/reductions/instances.test.ts) check that the files match their sources
// and that `expected` is right (brute force on the source, and trainsat on the instance).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const main = join(root, 'dist', 'src', 'cli', 'main.js');
const { formatInstanceJson } = await import(join(root, 'dist', 'src', 'cli', 'reduce.js'));
const tmp = mkdtempSync(join(tmpdir(), 'trainsat-regen-'));
for (const e of JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8'))) {
  const out = join(tmp, e.file);
  const args = ['reduce', e.problem, e.source, '--target', e.target, '-o', out];
  if (e.colors !== undefined) args.push('--colors', String(e.colors));
  execFileSync(process.execPath, [main, ...args], { cwd: here, stdio: 'inherit' });
  const { name, description, ...rest } = JSON.parse(readFileSync(out, 'utf8'));
  writeFileSync(join(here, e.file), formatInstanceJson({ name, description, expected: e.expected, ...rest }));
  console.log(`${e.file}: ${e.expected}`);
}
