/**
 * File input/output for the CLI. Reading names the file in errors; writing is atomic
 * (a temporary file renamed into place), so a failed command never leaves a partial
 * output file behind.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../model/errors.js';

export function readText(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((e as Error).message);
    throw new InputError(why, file);
  }
}

/** Writes `text` to `file` atomically; `-` writes to stdout. */
export function writeAtomic(file: string, text: string): void {
  if (file === '-') {
    process.stdout.write(text);
    return;
  }
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw new InputError(`cannot write: ${(e as Error).message}`, file);
  }
}
