/**
 * The documentation's links hold inside the package: every relative link in the README,
 * docs/ and the reductions README names a file of the repository (never a path outside
 * it), that file is in package.json's `files` (so the links also work in the published
 * package), and a `#fragment` into a Markdown file names one of its headings. The schema
 * exports name files that exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[]; exports: Record<string, unknown> };

/** Files npm always packs, whatever `files` says. */
const ALWAYS_PACKED = ['package.json', 'README.md', 'LICENSE'];

const MARKDOWN = ['README.md', join('reductions', 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

/** Link targets of a Markdown text: `[text](target)` and `![alt](target)`, code spans and blocks left out. */
function linkTargets(md: string): string[] {
  const prose = md.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped, spaces as `-`. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const md = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...md.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));
}

/** True when npm packs `path` (relative to the root, `/`-separated) given `files`. */
function packed(path: string): boolean {
  if (ALWAYS_PACKED.includes(path)) return true;
  return pkg.files.some((f) => path === f || path.startsWith(f.endsWith('/') ? f : `${f}/`));
}

describe('documentation links', () => {
  it('finds the Markdown files and links it checks', () => {
    expect(MARKDOWN).toEqual(expect.arrayContaining([join('docs', 'format.md'), join('docs', 'cli.md'), join('docs', 'README.md')]));
    expect(MARKDOWN.flatMap((f) => linkTargets(readFileSync(join(ROOT, f), 'utf8'))).length).toBeGreaterThan(30);
  });

  it.each(MARKDOWN)('%s links only to shipped files of the repository and to headings that exist', (file) => {
    const problems: string[] = [];
    for (const target of linkTargets(readFileSync(join(ROOT, file), 'utf8'))) {
      if (/^[a-z]+:/i.test(target)) continue; // a web address
      const [path, fragment] = target.split('#');
      const abs = path === '' ? join(ROOT, file) : join(ROOT, dirname(file), path);
      const rel = relative(ROOT, abs).split(sep).join('/');
      if (rel.startsWith('..')) problems.push(`${target}: outside the repository`);
      else if (!existsSync(abs)) problems.push(`${target}: no such file`);
      else if (!packed(rel.replace(/\/$/, ''))) problems.push(`${target}: not in package.json "files"`);
      else if (fragment !== undefined && abs.endsWith('.md') && !anchorsOf(abs).has(fragment)) problems.push(`${target}: no heading #${fragment}`);
    }
    expect(problems).toEqual([]);
  });

  it('no Markdown file names the design document that lived outside the repository', () => {
    for (const file of MARKDOWN) expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toMatch(/DESIGN\.md/);
  });

  it('the schema exports name shipped files', () => {
    for (const key of ['./schema/instance.json', './schema/parameters.json']) {
      const target = pkg.exports[key];
      expect(typeof target, key).toBe('string');
      const rel = (target as string).replace(/^\.\//, '');
      expect(existsSync(join(ROOT, rel)), key).toBe(true);
      expect(packed(rel), key).toBe(true);
    }
  });
});
