/**
 * Interrupted commands leave nothing behind: the built CLI is started,
 * the test waits until the command's temporary file or directory exists, then sends
 * SIGINT or SIGTERM. No timing is asserted: the waits are for files to appear.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIN, ROOT, runCli, snapshot, tempDir } from '../helpers/cli.js';

const IO = join(ROOT, 'dist', 'src', 'cli', 'io.js');
const { path: tmp, fresh } = tempDir('signals');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

function start(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; err: string }> } {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const done = new Promise<{ code: number | null; signal: string | null; err: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, err })),
  );
  return { child, done };
}

/** Resolves with the first entry of `dir` that `match` accepts, as soon as one exists. */
function appears(dir: string, match: (name: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    const check = () => {
      const hit = readdirSync(dir).find(match);
      if (hit === undefined) return false;
      watcher.close();
      resolve(hit);
      return true;
    };
    const watcher = watch(dir, () => check());
    check();
  });
}

describe('gen: an interrupt removes everything the run created', () => {
  it('SIGINT while generating a new DIR (under parents it created): exit 130, no DIR, no parents, no hidden directory', async () => {
    const base = fresh();
    mkdirSync(base);
    const dir = join(base, 'made', 'by', 'gen', 'corpus');
    const { child, done } = start(['gen', 'planted', '--count', '1000000', '-o', dir]);
    // The temporary directory sits next to DIR; once it exists, gen is generating.
    const parent = join(base, 'made', 'by', 'gen');
    await new Promise<void>((resolve) => {
      const poll = () => {
        let names: string[] = [];
        try {
          names = readdirSync(parent);
        } catch {
          /* not there yet */
        }
        if (names.some((f) => f.startsWith('.corpus.gen-'))) resolve();
        else setTimeout(poll, 5);
      };
      poll();
    });
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/interrupted \(SIGINT\)/);
    expect(readdirSync(base)).toEqual([]);
  });

  it('SIGTERM while generating a replacement (--force): exit 143, the old corpus exactly as it was', async () => {
    const dir = fresh();
    expect((await runCli(['gen', 'cnf-planted', '--count', '3', '-o', dir])).code).toBe(0);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const before = snapshot(dir);
    const { child, done } = start(['gen', 'cnf-planted', '--count', '1000000', '--seed', '2', '--force', '-o', dir]);
    await appears(dir, (f) => f.startsWith('.gen-new-'));
    child.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(143);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('single output files: an interrupt never leaves a temporary or half-written file', () => {
  it('a signal that arrives while writeOutput writes: the file is complete, the temporary is gone, exit 130 / 143', () => {
    // The child makes the signal arrive inside the write (between writing the temporary
    // file and renaming it), which is what an interrupt in the middle of a long write is.
    const script = join(tmp, 'write-under-signal.mjs');
    writeFileSync(
      script,
      `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const [target, signal] = process.argv.slice(2);
const rename = fs.renameSync;
fs.renameSync = (...a) => { process.kill(process.pid, signal); return rename(...a); };
syncBuiltinESMExports();
const { writeOutput } = await import(${JSON.stringify(IO)});
await writeOutput(target, 'x'.repeat(1 << 20));
console.log('not reached');
`,
    );
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const d = fresh();
      mkdirSync(d);
      const target = join(d, 'out.txt');
      const r = spawnSync(process.execPath, [script, target, signal], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(code);
      expect(r.stdout).toBe('');
      expect(readdirSync(d)).toEqual(['out.txt']);
      expect(readFileSync(target, 'utf8').length).toBe(1 << 20);
    }
  });

  it('a failed write removes its temporary file and leaves the old file', () => {
    const script = join(tmp, 'write-fails.mjs');
    writeFileSync(
      script,
      `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const [target] = process.argv.slice(2);
fs.renameSync = () => { throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }); };
syncBuiltinESMExports();
const { writeOutput } = await import(${JSON.stringify(IO)});
try { await writeOutput(target, 'new'); } catch (e) { console.log(e.name + ': ' + e.message); }
`,
    );
    const d = fresh();
    mkdirSync(d);
    const target = join(d, 'out.txt');
    writeFileSync(target, 'old');
    const r = spawnSync(process.execPath, [script, target], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^InputError: .*out\.txt: cannot write: ENOSPC/);
    expect(readdirSync(d)).toEqual(['out.txt']);
    expect(readFileSync(target, 'utf8')).toBe('old');
  });

  it('encode -o of a large formula, SIGINT as soon as its temporary file appears: no temporary file, and the output is absent or complete', async () => {
    const corpus = fresh();
    const g = await runCli(['gen', 'planted', '--preset', 'blum-rivest-and', '--inputs', '18', '--examples', '200', '--count', '1', '-o', corpus]);
    expect(g.code).toBe(0);
    const inst = join(corpus, 'planted-0000.json');
    const reference = (await runCli(['encode', inst])).out;
    expect(reference.length).toBeGreaterThan(1 << 20);
    const d = fresh();
    mkdirSync(d);
    const out = join(d, 'big.cnf');
    const { child, done } = start(['encode', inst, '-o', out]);
    await appears(d, (f) => f.endsWith('.tmp'));
    child.kill('SIGINT');
    const r = await done;
    // Depending on where the signal lands: handled after the write (130), or the process was
    // already past it (killed by the signal, or finished).
    expect([130, 0, null]).toContain(r.code);
    expect(readdirSync(d).filter((f) => f !== 'big.cnf')).toEqual([]);
    if (readdirSync(d).includes('big.cnf')) expect(readFileSync(out, 'latin1')).toBe(reference);
  });
});

describe('plot --svg: an interrupt leaves no half set of figures', () => {
  it('SIGINT as soon as the new directory appears: exit 130 with nothing left, or (the signal too late) every figure written', async () => {
    const base = fresh();
    mkdirSync(base);
    const results = join(base, 'results.jsonl');
    const sweep = await runCli(['sweep', '-n', '4', '--ratios', '1,2', '-k', '2', '-r', '2', '-e', '40', '--out', results]);
    expect(sweep.code, sweep.err).toBe(0);
    const { child, done } = start(['plot', results, '--svg', join(base, 'figs', 'deep')]);
    await appears(base, (n) => n === 'figs');
    child.kill('SIGINT');
    const { code, signal } = await done;
    const left = snapshot(base);
    left.delete('results.jsonl');
    if (left.size === 0) expect(code === 130 || signal === 'SIGINT').toBe(true);
    else {
      // Too late: finished (exit 0), or ended by the signal's default action after the
      // figures were in place and the handlers gone.
      expect(code === 0 || signal === 'SIGINT').toBe(true);
      expect([...left.keys()].filter((k) => k.endsWith('.svg')).length).toBeGreaterThanOrEqual(2);
      expect([...left.keys()].some((k) => k.includes('.tmp'))).toBe(false);
    }
  });
});
