/**
 * Messages reach a terminal: a file name (or any argument) with control characters in it
 * must not carry them to stderr, where ESC [ ... would be a terminal escape sequence.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir('messages');

describe('messages on stderr', () => {
  it('a file name with an escape sequence, CR and a C1 control is shown escaped; non-ASCII letters stay', async () => {
    const name = 'bad\u001b[31mred\rdonn\u00e9es\u009b.json';
    const path = join(tmp.path, name);
    writeFileSync(path, '{"network": ');
    const r = await runCli(['solve', path]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.err).toContain('bad\\x1B[31mred\\x0Ddonnées\\x9B.json');
  });

  it('a missing file named with control characters: the same', async () => {
    const r = await runCli(['verify', 'no\u0007such.json', 'p\u001b.json']);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.err).toContain('no\\x07such.json');
  });
});
