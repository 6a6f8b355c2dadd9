/**
 * `trainsat check FILE CERT [--forward]`: verifies a certificate of untrainability written
 * by `trainsat solve FILE --certify`, of either kind: the hybrid procedure's or a DRUP proof
 * over the bit-blasted CNF (src/exact/certificate.ts; trust bases described there). A DRUP
 * proof is checked backwards, only the clauses the refutation uses, unless `--forward`
 * (every clause in order); a rejection names the first failing clause either way.
 *
 *   certificate verified: untrainable              exit 0
 *   certificate rejected at step N: reason         exit 1 (N: 1-based step of the bundle's
 *                                                   steps, or clause of its proof)
 *   malformed bundle or instance, another instance exit 2 (InputError naming the JSON path;
 *   or another skeleton / CNF                       `format` for a format other than
 *                                                   trainsat-certificate-2 and
 *                                                   trainsat-drup-certificate-1)
 */
import { InputError } from '../model/errors.js';

export interface CheckOptions {
  file: string;
  cert: string;
  /** Check every clause of a DRUP proof, forward (default: backwards, only the clauses the refutation uses). */
  forward?: boolean;
  /** Where to print (default process.stdout). */
  out?: NodeJS.WritableStream;
}

export async function checkCommand(opts: CheckOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  if (opts.file === '-' && opts.cert === '-') throw new InputError('the instance and the certificate cannot both come from stdin', 'check');
  const { readText } = await import('./io.js');
  const { parseInstance } = await import('../model/parse.js');
  const { parseJsonText } = await import('../model/json-input.js');
  const { parseCertificate, checkCertificate } = await import('../exact/certificate.js');
  const instance = parseInstance(readText(opts.file), opts.file);
  // Malformed JSON: `CERT:line:column: invalid JSON: ...`, like instance files.
  const bundle = parseCertificate(parseJsonText(readText(opts.cert), opts.cert), opts.cert);
  const r = checkCertificate(instance, bundle, opts.cert, { forward: opts.forward });
  if (r.ok) {
    out.write('certificate verified: untrainable\n');
    return 0;
  }
  out.write(`certificate rejected at step ${r.step}: ${r.reason}\n`);
  return 1;
}
