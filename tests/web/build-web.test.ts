/**
 * The playground's build only replaces a directory it may: absent, empty, or an earlier
 * build (it holds BUILD_MARKER). Anything else is refused before any work, untouched.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_MARKER, buildWeb } from '../../scripts/build-web.mjs';

const root = mkdtempSync(join(tmpdir(), 'trainsat-build-web-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('build:web output directory', () => {
  it('refuses a directory with files of its own, and a file, leaving them as they were', async () => {
    const dir = join(root, 'mine');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    await expect(buildWeb({ outdir: dir, log: () => {} })).rejects.toThrow(/is not a playground build/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
    const file = join(root, 'a-file');
    writeFileSync(file, 'keep me too');
    await expect(buildWeb({ outdir: file, log: () => {} })).rejects.toThrow(/is not a playground build/);
    expect(readFileSync(file, 'utf8')).toBe('keep me too');
    // nothing staged beside them
    expect(readdirSync(root).sort()).toEqual(['a-file', 'mine']);
  });

  it('replaces an earlier build whole, and marks the new one', async () => {
    const dir = join(root, 'site');
    mkdirSync(dir);
    writeFileSync(join(dir, BUILD_MARKER), '');
    writeFileSync(join(dir, 'stale.js'), '');
    await buildWeb({ outdir: dir, minify: false, log: () => {} });
    const names = readdirSync(dir);
    expect(names).toContain(BUILD_MARKER);
    expect(names).toContain('playground.js');
    expect(names).not.toContain('stale.js');
    expect(readdirSync(root).filter((n) => n.includes('.building-'))).toEqual([]);
  });
});
