/**
 * What `npm pack` publishes: the built CLI and library (dist/), not the TypeScript sources,
 * and a package.json without `prepare` (a clone builds on `npm install`; an installed
 * tarball needs no build, and npm warns about packages that carry install-time scripts).
 * scripts/pack-manifest.mjs strips it in `prepack` and restores it in `postpack`, also
 * after an interrupted pack. The files are listed with `npm pack --dry-run
 * --ignore-scripts` (no build, no network); the manifest script runs on a copy.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('the published package', () => {
  it('ships dist/ (the bin, the exports and their types), not src/ or tests beyond the example', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files = new Set<string>((JSON.parse(r.stdout)[0].files as { path: string }[]).map((f) => f.path));
    expect(files.has(pkg.bin.trainsat)).toBe(true);
    for (const entry of Object.values(pkg.exports as Record<string, string | { types: string; import: string }>)) {
      for (const path of typeof entry === 'string' ? [entry] : [entry.types, entry.import]) expect(files.has(path.replace(/^\.\//, '')), path).toBe(true);
    }
    expect([...files].filter((f) => f.startsWith('src/'))).toEqual([]);
    expect([...files].filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual(['tests/arbitraries/example-user.test.ts']);
  });

  it('prepack strips scripts.prepare from the manifest it packs, postpack restores the file byte for byte, also after an interrupted pack', () => {
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.prepack).toMatch(/^npm run build && node scripts\/pack-manifest\.mjs strip$/);
    expect(pkg.scripts.postpack).toBe('node scripts/pack-manifest.mjs restore');
    const dir = tempDir('pack-manifest').path;
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(ROOT, 'scripts', 'pack-manifest.mjs'), join(dir, 'scripts', 'pack-manifest.mjs'));
    const original = readFileSync(join(ROOT, 'package.json'), 'utf8');
    writeFileSync(join(dir, 'package.json'), original);
    const run = (mode: string) => spawnSync(process.execPath, [join(dir, 'scripts', 'pack-manifest.mjs'), mode], { encoding: 'utf8' });
    expect(run('strip').status).toBe(0);
    const packed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(packed.scripts.prepare).toBeUndefined();
    expect({ ...packed.scripts, prepare: pkg.scripts.prepare }).toEqual(pkg.scripts);
    expect(packed.dependencies).toEqual(pkg.dependencies);
    // An interrupted pack (no postpack), then another pack: still stripped once, and restored.
    expect(run('strip').status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toEqual(packed);
    expect(run('restore').status).toBe(0);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(original);
    expect(existsSync(join(dir, 'package.json.pack-backup'))).toBe(false);
    expect(run('bogus').status).toBe(2);
    // A package.json edited after an interrupted pack is never overwritten by the backup.
    expect(run('strip').status).toBe(0);
    const edited = readFileSync(join(dir, 'package.json'), 'utf8').replace('"trainsat"', '"trainsat-edited"');
    writeFileSync(join(dir, 'package.json'), edited);
    const refused = run('restore');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/package\.json changed/);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(edited);
    expect(run('strip').status).toBe(1);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(edited);
    expect(readFileSync(join(dir, 'package.json.pack-backup'), 'utf8')).toBe(original);
    // Interrupted between making the backup and replacing package.json: the backup is a
    // copy of package.json, so restore only removes it and strip goes on.
    writeFileSync(join(dir, 'package.json'), original);
    expect(run('restore').status).toBe(0);
    expect(existsSync(join(dir, 'package.json.pack-backup'))).toBe(false);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(original);
    writeFileSync(join(dir, 'package.json.pack-backup'), original);
    expect(run('strip').status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts.prepare).toBeUndefined();
    expect(run('restore').status).toBe(0);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(original);
    expect(existsSync(join(dir, 'package.json.pack-staging'))).toBe(false);
  });
});
