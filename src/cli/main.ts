#!/usr/bin/env node
/**
 * The trainsat command line (DESIGN.md section 3). Thin on purpose: each command parses
 * its arguments, lazily imports the library pieces it needs (start-up time matters for
 * scripts that call trainsat many times), calls them and prints.
 *
 * Exit codes: 10 trainable / satisfiable, 20 untrainable / unsatisfiable, 0 unknown or
 * plain success, 1 failure of a check or an internal error, 2 bad input or usage.
 */

const BACKEND_HELP = "SAT backend: cadical (CaDiCaL in WebAssembly, default), minisat (MiniSat via logic-solver), or external:NAME (a DIMACS solver on PATH, e.g. external:kissat)";

function fail(e: unknown): number {
  const err = e as Error;
  if (err?.name === 'InputError' || err?.name === 'UnknownBackendError' || err?.name === 'SolverCapacityError') {
    process.stderr.write(`trainsat: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(`trainsat: ${err?.message ?? String(e)}\n`);
  if (process.env.TRAINSAT_DEBUG && err?.stack) process.stderr.write(err.stack + '\n');
  return 1;
}

/**
 * `trainsat sat FILE [--backend B] [--timeout S]` is called in loops by scripts and
 * benchmarks, so its plain forms skip loading yargs (about 70 ms of start-up). Anything
 * else (help, other options, malformed arguments) goes through yargs as usual.
 */
function fastSatArgs(argv: string[]): { file: string; backend?: string; timeoutSec?: number } | null {
  if (argv[0] !== 'sat') return null;
  let file: string | undefined;
  let backend: string | undefined;
  let timeoutSec: number | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '--backend' || a === '-b') && i + 1 < argv.length && !argv[i + 1].startsWith('-')) backend = argv[++i];
    else if ((a === '--timeout' || a === '-t') && i + 1 < argv.length && /^\d+(\.\d+)?$/.test(argv[i + 1])) timeoutSec = Number(argv[++i]);
    else if (file === undefined && (a === '-' || !a.startsWith('-'))) file = a;
    else return null;
  }
  return file === undefined ? null : { file, backend, timeoutSec };
}

async function main(argv: string[]): Promise<number> {
  const fast = fastSatArgs(argv);
  if (fast) {
    try {
      return await (await import('./sat.js')).satCommand(fast);
    } catch (e) {
      return fail(e);
    }
  }
  const { default: yargs } = await import('yargs');
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
    .command(
      'solve <file>',
      'Decide whether the instance is trainable; print trainable (with checked parameters), untrainable or unknown. Exit 10 / 20 / 0.',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'instance JSON (see instances/)' })
          .option('backend', { alias: 'b', type: 'string', default: 'cadical', describe: BACKEND_HELP })
          .option('timeout', { alias: 't', type: 'number', describe: 'time budget in seconds; unknown when it runs out' })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON object {status, parameters, backend, time_ms, stats}' })
          .option('certify', { type: 'boolean', default: false, describe: 'write a proof of untrainable answers (not available yet)' })
          .option('output', { alias: 'o', type: 'string', describe: 'also write the parameters found to this JSON file (for verify)' })
          .option('symmetry', { type: 'boolean', default: true, describe: 'break symmetry between interchangeable hidden units (--no-symmetry to turn off)' })
          .example('$0 solve instances/xor-3node.json', 'prints trainable and the weights, exit 10')
          .example('$0 solve instances/xor-perceptron.json --json', 'prints {"status":"untrainable",...}, exit 20'),
      (a) =>
        run(async () =>
          (await import('./solve.js')).solveCommand({
            file: a.file as string,
            backend: a.backend,
            timeout: a.timeout,
            json: a.json,
            certify: a.certify,
            output: a.output,
            symmetry: a.symmetry,
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
          .option('timeout', { alias: 't', type: 'number', describe: 'time budget in seconds; s UNKNOWN when it runs out' })
          .option('proof', { type: 'string', describe: 'write a DRAT proof (not available yet)' })
          .example('$0 sat formula.cnf', 'competition output, exit 10 or 20'),
      (a) =>
        run(async () => {
          if (a.proof !== undefined) {
            const { InputError } = await import('../model/errors.js');
            throw new InputError('--proof is not available yet (proofs are tracked in issue 3)', 'sat');
          }
          return (await import('./sat.js')).satCommand({ file: a.file as string, backend: a.backend, timeoutSec: a.timeout });
        })(),
    )
    .command(
      'verify <file> <params>',
      'Check given parameters exactly (rational arithmetic) on every example. Exit 0 valid, 1 invalid.',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'instance JSON' })
          .positional('params', { type: 'string', demandOption: true, describe: 'parameters JSON, e.g. from solve -o' })
          .option('json', { type: 'boolean', default: false, describe: 'print the check result as JSON' })
          .example('$0 solve instances/xor-3node.json -o p.json && $0 verify instances/xor-3node.json p.json', ''),
      (a) => run(async () => (await import('./verify.js')).verifyCommand({ file: a.file as string, params: a.params as string, json: a.json }))(),
    )
    .command(
      'encode <file>',
      'Write the loading problem as a formula for other solvers (satisfiable iff trainable).',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'instance JSON' })
          .option('to', { type: 'string', default: 'dimacs', choices: ['dimacs', 'lp', 'smt2'], describe: 'output format (lp and smt2: not available yet)' })
          .option('output', { alias: 'o', type: 'string', describe: 'output file (default stdout)' })
          .option('symmetry', { type: 'boolean', default: true, describe: 'symmetry breaking between interchangeable hidden units' })
          .example('$0 encode instances/xor-3node.json -o xor.cnf && $0 sat xor.cnf', ''),
      (a) =>
        run(async () =>
          (await import('./encode.js')).encodeCommand({ file: a.file as string, to: a.to, output: a.output, symmetry: a.symmetry }),
        )(),
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
          .option('backend', { alias: 'b', type: 'string', default: 'cadical', describe: BACKEND_HELP })
          .option('timeout', { alias: 't', type: 'number', describe: 'time budget for --solve in seconds' })
          .option('html', { type: 'string', describe: 'also write the run as a self-contained HTML page (solves unless --no-solve)' })
          .example('$0 reduce set-splitting split.json --target blum-rivest-and -o net.json', 'write the 3-node training instance')
          .example('$0 reduce 3sat f.cnf --target blum-rivest --explain', 'the whole chain, step by step, and the assignment read off the weights'),
      (a) =>
        run(async () =>
          (await import('./reduce.js')).reduceCommand({
            source: a.source as string,
            file: a.file as string,
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
    .demandCommand(1, 'Say which command to run; see trainsat --help.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`trainsat: ${msg}\nRun trainsat --help for usage.\n`);
      process.exit(2);
    })
    .parseAsync();
  return code;
}

// Exit as soon as the answer is out: stdout/stderr writes to files and pipes are
// synchronous on POSIX, and waiting for V8 to finish background work (e.g. tiering up
// the WebAssembly solver) would add ~100 ms to every short run.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => process.exit(fail(e)),
);
