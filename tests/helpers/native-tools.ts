/**
 * Optional native tools the tests compare against or pipe into: whether one runs from
 * PATH (it answers `TOOL -version` with exit 0). Tests that need one skip, saying so,
 * when it does not.
 */
import { spawnSync } from 'node:child_process';

const known = new Map<string, boolean>();

/** Whether `tool -version` runs from PATH and exits 0 (asked once per tool). */
export function onPath(tool: string): boolean {
  let found = known.get(tool);
  if (found === undefined) {
    const r = spawnSync(tool, ['-version'], { encoding: 'utf8' });
    found = !r.error && r.status === 0;
    known.set(tool, found);
  }
  return found;
}

/** Whether z3 is on PATH. */
export const HAVE_Z3 = onPath('z3');
