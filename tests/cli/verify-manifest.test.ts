/**
 * `trainsat verify FILE DIR/manifest.json[#ENTRY]`: the witness a gen manifest records,
 * checked without extracting it first: the entry for FILE, or the entry named after `#`
 * (another file's witness is checked too, with a note, and fails where it should); entries
 * without parameters (untrainable, CNF) and unknown entries are bad input naming the manifest.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir('verify-manifest');
const at = (...p: string[]) => join(tmp.path, ...p);

beforeAll(async () => {
  for (const [kind, dir] of [
    ['planted', 'planted'],
    ['untrainable', 'untrainable'],
    ['cnf-planted', 'cnf'],
  ]) {
    const r = await runCli(['gen', kind, '-n', '2', '--seed', '3', '-o', at(dir)]);
    expect(r.code, r.err).toBe(0);
  }
});

describe('verify with a gen manifest', () => {
  it('the manifest alone: the witness of the entry for FILE, which fits', async () => {
    const r = await runCli(['verify', at('planted', 'planted-0001.json'), at('planted', 'manifest.json')]);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^valid: 10\/10 examples correct \(10 required\)\n$/);
  });

  it('manifest.json#ENTRY names the entry, as --json shows', async () => {
    const r = await runCli(['verify', at('planted', 'planted-0000.json'), `${at('planted', 'manifest.json')}#planted-0000.json`, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, correct: 10, total: 10 });
  });

  it('another entry\'s witness is checked on FILE, with a note; it need not fit', async () => {
    const r = await runCli(['verify', at('planted', 'planted-0000.json'), `${at('planted', 'manifest.json')}#planted-0001.json`]);
    expect(r.err).toMatch(/note: checking the witness of planted-0001\.json on .*planted-0000\.json, another file/);
    expect([0, 1]).toContain(r.code);
    expect(r.out).toMatch(r.code === 0 ? /^valid/ : /^invalid/);
  });

  it('bad input (exit 2) names the manifest: unknown entry, no entry for FILE, no witness, a CNF assignment, a witness of another shape', async () => {
    const m = at('planted', 'manifest.json');
    const unknown = await runCli(['verify', at('planted', 'planted-0000.json'), `${m}#nope.json`]);
    expect([unknown.code, unknown.err]).toEqual([2, `trainsat: ${m}: no entry with "file": "nope.json" (entries: planted-0000.json, planted-0001.json)\n`]);
    const other = await runCli(['verify', at('untrainable', 'untrainable-0000.json'), m]);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/manifest\.json: no entry for .*untrainable-0000\.json/);
    const none = await runCli(['verify', at('untrainable', 'untrainable-0000.json'), at('untrainable', 'manifest.json')]);
    expect(none.err).toMatch(/untrainable-0000\.json has no witness \(a witness comes with a trainable entry\)\n$/);
    expect(none.code).toBe(2);
    const cnf = await runCli(['verify', at('planted', 'planted-0000.json'), `${at('cnf', 'manifest.json')}#cnf-planted-0000.cnf`]);
    expect(cnf.err).toMatch(/cnf-planted-0000\.cnf's witness is a CNF assignment, not parameters/);
    const shaped = at('shaped', 'manifest.json');
    await runCli(['gen', 'planted', '-n', '1', '-o', at('shaped')]);
    writeFileSync(shaped, JSON.stringify([{ file: 'planted-0000.json', expected: 'trainable', witness: { out: { weights: [1], threshold: 0 } } }]));
    const bad = await runCli(['verify', at('shaped', 'planted-0000.json'), shaped]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^trainsat: .*shaped\/manifest\.json#planted-0000\.json: out\.weights: expected 4 weights/);
  });

  it('a parameters file whose name holds # is still a parameters file', async () => {
    const p = at('p#1.json');
    writeFileSync(p, '{}');
    const r = await runCli(['verify', at('planted', 'planted-0000.json'), p]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/p#1\.json: \(root\): missing parameters for threshold unit "out"/);
  });
});
