/**
 * Fake DIMACS solver binaries for testing the external backend without any native solver:
 * small Node scripts written to a temp directory, marked executable, found on PATH. The
 * honest fakes brute-force the CNF they are given and print SAT-competition output (or a
 * MiniSat-style result file); the others lie, hang, say nothing, give up or get killed.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Shared prelude: read and brute-force the CNF named by argv[2] (tiny formulas only). */
const PRELUDE = `
const fs = require('node:fs');
const text = fs.readFileSync(process.argv[process.argv.length - (MINISAT ? 2 : 1)], 'utf8');
const toks = text.split('\\n').filter((l) => !/^\\s*(c|p|%)/.test(l)).join(' ').split(/\\s+/).filter(Boolean).map(Number);
const header = /p cnf (\\d+) (\\d+)/.exec(text);
const n = Number(header[1]);
const clauses = [];
let cur = [];
for (const t of toks) { if (t === 0) { clauses.push(cur); cur = []; } else cur.push(t); }
let model = null;
for (let a = 0; a < (1 << n) && !model; a++) {
  const val = (l) => (l > 0 ? (a >> (l - 1)) & 1 : !((a >> (-l - 1)) & 1));
  if (clauses.every((c) => c.some(val))) model = Array.from({ length: n }, (_, i) => ((a >> i) & 1 ? i + 1 : -(i + 1)));
}
`;

const SCRIPTS: Record<string, string> = {
  // SAT competition output, the model split over several v lines, with chatter around it.
  'fake-sat': `const MINISAT = false;${PRELUDE}
console.log('c fake solver');
if (model) {
  console.log('s SATISFIABLE');
  for (let i = 0; i < model.length; i += 3) console.log('v ' + model.slice(i, i + 3).join(' '));
  console.log('v 0');
  process.exit(10);
} else { console.log('s UNSATISFIABLE'); process.exit(20); }
`,
  // MiniSat convention: NAME -verb=0 in.cnf result.txt
  'fake-minisat': `const MINISAT = true;${PRELUDE}
const out = process.argv[process.argv.length - 1];
if (process.argv[2] !== '-verb=0') { console.error('expected -verb=0'); process.exit(1); }
console.log('fake minisat statistics that are not competition output');
if (model) { fs.writeFileSync(out, 'SAT\\n' + model.join(' ') + ' 0\\n'); process.exit(10); }
fs.writeFileSync(out, 'UNSAT\\n'); process.exit(20);
`,
  // Claims every formula satisfiable with the all-false model.
  'fake-liar': `const MINISAT = false;${PRELUDE}
console.log('s SATISFIABLE');
console.log('v ' + Array.from({ length: n }, (_, i) => -(i + 1)).join(' ') + ' 0');
`,
  'fake-hang': `setInterval(() => {}, 1000);`,
  // Hangs after writing its pid and the CNF path it was given to $TRAINSAT_FAKE_PIDFILE.
  'fake-hang-pid': `require('node:fs').writeFileSync(process.env.TRAINSAT_FAKE_PIDFILE, process.pid + ' ' + process.argv[process.argv.length - 1]); setInterval(() => {}, 1000);`,
  'fake-silent': `console.error('fake-silent: segmentation fault (not really)'); process.exit(1);`,
  'fake-nomodel': `console.log('s SATISFIABLE');`,
  // Gives up at once by itself, as a solver at its own memory limit does.
  'fake-unknown': `console.log('c out of memory'); console.log('s UNKNOWN'); process.exit(0);`,
  // Killed by a signal before answering, as by the kernel's out-of-memory killer.
  'fake-killed': `console.error('fake-killed: allocating'); process.kill(process.pid, 'SIGKILL');`,
};

export interface FakeSolvers {
  dir: string;
  restore(): void;
}

/** Writes the fake solvers and puts their directory first on PATH; `restore()` undoes it. */
export function installFakeSolvers(): FakeSolvers {
  const dir = mkdtempSync(join(tmpdir(), 'trainsat-fakes-'));
  for (const [name, body] of Object.entries(SCRIPTS)) {
    const p = join(dir, name);
    writeFileSync(p, `#!${process.execPath}\n${body}`);
    chmodSync(p, 0o755);
  }
  const oldPath = process.env.PATH;
  process.env.PATH = `${dir}${delimiter}${oldPath ?? ''}`;
  return {
    dir,
    restore() {
      process.env.PATH = oldPath;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
