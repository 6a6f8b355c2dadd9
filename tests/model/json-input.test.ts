/**
 * The JSON error locator agrees with JSON.parse on what is valid, points at the first bad
 * character, and line/column and path formatting are right.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatPath, lineColumn, locateJsonError } from '../../src/model/json-input.js';

function valid(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

describe('locateJsonError', () => {
  test('accepts everything JSON.stringify produces', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
      expect(locateJsonError(JSON.stringify(v, null, pretty ? 2 : undefined))).toBeNull();
    }), { numRuns: 300 });
  });
  test('agrees with JSON.parse on damaged JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '\\', '-', '0', 'e', ' ', '\n', 'x'), (s, pos, ins) => {
        const i = s.length === 0 ? 0 : pos % (s.length + 1);
        for (const t of [s.slice(0, i) + ins + s.slice(i), s.slice(0, i) + s.slice(i + 1)]) {
          const loc = locateJsonError(t);
          expect(loc === null, JSON.stringify(t)).toBe(valid(t));
          if (loc) expect(loc.offset).toBeLessThanOrEqual(t.length);
        }
      }),
      { numRuns: 1000 },
    );
  });
  test('agrees with JSON.parse on short random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}[]",:01-.eE tfalsenru\\'.split('')), maxLength: 8 }), (t) => {
        expect(locateJsonError(t) === null, JSON.stringify(t)).toBe(valid(t));
      }),
      { numRuns: 2000 },
    );
  });
  test('offsets point at the offending character', () => {
    expect(locateJsonError('[1,]')?.offset).toBe(3);
    expect(locateJsonError('{"a" 1}')?.offset).toBe(5);
    expect(locateJsonError('[01]')?.offset).toBe(2);
    expect(locateJsonError('"a\nb"')?.offset).toBe(2);
    expect(locateJsonError('[1')).toEqual({ offset: 2, message: "unexpected end of input, expected ',' or ']'" });
  });
});

describe('positions and paths', () => {
  test('lineColumn is 1-based', () => {
    expect(lineColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
  test('formatPath', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['examples', 3, 'x'])).toBe('examples[3].x');
    expect(formatPath(['network', 'units', 2, 'inputs', 1])).toBe('network.units[2].inputs[1]');
    expect(formatPath(['my unit', 'weights', 0])).toBe('["my unit"].weights[0]');
  });
});
