/**
 * `npm run bench -- fuzz [--count N] [--seed S] [--backends a,b,...] [--timeout S]
 *  [--z3-timeout S] [--findings DIR] [--shrink] [--wide]`: random instances of every unit
 * kind and input kind (bench/fuzz-oracle.ts), each decided by z3 on SMT-LIB written from
 * the semantics and by every backend; prints what was tried (per unit kind, input kind and
 * depth) and, per backend, how many answers agree, disagree, are unknown or crash. Every
 * disagreement or crash is written to DIR (default /tmp/fuzz-findings) as JSON with the
 * instance, and the run exits 1; with --shrink, each finding of no known class is
 * also shrunk greedily (fewer examples, units, inputs, simpler values) while the backend
 * still fails the same way, and written as seed-N-BACKEND.min.json. --wide makes every
 * instance wide (4-7 inputs, 8-20 examples, up to 3 more units). Case i of a run is seed
 * S + i, so `--seed S+i --count 1` (with the same --wide) replays it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_BACKENDS,
  FEATURE_KINDS,
  generateCase,
  haveZ3,
  INPUT_DOMAINS,
  recordFindings,
  runCase,
  sameFailure,
  SHAPES,
  shrinkInstance,
  type CaseResult,
  type Outcome,
} from '../fuzz-oracle.js';
import { table } from '../lib.js';

export const description = 'differential fuzzing of every backend against z3 on independently written SMT-LIB (random networks of every unit kind)';

interface Options {
  count: number;
  seed: number;
  backends: string[];
  timeoutMs: number;
  z3TimeoutS: number;
  findings: string;
  shrink: boolean;
  wide: boolean;
}

function parseArgs(args: string[]): Options {
  const o: Options = { count: 500, seed: 1, backends: [...DEFAULT_BACKENDS], timeoutMs: 10_000, z3TimeoutS: 10, findings: '/tmp/fuzz-findings', shrink: false, wide: false };
  const num = (flag: string, v: string | undefined, min: number): number => {
    const x = Number(v);
    if (v === undefined || !Number.isFinite(x) || x < min) throw new Error(`fuzz suite: ${flag} needs a number >= ${min}, got ${v}`);
    return x;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = args[i + 1];
    switch (a) {
      case '--count':
        o.count = Math.floor(num(a, v, 1));
        i++;
        break;
      case '--seed':
        o.seed = Math.floor(num(a, v, 0));
        i++;
        break;
      case '--backends':
        if (!v) throw new Error('fuzz suite: --backends needs a comma-separated list');
        o.backends = v.split(',').filter(Boolean);
        i++;
        break;
      case '--timeout':
        o.timeoutMs = num(a, v, 0.001) * 1000;
        i++;
        break;
      case '--z3-timeout':
        o.z3TimeoutS = Math.ceil(num(a, v, 1));
        i++;
        break;
      case '--findings':
        if (!v) throw new Error('fuzz suite: --findings needs a directory');
        o.findings = v;
        i++;
        break;
      case '--shrink':
        o.shrink = true;
        break;
      case '--wide':
        o.wide = true;
        break;
      default:
        throw new Error(`fuzz suite: unknown option ${a} (options: --count N --seed S --backends a,b --timeout S --z3-timeout S --findings DIR --shrink --wide)`);
    }
  }
  return o;
}

type Tally = Record<Outcome, number>;
const zero = (): Tally => ({ agree: 0, disagree: 0, unknown: 0, error: 0 });
const cell = (t: Tally | undefined) => (t ? `${t.agree}/${t.disagree}/${t.unknown}/${t.error}` : '-');

export async function run(args: string[]): Promise<void> {
  const o = parseArgs(args);
  if (!haveZ3()) {
    console.log('fuzz: z3 is not on PATH (apt-get install z3): skipped');
    return;
  }
  console.log(`fuzz: ${o.count}${o.wide ? ' wide' : ''} instances, seeds ${o.seed}..${o.seed + o.count - 1}, backends ${o.backends.join(', ')}, budget ${o.timeoutMs / 1000} s per run, findings -> ${o.findings}`);

  let invalid = 0;
  const oracle = { trainable: 0, untrainable: 0, unknown: 0, errors: 0, ms: 0 };
  /** Per backend: overall, and known-class findings. */
  const perBackend = new Map<string, Tally & { known: number; ms: number }>();
  /** Row label -> instances, and per backend tallies. */
  const rows = new Map<string, { instances: number; per: Map<string, Tally> }>();
  const findings: string[] = [];
  const invalidReasons = new Map<string, number>();
  /** 'backend: reason' -> unknown answers (budget, solver, precision, ...). */
  const unknownWhy = new Map<string, number>();
  const t0 = performance.now();

  const addRow = (label: string, res: CaseResult) => {
    let row = rows.get(label);
    if (!row) rows.set(label, (row = { instances: 0, per: new Map() }));
    row.instances++;
    for (const r of res.runs) {
      let t = row.per.get(r.backend);
      if (!t) row.per.set(r.backend, (t = zero()));
      t[r.outcome]++;
    }
  };

  for (let i = 0; i < o.count; i++) {
    const c = generateCase(o.seed + i, { wide: o.wide });
    const res = await runCase(c, { backends: o.backends, timeoutMs: o.timeoutMs, z3TimeoutS: o.z3TimeoutS });
    if (res.invalid !== undefined) {
      invalid++;
      const key = res.invalid.replace(/\d+/g, '#').slice(0, 120);
      invalidReasons.set(key, (invalidReasons.get(key) ?? 0) + 1);
      continue;
    }
    oracle[res.oracle!.status]++;
    oracle.ms += res.oracle!.ms;
    if (res.oracleError) oracle.errors++;
    for (const r of res.runs) {
      let t = perBackend.get(r.backend);
      if (!t) perBackend.set(r.backend, (t = { ...zero(), known: 0, ms: 0 }));
      t[r.outcome]++;
      t.ms += r.ms;
      if (r.outcome === 'unknown') {
        const why = r.status === 'unknown' ? (r.message ?? 'no reason given').split(':')[0] : 'z3 unknown';
        const key = `${r.backend}: ${why}`;
        unknownWhy.set(key, (unknownWhy.get(key) ?? 0) + 1);
      }
      if ((r.outcome === 'disagree' || r.outcome === 'error') && r.knownClass) t.known++;
      if (r.outcome === 'disagree' || r.outcome === 'error') {
        const tag = r.knownClass ? ` [known: ${r.knownClass}]` : ' [NEW]';
        console.log(
          `  seed ${c.seed} ${r.backend}: ${r.outcome} (trainsat ${r.status}, z3 ${res.oracle!.status})${tag}${r.message ? `: ${r.message.split('\n')[0].slice(0, 200)}` : ''}`,
        );
      }
    }
    if (res.oracleError) console.log(`  seed ${c.seed}: ORACLE ERROR ${res.oracleError}`);
    findings.push(...recordFindings(o.findings, res));
    if (o.shrink) {
      for (const r of res.runs) {
        if ((r.outcome !== 'disagree' && r.outcome !== 'error') || r.knownClass || r.backend === 'checkParameters') continue;
        const small = await shrinkInstance(c.instance, sameFailure(r.backend, r, { timeoutMs: o.timeoutMs, z3TimeoutS: o.z3TimeoutS }), 2000, 300_000);
        const file = join(o.findings, `seed-${c.seed}-${r.backend}.min.json`);
        writeFileSync(file, JSON.stringify(small.instance) + '\n');
        console.log(`    shrunk (${small.tries} tries) -> ${file}: ${JSON.stringify(small.instance)}`);
      }
    }
    addRow('all', res);
    for (const k of c.features.kinds) addRow(`kind ${k}`, res);
    for (const d of c.features.domains) addRow(`input ${d}`, res);
    addRow(`depth ${Math.min(c.features.depth, 4)}${c.features.depth >= 4 ? '+' : ''}`, res);
    if (c.shape) addRow(`shape ${c.shape}`, res);
    if (c.instance.examples.length > 8) addRow('more than 8 examples', res);
    if (c.instance.examples.length === 0) addRow('no examples', res);
    if (c.instance.network.inputs === 0) addRow('no network inputs', res);
    if (c.features.outputs > 1) addRow('multiple outputs', res);
    if (c.features.minCorrect) addRow('minCorrect', res);
    if (c.features.duplicates) addRow('duplicate example', res);
    if (c.features.contradictory) addRow('contradictory example', res);
    if ((i + 1) % 100 === 0) console.log(`  ... ${i + 1}/${o.count} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }

  const decided = o.count - invalid;
  console.log(`\n${o.count} generated, ${invalid} rejected by the parser as invalid instances (skipped), ${decided} decided by z3: ` +
    `${oracle.trainable} trainable, ${oracle.untrainable} untrainable, ${oracle.unknown} unknown; ` +
    `z3 mean ${(oracle.ms / Math.max(decided, 1)).toFixed(0)} ms; oracle self-check failures: ${oracle.errors}`);
  for (const [why, k] of invalidReasons) console.log(`  invalid x${k}: ${why}`);

  console.log('\nper backend (outcome of each run against z3):\n');
  console.log(
    table(
      ['backend', 'runs', 'agree', 'disagree', 'unknown', 'error', 'of which known', 'mean ms'],
      [...perBackend].map(([b, t]) => {
        const runs = t.agree + t.disagree + t.unknown + t.error;
        return [b, String(runs), String(t.agree), String(t.disagree), String(t.unknown), String(t.error), String(t.known), (t.ms / Math.max(runs, 1)).toFixed(0)];
      }),
    ),
  );

  if (unknownWhy.size > 0) {
    console.log(`\nunknown answers by reason: ${[...unknownWhy].sort().map(([k, v]) => `${k} ${v}`).join('; ')}`);
  }

  const order = [
    'all',
    ...FEATURE_KINDS.map((k) => `kind ${k}`),
    ...INPUT_DOMAINS.map((d) => `input ${d}`),
    'depth 1',
    'depth 2',
    'depth 3',
    'depth 4+',
    ...SHAPES.map((sh) => `shape ${sh}`),
    'more than 8 examples',
    'no examples',
    'no network inputs',
    'multiple outputs',
    'minCorrect',
    'duplicate example',
    'contradictory example',
  ];
  const backends = [...perBackend.keys()];
  console.log('\ninstances per feature; per backend agree/disagree/unknown/error:\n');
  console.log(
    table(
      ['instances with', 'count', ...backends],
      order.filter((l) => rows.has(l)).map((l) => [l, String(rows.get(l)!.instances), ...backends.map((b) => cell(rows.get(l)!.per.get(b)))]),
    ),
  );
  const bad = [...perBackend.values()].reduce((s, t) => s + t.disagree + t.error, 0);
  const known = [...perBackend.values()].reduce((s, t) => s + t.known, 0);
  console.log(`\n${bad} findings (${known} of known classes, ${bad - known} other), ${oracle.errors} oracle errors; files: ${findings.length ? o.findings : 'none'}`);
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (bad > 0 || oracle.errors > 0) process.exitCode = 1;
}
