/**
 * What the CLI does to files (in-process through its main; pipes, FIFOs and stdin with
 * the built CLI as a child process): gen --force replaces only a corpus that gen wrote; an output
 * that is one of the inputs is refused; an output a run's answer does not produce is
 * removed rather than left stale; `-` and other non-regular targets are written in
 * place, symbolic links are written through.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replaceCorpus } from '../../src/cli/gen.js';
import { MAIN, ROOT, runCli, snapshot, tempDir } from '../helpers/cli.js';

const { path: tmp, fresh } = tempDir('files');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const XOR = join(ROOT, 'instances', 'xor-3node.json'); // trainable
const XOR_PERCEPTRON = join(ROOT, 'instances', 'xor-perceptron.json'); // untrainable

function copyOf(src: string, name: string): string {
  const d = fresh();
  mkdirSync(d);
  const p = join(d, name);
  writeFileSync(p, readFileSync(src));
  return p;
}

describe('gen --force replaces only a corpus that gen wrote', () => {
  const GEN = ['gen', 'planted', '--count', '3', '--seed', '4'];

  it('a manifest that names a file of the user: refused, exit 2, nothing touched', async () => {
    const d = fresh();
    mkdirSync(d);
    writeFileSync(join(d, 'precious.txt'), 'mine');
    writeFileSync(join(d, 'manifest.json'), JSON.stringify([{ file: 'precious.txt', expected: 'trainable' }]));
    const before = snapshot(d);
    const r = await runCli([...GEN, '--force', '-o', d]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/manifest\.json: was not written by trainsat gen/);
    expect(snapshot(d)).toEqual(before);
  });

  it('a copy of instances/ (a hand-written manifest): every curated file survives', async () => {
    const d = fresh();
    cpSync(join(ROOT, 'instances'), d, { recursive: true });
    const before = snapshot(d);
    for (const kind of ['planted', 'untrainable']) {
      const r = await runCli(['gen', kind, '--count', '2', '--force', '-o', d]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/not written by trainsat gen/);
    }
    expect(snapshot(d)).toEqual(before);
    expect(readdirSync(tmp).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it("a gen manifest even with gen's mark names only what gen's pattern allows: a listed directory or link is not deleted, and a new file over it is refused", async () => {
    const d = fresh();
    expect((await runCli([...GEN, '-o', d])).code).toBe(0);
    // The user turned one corpus file into a directory and another into a link to their own file.
    rmSync(join(d, 'planted-0001.json'));
    mkdirSync(join(d, 'planted-0001.json'));
    writeFileSync(join(d, 'planted-0001.json', 'inside.txt'), 'mine');
    const outside = join(fresh() + '-precious.txt');
    writeFileSync(outside, 'precious');
    rmSync(join(d, 'planted-0002.json'));
    symlinkSync(outside, join(d, 'planted-0002.json'));
    const before = snapshot(d);
    const r = await runCli(['gen', 'planted', '--count', '3', '--seed', '5', '--force', '-o', d]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/planted-0001\.json: exists and is not part of a corpus that trainsat gen wrote/);
    expect(snapshot(d)).toEqual(before);
    expect(readFileSync(outside, 'utf8')).toBe('precious');
    // A smaller corpus does not need those names: replaced around them, nothing of theirs deleted.
    const small = await runCli(['gen', 'planted', '--count', '1', '--seed', '5', '--force', '-o', d]);
    expect(small.code).toBe(0);
    expect(readFileSync(join(d, 'planted-0001.json', 'inside.txt'), 'utf8')).toBe('mine');
    expect(readlinkSync(join(d, 'planted-0002.json'))).toBe(outside);
    expect(readFileSync(outside, 'utf8')).toBe('precious');
    expect(JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')).map((e: { file: string }) => e.file)).toEqual(['planted-0000.json']);
  });

  it('a file of the user with a name of the new corpus (no manifest): refused', async () => {
    const d = fresh();
    mkdirSync(d);
    writeFileSync(join(d, 'planted-0002.json'), 'mine');
    const r = await runCli([...GEN, '--force', '-o', d]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/planted-0002\.json: exists and is not part of a corpus/);
    expect(readdirSync(d)).toEqual(['planted-0002.json']);
  });

  it('replaces an earlier corpus (more files than the new one) and keeps the rest: the result is byte-identical to a fresh run', async () => {
    const d = fresh();
    expect((await runCli(['gen', 'planted', '--count', '5', '--seed', '1', '-o', d])).code).toBe(0);
    writeFileSync(join(d, 'notes.txt'), 'mine');
    expect((await runCli([...GEN, '--force', '-o', d])).code).toBe(0);
    const clean = fresh();
    expect((await runCli([...GEN, '-o', clean])).code).toBe(0);
    const expected = snapshot(clean);
    expected.set('notes.txt', 'mine');
    expect(snapshot(d)).toEqual(new Map([...expected].sort()));
    // The manifest says who wrote it; its other keys are as before.
    const [entry] = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
    expect(Object.keys(entry)).toEqual(['file', 'expected', 'witness', 'family', 'reason', 'generator']);
    expect(entry.generator).toBe('trainsat gen');
  });

  it('a failure in the middle of the replace step moves everything back', async () => {
    const d = fresh();
    expect((await runCli(['gen', 'planted', '--count', '3', '--seed', '1', '-o', d])).code).toBe(0);
    writeFileSync(join(d, 'notes.txt'), 'mine');
    const before = snapshot(d);
    const incoming = fresh();
    mkdirSync(incoming);
    // The new corpus lacks its second file, so moving it in fails after the first one.
    for (const f of ['planted-0000.json', 'planted-0002.json', 'manifest.json']) writeFileSync(join(incoming, f), `new ${f}`);
    expect(() => replaceCorpus(d, incoming, ['planted-0000.json', 'planted-0001.json', 'planted-0002.json'], ['planted-0000.json', 'planted-0001.json', 'planted-0002.json'])).toThrow(/ENOENT/);
    expect(snapshot(d)).toEqual(before);
    expect(readdirSync(incoming).sort()).toEqual(['manifest.json', 'planted-0000.json', 'planted-0002.json']);
  });

  it('-o - is refused (a corpus is a directory)', async () => {
    const r = await runCli([...GEN, '-o', '-']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/directory/);
  });
});

describe('an output that is an input is refused with exit 2, and the input is unchanged', () => {
  it('solve -o, solve --cert, sat --proof, encode -o, reduce -o / --html: the same path, a symlink, a hard link, stdin', async () => {
    const inst = copyOf(XOR, 'a.json');
    const untrainable = copyOf(XOR_PERCEPTRON, 'u.json');
    const cnf = copyOf(XOR_PERCEPTRON, 'u.json').replace(/u\.json$/, 'u.cnf');
    expect((await runCli(['encode', untrainable, '-o', cnf])).code).toBe(0);
    const split = join(fresh() + '-split.json');
    writeFileSync(split, JSON.stringify({ elements: 3, sets: [[0, 1], [1, 2]] }));
    const link = inst.replace(/a\.json$/, 'link.json');
    symlinkSync(inst, link);
    const hard = inst.replace(/a\.json$/, 'hard.json');
    linkSync(inst, hard);
    const cases: [string[], RegExp, string?][] = [
      [['solve', inst, '-o', inst], /a\.json: is also an input/],
      [['solve', inst, '-o', link], /link\.json: is also an input/],
      [['solve', inst, '-o', hard], /hard\.json: is also an input/],
      [['solve', '-', '-o', inst], /is also an input of this command \(-\)/, inst],
      [['solve', untrainable, '--certify', '--cert', untrainable], /u\.json: is also an input/],
      [['sat', cnf, '--proof', cnf], /u\.cnf: is also an input/],
      [['encode', inst, '-o', link], /is also an input/],
      [['reduce', 'set-splitting', split, '--target', 'blum-rivest-and', '-o', split], /is also an input/],
      [['reduce', 'set-splitting', split, '--target', 'blum-rivest-and', '--html', split], /is also an input/],
    ];
    const before = [inst, untrainable, cnf, split].map((f) => readFileSync(f, 'utf8'));
    for (const [args, why, stdinFile] of cases) {
      const r = await runCli(args, { stdinFile });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(why);
      expect(r.out, args.join(' ')).toBe('');
    }
    expect([inst, untrainable, cnf, split].map((f) => readFileSync(f, 'utf8'))).toEqual(before);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('plot -o naming an input file; two outputs naming one file', async () => {
    const d = fresh();
    mkdirSync(d);
    const results = join(d, 'r.html'); // a results file with the name of a report
    writeFileSync(results, '{"id":"x"}\n');
    const p = await runCli(['plot', results, '-o', results]);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/is also an input/);
    expect(readFileSync(results, 'utf8')).toBe('{"id":"x"}\n');
    const both = join(d, 'both.json');
    const s = await runCli(['solve', XOR_PERCEPTRON, '--certify', '--cert', both, '-o', both]);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/names the same file as another output/);
    expect(existsSync(both)).toBe(false);
  });
});

describe('outputs hold this run\'s answer or do not exist', () => {
  it('solve -o: written on trainable, an earlier file removed on untrainable (and said so on stderr)', async () => {
    const p = join(fresh() + '-params.json');
    expect((await runCli(['solve', XOR, '-o', p])).code).toBe(10);
    expect(JSON.parse(readFileSync(p, 'utf8'))).toHaveProperty('h1');
    const r = await runCli(['solve', XOR_PERCEPTRON, '-o', p]);
    expect(r.code).toBe(20);
    expect(existsSync(p)).toBe(false);
    expect(r.err).toMatch(/removed .*params\.json/);
    expect(r.out.split('\n')[0]).toBe('untrainable');
  });

  it('solve --certify --cert: an earlier certificate is removed when the answer is trainable', async () => {
    const c = join(fresh() + '-cert.json');
    expect((await runCli(['solve', XOR_PERCEPTRON, '--certify', '--cert', c])).code).toBe(20);
    expect((await runCli(['check', XOR_PERCEPTRON, c])).code).toBe(0);
    expect((await runCli(['solve', XOR, '--certify', '--cert', c])).code).toBe(10);
    expect(existsSync(c)).toBe(false);
  });

  it('sat --proof: an earlier proof is removed when the formula is satisfiable', async () => {
    const d = fresh();
    mkdirSync(d);
    const unsat = join(d, 'u.cnf');
    writeFileSync(unsat, 'p cnf 1 2\n1 0\n-1 0\n');
    const sat = join(d, 's.cnf');
    writeFileSync(sat, 'p cnf 1 1\n1 0\n');
    const proof = join(d, 'p.drat');
    expect((await runCli(['sat', unsat, '--proof', proof])).code).toBe(20);
    expect(existsSync(proof)).toBe(true);
    expect((await runCli(['sat', sat, '--proof', proof])).code).toBe(10);
    expect(existsSync(proof)).toBe(false);
  });
});

describe('output targets: - for stdout, descriptors, symlinks, permissions, FIFOs', () => {
  it('solve -o - prints only the parameters JSON on stdout (the report goes to stderr); -o - with --json is refused', async () => {
    const r = await runCli(['solve', XOR, '-o', '-']);
    expect(r.code).toBe(10);
    expect(Object.keys(JSON.parse(r.out))).toEqual(['h1', 'h2']);
    expect(r.err).toMatch(/^trainable\n/);
    const same = await runCli(['solve', XOR, '-o', '/dev/stdout']);
    expect(same.code).toBe(10);
    expect(JSON.parse(same.out)).toEqual(JSON.parse(r.out));
    const both = await runCli(['solve', XOR, '-o', '-', '--json']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/both print on stdout/);
    expect(both.out).toBe('');
  });

  it('solve --certify --cert - and sat --proof - print the certificate / proof on stdout; check and check-proof accept it', async () => {
    const d = fresh();
    mkdirSync(d);
    const c = await runCli(['solve', XOR_PERCEPTRON, '--certify', '--cert', '-']);
    expect(c.code).toBe(20);
    expect(c.err).toMatch(/^untrainable\n/);
    writeFileSync(join(d, 'cert.json'), c.out);
    expect((await runCli(['check', XOR_PERCEPTRON, join(d, 'cert.json')])).code).toBe(0);
    const cnf = join(d, 'u.cnf');
    writeFileSync(cnf, 'p cnf 2 4\n1 2 0\n-1 2 0\n1 -2 0\n-1 -2 0\n');
    const p = await runCli(['sat', cnf, '--proof', '-']);
    expect(p.code).toBe(20);
    expect(p.err).toMatch(/^s UNSATISFIABLE$/m);
    expect(p.out).not.toMatch(/^s /m);
    writeFileSync(join(d, 'p.drat'), p.out);
    expect((await runCli(['check-proof', cnf, join(d, 'p.drat')])).code).toBe(0);
  });

  it('reduce --html - prints the page on stdout and the text on stderr', async () => {
    const split = join(fresh() + '-split.json');
    writeFileSync(split, JSON.stringify({ elements: 3, sets: [[0, 1], [1, 2]] }));
    const r = await runCli(['reduce', 'set-splitting', split, '--target', 'blum-rivest-and', '--html', '-']);
    expect(r.code).toBe(10);
    expect(r.out).toMatch(/^<!doctype html>/i);
    expect(r.err).toMatch(/Solving the reduced instance/);
    const clash = await runCli(['reduce', 'set-splitting', split, '--target', 'blum-rivest-and', '--no-solve', '--html', '-']);
    expect(clash.code).toBe(2);
    expect(clash.out).toBe('');
  });

  it('writes through a symbolic link (the link stays), into a dangling link, and keeps the permission bits', async () => {
    const d = fresh();
    mkdirSync(d);
    const target = join(d, 'params.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const link = join(d, 'link.json');
    symlinkSync('params.json', link);
    expect((await runCli(['solve', XOR, '-o', link])).code).toBe(10);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toHaveProperty('h1');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const dangling = join(d, 'dangling.json');
    symlinkSync('made.json', dangling);
    expect((await runCli(['solve', XOR, '-o', dangling])).code).toBe(10);
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(d, 'made.json'), 'utf8'))).toHaveProperty('h1');
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a large output through a pipe arrives whole; a reader that goes away ends the run quietly with 141', async () => {
    const corpus = fresh();
    expect((await runCli(['gen', 'planted', '--preset', 'blum-rivest-and', '--inputs', '12', '--examples', '100', '--count', '1', '-o', corpus])).code).toBe(0);
    const inst = join(corpus, 'planted-0000.json');
    const file = join(corpus, 'f.cnf');
    expect((await runCli(['encode', inst, '-o', file])).code).toBe(0);
    const expected = readFileSync(file, 'latin1');
    expect(expected.length).toBeGreaterThan(1 << 20); // far beyond a pipe's buffer
    const piped = spawnSync(process.execPath, [MAIN, 'encode', inst], { cwd: ROOT, encoding: 'latin1', maxBuffer: 1 << 30 });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(expected);
    // `trainsat sat units.cnf | head -c 1`: the model lines are far longer than the pipe takes at once.
    const units = join(corpus, 'units.cnf');
    const n = 200_000;
    writeFileSync(units, `p cnf ${n} ${n}\n${Array.from({ length: n }, (_, i) => `${i + 1} 0\n`).join('')}`);
    const child = spawn(process.execPath, [MAIN, 'sat', units], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(141);
    expect(err).toBe('');
  });

  it('an output that is a directory is exit 2', async () => {
    const d = fresh();
    mkdirSync(d);
    const r = await runCli(['encode', XOR, '-o', d]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is a directory/);
  });

  it.skipIf(spawnSync('mkfifo', ['--version']).status !== 0)('a FIFO stays a FIFO and gets the whole output', async () => {
    const d = fresh();
    mkdirSync(d);
    const fifo = join(d, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reading = new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      createReadStream(fifo)
        .on('data', (c) => chunks.push(c as Buffer))
        .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
        .on('error', reject);
    });
    const child = spawn(process.execPath, [MAIN, 'encode', XOR, '-o', fifo], { cwd: ROOT });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const text = await reading;
    expect(text).toBe((await runCli(['encode', XOR])).out);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
