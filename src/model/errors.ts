/**
 * Bad input (malformed JSON, wrong arity, broken DIMACS, unknown ids...). The CLI turns
 * an InputError into its message on stderr and exit code 2, with no stack trace and no
 * output file. The message always names where the problem is: a JSON path such as
 * `examples[3].x` or a `file:line`.
 */
export class InputError extends Error {
  override name = 'InputError';
  constructor(message: string, readonly where?: string) {
    super(where ? `${where}: ${message}` : message);
  }
}

/**
 * A backend produced parameters that fail exact evaluation on the instance: a bug in an
 * encoder, a decoder or a solver, never an answer. Every backend throws this one class.
 */
export class VerificationError extends Error {
  override name = 'VerificationError';
}
