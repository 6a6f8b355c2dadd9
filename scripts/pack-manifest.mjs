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
 * first, and `restore` on its own puts it back, both only while package.json is still the
 * stripped file (otherwise they stop and leave both files as they are); a backup equal to
 * package.json (interrupted before package.json was replaced) is only removed. package.json
 * is replaced by renaming a whole file over it.
 */
import { copyFileSync, existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = `${root}package.json`;
const backup = `${root}package.json.pack-backup`;

const mode = process.argv[2];
/** The manifest without scripts.prepare, as strip writes it. */
function stripped(text) {
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  return JSON.stringify(pkg, null, 2) + '\n';
}

/**
 * A backup left by an interrupted pack is put back only while package.json is still the
 * stripped file this script wrote; an edited package.json is never overwritten.
 */
function restoreBackup() {
  if (!existsSync(backup)) return;
  const kept = readFileSync(backup, 'utf8');
  const current = readFileSync(manifest, 'utf8');
  // Interrupted after the backup was made and before package.json was replaced: the backup
  // is a copy of package.json, and only the copy goes.
  if (current === kept) {
    unlinkSync(backup);
    return;
  }
  if (current !== stripped(kept)) {
    process.stderr.write(
      'pack-manifest: package.json changed since an interrupted pack left package.json.pack-backup; ' +
        'compare the two, keep the one you want as package.json and delete the backup\n',
    );
    process.exit(1);
  }
  renameSync(backup, manifest);
}

if (mode === 'strip') {
  restoreBackup();
  copyFileSync(manifest, backup);
  // package.json is replaced whole (a sibling file renamed over it), never left half-written.
  const staged = `${manifest}.pack-staging`;
  writeFileSync(staged, stripped(readFileSync(manifest, 'utf8')));
  renameSync(staged, manifest);
} else if (mode === 'restore') {
  restoreBackup();
} else {
  process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore\n');
  process.exit(2);
}
