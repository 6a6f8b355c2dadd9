#!/usr/bin/env node
/**
 * The package.json that `npm pack` and `npm publish` put in the tarball: the repository's,
 * without `scripts.prepare`.
 *
 * In a clone, `prepare` builds dist/ on `npm install`, so `npx trainsat ...` works right
 * after it. The published package ships dist/ built (`prepack` builds it), so it needs no
 * build, and npm (11 and later) warns about every package that carries an install-time
 * script such as `prepare` ("install scripts not yet covered by allowScripts"), although
 * npm does not run `prepare` for a tarball. npm reads the manifest it packs after the
 * `prepack` script has run, so:
 *
 *   node scripts/pack-manifest.mjs strip     (prepack) keeps package.json as
 *                                            package.json.pack-backup and writes it
 *                                            without scripts.prepare;
 *   node scripts/pack-manifest.mjs restore   (postpack) moves the backup back.
 *
 * A pack interrupted between the two leaves the backup: the next `strip` restores it
 * first, and `restore` on its own puts it back.
 */
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = `${root}package.json`;
const backup = `${root}package.json.pack-backup`;

const mode = process.argv[2];
if (mode === 'strip') {
  if (existsSync(backup)) copyFileSync(backup, manifest);
  copyFileSync(manifest, backup);
  const text = readFileSync(manifest, 'utf8');
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(manifest, JSON.stringify(pkg, null, 2) + '\n');
} else if (mode === 'restore') {
  if (existsSync(backup)) renameSync(backup, manifest);
} else {
  process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore\n');
  process.exit(2);
}
