/**
 * A throwaway project that depends on trainsat as an npm user's does: a temporary directory
 * whose node_modules/trainsat is a symlink to this repository (so `import 'trainsat'` goes
 * through package.json's "exports", "types" and "typesVersions" onto the built dist/), and
 * node_modules/fast-check and @types/node symlinks to the copies trainsat itself uses.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/cli.js';

/** A fresh consumer project directory; the caller writes its files into it. */
export function consumerProject(label: string): string {
  const dir = tempDir(label).path;
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'trainsat'), 'dir');
  symlinkSync(join(ROOT, 'node_modules', 'fast-check'), join(dir, 'node_modules', 'fast-check'), 'dir');
  mkdirSync(join(dir, 'node_modules', '@types'));
  symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
  return dir;
}
