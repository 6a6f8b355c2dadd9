/**
 * For tests of instance validation: parseInstanceValue must throw an InputError whose
 * message names the JSON path (and contains the fragment, when given).
 */
import { expect } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import { parseInstanceValue } from '../../src/model/parse.js';

export function expectInputError(value: unknown, path: string, fragment?: string): InputError {
  let err: unknown;
  try {
    parseInstanceValue(value);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  const msg = (err as InputError).message;
  expect(msg).toContain(`${path}: `);
  if (fragment !== undefined) expect(msg).toContain(fragment);
  return err as InputError;
}
